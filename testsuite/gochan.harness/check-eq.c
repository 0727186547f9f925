/* Area:        harness
   Purpose:     a failing CHECK_EQ prints file:line, both expressions and
                both values (unsigned ones unsigned), and exits with 1.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-shouldfail "CHECK_EQ fails" } */
/* { dg-exit-status 1 } */
#include "gochan-test.h"

int
main (void)
{
  uint64_t big = UINT64_MAX;

  printf ("checking\n");
  CHECK_EQ (big, 7);
  printf ("not reached\n");
  return 0;
}

/* { dg-output "checking\n\[^\n\]*check-eq.c:16: CHECK_EQ \\(big, 7\\) failed: 18446744073709551615 != 7\n$" } */
