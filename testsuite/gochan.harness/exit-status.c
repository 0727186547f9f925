/* Area:        harness
   Purpose:     dg-shouldfail with dg-exit-status N passes only for exit
                status N, and dg-output still checks a crashing program's
                message.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-shouldfail "the program panics" } */
/* { dg-exit-status 2 } */
#include <stdio.h>
#include <stdlib.h>

int
main (void)
{
  printf ("before the panic\n");
  fprintf (stderr, "panic: send on closed channel\n");
  exit (2);
}

/* { dg-output "before the panic\npanic: send on closed channel" } */
