/* Go's test/chan/doubleselect.go: one sender selects over four unbuffered
   channels, four goroutines forward from them into one channel, and the
   receiver checks that no value arrives twice (and, here, that every
   value arrives).  Two Ps, so that wakers race on the select's records
   (the original bug: a goroutine readied twice).  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <stdbool.h>
#include <stdlib.h>
#include "gochan-test.h"

enum { ITERATIONS = 100000 };

static gochan_chan *c[4], *done, *cmux;

static void
sender (void *p)
{
  (void) p;
  for (int i = 0; i < ITERATIONS; i++)
    {
      gochan_select_case cases[4];
      for (int k = 0; k < 4; k++)
        cases[k] = gochan_select_send (c[k], &i);
      int r = gochan_select (cases, 4);
      CHECK (r >= 0 && r < 4);
    }
  for (int k = 3; k >= 0; k--)
    gochan_chan_close (c[k]);
}

static void
mux (void *p)
{
  gochan_chan *in = p;
  int v;
  bool t = true;
  while (gochan_chan_recv (in, &v) == 0)
    CHECK_RC (gochan_chan_send (cmux, &v), 0);
  CHECK_RC (gochan_chan_send (done, &t), 0);
}

static void
closer (void *p)
{
  (void) p;
  bool t;
  for (int k = 0; k < 4; k++)
    CHECK_RC (gochan_chan_recv (done, &t), 0);
  gochan_chan_close (cmux);
}

int
main (void)
{
  for (int k = 0; k < 4; k++)
    c[k] = GOCHAN_CHAN_MAKE (int, 0);
  done = GOCHAN_CHAN_MAKE (bool, 0);
  cmux = GOCHAN_CHAN_MAKE (int, 0);
  CHECK_RC (gochan_go (sender, NULL), 0);
  for (int k = 0; k < 4; k++)
    CHECK_RC (gochan_go (mux, c[k]), 0);
  CHECK_RC (gochan_go (closer, NULL), 0);

  unsigned char *seen = calloc (ITERATIONS, 1);
  CHECK (seen != NULL);
  int v, n = 0;
  while (gochan_chan_recv (cmux, &v) == 0)
    {
      CHECK (v >= 0 && v < ITERATIONS);
      if (seen[v])
        {
          fprintf (stderr, "got duplicate value: %d\n", v);
          CHECK (0);
        }
      seen[v] = 1;
      n++;
    }
  CHECK_EQ (n, ITERATIONS);
  free (seen);
  return 0;
}
