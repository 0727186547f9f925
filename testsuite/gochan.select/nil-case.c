/* A case on a nil channel is never chosen: selects mixing nil and real
   channels only ever perform the real cases; a select whose cases are all
   nil would block (try: -EAGAIN, until: -ETIMEDOUT after the deadline);
   nil send cases are never evaluated as sends (nothing is read through
   their elem).  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

static void
sender (void *p)
{
  for (int i = 0; i < 100; i++)
    CHECK_RC (gochan_chan_send (p, &i), 0);
}

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  CHECK_RC (gochan_go (sender, c), 0);
  int v, w;
  for (int i = 0; i < 100; i++)
    {
      gochan_select_case cases[] = {
        GOCHAN_SELECT_RECV_CASE (NULL, &w),
        GOCHAN_SELECT_SEND_CASE (NULL, (int *) 16),   /* never read */
        GOCHAN_SELECT_RECV_CASE (c, &v),
        GOCHAN_SELECT_RECV_CASE (NULL, &w),
      };
      CHECK_EQ (gochan_select (cases, 4), 2);
      CHECK_EQ (v, i);
    }

  gochan_select_case nils[] = {
    GOCHAN_SELECT_RECV_CASE (NULL, &w),
    GOCHAN_SELECT_SEND_CASE (NULL, &w),
  };
  CHECK_RC (gochan_select_try (nils, 2), -EAGAIN);
  CHECK_EQ (__gochan_select (nils, 2, 1), -1);
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_select_until (nils, 2, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  t0 = gochan_now ();
  CHECK_RC (gochan_select_until (nils, 1, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  gochan_chan_release (c);
  return 0;
}
