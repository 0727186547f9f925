/* Area:        harness
   Purpose:     dg-timeout kills a program that runs too long and FAILs it
                (an XFAIL here); if the kill did not happen the program
                would exit 0 after 30 s and XPASS.
   Limitations: costs two seconds, so it runs under one option set.  */
/* { dg-do run { xfail *-*-* } } */
/* { dg-timeout 2 } */
/* { dg-torture once } */
#include <unistd.h>

int
main (void)
{
  sleep (30);
  return 0;
}
