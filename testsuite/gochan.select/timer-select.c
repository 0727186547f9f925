/* Timers in select: a receive that nobody serves loses to gochan_after's
   channel, at the timer's time; a channel that delivers first wins
   against a long timer; a loop with one gochan_timer as a total timeout
   and a ticker for periodic work, Go's classic shape.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

static void
slow (void *p)
{
  int v = 3;
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_RC (gochan_chan_send (p, &v), 0);
}

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  int v = 0;
  int64_t t, t0 = gochan_now ();

  gochan_chan *after = gochan_after (15 * GOCHAN_MS);
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (c, &v),
    GOCHAN_SELECT_RECV_CASE (after, &t),
  };
  CHECK_EQ (gochan_select (cases, 2), 1);
  CHECK_DURATION (gochan_now () - t0, 15 * GOCHAN_MS);
  CHECK (t >= t0 + 15 * GOCHAN_MS);
  gochan_chan_release (after);

  CHECK_RC (gochan_go (slow, c), 0);
  after = gochan_after (10 * GOCHAN_S);
  cases[1].chan = after;
  CHECK_EQ (gochan_select (cases, 2), 0);
  CHECK_EQ (v, 3);
  gochan_chan_release (after);     /* the pending timer keeps it */

  /* The start time before the timer starts (a thread preempted between
     the two made the timeout look early).  */
  t0 = gochan_now ();
  gochan_timer *timeout = gochan_timer_new (50 * GOCHAN_MS);
  gochan_ticker *tick = gochan_ticker_new (10 * GOCHAN_MS);
  int ticks = 0;
  for (;;)
    {
      gochan_select_case loop[] = {
        GOCHAN_SELECT_RECV_CASE (gochan_ticker_chan (tick), &t),
        GOCHAN_SELECT_RECV_CASE (gochan_timer_chan (timeout), &t),
        GOCHAN_SELECT_RECV_CASE (c, &v),
      };
      int k = gochan_select (loop, 3);
      if (k == 1)
        break;
      CHECK_EQ (k, 0);
      ticks++;
    }
  CHECK_DURATION (gochan_now () - t0, 50 * GOCHAN_MS);
  CHECK (ticks >= 3 && ticks <= 5);
  gochan_ticker_free (tick);
  gochan_timer_free (timeout);
  printf ("ticks %d\n", ticks);
  return 0;
}
