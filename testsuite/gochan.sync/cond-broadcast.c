/* gochan_cond_broadcast (Go's TestCondBroadcast): 200 goroutines loop
   waiting on the cond; each broadcast wakes every one of them exactly
   once, 200 times over, then they all exit.  And Go's
   TestCondSignalStealing: a waiter already waiting must get a broadcast
   even when a new waiter arrives at the same moment.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <string.h>
#include "gochan-test.h"

enum { N = 200 };

static gochan_mutex m = GOCHAN_MUTEX_INIT;
static gochan_cond c = GOCHAN_COND_INIT (&m);
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int running, nawake, awake[N], stop;

static void
member (void *arg)
{
  int g = (int) (long) arg;
  gochan_mutex_lock (&m);
  while (!stop)
    {
      running++;
      gochan_cond_wait (&c);
      awake[g]++;
      nawake++;
    }
  gochan_mutex_unlock (&m);
  gochan_waitgroup_done (&wg);
}

static int
locked_read (gochan_mutex *mu, int *p)
{
  gochan_mutex_lock (mu);
  int v = *p;
  gochan_mutex_unlock (mu);
  return v;
}

static gochan_mutex sm = GOCHAN_MUTEX_INIT;
static gochan_cond sc = GOCHAN_COND_INIT (&sm);
static int first_waiting, first_done, done_flag;

static void
first (void *arg)
{
  (void) arg;
  gochan_mutex_lock (&sm);
  first_waiting = 1;
  gochan_cond_wait (&sc);
  gochan_mutex_unlock (&sm);
  __atomic_store_n (&first_done, 1, __ATOMIC_RELEASE);
}

static void
broadcaster (void *arg)
{
  (void) arg;
  gochan_cond_broadcast (&sc);
}

static void
second (void *arg)
{
  (void) arg;
  gochan_mutex_lock (&sm);
  while (!done_flag)
    gochan_cond_wait (&sc);
  gochan_mutex_unlock (&sm);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  gochan_waitgroup_add (&wg, N);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_go (member, (void *) (long) i), 0);
  for (int r = 0; r < N; r++)
    {
      while (locked_read (&m, &running) < N)
        gochan_sleep (50 * GOCHAN_US);
      gochan_mutex_lock (&m);
      CHECK_EQ (nawake, 0);
      running = 0;
      if (r == N - 1)
        stop = 1;
      gochan_cond_broadcast (&c);
      gochan_mutex_unlock (&m);
      while (locked_read (&m, &nawake) < N)
        gochan_sleep (50 * GOCHAN_US);
      gochan_mutex_lock (&m);
      for (int g = 0; g < N; g++)
        CHECK_EQ (awake[g], 1);       /* each woke exactly once */
      memset (awake, 0, sizeof awake);
      nawake = 0;
      gochan_mutex_unlock (&m);
    }
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (running, 0);
  gochan_cond_broadcast (&c);

  for (int iter = 0; iter < 200; iter++)
    {
      first_waiting = first_done = done_flag = 0;
      CHECK_RC (gochan_go (first, NULL), 0);
      while (!locked_read (&sm, &first_waiting))
        gochan_yield ();
      gochan_mutex_lock (&sm);          /* first is inside wait now */
      gochan_mutex_unlock (&sm);
      gochan_waitgroup_add (&wg, 1);
      CHECK_RC (gochan_go (broadcaster, NULL), 0);
      CHECK_RC (gochan_go (second, NULL), 0);
      int64_t deadline = gochan_now () + 2 * GOCHAN_S;
      while (!__atomic_load_n (&first_done, __ATOMIC_ACQUIRE))
        {
          CHECK (gochan_now () < deadline);
          gochan_sleep (10 * GOCHAN_US);
        }
      gochan_mutex_lock (&sm);
      done_flag = 1;
      gochan_mutex_unlock (&sm);
      gochan_cond_broadcast (&sc);
      gochan_waitgroup_wait (&wg);
    }
  return 0;
}
