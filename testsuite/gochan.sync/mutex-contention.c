/* Mutual exclusion under contention on two processors (Go's TestMutex
   with HammerMutex): 10 goroutines, each 1000 times either lock/unlock
   or (every third time) trylock, incrementing a plain counter while they
   hold the mutex.  The counter must come out exact; a second phase with
   more work inside the critical section checks that a holder is never
   overlapped.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
/* { dg-require-effective-target smp } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include "gochan-test.h"

enum { N = 10, LOOPS = 1000 };

static gochan_mutex mu = GOCHAN_MUTEX_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static long counter, expected;
static int inside;

static void
hammer (void *arg)
{
  (void) arg;
  for (int i = 0; i < LOOPS; i++)
    {
      if (i % 3 == 0)
        {
          if (gochan_mutex_trylock (&mu))
            {
              counter++;
              __atomic_fetch_add (&expected, 1, __ATOMIC_RELAXED);
              gochan_mutex_unlock (&mu);
            }
          continue;
        }
      gochan_mutex_lock (&mu);
      counter++;
      __atomic_fetch_add (&expected, 1, __ATOMIC_RELAXED);
      gochan_mutex_unlock (&mu);
    }
  gochan_waitgroup_done (&wg);
}

static void
exclusive (void *arg)
{
  (void) arg;
  for (int i = 0; i < LOOPS; i++)
    {
      gochan_mutex_lock (&mu);
      CHECK_EQ (__atomic_add_fetch (&inside, 1, __ATOMIC_SEQ_CST), 1);
      for (volatile int k = 0; k < 100; k++)
        ;
      if (i % 100 == 0)
        gochan_yield ();        /* park-free reschedule while holding it */
      CHECK_EQ (__atomic_sub_fetch (&inside, 1, __ATOMIC_SEQ_CST), 0);
      counter++;
      gochan_mutex_unlock (&mu);
    }
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  CHECK_EQ (gochan_maxprocs (), 2);
  gochan_waitgroup_add (&wg, N);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_go (hammer, NULL), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (counter, expected);
  CHECK (counter >= N * LOOPS * 2 / 3);

  counter = 0;
  gochan_waitgroup_add (&wg, N);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_go (exclusive, NULL), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (counter, (long) N * LOOPS);
  CHECK (gochan_mutex_trylock (&mu));
  gochan_mutex_unlock (&mu);
  return 0;
}
