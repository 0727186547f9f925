/* Area:        harness
   Purpose:     dg-set-target-env-var sets the program's environment,
                values with spaces included.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_HARNESS_A "two words" } */
/* { dg-set-target-env-var GOCHAN_HARNESS_B 1 } */
#include <stdio.h>
#include <stdlib.h>

int
main (void)
{
  const char *a = getenv ("GOCHAN_HARNESS_A");
  const char *b = getenv ("GOCHAN_HARNESS_B");

  printf ("A=<%s> B=<%s>\n", a ? a : "(unset)", b ? b : "(unset)");
  return 0;
}

/* { dg-output "A=<two words> B=<1>" } */
