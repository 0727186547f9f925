/* Evaluation order: callee, then arguments, left to right, each once.
   Operands up to the last one with side effects are evaluated into
   temporaries before __gochan_go_alloc (so no user code runs while a
   goroutine is reserved); constants and the operands after it are stored
   straight into the block.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

void f3 (int, int, int);
int next (void);
int x;

void
spawn (int y)
{
  __go f3 (x, y, 3);			/* no side effects  */
  __go f3 (next (), x, y);		/* only the first  */
  __go f3 (x, next (), 3);		/* x must be read before next ()  */
  __go f3 (x, 3, y++);			/* all but the constant  */
}

/* { dg-final { scan-gochan-dump {^go spawn:19 .* fields=a0:int,a1:int,a2:int early=none$} } } */
/* { dg-final { scan-gochan-dump {^go spawn:20 .* early=a0$} } } */
/* { dg-final { scan-gochan-dump {^go spawn:21 .* early=a0,a1$} } } */
/* { dg-final { scan-gochan-dump {^go spawn:22 .* early=a0,a2$} } } */
