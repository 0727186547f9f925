/* A value sent on a channel is converted to the element type as by
   assignment, with the usual diagnostics at the user's line: a struct on
   a channel of int is an error, a pointer on a channel of int a
   -Wint-conversion warning; the same for chan_send and __send.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

struct point { int x, y; };

void
f (__chan (int) c, __chan (struct point) cp, char *s)
{
  struct point pt = { 1, 2 };
  chan_send (c, pt);		/* { dg-error "incompatible types when initializing type 'int' using type 'struct point'" } */
  chan_send (c, s);		/* { dg-warning "initialization of 'int' from 'char \\*' makes integer from pointer without a cast" } */
  chan_send (cp, 1);		/* { dg-error "invalid initializer" } */
  chan_send (c, 2.5);		/* fine: converted to int, as by assignment */
  __select {
  case __send (c, pt):		/* { dg-error "incompatible types when assigning to type 'int' from type 'struct point'" } */
    break;
  case __send (c, s):		/* { dg-warning "assignment to 'int' from 'char \\*' makes integer from pointer without a cast" } */
    break;
  case __send (cp, pt):		/* fine */
    break;
  }
}
