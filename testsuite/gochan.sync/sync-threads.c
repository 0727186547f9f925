/* The sync objects work from plain threads that are not goroutines, mixed
   with goroutines: threads wait on a waitgroup that goroutines complete
   (and the reverse), wait on a cond a goroutine signals, take rwmutex
   read and write locks, wait on a semaphore with a deadline and on a
   once another thread is running.  A blocked thread blocks only itself.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <pthread.h>
#include "gochan-test.h"

enum { T = 3 };

static gochan_waitgroup start = GOCHAN_WAITGROUP_INIT;
static gochan_waitgroup threads_done = GOCHAN_WAITGROUP_INIT;
static gochan_waitgroup timed_out = GOCHAN_WAITGROUP_INIT;
static gochan_mutex m = GOCHAN_MUTEX_INIT;
static gochan_cond c = GOCHAN_COND_INIT (&m);
static gochan_rwmutex rw = GOCHAN_RWMUTEX_INIT;
static gochan_sema s = GOCHAN_SEMA_INIT (0);
static gochan_once once = GOCHAN_ONCE_INIT;
static int go_flag, once_calls, shared;

static void
slow_init (void *arg)
{
  (void) arg;
  __atomic_add_fetch (&once_calls, 1, __ATOMIC_SEQ_CST);
  gochan_sleep (20 * GOCHAN_MS);       /* a thread: sleeps the thread */
}

static void *
thread_main (void *arg)
{
  (void) arg;
  gochan_once_do (&once, slow_init, NULL);
  CHECK_EQ (once_calls, 1);
  gochan_waitgroup_wait (&start);      /* released by a goroutine */

  gochan_mutex_lock (&m);
  while (!go_flag)
    gochan_cond_wait (&c);             /* signalled by main */
  gochan_mutex_unlock (&m);

  for (int i = 0; i < 1000; i++)
    {
      gochan_rwmutex_lock (&rw);
      shared++;
      gochan_rwmutex_unlock (&rw);
      gochan_rwmutex_rlock (&rw);
      (void) shared;
      gochan_rwmutex_runlock (&rw);
    }

  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_sema_acquire_until (&s, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  gochan_waitgroup_done (&timed_out);
  gochan_sema_acquire (&s);            /* released by main */
  gochan_waitgroup_done (&threads_done);
  return NULL;
}

static void
starter (void *arg)
{
  (void) arg;
  gochan_sleep (10 * GOCHAN_MS);
  gochan_waitgroup_done (&start);
}

static void
go_writer (void *arg)
{
  (void) arg;
  for (int i = 0; i < 1000; i++)
    {
      gochan_rwmutex_lock (&rw);
      shared++;
      gochan_rwmutex_unlock (&rw);
    }
  gochan_waitgroup_done (&threads_done);
}

int
main (void)
{
  pthread_t t[T];
  gochan_waitgroup_add (&start, 1);
  gochan_waitgroup_add (&threads_done, T + 1);
  gochan_waitgroup_add (&timed_out, T);
  for (int i = 0; i < T; i++)
    CHECK_EQ (pthread_create (&t[i], NULL, thread_main, NULL), 0);
  CHECK_RC (gochan_go (starter, NULL), 0);
  gochan_sleep (30 * GOCHAN_MS);
  gochan_mutex_lock (&m);
  go_flag = 1;
  gochan_cond_broadcast (&c);
  gochan_mutex_unlock (&m);
  CHECK_RC (gochan_go (go_writer, NULL), 0);
  gochan_waitgroup_wait (&timed_out);
  gochan_sleep (5 * GOCHAN_MS);        /* let them park in acquire */
  for (int i = 0; i < T; i++)
    gochan_sema_release (&s);
  gochan_waitgroup_wait (&threads_done);
  for (int i = 0; i < T; i++)
    CHECK_EQ (pthread_join (t[i], NULL), 0);
  CHECK_EQ (shared, (T + 1) * 1000);
  CHECK_EQ (once_calls, 1);
  return 0;
}
