/* Writer exclusion and reader sharing under load (Go's HammerRWMutex):
   2 writers and n readers loop; activity counts active readers plus
   10000 per active writer, and every reader must see 1..9999 and every
   writer exactly 10000.  For n = 1, 3, 10, on two processors.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include "gochan-test.h"

enum { ITER = 1000 };

static gochan_rwmutex rw = GOCHAN_RWMUTEX_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int activity;

static void
reader (void *arg)
{
  (void) arg;
  for (int i = 0; i < ITER; i++)
    {
      gochan_rwmutex_rlock (&rw);
      int n = __atomic_add_fetch (&activity, 1, __ATOMIC_SEQ_CST);
      CHECK (n >= 1 && n < 10000);
      for (volatile int k = 0; k < 100; k++)
        ;
      if (i % 64 == 0)
        gochan_yield ();
      __atomic_sub_fetch (&activity, 1, __ATOMIC_SEQ_CST);
      gochan_rwmutex_runlock (&rw);
    }
  gochan_waitgroup_done (&wg);
}

static void
writer (void *arg)
{
  (void) arg;
  for (int i = 0; i < ITER; i++)
    {
      gochan_rwmutex_lock (&rw);
      int n = __atomic_add_fetch (&activity, 10000, __ATOMIC_SEQ_CST);
      CHECK_EQ (n, 10000);
      for (volatile int k = 0; k < 100; k++)
        ;
      if (i % 64 == 0)
        gochan_yield ();
      __atomic_sub_fetch (&activity, 10000, __ATOMIC_SEQ_CST);
      gochan_rwmutex_unlock (&rw);
    }
  gochan_waitgroup_done (&wg);
}

static void
hammer (int nreaders)
{
  gochan_waitgroup_add (&wg, 2 + nreaders);
  CHECK_RC (gochan_go (writer, NULL), 0);
  int i;
  for (i = 0; i < nreaders / 2; i++)
    CHECK_RC (gochan_go (reader, NULL), 0);
  CHECK_RC (gochan_go (writer, NULL), 0);
  for (; i < nreaders; i++)
    CHECK_RC (gochan_go (reader, NULL), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (activity, 0);
}

int
main (void)
{
  hammer (1);
  hammer (3);
  hammer (10);
  CHECK (gochan_rwmutex_trylock (&rw));
  gochan_rwmutex_unlock (&rw);
  return 0;
}
