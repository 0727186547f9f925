/* A received value is assigned to its target as by assignment, with the
   usual diagnostics at the user's line: an int into a struct is an error,
   into a pointer a -Wint-conversion warning, into a const object an
   error; for chan_recv, chan_recv_ok and the __recv forms alike.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

struct point { int x, y; };

void
f (__chan (int) c)
{
  struct point pt;
  char *s;
  long l;
  bool ok;
  const int k = 0;
  pt = chan_recv (c);		/* { dg-error "incompatible types when assigning to type 'struct point' from type 'int'" } */
  s = chan_recv (c);		/* { dg-warning "assignment to 'char \\*' from 'int' makes pointer from integer without a cast" } */
  s = chan_recv_ok (c, &ok);	/* { dg-warning "assignment to 'char \\*' from 'int' makes pointer from integer without a cast" } */
  l = chan_recv (c);		/* fine: int to long */
  __select {
  case __recv (c, pt):		/* { dg-error "incompatible types when assigning to type 'struct point' from type 'int'" } */
    break;
  case __recv (c, s):		/* { dg-warning "assignment to 'char \\*' from 'int' makes pointer from integer without a cast" } */
    break;
  case __recv (c, l, ok):	/* fine */
    break;
  case __recv (c, k):		/* { dg-error "assignment of read-only variable 'k'" } */
    break;
  }
  (void) l;
}
