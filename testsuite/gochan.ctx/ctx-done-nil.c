/* gochan_ctx_done on a NULL context panics naming the call.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/context.h>
#include <stddef.h>

int
main (void)
{
  (void) gochan_ctx_done (NULL);
  return 0;
}
/* { dg-output "panic: gochan_ctx_done: nil context" } */
