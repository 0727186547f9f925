/* __go of a variadic function: the arguments after the named ones keep
   their default promotions (float to double, short to int), and the thunk
   calls the function with the same types.  A call with no arguments has
   no fields.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>
#include <stdio.h>

void tick (void);

void
spawn (float f, short s, char *name)
{
  __go printf ("%f %d %s\n", f, s, name);
  __go tick ();
}

/* { dg-final { scan-gochan-dump {^go spawn:17 thunk=spawn\.gochan_go\.0 callee=printf fields=a0:const char \*,a1:double,a2:int,a3:char \* early=none$} } } */
/* { dg-final { scan-gochan-dump {^go spawn:18 thunk=spawn\.gochan_go\.1 callee=tick fields=none early=none$} } } */
