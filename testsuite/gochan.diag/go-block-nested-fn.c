/* A __go_block cannot use a GNU nested function (its static chain points
   into the frame of the enclosing function, which may return before the
   goroutine runs) nor define one: errors with a note.  A __go_block in a
   nested function is fine.  */
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
    __go_block { f (k + base); }	/* fine */
  }
  __go_block
    {
      inner (1);		/* { dg-error "'__go_block' cannot use nested function 'inner'" } */
    }
  __go_block
    {
      void local (void) { f (2); }	/* { dg-error "nested function 'local' cannot be defined in a '__go_block'" } */
      local ();
    }
  inner (3);
}
