/* Area:        harness
   Purpose:     a failing CHECK prints file:line and the expression.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-shouldfail "CHECK fails" } */
/* { dg-exit-status 1 } */
#include "gochan-test.h"

int
main (void)
{
  int ready = 0;

  CHECK (ready == 1);
  return 0;
}

/* { dg-output {check-fail.c:14: CHECK \(ready == 1\) failed} } */
