/* Releasing a context once too often panics naming the call, instead of
   freeing it twice.  */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/context.h>

int
main (void)
{
  gochan_ctx *ctx = gochan_ctx_with_cancel (gochan_ctx_background ());
  gochan_ctx_cancel (ctx);
  gochan_ctx_release (ctx);
  gochan_ctx_release (ctx);
  return 0;
}
/* { dg-output "panic: gochan_ctx_release: use of a released context" } */
