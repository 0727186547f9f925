/* Unlocking a mutex that is not locked panics, as in Go (misuse test
   "Mutex.Unlock").  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: sync: unlock of unlocked mutex" } */
#include <gochan/sync.h>

int
main (void)
{
  gochan_mutex mu = GOCHAN_MUTEX_INIT;
  gochan_mutex_unlock (&mu);
  return 0;
}
