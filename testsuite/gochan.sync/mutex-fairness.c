/* Starvation mode (Go's TestMutexFairness): one goroutine holds the mutex
   almost all the time, re-locking it right after each unlock, while
   another tries to lock it 10 times.  In normal mode the holder, already
   running, would win every time; once the waiter has waited 1 ms the
   mutex hands itself over, so the waiter gets through quickly.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_mutex mu = GOCHAN_MUTEX_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int stop;

static void
hog (void *arg)
{
  (void) arg;
  while (!__atomic_load_n (&stop, __ATOMIC_ACQUIRE))
    {
      gochan_mutex_lock (&mu);
      gochan_sleep (100 * GOCHAN_US);
      gochan_mutex_unlock (&mu);
    }
  gochan_waitgroup_done (&wg);
}

static void
polite (void *arg)
{
  int *got = arg;
  for (int i = 0; i < 10; i++)
    {
      gochan_sleep (100 * GOCHAN_US);
      gochan_mutex_lock (&mu);
      gochan_mutex_unlock (&mu);
      __atomic_store_n (got, i + 1, __ATOMIC_RELEASE);
    }
}

int
main (void)
{
  static int got;
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_go (hog, NULL), 0);
  CHECK_RC (gochan_go (polite, &got), 0);
  int64_t deadline = gochan_now () + 10 * GOCHAN_S;
  while (__atomic_load_n (&got, __ATOMIC_ACQUIRE) < 10
         && gochan_now () < deadline)
    gochan_sleep (GOCHAN_MS);
  CHECK_EQ (__atomic_load_n (&got, __ATOMIC_ACQUIRE), 10);
  __atomic_store_n (&stop, 1, __ATOMIC_RELEASE);
  gochan_waitgroup_wait (&wg);
  return 0;
}
