/* Select stress on 2 Ps: 6 producers send disjoint value ranges through
   selects over 4 channels (unbuffered and buffered mixed, some selects
   with deadlines, some non-blocking with a retry); 6 consumers receive
   through selects over the same 4 channels (some with deadlines); after
   the producers finish, the channels are closed and consumers drain and
   stop on ok == false.  Every value arrives exactly once.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
/* { dg-require-effective-target smp } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include <stdlib.h>
#include "gochan-test.h"

enum { NPROD = 6, NCONS = 6, PER = 20000, TOTAL = NPROD * PER, NCH = 4 };

static gochan_chan *ch[NCH], *pdone, *cdone;
static unsigned char *seen;

static void
producer (void *p)
{
  int id = (int) (intptr_t) p;
  for (int i = 0; i < PER; i++)
    {
      int v = id * PER + i;
      gochan_select_case cases[NCH];
      for (int k = 0; k < NCH; k++)
        cases[k] = gochan_select_send (ch[k], &v);
      int r;
      switch (i % 3)
        {
        case 0:
          r = gochan_select (cases, NCH);
          break;
        case 1:
          while ((r = gochan_select_until (cases, NCH, gochan_now () + 20 * GOCHAN_US)) < 0)
            CHECK_RC (r, -ETIMEDOUT);
          break;
        default:
          while ((r = gochan_select_try (cases, NCH)) < 0)
            {
              CHECK_RC (r, -EAGAIN);
              gochan_yield ();
            }
        }
      CHECK (r >= 0 && r < NCH);
    }
  CHECK_RC (gochan_chan_send (pdone, NULL), 0);
}

static void
consumer (void *p)
{
  (void) p;
  long n = 0;
  int v[NCH];
  gochan_select_case cases[NCH];
  for (int k = 0; k < NCH; k++)
    cases[k] = gochan_select_recv (ch[k], &v[k]);
  int open = NCH;
  for (long round = 0; open > 0; round++)
    {
      int r = round % 4 == 0
                ? gochan_select_until (cases, NCH, gochan_now () + 30 * GOCHAN_US)
                : gochan_select (cases, NCH);
      if (r == -ETIMEDOUT)
        continue;
      CHECK (r >= 0 && r < NCH);
      if (!cases[r].ok)
        {
          cases[r].chan = NULL;
          open--;
          continue;
        }
      CHECK (v[r] >= 0 && v[r] < TOTAL);
      CHECK_EQ (__atomic_exchange_n (&seen[v[r]], 1, __ATOMIC_RELAXED), 0);
      n++;
    }
  CHECK_RC (gochan_chan_send (cdone, &n), 0);
}

int
main (void)
{
  for (int k = 0; k < NCH; k++)
    ch[k] = GOCHAN_CHAN_MAKE (int, k % 2 ? 8 : 0);
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
  for (int k = 0; k < NCH; k++)
    gochan_chan_close (ch[k]);
  long total = 0, n;
  for (int i = 0; i < NCONS; i++)
    {
      CHECK_RC (gochan_chan_recv (cdone, &n), 0);
      total += n;
    }
  CHECK_EQ (total, TOTAL);
  for (long i = 0; i < TOTAL; i++)
    CHECK (seen[i]);
  return 0;
}
