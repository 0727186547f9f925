/* Area:        harness
   Purpose:     the smp effective target holds only with two usable CPUs.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-require-effective-target smp } */
#define _GNU_SOURCE
#include <sched.h>
#include "gochan-test.h"

int
main (void)
{
  cpu_set_t set;

  CHECK (sched_getaffinity (0, sizeof set, &set) == 0);
  CHECK (CPU_COUNT (&set) >= 2);
  return 0;
}
