/* A NULL array of cases with a positive count panics naming select.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/select.h>

int
main (void)
{
  gochan_select_try (NULL, 3);
  return 0;
}
/* { dg-output "panic: select: nil cases array with 3 cases" } */
