/* Area:        harness
   Purpose:     dg-output matches the program's stdout and stderr, merged
                in the order they were written, across several dg-output
                directives.
   Limitations: none.  */
/* { dg-do run } */
#include <stdio.h>

int
main (void)
{
  printf ("hello %d\n", 42);
  fprintf (stderr, "to stderr\n");
  printf ("back on stdout\n");
  return 0;
}

/* { dg-output "^hello 42\n" } */
/* { dg-output "to stderr\n" } */
/* { dg-output "back on stdout\n$" } */
