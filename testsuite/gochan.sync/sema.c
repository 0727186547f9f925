/* gochan_sema, a counting semaphore (Go's TestSemaphore, and the
   x/sync/semaphore behaviours): with 3 units and 10 goroutines looping
   acquire/release, never more than 3 hold a unit at once and nothing
   deadlocks; tryacquire takes only what is there; acquire_until and
   acquire_ctx give up without taking a unit; release hands a unit to a
   waiter.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
#include <gochan/sync.h>
#include <gochan/context.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

enum { UNITS = 3, N = 10, LOOPS = 2000 };

static gochan_sema s = GOCHAN_SEMA_INIT (UNITS);
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int holders, maxholders;

static void
hammer (void *arg)
{
  (void) arg;
  for (int i = 0; i < LOOPS; i++)
    {
      gochan_sema_acquire (&s);
      int h = __atomic_add_fetch (&holders, 1, __ATOMIC_SEQ_CST);
      CHECK (h <= UNITS);
      int mx = __atomic_load_n (&maxholders, __ATOMIC_RELAXED);
      while (h > mx && !__atomic_compare_exchange_n (&maxholders, &mx, h, 0,
                                                     __ATOMIC_RELAXED,
                                                     __ATOMIC_RELAXED))
        ;
      if (i % 16 == 0)
        gochan_yield ();
      __atomic_sub_fetch (&holders, 1, __ATOMIC_SEQ_CST);
      gochan_sema_release (&s);
    }
  gochan_waitgroup_done (&wg);
}

static void
acquirer (void *arg)
{
  gochan_sema_acquire (arg);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  gochan_waitgroup_add (&wg, N);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_go (hammer, NULL), 0);
  gochan_waitgroup_wait (&wg);
  CHECK (maxholders >= 1 && maxholders <= UNITS);

  gochan_sema t;
  gochan_sema_init (&t, 2);
  CHECK (gochan_sema_tryacquire (&t));
  CHECK (gochan_sema_tryacquire (&t));
  CHECK (!gochan_sema_tryacquire (&t));

  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_sema_acquire_until (&t, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  gochan_ctx *ctx = gochan_ctx_with_timeout (gochan_ctx_background (),
                                             10 * GOCHAN_MS);
  CHECK_RC (gochan_sema_acquire_ctx (&t, ctx), -ETIMEDOUT);
  gochan_ctx_release (ctx);

  /* The failed acquires took nothing: two releases give two units.  */
  gochan_sema_release (&t);
  gochan_sema_release (&t);
  CHECK (gochan_sema_tryacquire (&t));
  CHECK_RC (gochan_sema_acquire_until (&t, 0), 0);
  CHECK (!gochan_sema_tryacquire (&t));

  /* Release to a parked waiter.  */
  gochan_waitgroup_add (&wg, 2);
  CHECK_RC (gochan_go (acquirer, &t), 0);
  CHECK_RC (gochan_go (acquirer, &t), 0);
  gochan_sleep (10 * GOCHAN_MS);
  gochan_sema_release (&t);
  gochan_sema_release (&t);
  gochan_waitgroup_wait (&wg);
  CHECK (!gochan_sema_tryacquire (&t));
  return 0;
}
