/* A non-blocking send on a closed channel panics too (as Go's select with
   a default does), even when the buffer has room.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 1);
  int v = 1;
  gochan_chan_close (c);
  gochan_chan_trysend (c, &v);
  return 0;
}
/* { dg-output "panic: send on closed channel" } */
