/* Area:        harness
   Purpose:     target selectors accept triplet globs and effective-target
                names, negated with "!"; dg-additional-options adds flags.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-require-effective-target harness_always } */
/* { dg-additional-options "-DALWAYS=1" { target harness_always } } */
/* { dg-additional-options "-DNEVER=1" { target harness_never } } */
/* { dg-additional-options "-DNOT_NEVER=1" { target !harness_never } } */
/* { dg-additional-options "-DTRIPLET=1" { target *-*-* } } */
#include "gochan-test.h"

int
main (void)
{
#if !defined ALWAYS || defined NEVER || !defined NOT_NEVER || !defined TRIPLET
  CHECK (!"selector evaluated wrongly");
#endif
  return 0;
}
