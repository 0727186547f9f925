/* Closing a channel wakes every select blocked on it: 20 goroutines block
   in selects over a shared channel that is closed and a private one that
   never delivers; each is woken with the closed channel's case, ok false
   and the zero value, and leaves nothing queued on its private channel.
   A receive case with a NULL target works as well.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

enum { NG = 20 };

static gochan_chan *shared, *results;

static void
waiter (void *p)
{
  gochan_chan *mine = p;
  long v = 99, w;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (mine, &w),
    GOCHAN_SELECT_RECV_CASE (shared, &v),
    GOCHAN_SELECT_RECV_CASE (shared, NULL),
  };
  int k = gochan_select (cases, 3);
  long r = (k == 1 && v == 0 && !cases[1].ok) || (k == 2 && !cases[2].ok);
  CHECK_RC (gochan_chan_trysend (mine, &w), -EAGAIN);  /* no stale record */
  CHECK_RC (gochan_chan_send (results, &r), 0);
}

int
main (void)
{
  shared = GOCHAN_CHAN_MAKE (long, 0);
  results = GOCHAN_CHAN_MAKE (long, NG);
  gochan_chan *mine[NG];
  for (int i = 0; i < NG; i++)
    {
      mine[i] = GOCHAN_CHAN_MAKE (long, 0);
      CHECK_RC (gochan_go (waiter, mine[i]), 0);
    }
  gochan_sleep (5 * GOCHAN_MS);
  gochan_chan_close (shared);
  for (int i = 0; i < NG; i++)
    {
      long r = 0;
      CHECK_RC (gochan_chan_recv (results, &r), 0);
      CHECK_EQ (r, 1);
    }
  return 0;
}
