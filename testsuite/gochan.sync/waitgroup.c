/* WaitGroup as a barrier, reused (Go's TestWaitGroup): 16 goroutines call
   done on wg1 then wait on wg2; main waits on wg1, checks that nobody got
   past wg2 early while it calls done on wg2 one by one, then sees all 16
   finish.  Eight rounds on the same two waitgroups.  Then Go's
   TestWaitGroupRace (wait returns only after both done calls) 1000 times,
   and a waitgroup inside a struct after a char (TestWaitGroupAlign).  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include "gochan-test.h"

enum { N = 16 };

static gochan_waitgroup wg1 = GOCHAN_WAITGROUP_INIT;
static gochan_waitgroup wg2 = GOCHAN_WAITGROUP_INIT;
static gochan_waitgroup exited = GOCHAN_WAITGROUP_INIT;
static int nexited;

static void
member (void *arg)
{
  (void) arg;
  gochan_waitgroup_done (&wg1);
  gochan_waitgroup_wait (&wg2);
  __atomic_add_fetch (&nexited, 1, __ATOMIC_SEQ_CST);
  gochan_waitgroup_done (&exited);
}

static void
round_ (void)
{
  nexited = 0;
  gochan_waitgroup_add (&wg1, N);
  gochan_waitgroup_add (&wg2, N);
  gochan_waitgroup_add (&exited, N);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_go (member, NULL), 0);
  gochan_waitgroup_wait (&wg1);
  for (int i = 0; i < N; i++)
    {
      gochan_yield ();
      CHECK_EQ (__atomic_load_n (&nexited, __ATOMIC_SEQ_CST), 0);
      gochan_waitgroup_done (&wg2);
    }
  gochan_waitgroup_wait (&exited);
  CHECK_EQ (nexited, N);
}

struct race { gochan_waitgroup wg; int n; };

static void
racer (void *arg)
{
  struct race *r = arg;
  __atomic_add_fetch (&r->n, 1, __ATOMIC_SEQ_CST);
  gochan_waitgroup_done (&r->wg);
}

struct align { char x; gochan_waitgroup wg; };

static void
align_done (void *arg)
{
  gochan_waitgroup_done (&((struct align *) arg)->wg);
}

int
main (void)
{
  for (int i = 0; i < 8; i++)
    round_ ();

  for (int i = 0; i < 1000; i++)
    {
      struct race r = { GOCHAN_WAITGROUP_INIT, 0 };
      gochan_waitgroup_add (&r.wg, 1);
      CHECK_RC (gochan_go (racer, &r), 0);
      gochan_waitgroup_add (&r.wg, 1);
      CHECK_RC (gochan_go (racer, &r), 0);
      gochan_waitgroup_wait (&r.wg);
      CHECK_EQ (__atomic_load_n (&r.n, __ATOMIC_SEQ_CST), 2);
    }

  struct align a;
  a.x = 1;
  gochan_waitgroup_init (&a.wg);
  gochan_waitgroup_add (&a.wg, 1);
  CHECK_RC (gochan_go (align_done, &a), 0);
  gochan_waitgroup_wait (&a.wg);

  /* A zero counter: wait returns at once; add of 0 is harmless.  */
  gochan_waitgroup_wait (&wg1);
  gochan_waitgroup_add (&wg1, 0);
  gochan_waitgroup_wait (&wg1);
  return 0;
}
