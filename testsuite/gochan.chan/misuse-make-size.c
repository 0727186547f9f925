/* An element size whose buffer cannot exist (the size times the
   capacity overflows) panics with Go's message; a bad alignment names
   the call (see misuse-make-align.c).  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>
#include <stdint.h>

int
main (void)
{
  gochan_chan_make (SIZE_MAX / 2, 1, 4);
  return 0;
}
/* { dg-output "panic: makechan: size out of range" } */
