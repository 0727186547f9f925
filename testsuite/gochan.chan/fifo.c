/* Go's test/chan/fifo.go: a buffered channel delivers in FIFO order, and
   blocked receivers are served in the order they arrived (a chain of
   goroutines, each waiting for its turn, receives 0, 1, 2... in turn).  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include "gochan-test.h"

enum { N = 10 };

static void
asynch_fifo (void)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, N);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_chan_send (ch, &i), 0);
  for (int i = 0; i < N; i++)
    {
      int v = -1;
      CHECK_RC (gochan_chan_recv (ch, &v), 0);
      CHECK_EQ (v, i);
    }
  gochan_chan_release (ch);
}

struct chain { gochan_chan *ch; int val; gochan_chan *in, *out; };

static void
chain (void *p)
{
  struct chain *a = p;
  int v, one = 1;
  CHECK_RC (gochan_chan_recv (a->in, &v), 0);
  CHECK_RC (gochan_chan_recv (a->ch, &v), 0);
  CHECK_EQ (v, a->val);
  CHECK_RC (gochan_chan_send (a->out, &one), 0);
}

static void
synch_fifo (void)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan *in = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan *start = in;
  for (int i = 0; i < N; i++)
    {
      gochan_chan *out = GOCHAN_CHAN_MAKE (int, 0);
      struct chain a = { ch, i, in, out };
      CHECK_RC (gochan_go_copy (chain, &a, sizeof a, _Alignof (struct chain)), 0);
      in = out;
    }
  int zero = 0;
  CHECK_RC (gochan_chan_send (start, &zero), 0);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_chan_send (ch, &i), 0);
  int v;
  CHECK_RC (gochan_chan_recv (in, &v), 0);
}

int
main (void)
{
  asynch_fifo ();
  synch_fifo ();
  return 0;
}
