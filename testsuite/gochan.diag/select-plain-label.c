/* A __select case is __recv, __send or default: a plain case label (or a
   GNU case range) in a __select is an error.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void
f (__chan (int) c)
{
  int v = 0;
  __select {
  case __recv (c, v):
    break;
  case 3:			/* { dg-error "only 'case __recv\\(...\\)', 'case __send\\(...\\)' and 'default' may label a '__select' case" } */
    break;
  case 5 ... 7:			/* { dg-error "only 'case __recv\\(...\\)'" } */
    break;
  }
}
