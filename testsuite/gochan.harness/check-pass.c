/* Area:        harness
   Purpose:     gochan-test.h's checks pass on true conditions, for signed,
                unsigned and mixed operands, without -Wextra warnings, and
                CHECK_DURATION accepts a real 10 ms sleep.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-options "-std=gnu11 -Wall -Wextra" } */
#include "gochan-test.h"

static int
fails_with (int rc)
{
  return rc;
}

int
main (void)
{
  struct timespec ten_ms = { 0, 10 * 1000 * 1000 };
  uint64_t big = UINT64_MAX;
  size_t n = 3;
  unsigned char uc = 200;
  short neg = -5;
  int64_t t0;

  CHECK (1 + 1 == 2);
  CHECK_EQ (-3, -3);
  CHECK_EQ (big, UINT64_MAX);
  CHECK_EQ (n, 3);
  CHECK_EQ (uc, 200);
  CHECK_EQ (neg, -5);
  CHECK_EQ ((uint64_t) 5, 5LL);
  CHECK_STREQ ("chan", "chan");
  CHECK_RC (fails_with (-EPIPE), -EPIPE);
  CHECK_RC (fails_with (3), 3);
  t0 = gochan_test_now_ns ();
  nanosleep (&ten_ms, NULL);
  CHECK_DURATION (gochan_test_now_ns () - t0, 10 * 1000 * 1000);
  printf ("all checks passed\n");
  return 0;
}

/* { dg-output "all checks passed" } */
