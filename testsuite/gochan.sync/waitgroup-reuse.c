/* Reusing a WaitGroup before a previous wait has returned panics, as in
   Go (TestWaitGroupMisuse2): two goroutines wait; main's done releases
   both, but before they run (one processor: main keeps it) main starts
   the next round with add; the first waiter to run finds the group in
   use again.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 1 } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: sync: WaitGroup is reused before previous Wait" } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void
waiter (void *arg)
{
  (void) arg;
  gochan_waitgroup_wait (&wg);
}

int
main (void)
{
  gochan_waitgroup_add (&wg, 1);
  gochan_go (waiter, NULL);
  gochan_go (waiter, NULL);
  gochan_sleep (20 * GOCHAN_MS);      /* both are parked in wait */
  gochan_waitgroup_done (&wg);
  gochan_waitgroup_add (&wg, 1);
  gochan_sleep (20 * GOCHAN_MS);
  return 0;
}
