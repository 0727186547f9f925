/* Deadline variants: recv_until on an empty channel and send_until on a
   full one return -ETIMEDOUT no earlier than the deadline (and not much
   later); a partner arriving before the deadline completes the operation;
   a deadline already past still performs a ready operation and times out
   at once otherwise; a timed-out send delivers nothing.  Then a race of
   short deadlines against a sender: every value whose send_until
   succeeded is received exactly once, none of the timed-out ones.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdlib.h>
#include "gochan-test.h"

static void
late_sender (void *p)
{
  int v = 42;
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_RC (gochan_chan_send (p, &v), 0);
}

enum { NRACE = 2000 };
static gochan_chan *racech, *racedone;
static int accepted[NRACE];

static void
race_sender (void *p)
{
  (void) p;
  for (int i = 0; i < NRACE; i++)
    {
      int rc = gochan_chan_send_until (racech, &i, gochan_now () + (i % 7) * 20 * GOCHAN_US);
      CHECK (rc == 0 || rc == -ETIMEDOUT);
      accepted[i] = rc == 0;
    }
  gochan_chan_close (racech);
}

static void
race_receiver (void *p)
{
  int *got = p, v;
  for (;;)
    {
      int rc = gochan_chan_recv_until (racech, &v, gochan_now () + 30 * GOCHAN_US);
      if (rc == -EPIPE)
        break;
      if (rc == -ETIMEDOUT)
        continue;
      CHECK_RC (rc, 0);
      CHECK (v >= 0 && v < NRACE);
      got[v]++;
    }
  CHECK_RC (gochan_chan_send (racedone, NULL), 0);
}

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  int v = 0;

  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_chan_recv_until (c, &v, t0 + 20 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);

  t0 = gochan_now ();
  v = 1;
  CHECK_RC (gochan_chan_send_until (c, &v, t0 + 20 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  CHECK_RC (gochan_chan_tryrecv (c, &v), -EAGAIN);   /* nothing delivered */

  /* Past deadlines. */
  CHECK_RC (gochan_chan_recv_until (c, &v, 0), -ETIMEDOUT);
  CHECK_RC (gochan_chan_recv_until (c, &v, gochan_now () - GOCHAN_S), -ETIMEDOUT);
  gochan_chan *b = GOCHAN_CHAN_MAKE (int, 1);
  v = 5;
  CHECK_RC (gochan_chan_send_until (b, &v, 0), 0);
  CHECK_RC (gochan_chan_send_until (b, &v, 0), -ETIMEDOUT);
  t0 = gochan_now ();
  CHECK_RC (gochan_chan_send_until (b, &v, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  v = 0;
  CHECK_RC (gochan_chan_recv_until (b, &v, 0), 0);
  CHECK_EQ (v, 5);
  CHECK_RC (gochan_chan_tryrecv (b, &v), -EAGAIN);

  /* A partner in time. */
  CHECK_RC (gochan_go (late_sender, c), 0);
  t0 = gochan_now ();
  CHECK_RC (gochan_chan_recv_until (c, &v, t0 + 10 * GOCHAN_S), 0);
  CHECK_EQ (v, 42);
  CHECK (gochan_now () - t0 < 5 * GOCHAN_S);

  /* The race. */
  racech = GOCHAN_CHAN_MAKE (int, 0);
  racedone = gochan_chan_make (0, 1, 0);
  int *got1 = calloc (NRACE, sizeof (int)), *got2 = calloc (NRACE, sizeof (int));
  CHECK (got1 && got2);
  CHECK_RC (gochan_go (race_receiver, got1), 0);
  CHECK_RC (gochan_go (race_receiver, got2), 0);
  CHECK_RC (gochan_go (race_sender, NULL), 0);
  CHECK_RC (gochan_chan_recv (racedone, NULL), 0);
  CHECK_RC (gochan_chan_recv (racedone, NULL), 0);
  int nacc = 0;
  for (int i = 0; i < NRACE; i++)
    {
      CHECK_EQ (got1[i] + got2[i], accepted[i]);
      nacc += accepted[i];
    }
  printf ("accepted %d of %d\n", nacc, NRACE);
  return 0;
}
