/* gochan_waitgroup_wait_until and _wait_ctx: a waiter gives up with
   -ETIMEDOUT or the context's error while the counter stays positive;
   the waitgroup is unharmed (the waiter that left is no longer counted,
   so the final done releases the others without a misuse panic, and the
   group can be reused); a counter already zero returns 0 at once.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/context.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static gochan_waitgroup finished = GOCHAN_WAITGROUP_INIT;

static void
patient (void *arg)
{
  (void) arg;
  CHECK_RC (gochan_waitgroup_wait_until (&wg, gochan_now () + 10 * GOCHAN_S),
            0);
  gochan_waitgroup_done (&finished);
}

static void
cancelled (void *arg)
{
  CHECK_RC (gochan_waitgroup_wait_ctx (&wg, arg), -ECANCELED);
  gochan_waitgroup_done (&finished);
}

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  CHECK_RC (gochan_waitgroup_wait_until (&wg, 0), 0);
  CHECK_RC (gochan_waitgroup_wait_ctx (&wg, bg), 0);

  for (int round = 0; round < 3; round++)
    {
      gochan_waitgroup_add (&wg, 1);
      gochan_ctx *c = gochan_ctx_with_cancel (bg);
      gochan_waitgroup_add (&finished, 3);
      CHECK_RC (gochan_go (patient, NULL), 0);
      CHECK_RC (gochan_go (cancelled, c), 0);
      CHECK_RC (gochan_go (patient, NULL), 0);

      int64_t t0 = gochan_now ();
      CHECK_RC (gochan_waitgroup_wait_until (&wg, t0 + 20 * GOCHAN_MS),
                -ETIMEDOUT);
      CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);

      gochan_ctx *t = gochan_ctx_with_timeout (bg, 10 * GOCHAN_MS);
      CHECK_RC (gochan_waitgroup_wait_ctx (&wg, t), -ETIMEDOUT);
      gochan_ctx_release (t);

      gochan_ctx_cancel (c);
      gochan_sleep (5 * GOCHAN_MS);
      gochan_waitgroup_done (&wg);     /* releases the two patient ones */
      gochan_waitgroup_wait (&finished);
      gochan_ctx_release (c);
    }
  return 0;
}
