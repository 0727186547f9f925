/* Area:        harness
   Purpose:     CHECK_EQ compares integers by value, not by C's usual
                conversions: -1 and UINT64_MAX differ.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-shouldfail "CHECK_EQ fails" } */
/* { dg-exit-status 1 } */
#include "gochan-test.h"

int
main (void)
{
  int minus_one = -1;

  CHECK_EQ (minus_one, UINT64_MAX);
  return 0;
}

/* { dg-output {CHECK_EQ \(minus_one, UINT64_MAX\) failed: -1 != 18446744073709551615} } */
