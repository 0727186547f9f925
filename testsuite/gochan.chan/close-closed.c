/* Closing a closed channel panics with Go's message.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan_close (c);
  gochan_chan_close (c);
  return 0;
}
/* { dg-output "panic: close of closed channel" } */
