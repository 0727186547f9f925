/* Querying a NULL context panics naming the call (Go: a nil Context
   panics on use).  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/context.h>
#include <stddef.h>

int
main (void)
{
  (void) gochan_ctx_err (NULL);
  return 0;
}
/* { dg-output "panic: gochan_ctx_err: nil context" } */
