/* __go cannot start a compiler built-in that has no function behind it;
   library functions that GCC also knows as built-ins (printf, puts) are
   fine.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>
#include <stdio.h>

void
spawn (void)
{
  __go __builtin_trap ();	/* { dg-error "'__go' cannot start built-in function '__builtin_trap'" } */
  __go puts ("fine");
  __go printf ("%d\n", 1);
}
