/* gochan_ticker: ticks come about one period apart; a slow receiver finds
   at most one tick waiting (the others are dropped, never queued); stop
   ends the ticks; reset restarts them with a new period; a ticker works
   in select with another channel.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

int
main (void)
{
  /* t0 before the ticker starts: taken after, a thread preempted in
     between (a loaded machine) made the ticks look early.  */
  int64_t v, prev = 0, t0 = gochan_now ();
  gochan_ticker *t = gochan_ticker_new (10 * GOCHAN_MS);
  CHECK (t != NULL);
  gochan_chan *c = gochan_ticker_chan (t);
  for (int i = 0; i < 5; i++)
    {
      CHECK_RC (gochan_chan_recv (c, &v), 0);
      CHECK (v > prev);
      prev = v;
    }
  CHECK_DURATION (gochan_now () - t0, 50 * GOCHAN_MS);

  /* Slow receiver: 35 ms asleep, one tick waiting, not three. */
  gochan_sleep (35 * GOCHAN_MS);
  CHECK_EQ (gochan_chan_len (c), 1);
  CHECK_RC (gochan_chan_tryrecv (c, &v), 0);
  CHECK_RC (gochan_chan_tryrecv (c, &v), -EAGAIN);

  /* Stop. */
  gochan_ticker_stop (t);
  gochan_chan_tryrecv (c, &v);             /* one may have come meanwhile */
  CHECK_RC (gochan_chan_recv_until (c, &v, gochan_now () + 30 * GOCHAN_MS), -ETIMEDOUT);

  /* Reset to 5 ms, in a select against a channel nobody sends on. */
  gochan_chan *quiet = GOCHAN_CHAN_MAKE (int, 0);
  int q;
  t0 = gochan_now ();
  gochan_ticker_reset (t, 5 * GOCHAN_MS);
  for (int i = 0; i < 4; i++)
    {
      gochan_select_case cases[] = {
        GOCHAN_SELECT_RECV_CASE (quiet, &q),
        GOCHAN_SELECT_RECV_CASE (c, &v),
      };
      CHECK_EQ (gochan_select (cases, 2), 1);
    }
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  gochan_ticker_free (t);
  gochan_ticker_free (NULL);

  /* Fast tickers stopped and freed while ticking. */
  for (int i = 0; i < 50; i++)
    {
      gochan_ticker *f = gochan_ticker_new (20 * GOCHAN_US);
      gochan_chan_recv (gochan_ticker_chan (f), &v);
      if (i % 2)
        gochan_ticker_stop (f);
      gochan_ticker_free (f);
    }
  gochan_chan_release (quiet);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
