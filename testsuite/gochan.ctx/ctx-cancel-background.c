/* Cancelling a context that is not cancelable (Background) panics.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: gochan_ctx_cancel: context is not cancelable" } */
#include <gochan/context.h>

int
main (void)
{
  gochan_ctx_cancel (gochan_ctx_background ());
  return 0;
}
