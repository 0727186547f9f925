/* Area:        harness
   Purpose:     a missing effective target makes the test UNSUPPORTED
                (it would fail to compile if it were run).
   Limitations: none.  */
/* { dg-do run } */
/* { dg-require-effective-target harness_never } */

#error "dg-require-effective-target harness_never was ignored"
