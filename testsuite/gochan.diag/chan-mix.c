/* __chan(int) and __chan(long) are different types: mixing them is the
   front end's incompatible-pointer-types diagnostic at the user's line,
   and the plugin makes it spell channel types as __chan(T).  pkg-config's
   flags make it an error (-Werror=incompatible-pointer-types).  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void use (__chan (int) c);	/* { dg-message "note: expected '__chan\\(int\\)' but argument is of type '__chan\\(long int\\)'" } */

__chan (int)
f (void)
{
  __chan (int) a = chan_make (long, 1);	/* { dg-warning "initialization of '__chan\\(int\\)' from incompatible pointer type '__chan\\(long int\\)'" } */
  __chan (long) b = chan_make (long, 1);
  __chan (__chan (int)) cc = chan_make (__chan (long), 1);	/* { dg-warning "from incompatible pointer type '__chan\\(__chan\\(long int\\)\\)'" } */
  a = b;			/* { dg-warning "assignment to '__chan\\(int\\)' from incompatible pointer type '__chan\\(long int\\)'" } */
  use (b);			/* { dg-warning "passing argument 1 of 'use' from incompatible pointer type" } */
  chan_send (cc, b);		/* { dg-warning "initialization of '__chan\\(int\\)' from incompatible pointer type '__chan\\(long int\\)'" } */
  return b;			/* { dg-warning "returning '__chan\\(long int\\)' from a function with incompatible return type '__chan\\(int\\)'" } */
}
