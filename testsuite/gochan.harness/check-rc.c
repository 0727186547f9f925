/* Area:        harness
   Purpose:     a failing CHECK_RC names both return codes by errno name.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-shouldfail "CHECK_RC fails" } */
/* { dg-exit-status 1 } */
#include "gochan-test.h"

static int
try_recv (void)
{
  return -EAGAIN;
}

int
main (void)
{
  CHECK_RC (try_recv (), -EPIPE);
  return 0;
}

/* { dg-output {check-rc.c:18: CHECK_RC \(try_recv \(\), -EPIPE\) failed: got -EAGAIN, expected -EPIPE} } */
