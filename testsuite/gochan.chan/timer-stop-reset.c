/* gochan_timer: a timer fires once, d after creation; stop before the
   fire returns true and nothing is ever sent; stop after the fire returns
   false and the value is in the channel; reset re-arms it (true if it was
   pending, false after a stop or a fire) and it then fires at the new
   time; a reset of a pending timer moves its time; free of a pending
   timer cancels it; many timers stopped, reset and freed at random
   moments around their fire time never crash nor send twice.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdbool.h>
#include "gochan-test.h"

static int64_t
wait_fire (gochan_timer *t)
{
  int64_t v = 0;
  CHECK_RC (gochan_chan_recv (gochan_timer_chan (t), &v), 0);
  return v;
}

int
main (void)
{
  int64_t v, t0 = gochan_now ();
  gochan_timer *t = gochan_timer_new (10 * GOCHAN_MS);
  CHECK (t != NULL);
  CHECK_EQ (gochan_chan_cap (gochan_timer_chan (t)), 1);
  v = wait_fire (t);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  CHECK (v >= t0 + 10 * GOCHAN_MS);
  CHECK (!gochan_timer_stop (t));              /* already fired */

  /* Stop before the fire. */
  CHECK (!gochan_timer_reset (t, 10 * GOCHAN_MS));   /* was not pending */
  CHECK (gochan_timer_stop (t));
  CHECK (!gochan_timer_stop (t));
  CHECK_RC (gochan_chan_recv_until (gochan_timer_chan (t), &v, gochan_now () + 30 * GOCHAN_MS), -ETIMEDOUT);

  /* Stop after the fire: false, the value waits in the channel. */
  CHECK (!gochan_timer_reset (t, GOCHAN_MS));
  gochan_sleep (10 * GOCHAN_MS);
  CHECK (!gochan_timer_stop (t));
  CHECK_RC (gochan_chan_tryrecv (gochan_timer_chan (t), &v), 0);

  /* Reset of a pending timer moves it. */
  t0 = gochan_now ();
  CHECK (!gochan_timer_reset (t, 5 * GOCHAN_MS));
  CHECK (gochan_timer_reset (t, 30 * GOCHAN_MS));
  wait_fire (t);
  CHECK_DURATION (gochan_now () - t0, 30 * GOCHAN_MS);
  CHECK_RC (gochan_chan_tryrecv (gochan_timer_chan (t), &v), -EAGAIN);

  /* Free while pending, and free after keeping the channel. */
  gochan_timer_free (t);
  t = gochan_timer_new (5 * GOCHAN_MS);
  gochan_chan *c = gochan_chan_retain (gochan_timer_chan (t));
  gochan_timer_free (t);
  CHECK_RC (gochan_chan_recv_until (c, &v, gochan_now () + 20 * GOCHAN_MS), -ETIMEDOUT);
  gochan_chan_release (c);
  gochan_timer_free (NULL);

  /* Churn around the fire time: count sends per arming. */
  for (int i = 0; i < 300; i++)
    {
      gochan_timer *x = gochan_timer_new ((i % 5) * 10 * GOCHAN_US);
      if (i % 3)
        gochan_yield ();
      bool stopped = gochan_timer_stop (x);
      int n = 0;
      gochan_sleep (i % 2 ? 0 : 100 * GOCHAN_US);
      while (gochan_chan_tryrecv (gochan_timer_chan (x), &v) == 0)
        n++;
      CHECK_EQ (n, stopped ? 0 : 1);
      if (i % 4 == 0)
        {
          gochan_timer_reset (x, 20 * GOCHAN_US);
          if (i % 8 == 0)
            gochan_timer_reset (x, 10 * GOCHAN_US);
        }
      gochan_timer_free (x);
    }
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
