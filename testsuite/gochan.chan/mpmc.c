/* Multi-producer multi-consumer stress on 2 Ps: 8 producers send disjoint
   ranges of values through one channel (buffered, then unbuffered) to 8
   consumers; every value is received exactly once (none lost, none
   duplicated), the sum matches, and after the close every consumer ends. */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
/* { dg-require-effective-target smp } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <stdlib.h>
#include "gochan-test.h"

enum { NPROD = 8, NCONS = 8, PER = 40000, TOTAL = NPROD * PER };

static gochan_chan *data, *pdone, *cdone;
static unsigned char *seen;

static void
producer (void *p)
{
  long base = (long) (intptr_t) p * PER;
  for (long i = 0; i < PER; i++)
    {
      long v = base + i;
      CHECK_RC (gochan_chan_send (data, &v), 0);
    }
  CHECK_RC (gochan_chan_send (pdone, NULL), 0);
}

static void
consumer (void *p)
{
  (void) p;
  long v, n = 0;
  while (gochan_chan_recv (data, &v) == 0)
    {
      CHECK (v >= 0 && v < TOTAL);
      /* Each slot written by exactly one consumer: an atomic exchange
         catches duplicates across consumers. */
      CHECK_EQ (__atomic_exchange_n (&seen[v], 1, __ATOMIC_RELAXED), 0);
      n++;
    }
  CHECK_RC (gochan_chan_send (cdone, &n), 0);
}

static void
run (size_t cap)
{
  data = GOCHAN_CHAN_MAKE (long, cap);
  pdone = gochan_chan_make (0, 1, 0);
  cdone = GOCHAN_CHAN_MAKE (long, 0);
  seen = calloc (TOTAL, 1);
  CHECK (seen != NULL);
  for (int i = 0; i < NCONS; i++)
    CHECK_RC (gochan_go (consumer, NULL), 0);
  for (int i = 0; i < NPROD; i++)
    CHECK_RC (gochan_go (producer, (void *) (intptr_t) i), 0);
  for (int i = 0; i < NPROD; i++)
    CHECK_RC (gochan_chan_recv (pdone, NULL), 0);
  gochan_chan_close (data);
  long total = 0;
  for (int i = 0; i < NCONS; i++)
    {
      long n;
      CHECK_RC (gochan_chan_recv (cdone, &n), 0);
      total += n;
    }
  CHECK_EQ (total, TOTAL);
  for (long i = 0; i < TOTAL; i++)
    CHECK (seen[i]);
  free (seen);
  gochan_chan_release (data);
  gochan_chan_release (pdone);
  gochan_chan_release (cdone);
}

int
main (void)
{
  run (64);
  run (0);
  run (1);
  return 0;
}
