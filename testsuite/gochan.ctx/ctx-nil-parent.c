/* Deriving a context from a NULL parent panics (Go's
   TestInvalidDerivedFail).  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: cannot create context from nil parent" } */
#include <gochan/context.h>
#include <stddef.h>

int
main (void)
{
  gochan_ctx_with_cancel (NULL);
  return 0;
}
