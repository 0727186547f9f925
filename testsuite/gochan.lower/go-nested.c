/* __go inside a GNU nested function and inside a statement expression is
   lowered like any other; the thunk of a nested function is named after
   its assembler name.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

void work (int);

int
outer (int base)
{
  void inner (int k)
  {
    __go work (k + base);
  }
  inner (1);
  return ({ __go work (2); 3; });
}

/* { dg-final { scan-gochan-dump {^go inner:17 thunk=inner\.[0-9]+\.gochan_go\.[0-9]+ callee=work fields=a0:int early=none$} } } */
/* { dg-final { scan-gochan-dump {^go outer:20 thunk=outer\.gochan_go\.[0-9]+ callee=work } } } */
