/* A buffered channel serves its blocked goroutines in the order they
   blocked, as Go's does: the values of senders blocked on a full channel
   are received after the buffered ones, in the order the senders blocked
   (whoever runs first once room appears); receivers blocked on an empty
   channel get the values in the order they blocked; a close lets the
   receivers drain what is buffered first.  One P, so that the order of
   blocking is forced (each goroutine runs, when main yields, until it
   blocks).  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 1 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include "gochan-test.h"

enum { CAP = 3, NW = 6 };

static gochan_chan *ch, *done;
static int got[NW];

static void
sender (void *p)
{
  int v = (int) (intptr_t) p;
  CHECK_RC (gochan_chan_send (ch, &v), 0);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

static void
receiver (void *p)
{
  int i = (int) (intptr_t) p, v = -1;
  CHECK_RC (gochan_chan_recv (ch, &v), 0);
  got[i] = v;
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

static void
drainer (void *p)
{
  int i = (int) (intptr_t) p, v = -1;
  int rc = gochan_chan_recv (ch, &v);
  got[i] = rc == 0 ? v : -100 + rc;
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

int
main (void)
{
  SKIP_UNLESS_ONE_P ();
  done = gochan_chan_make (0, 1, 2 * NW);
  for (int round = 0; round < 50; round++)
    {
      /* Senders: fill, then NW senders block in turn.  */
      ch = GOCHAN_CHAN_MAKE (int, CAP);
      for (int v = 0; v < CAP; v++)
        CHECK_RC (gochan_chan_send (ch, &v), 0);
      for (int i = 0; i < NW; i++)
        {
          CHECK_RC (gochan_go (sender, (void *) (intptr_t) (CAP + i)), 0);
          gochan_yield ();
        }
      CHECK_EQ (gochan_chan_len (ch), CAP);
      for (int v = 0; v < CAP + NW; v++)
        {
          int x = -1;
          CHECK_RC (gochan_chan_recv (ch, &x), 0);
          CHECK_EQ (x, v);
          if (v % 2)
            gochan_yield ();      /* let some senders run early */
        }
      for (int i = 0; i < NW; i++)
        CHECK_RC (gochan_chan_recv (done, NULL), 0);
      CHECK_EQ (gochan_chan_len (ch), 0);

      /* Receivers: NW block in turn on the empty channel.  */
      for (int i = 0; i < NW; i++)
        {
          got[i] = -1;
          CHECK_RC (gochan_go (receiver, (void *) (intptr_t) i), 0);
          gochan_yield ();
        }
      for (int v = 0; v < NW; v++)
        {
          CHECK_RC (gochan_chan_send (ch, &v), 0);
          if (v % 2)
            gochan_yield ();
        }
      for (int i = 0; i < NW; i++)
        CHECK_RC (gochan_chan_recv (done, NULL), 0);
      for (int i = 0; i < NW; i++)
        CHECK_EQ (got[i], i);

      /* Close: receivers blocked on the empty channel, then values and
         the close arrive before any of them runs: the first CAP get the
         values, in order, the rest see the close.  */
      for (int i = 0; i < NW; i++)
        {
          got[i] = -1;
          CHECK_RC (gochan_go (drainer, (void *) (intptr_t) i), 0);
          gochan_yield ();
        }
      for (int v = 0; v < CAP; v++)
        CHECK_RC (gochan_chan_trysend (ch, &v), 0);
      gochan_chan_close (ch);
      for (int i = 0; i < NW; i++)
        CHECK_RC (gochan_chan_recv (done, NULL), 0);
      for (int i = 0; i < NW; i++)
        CHECK_EQ (got[i], i < CAP ? i : -100 - EPIPE);
      gochan_chan_release (ch);
    }
  gochan_chan_release (done);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
