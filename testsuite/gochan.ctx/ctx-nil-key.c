/* A NULL value key panics (Go's TestWithValueChecksKey).  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: nil key" } */
#include <gochan/context.h>
#include <stddef.h>

int
main (void)
{
  gochan_ctx_with_value (gochan_ctx_background (), NULL, "bar");
  return 0;
}
