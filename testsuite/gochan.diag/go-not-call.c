/* __go must be followed by a function call: a variable, an arithmetic
   expression or a cast is refused with an error at the __go, and nothing
   is lowered.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

int f (int);
int x;

void
spawn (void)
{
  __go x;			/* { dg-error "'__go' must be followed by a function call" } */
  __go f (1) + 1;		/* { dg-error "'__go' must be followed by a function call" } */
  __go (long) f (2);		/* { dg-error "'__go' must be followed by a function call" } */
  __go f (3);			/* fine */
}
