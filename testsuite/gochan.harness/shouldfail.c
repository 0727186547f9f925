/* Area:        harness
   Purpose:     dg-shouldfail without dg-exit-status accepts any nonzero
                exit status.
   Limitations: none.  */
/* { dg-do run } */
/* { dg-shouldfail "exits with 5" } */

int
main (void)
{
  return 5;
}
