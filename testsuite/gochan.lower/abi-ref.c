/* A translation unit that uses the syntax references __gochan_abi_1 once
   (so that a runtime of another ABI fails to link); one that only
   includes the header does not.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

void work (int);

void
f (__chan (int) c)
{
  int v;
  __go work (1);
  __go work (2);
  __select {
  case __recv (c, v):
    break;
  }
}

/* { dg-final { scan-gochan-dump-times {^abi __gochan_abi_1$} 1 } } */
