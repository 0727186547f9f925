/* __recv and __send label cases of a __select only: in an ordinary switch
   they are an error at the __recv or __send; outside any switch the front
   end rejects the case label itself.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

int
f (__chan (int) c, int k)
{
  int v = 0;
  switch (k)
    {
    case __recv (c, v):		/* { dg-error "'__recv' may only label a case directly inside a '__select'" } */
      break;
    case __send (c, 1):		/* { dg-error "'__send' may only label a case directly inside a '__select'" } */
      break;
    case __recv (c):		/* { dg-error "'__recv' may only label a case directly inside a '__select'" } */
      break;
    }
  return v;
}

void
g (__chan (int) c)
{
  case __send (c, 2):		/* { dg-error "case label not within a switch statement" } */
    ;
  /* { dg-error "'__send' may only label a case directly inside a '__select'" "" { target *-*-* } .-2 } */
}
