/* A __go_block cannot capture a variable of variably modified type (its
   bounds live in the spawning frame) nor declare one (its size would be
   computed from the spawning frame): errors at the use or the
   declaration, with a note.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

void f (int);

void
spawn (int n)
{
  int m[n];			/* { dg-message "note: its bounds live in the frame of 'spawn'" } */
  int (*rows)[n] = 0;		/* { dg-message "note: its bounds live in the frame of 'spawn'" } */
  __go_block
    {
      f (m[0]);			/* { dg-error "'__go_block' cannot capture 'm' of variably modified type 'int\\\[n\\\]'" } */
      f (rows[0][0]);		/* { dg-error "'__go_block' cannot capture 'rows' of variably modified type" } */
    }
  __go_block			/* { dg-message "note: declare it in a function that the block calls" } */
    {
      int k = 3;
      int own[k];		/* { dg-error "'own' has variably modified type 'int\\\[k\\\]', which a '__go_block' cannot declare" } */
      f (own[0]);
    }
  int *p = m;
  __go_block { f (p[0] + n); }	/* fine: a pointer and the bound */
}
