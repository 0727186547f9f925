/* Releasing a channel once more than it was made and retained panics
   naming the call (the memory is not freed twice).  */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 4);
  gochan_chan_release (c);
  gochan_chan_release (c);
  return 0;
}
/* { dg-output "panic: gochan_chan_release: use of a released channel" } */
