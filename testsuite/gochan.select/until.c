/* gochan_select_until: times out (-ETIMEDOUT, no case performed, no value
   taken or delivered) no earlier than the deadline; a case that becomes
   ready before the deadline is performed; a ready case is performed even
   with a deadline in the past; a past deadline with nothing ready times
   out at once.  Then a race: selects with short deadlines over two
   channels against a sender with deadlines; every value is received
   exactly as many times as its send succeeded.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include <stdlib.h>
#include "gochan-test.h"

static void
late (void *p)
{
  int v = 5;
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_RC (gochan_chan_send (p, &v), 0);
}

enum { NRACE = 3000 };
static gochan_chan *r1, *r2, *rdone;
static unsigned char accepted[NRACE];

static void
race_sender (void *p)
{
  (void) p;
  for (int i = 0; i < NRACE; i++)
    {
      gochan_select_case cases[] = {
        GOCHAN_SELECT_SEND_CASE (r1, &i),
        GOCHAN_SELECT_SEND_CASE (r2, &i),
      };
      int k = gochan_select_until (cases, 2, gochan_now () + (i % 5) * 15 * GOCHAN_US);
      CHECK (k == 0 || k == 1 || k == -ETIMEDOUT);
      accepted[i] = k >= 0;
    }
  gochan_chan_close (r1);
  gochan_chan_close (r2);
}

static void
race_receiver (void *p)
{
  int *got = p, a, b, open = 3;
  while (open)
    {
      gochan_select_case cases[] = {
        GOCHAN_SELECT_RECV_CASE (open & 1 ? r1 : NULL, &a),
        GOCHAN_SELECT_RECV_CASE (open & 2 ? r2 : NULL, &b),
      };
      int k = gochan_select_until (cases, 2, gochan_now () + 25 * GOCHAN_US);
      if (k == -ETIMEDOUT)
        continue;
      CHECK (k == 0 || k == 1);
      if (!cases[k].ok)
        {
          open &= ~(1 << k);
          continue;
        }
      int v = k == 0 ? a : b;
      CHECK (v >= 0 && v < NRACE);
      __atomic_add_fetch (&got[v], 1, __ATOMIC_RELAXED);
    }
  CHECK_RC (gochan_chan_send (rdone, NULL), 0);
}

int
main (void)
{
  gochan_chan *a = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan *b = GOCHAN_CHAN_MAKE (int, 1);
  int x = 1, y = 2;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (a, &x),
    GOCHAN_SELECT_SEND_CASE (a, &y),
  };
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_select_until (cases, 2, t0 + 20 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  CHECK_EQ (x, 1);
  CHECK_RC (gochan_select_until (cases, 2, 0), -ETIMEDOUT);

  /* Ready with a past deadline: performed. */
  CHECK_RC (gochan_chan_send (b, &y), 0);
  gochan_select_case rb[] = {
    GOCHAN_SELECT_RECV_CASE (a, &x),
    GOCHAN_SELECT_RECV_CASE (b, &x),
  };
  CHECK_EQ (gochan_select_until (rb, 2, 0), 1);
  CHECK_EQ (x, 2);
  CHECK (rb[1].ok);

  /* Ready before the deadline. */
  CHECK_RC (gochan_go (late, a), 0);
  t0 = gochan_now ();
  CHECK_EQ (gochan_select_until (rb, 2, t0 + 10 * GOCHAN_S), 0);
  CHECK_EQ (x, 5);
  CHECK (gochan_now () - t0 < 5 * GOCHAN_S);

  /* The race. */
  r1 = GOCHAN_CHAN_MAKE (int, 0);
  r2 = GOCHAN_CHAN_MAKE (int, 0);
  rdone = gochan_chan_make (0, 1, 0);
  int *got = calloc (NRACE, sizeof (int));
  CHECK (got != NULL);
  CHECK_RC (gochan_go (race_receiver, got), 0);
  CHECK_RC (gochan_go (race_receiver, got), 0);
  CHECK_RC (gochan_go (race_sender, NULL), 0);
  CHECK_RC (gochan_chan_recv (rdone, NULL), 0);
  CHECK_RC (gochan_chan_recv (rdone, NULL), 0);
  int n = 0;
  for (int i = 0; i < NRACE; i++)
    {
      CHECK_EQ (got[i], accepted[i]);
      n += accepted[i];
    }
  printf ("accepted %d of %d\n", n, NRACE);
  return 0;
}
