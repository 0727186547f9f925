/* Blocking calls that take a context return its error when it ends:
   gochan_ctx_sleep (0 after a full sleep; -ECANCELED or -ETIMEDOUT when
   cut short, at about the right time; at once if already ended),
   gochan_mutex_lock_ctx, gochan_sema_acquire_ctx,
   gochan_waitgroup_wait_ctx and gochan_cond_wait_ctx, each cut short by
   a cancel from another goroutine, and each from a plain thread too.  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <pthread.h>
#include "gochan-test.h"

static gochan_mutex mu = GOCHAN_MUTEX_INIT;
static gochan_mutex cmu = GOCHAN_MUTEX_INIT;
static gochan_cond cond = GOCHAN_COND_INIT (&cmu);
static gochan_sema sema = GOCHAN_SEMA_INIT (0);
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void
canceller (void *arg)
{
  gochan_sleep (10 * GOCHAN_MS);
  gochan_ctx_cancel (arg);
}

/* Run every blocking call on a context that another goroutine cancels
   after 10 ms.  */
static void
all_calls (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  for (int call = 0; call < 5; call++)
    {
      gochan_ctx *c = gochan_ctx_with_cancel (bg);
      int64_t t0 = gochan_now ();
      CHECK_RC (gochan_go (canceller, c), 0);
      int rc = 1;
      switch (call)
        {
        case 0: rc = gochan_ctx_sleep (c, 10 * GOCHAN_S); break;
        case 1: rc = gochan_mutex_lock_ctx (&mu, c); break;
        case 2: rc = gochan_sema_acquire_ctx (&sema, c); break;
        case 3: rc = gochan_waitgroup_wait_ctx (&wg, c); break;
        case 4:
          gochan_mutex_lock (&cmu);
          rc = gochan_cond_wait_ctx (&cond, c);
          CHECK (!gochan_mutex_trylock (&cmu));
          gochan_mutex_unlock (&cmu);
          break;
        }
      CHECK_RC (rc, -ECANCELED);
      CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
      /* Ended: fail at once.  */
      CHECK_RC (gochan_ctx_sleep (c, 10 * GOCHAN_S), -ECANCELED);
      CHECK_RC (gochan_mutex_lock_ctx (&mu, c), -ECANCELED);
      CHECK_RC (gochan_sema_acquire_ctx (&sema, c), -ECANCELED);
      CHECK_RC (gochan_waitgroup_wait_ctx (&wg, c), -ECANCELED);
      gochan_ctx_release (c);
    }
}

static gochan_waitgroup thread_done = GOCHAN_WAITGROUP_INIT;

static void *
thread_main (void *arg)
{
  (void) arg;
  all_calls ();
  gochan_waitgroup_done (&thread_done);
  return NULL;
}

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();

  CHECK_RC (gochan_ctx_sleep (bg, 10 * GOCHAN_MS), 0);
  CHECK_RC (gochan_ctx_sleep (bg, 0), 0);
  /* The 5 ms sleep must end before the deadline however slow the run
     (valgrind): the deadline has the run's slack on top.  t0 is taken
     first: the deadline counts from the context's making.  */
  int64_t d = 20 * GOCHAN_MS + gochan_test_slack_ns ();
  int64_t t0 = gochan_now ();
  gochan_ctx *t = gochan_ctx_with_timeout (bg, d);
  CHECK_RC (gochan_ctx_sleep (t, 5 * GOCHAN_MS), 0);
  CHECK_DURATION (gochan_now () - t0, 5 * GOCHAN_MS);
  CHECK_RC (gochan_ctx_sleep (t, 10 * GOCHAN_S), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, d);
  gochan_ctx_release (t);

  gochan_mutex_lock (&mu);             /* held by main throughout */
  gochan_waitgroup_add (&wg, 1);       /* never reaches zero */

  all_calls ();

  /* Wait for the thread in the runtime (its cancellers need our
     processor), then join it.  */
  pthread_t th;
  gochan_waitgroup_add (&thread_done, 1);
  CHECK_EQ (pthread_create (&th, NULL, thread_main, NULL), 0);
  gochan_waitgroup_wait (&thread_done);
  CHECK_EQ (pthread_join (th, NULL), 0);

  gochan_waitgroup_done (&wg);
  gochan_mutex_unlock (&mu);
  return 0;
}
