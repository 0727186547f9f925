/* The cases of a __select are directly in its body: C would accept a
   label nested in one of its statements, Go does not, and neither do we.
   A nested switch or __select owns its own labels.  (A label in a bare
   { } block is, to GCC, directly in the body.)  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void
f (__chan (int) c, __chan (int) d)
{
  int v = 0;
  __select {
  case __recv (c, v):
    if (v)
      {
      case __send (d, 1):	/* { dg-error "a '__select' case must be directly inside the '__select' body" } */
	break;
      }
    while (v--)
      {
      default:			/* { dg-error "a '__select' 'default' must be directly inside the '__select' body" } */
	break;
      }
    switch (v)
      {
      case 1:			/* fine: the inner switch's own label */
	break;
      }
    __select {
    case __recv (d, v):		/* fine: the inner select's own case */
      break;
    }
  }
}
