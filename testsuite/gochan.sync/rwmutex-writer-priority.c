/* Writers are not starved by readers: while a stream of overlapping
   readers keeps the read lock held at all times, a writer that asks for
   the lock gets it (new readers queue behind it), and the readers that
   queued behind the writer get in once it unlocks.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

enum { READERS = 4 };

static gochan_rwmutex rw = GOCHAN_RWMUTEX_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int stop, writer_in, reads_after;

static void
reader (void *arg)
{
  (void) arg;
  while (!__atomic_load_n (&stop, __ATOMIC_ACQUIRE))
    {
      gochan_rwmutex_rlock (&rw);
      if (__atomic_load_n (&writer_in, __ATOMIC_ACQUIRE))
        __atomic_add_fetch (&reads_after, 1, __ATOMIC_SEQ_CST);
      gochan_sleep (GOCHAN_MS);        /* readers overlap: never free */
      gochan_rwmutex_runlock (&rw);
    }
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  gochan_waitgroup_add (&wg, READERS);
  for (int i = 0; i < READERS; i++)
    {
      CHECK_RC (gochan_go (reader, NULL), 0);
      gochan_sleep (GOCHAN_MS / 4);
    }
  gochan_sleep (20 * GOCHAN_MS);
  int64_t t0 = gochan_now ();
  gochan_rwmutex_lock (&rw);
  /* Readers drain within about one read (1 ms); allow plenty.  */
  CHECK (gochan_now () - t0 < GOCHAN_S);
  __atomic_store_n (&writer_in, 1, __ATOMIC_RELEASE);
  gochan_sleep (5 * GOCHAN_MS);
  gochan_rwmutex_unlock (&rw);
  int64_t deadline = gochan_now () + 10 * GOCHAN_S;
  while (__atomic_load_n (&reads_after, __ATOMIC_SEQ_CST) == 0)
    {
      CHECK (gochan_now () < deadline);
      gochan_sleep (GOCHAN_MS);
    }
  __atomic_store_n (&stop, 1, __ATOMIC_RELEASE);
  gochan_waitgroup_wait (&wg);
  return 0;
}
