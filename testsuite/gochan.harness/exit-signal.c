/* Area:        harness
   Purpose:     dg-exit-status SIGNAME passes only when the program is
                killed by that signal.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-shouldfail "aborts" } */
/* { dg-exit-status SIGABRT } */
#include <stdio.h>
#include <stdlib.h>

int
main (void)
{
  fprintf (stderr, "fatal error: all goroutines are asleep\n");
  abort ();
}

/* { dg-output "fatal error: all goroutines are asleep" } */
