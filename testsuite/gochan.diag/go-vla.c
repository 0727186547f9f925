/* __go refuses arguments of variably modified type: their bounds live in
   the spawning function's frame.  The error points at the argument, with
   a note at the __go.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void rows (int n, int (*m)[n]);
void flat (int n, int *m);

void
spawn (int n)
{
  int m[n][n];
  __go rows (n, m);		/* { dg-error "argument 2 of '__go' has variably modified type 'int \\(\\*\\)\\\[n\\\]'" } */
  /* { dg-message "note: its bounds live in the frame of the spawning function" "" { target *-*-* } .-1 } */
  int *p = &m[0][0];
  __go flat (n, p);		/* fine: a plain pointer */
}
