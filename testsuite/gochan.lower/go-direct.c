/* __go of a named function: one argument block field per argument, in
   order, with the types the call was converted to (the prototype's); the
   callee is not stored (the thunk calls it directly); nothing needs a
   temporary when no argument has side effects.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

void worker (int id, long n, double x, const char *name);

void
spawn (int i, short s, float f)
{
  __go worker (i, s, f, "w");
}

/* { dg-final { scan-gochan-dump {^go spawn:16 thunk=spawn\.gochan_go\.0 callee=worker fields=a0:int,a1:long int,a2:double,a3:const char \* early=none$} } } */
/* { dg-final { scan-gochan-dump-times {^go } 1 } } */
