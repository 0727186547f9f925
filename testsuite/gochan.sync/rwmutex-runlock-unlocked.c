/* RWMutex misuse panics as in Go: runlock of a never locked rwmutex (Go's
   misuse test "RWMutex.RUnlock").  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: sync: RUnlock of unlocked RWMutex" } */
#include <gochan/sync.h>

int
main (void)
{
  gochan_rwmutex m = GOCHAN_RWMUTEX_INIT;
  gochan_rwmutex_runlock (&m);
  return 0;
}
