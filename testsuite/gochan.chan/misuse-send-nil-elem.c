/* A send through the plain API with a NULL element pointer on a channel
   of non-zero element size panics naming the call, instead of a
   segfault inside the copy.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 1);
  gochan_chan_send (c, NULL);
  return 0;
}
/* { dg-output "panic: gochan_chan_send: nil element pointer" } */
