/* gochan_mutex_lock_until: times out on a held mutex after about the
   right time, leaving the mutex and its other waiters intact (a waiter
   that gives up is unlinked, so the remaining waiter still gets the
   mutex on unlock); succeeds when the mutex is released in time.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_mutex mu = GOCHAN_MUTEX_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int timedout, locked;

static void
impatient (void *arg)
{
  (void) arg;
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_mutex_lock_until (&mu, t0 + 20 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  __atomic_store_n (&timedout, 1, __ATOMIC_RELEASE);
  gochan_waitgroup_done (&wg);
}

static void
patient (void *arg)
{
  (void) arg;
  CHECK_RC (gochan_mutex_lock_until (&mu, gochan_now () + 10 * GOCHAN_S), 0);
  __atomic_store_n (&locked, 1, __ATOMIC_RELEASE);
  gochan_mutex_unlock (&mu);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  /* Alone: times out.  */
  gochan_mutex_lock (&mu);
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_mutex_lock_until (&mu, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);

  /* With another waiter queued: one times out, the other gets it.  */
  gochan_waitgroup_add (&wg, 2);
  CHECK_RC (gochan_go (patient, NULL), 0);
  CHECK_RC (gochan_go (impatient, NULL), 0);
  while (!__atomic_load_n (&timedout, __ATOMIC_ACQUIRE))
    gochan_sleep (GOCHAN_MS);
  CHECK (!__atomic_load_n (&locked, __ATOMIC_ACQUIRE));
  gochan_mutex_unlock (&mu);
  gochan_waitgroup_wait (&wg);
  CHECK (__atomic_load_n (&locked, __ATOMIC_ACQUIRE));

  /* Many rounds of timeouts racing unlocks; the mutex must stay sane.  */
  for (int i = 0; i < 200; i++)
    {
      gochan_mutex_lock (&mu);
      gochan_waitgroup_add (&wg, 1);
      CHECK_RC (gochan_go (patient, NULL), 0);
      int64_t d = gochan_now () + (i % 3) * 50 * GOCHAN_US;
      int rc = gochan_mutex_lock_until (&mu, d);
      CHECK (rc == -ETIMEDOUT);
      gochan_mutex_unlock (&mu);
      gochan_waitgroup_wait (&wg);
    }
  CHECK (gochan_mutex_trylock (&mu));
  gochan_mutex_unlock (&mu);
  return 0;
}
