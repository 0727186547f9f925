/* `select {}` in the only goroutine is a deadlock, as in Go: the program
   ends with Go's fatal error and exit status 2, and the goroutine dump
   shows the wait reason "select (no cases)".  */
/* { dg-require-effective-target deadlock_reports } */
/* { dg-do run } */
/* { dg-shouldfail "deadlock" } */
/* { dg-exit-status 2 } */
#include <gochan/select.h>

int
main (void)
{
  __gochan_select (NULL, 0, 0);
  return 0;
}
/* { dg-output "fatal error: all goroutines are asleep - deadlock!.*select \\(no cases\\)" } */
