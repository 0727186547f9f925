/* Area:        harness
   Purpose:     variables set by dg-set-target-env-var in env-1-set.c do not
                leak into later tests (this file sorts after env-1-set.c).
   Limitations: only meaningful when env-1-set.c runs first, as it does in a
                full run of harness.exp.  */
/* { dg-do run } */
#include "gochan-test.h"

int
main (void)
{
  CHECK (getenv ("GOCHAN_HARNESS_A") == NULL);
  CHECK (getenv ("GOCHAN_HARNESS_B") == NULL);
  return 0;
}
