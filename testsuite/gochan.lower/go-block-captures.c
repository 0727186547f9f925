/* What a __go_block captures: the automatic variables and parameters of
   the enclosing function that the body uses, in order of first use, each
   once; an array as a pointer to it; a struct by value; not globals,
   statics, the block's own variables, or variables used only in sizeof.
   A nested block captures from the outer block's copies; a block in a
   GNU nested function also captures the parent's variables; a block
   that uses nothing captures nothing.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

struct pt { int x, y; };
int global;
void use (long, ...);

void
spawn (int param, const char *name)
{
  static int hits;
  int a[8];
  struct pt p = { 1, 2 };
  double unused = 0.5;
  long count = 3;
  __go_block
    {
      int own = param + (int) sizeof unused;
      use (count, p, a, name, own, count, global, hits, param);
    }
  __go_block
    {
      __go_block { use (count, p.x); }
    }
  __go_block { use (0); }
  void inner (short k)
  {
    __go_block { use (k, count); }
  }
  inner (1);
  (void) unused;
}

/* { dg-final { scan-gochan-dump {^go-block spawn:26 thunk=spawn\.gochan_go\.0 captures=param:int,count:long int,p:struct pt,a:int \(\*\)\[8\],name:const char \*$} } } */
/* { dg-final { scan-gochan-dump {^go-block spawn:31 thunk=spawn\.gochan_go\.1 captures=count:long int,p:struct pt$} } } */
/* { dg-final { scan-gochan-dump {^go-block spawn\.gochan_go\.1:33 thunk=spawn\.gochan_go\.1\.gochan_go\.2 captures=count:long int,p:struct pt$} } } */
/* { dg-final { scan-gochan-dump {^go-block spawn:35 thunk=spawn\.gochan_go\.3 captures=none$} } } */
/* { dg-final { scan-gochan-dump {^go-block inner:38 thunk=inner\.[0-9]+\.gochan_go\.4 captures=k:short int,count:long int$} } } */
/* { dg-final { scan-gochan-dump-times {^go-block } 5 } } */
