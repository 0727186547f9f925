/* A __select has at most one default: the second is an error at its
   line, with a note at the first.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void
f (__chan (int) c)
{
  int v = 0;
  __select {
  default:			/* { dg-message "note: this is the first default label" } */
    break;
  case __recv (c, v):
    break;
  default:			/* { dg-error "multiple default labels in one switch" } */
    break;
  }
}
