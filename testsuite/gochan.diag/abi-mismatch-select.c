/* A <gochan/abi.h> whose select case type does not match the plugin is
   an error at the __select (see abi-mismatch.c).  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */
/* { dg-additional-options "-include $srcdir/$subdir/abi-mismatch.h" } */

#include <gochan.h>

int
f (__chan (int) c)
{
  int v = 0;
  __select {			/* { dg-error "'__gochan_scase_t' is missing or does not match what the gochan plugin expects" } */
  case __recv (c, v):
    break;
  }
  return v;
}
