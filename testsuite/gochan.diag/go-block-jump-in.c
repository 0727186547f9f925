/* Jumping into a __go_block from outside (goto, or the address of a
   label in it) is an error at the jump, with a note at the label: the
   label is in the goroutine's function once the block is outlined.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void f (int);

void *
spawn (int k)
{
  if (k)
    goto in;			/* { dg-error "jump into a '__go_block' to label 'in'" } */
  __go_block { in: f (k); }	/* { dg-message "note: 'in' is inside the block, which runs as a goroutine of its own" } */
  void *p = &&in2;		/* { dg-error "jump into a '__go_block' to label 'in2'" } */
  __go_block { in2: f (k); }	/* { dg-message "note: 'in2' is inside the block" } */
  return p;
}
