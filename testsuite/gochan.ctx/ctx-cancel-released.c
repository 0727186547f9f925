/* Cancelling a context after its last release panics naming the call.  */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/context.h>

int
main (void)
{
  gochan_ctx *ctx = gochan_ctx_with_timeout (gochan_ctx_background (),
					     1000000000);
  gochan_ctx_cancel (ctx);
  gochan_ctx_release (ctx);
  gochan_ctx_cancel (ctx);
  return 0;
}
/* { dg-output "panic: gochan_ctx_cancel: use of a released context" } */
