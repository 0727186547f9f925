/* An element alignment that is not a power of two panics naming the
   call.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan_make (12, 12, 4);
  return 0;
}
/* { dg-output "panic: gochan_chan_make: alignment 12 is not a power of two" } */
