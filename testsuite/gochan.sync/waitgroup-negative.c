/* A negative WaitGroup counter panics (Go's TestWaitGroupMisuse): add 1,
   done, done.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: sync: negative WaitGroup counter" } */
#include <gochan/sync.h>

int
main (void)
{
  gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
  gochan_waitgroup_add (&wg, 1);
  gochan_waitgroup_done (&wg);
  gochan_waitgroup_done (&wg);
  return 0;
}
