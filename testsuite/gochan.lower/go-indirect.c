/* __go through a function pointer, a struct member and a call that
   returns a function: the callee is evaluated in the spawning function
   and stored first (field fn), before the arguments.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

typedef void handler_fn (int);
struct server { handler_fn *handle; };
handler_fn *pick (int);

void
spawn (handler_fn *fp, struct server *srv, struct server local, int k)
{
  __go fp (1);
  __go srv->handle (2);
  __go local.handle (3);
  __go pick (k) (4);
}

/* { dg-final { scan-gochan-dump {^go spawn:17 thunk=spawn\.gochan_go\.0 callee=indirect fields=fn:void \(\*\)\(int\),a0:int early=none$} } } */
/* { dg-final { scan-gochan-dump {^go spawn:18 thunk=spawn\.gochan_go\.1 callee=indirect fields=fn:void \(\*\)\(int\),a0:int early=none$} } } */
/* { dg-final { scan-gochan-dump {^go spawn:19 thunk=spawn\.gochan_go\.2 callee=indirect fields=fn:void \(\*\)\(int\),a0:int early=none$} } } */
/* pick (k) has side effects: evaluated into a temporary before the
   goroutine is reserved.  */
/* { dg-final { scan-gochan-dump {^go spawn:20 thunk=spawn\.gochan_go\.3 callee=indirect fields=fn:void \(\*\)\(int\),a0:int early=fn$} } } */
