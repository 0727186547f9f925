/* Deriving a context from a released parent panics naming the call.  */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/context.h>
#include <stddef.h>

int
main (void)
{
  gochan_ctx *p = gochan_ctx_with_cancel (gochan_ctx_background ());
  gochan_ctx_cancel (p);
  gochan_ctx_release (p);
  gochan_ctx_with_value (p, &p, NULL);
  return 0;
}
/* { dg-output "panic: gochan_ctx_with_value: use of a released context" } */
