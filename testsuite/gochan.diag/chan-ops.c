/* A channel is not a pointer to the user: dereferencing, indexing,
   arithmetic and ordered comparisons are errors at the user's line.
   == and != (and comparing with 0) are fine.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -Wno-int-conversion" } */

#include <gochan.h>

int
f (__chan (int) a, __chan (int) b)
{
  int v = 0;
  v = *a;			/* { dg-error "cannot dereference channel of type '__chan\\(int\\)'" } */
  /* { dg-message "note: receive with 'chan_recv' or '__select'" "" { target *-*-* } .-1 } */
  v = a[1];			/* { dg-error "cannot index channel of type '__chan\\(int\\)'" } */
  /* { dg-message "note: a channel is not an array" "" { target *-*-* } .-1 } */
  (*a) (0);			/* { dg-error "cannot dereference channel" } */
  /* { dg-message "note: receive with" "" { target *-*-* } .-1 } */
  a++;				/* { dg-error "invalid arithmetic on channel of type '__chan\\(int\\)'" } */
  --b;				/* { dg-error "invalid arithmetic on channel" } */
  a = a + 1;			/* { dg-error "invalid arithmetic on channel" } */
  b += 2;			/* { dg-error "invalid arithmetic on channel" } */
  v = a - b;			/* { dg-error "invalid arithmetic on channel" } */
  if (a < b)			/* { dg-error "channels can only be compared with '==' and '!='" } */
    v++;
  if (a == b || a != 0 || !b)	/* fine */
    v++;
  return v;
}
