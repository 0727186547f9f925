/* Every __go statement gets its own thunk and site record, numbered in
   source order through the translation unit, even for the same callee;
   loops do not multiply them.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

void work (int);

void
first (void)
{
  __go work (1);
  for (int i = 0; i < 10; i++)
    __go work (i);
}

void
second (void)
{
  __go work (2);
}

/* { dg-final { scan-gochan-dump {^go first:15 thunk=first\.gochan_go\.0 callee=work } } } */
/* { dg-final { scan-gochan-dump {^go first:17 thunk=first\.gochan_go\.1 callee=work } } } */
/* { dg-final { scan-gochan-dump {^go second:23 thunk=second\.gochan_go\.2 callee=work } } } */
/* { dg-final { scan-gochan-dump-times {^go } 3 } } */
