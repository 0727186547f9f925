/* An assignment to a variable a __go_block captured changes only the
   goroutine's copy: a warning at the assignment that names the
   variable, with a note at its declaration.  Assignments to the block's
   own variables, to elements of a captured array (shared, captured by
   address) and through captured pointers are not warned about.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

struct pt { int x, y; };

void
spawn (int param)		/* { dg-message "note: to share 'param' with the goroutine, capture a pointer to it" } */
{
  int n = 0;			/* { dg-message "note: to share 'n' with the goroutine" } */
  struct pt p = { 1, 2 };	/* { dg-message "note: to share 'p' with the goroutine" } */
  int a[4] = { 0 };
  int *q = &a[1];
  __go_block
    {
      n = 1;			/* { dg-warning "assignment to 'n' changes only the goroutine's copy: '__go_block' captures it by value" } */
      n += 2;			/* { dg-warning "assignment to 'n' changes only" } */
      n++;			/* { dg-warning "assignment to 'n' changes only" } */
      --n;			/* { dg-warning "assignment to 'n' changes only" } */
      p.x = 3;			/* { dg-warning "assignment to 'p' changes only" } */
      param = 4;		/* { dg-warning "assignment to 'param' changes only" } */
      a[0] = 5;			/* fine: the array is shared */
      *q = 6;			/* fine: through a pointer */
      int own = n;
      own++;			/* fine: the block's own variable */
      (void) own;
    }
}
