/* -fplugin-arg-gochan-no-escape-warning turns off the warning for
   __go f (&local) (see go-escape.c).  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -Wall -fplugin-arg-gochan-no-escape-warning" } */

#include <gochan.h>

void work (int *p);

void
spawn (void)
{
  int local = 0;
  __go work (&local);		/* { dg-bogus "warning" } */
}
