/* __go begins an expression statement of its own: used as a value, in a
   condition, or followed by a comma, it is an error at the __go.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void f (int);
int g (int);

int
spawn (void)
{
  int y = (__go f (1), 2);	/* { dg-error "'__go' must begin a statement of its own" } */
  if ((__go f (2), 1))		/* { dg-error "'__go' must begin a statement of its own" } */
    y++;
  __go f (3), g (4);		/* { dg-error "'__go' must begin a statement of its own" } */
  for (int i = 0; i < 2; __go f (i++))	/* { dg-error "'__go' must begin a statement of its own" } */
    ;
  return y;
}
