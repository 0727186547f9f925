/* gochan_mutex_lock_ctx: a goroutine waiting for a held mutex gives up
   with -ECANCELED when its context is cancelled and with -ETIMEDOUT when
   the context's deadline passes; a context already done fails at once;
   the mutex is unaffected (the holder can unlock, others can lock).  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/context.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_mutex mu = GOCHAN_MUTEX_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

struct arg { gochan_ctx *ctx; int want; int rc; };

static void
waiter (void *p)
{
  struct arg *a = p;
  a->rc = gochan_mutex_lock_ctx (&mu, a->ctx);
  if (a->rc == 0)
    gochan_mutex_unlock (&mu);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  gochan_mutex_lock (&mu);

  /* Cancelled while waiting.  */
  gochan_ctx *c = gochan_ctx_with_cancel (bg);
  struct arg a = { c, -ECANCELED, 1 };
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_go (waiter, &a), 0);
  gochan_sleep (10 * GOCHAN_MS);
  CHECK_EQ (a.rc, 1);                  /* still waiting */
  gochan_ctx_cancel (c);
  gochan_waitgroup_wait (&wg);
  CHECK_RC (a.rc, -ECANCELED);

  /* Already cancelled: fails without waiting.  */
  CHECK_RC (gochan_mutex_lock_ctx (&mu, c), -ECANCELED);
  gochan_ctx_release (c);

  /* Timed out.  */
  c = gochan_ctx_with_timeout (bg, 20 * GOCHAN_MS);
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_mutex_lock_ctx (&mu, c), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  gochan_ctx_release (c);

  /* Through a value context, cancelled from its ancestor, with several
     waiters; one of them on a context that is never cancelled, which must
     still get the mutex.  */
  gochan_ctx *root = gochan_ctx_with_cancel (bg);
  static const char key;
  gochan_ctx *v = gochan_ctx_with_value (root, &key, NULL);
  struct arg w[4] = { { v, -ECANCELED, 1 }, { v, -ECANCELED, 1 },
                      { bg, 0, 1 }, { v, -ECANCELED, 1 } };
  gochan_waitgroup_add (&wg, 4);
  for (int i = 0; i < 4; i++)
    CHECK_RC (gochan_go (waiter, &w[i]), 0);
  gochan_sleep (10 * GOCHAN_MS);
  gochan_ctx_cancel (root);
  gochan_sleep (10 * GOCHAN_MS);
  gochan_mutex_unlock (&mu);
  gochan_waitgroup_wait (&wg);
  for (int i = 0; i < 4; i++)
    CHECK_RC (w[i].rc, w[i].want);
  gochan_ctx_release (v);
  gochan_ctx_release (root);

  CHECK (gochan_mutex_trylock (&mu));
  gochan_mutex_unlock (&mu);
  return 0;
}
