/* Readers run concurrently (Go's TestParallelReaders): n goroutines all
   hold the read lock at the same time (each signals it has it, then waits
   until all have it before unlocking), for n = 1, 3, 4 and 50.  A writer
   arriving meanwhile waits for all of them.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_rwmutex m = GOCHAN_RWMUTEX_INIT;
static gochan_waitgroup locked, unlock, done;
static int readers_out;

static void
reader (void *arg)
{
  (void) arg;
  gochan_rwmutex_rlock (&m);
  gochan_waitgroup_done (&locked);
  gochan_waitgroup_wait (&unlock);     /* all readers hold it now */
  __atomic_add_fetch (&readers_out, 1, __ATOMIC_SEQ_CST);
  gochan_rwmutex_runlock (&m);
  gochan_waitgroup_done (&done);
}

static void
test (int n)
{
  gochan_waitgroup_init (&locked);
  gochan_waitgroup_init (&unlock);
  gochan_waitgroup_init (&done);
  readers_out = 0;
  gochan_waitgroup_add (&locked, n);
  gochan_waitgroup_add (&unlock, 1);
  gochan_waitgroup_add (&done, n);
  for (int i = 0; i < n; i++)
    CHECK_RC (gochan_go (reader, NULL), 0);
  gochan_waitgroup_wait (&locked);     /* n readers inside together */
  CHECK (!gochan_rwmutex_trylock (&m));
  gochan_waitgroup_done (&unlock);
  gochan_rwmutex_lock (&m);            /* waits for every reader */
  CHECK_EQ (__atomic_load_n (&readers_out, __ATOMIC_SEQ_CST), n);
  gochan_rwmutex_unlock (&m);
  gochan_waitgroup_wait (&done);
}

int
main (void)
{
  test (1);
  test (3);
  test (4);
  test (50);
  return 0;
}
