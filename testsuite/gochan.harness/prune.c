/* Area:        harness
   Purpose:     dg-prune-output removes lines from the excess-errors check.
   Limitations: none.  */
/* { dg-do compile } */
/* { dg-prune-output "prune this line" } */

#warning "prune this line"

int x;
