/* gochan_rwmutex try operations (Go's TestRWMutex, first part): trylock
   and tryrlock fail while write-locked; trylock succeeds when free;
   tryrlock succeeds twice when free or read-locked, while trylock then
   fails.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include "gochan-test.h"

int
main (void)
{
  gochan_rwmutex m = GOCHAN_RWMUTEX_INIT;

  gochan_rwmutex_lock (&m);
  CHECK (!gochan_rwmutex_trylock (&m));
  CHECK (!gochan_rwmutex_tryrlock (&m));
  gochan_rwmutex_unlock (&m);

  CHECK (gochan_rwmutex_trylock (&m));
  gochan_rwmutex_unlock (&m);

  CHECK (gochan_rwmutex_tryrlock (&m));
  CHECK (gochan_rwmutex_tryrlock (&m));
  CHECK (!gochan_rwmutex_trylock (&m));
  gochan_rwmutex_runlock (&m);
  gochan_rwmutex_runlock (&m);

  gochan_rwmutex_init (&m);
  gochan_rwmutex_rlock (&m);
  gochan_rwmutex_runlock (&m);
  gochan_rwmutex_lock (&m);
  gochan_rwmutex_unlock (&m);
  return 0;
}
