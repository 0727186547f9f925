/* A mutex shared by goroutines and plain threads (not goroutines): a
   thread that must wait blocks its thread, a goroutine parks, and the
   counter they increment under the mutex comes out exact.  Also
   lock_until from a thread.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <pthread.h>
#include "gochan-test.h"

enum { THREADS = 3, GOROUTINES = 4, LOOPS = 20000 };

static gochan_mutex mu = GOCHAN_MUTEX_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static long counter;

static void
work (void)
{
  for (int i = 0; i < LOOPS; i++)
    {
      gochan_mutex_lock (&mu);
      counter++;
      gochan_mutex_unlock (&mu);
    }
}

static void *
thread_main (void *arg)
{
  (void) arg;
  CHECK_EQ (gochan_id (), 0);          /* really not a goroutine */
  work ();
  gochan_waitgroup_done (&wg);
  return NULL;
}

static void
goroutine_main (void *arg)
{
  (void) arg;
  work ();
  gochan_waitgroup_done (&wg);
}

static void *
timed_thread (void *arg)
{
  (void) arg;
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_mutex_lock_until (&mu, t0 + 20 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  CHECK_RC (gochan_mutex_lock_until (&mu, gochan_now () + 10 * GOCHAN_S), 0);
  gochan_mutex_unlock (&mu);
  return NULL;
}

int
main (void)
{
  pthread_t t[THREADS];
  gochan_waitgroup_add (&wg, THREADS + GOROUTINES);
  for (int i = 0; i < THREADS; i++)
    CHECK_EQ (pthread_create (&t[i], NULL, thread_main, NULL), 0);
  for (int i = 0; i < GOROUTINES; i++)
    CHECK_RC (gochan_go (goroutine_main, NULL), 0);
  gochan_waitgroup_wait (&wg);
  for (int i = 0; i < THREADS; i++)
    CHECK_EQ (pthread_join (t[i], NULL), 0);
  CHECK_EQ (counter, (long) (THREADS + GOROUTINES) * LOOPS);

  pthread_t tt;
  gochan_mutex_lock (&mu);
  CHECK_EQ (pthread_create (&tt, NULL, timed_thread, NULL), 0);
  gochan_sleep (50 * GOCHAN_MS);
  gochan_mutex_unlock (&mu);
  CHECK_EQ (pthread_join (tt, NULL), 0);
  return 0;
}
