/* A <gochan/abi.h> that does not match the plugin (here: another
   release's, forced in) is an error at the construct that needs it,
   naming what is wrong, never a crash.  See also
   abi-mismatch-select.c.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */
/* { dg-additional-options "-include $srcdir/$subdir/abi-mismatch.h" } */

#include <gochan.h>

void work (int);

void
f (void)
{
  __go work (1);		/* { dg-error "'__gochan_go_alloc' is missing or does not match what the gochan plugin expects; '<gochan/abi.h>' and the plugin must come from the same gochan release" } */
}
