/* RWMutex misuse panics as in Go: unlock of a never locked rwmutex (Go's
   misuse test "RWMutex.Unlock").  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: sync: Unlock of unlocked RWMutex" } */
#include <gochan/sync.h>

int
main (void)
{
  gochan_rwmutex m = GOCHAN_RWMUTEX_INIT;
  gochan_rwmutex_unlock (&m);
  return 0;
}
