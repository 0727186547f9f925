/* A receive from a nil channel in the only goroutine is a deadlock: Go's
   fatal error, exit status 2, and the dump names the wait "chan receive
   (nil chan)".  */
/* { dg-require-effective-target deadlock_reports } */
/* { dg-do run } */
/* { dg-shouldfail "deadlock" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  int v;
  gochan_chan_recv (NULL, &v);
  return 0;
}
/* { dg-output "fatal error: all goroutines are asleep - deadlock!.*chan receive \\(nil chan\\)" } */
