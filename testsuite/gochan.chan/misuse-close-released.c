/* Closing a channel after its last release panics naming the call.  */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (char, 0);
  gochan_chan_release (c);
  gochan_chan_close (c);
  return 0;
}
/* { dg-output "panic: gochan_chan_close: use of a released channel" } */
