/* __go cannot start a GNU nested function: its static chain points into
   the frame of the enclosing function, which may return before the
   goroutine runs.  The error is at the __go, with a note at the nested
   function, also through a cast.  (A pointer variable holding a nested
   function cannot be seen.)  A __go inside a nested function is fine.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void f (int);

void
spawn (int base)
{
  void inner (int k)		/* { dg-message "note: 'inner' is nested in 'spawn'" } */
  {
    __go f (k + base);		/* fine: f is not nested */
  }
  __go inner (1);		/* { dg-error "'__go' cannot start nested function 'inner'" } */
  __go ((void (*) (int)) inner) (2);	/* { dg-error "'__go' cannot start nested function 'inner'" } */
  inner (3);
}
