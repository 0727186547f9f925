/* A send on a channel whose last reference was dropped panics naming the
   call, instead of writing into freed memory.  */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 4);
  int v = 1;
  gochan_chan_retain (c);
  gochan_chan_release (c);
  gochan_chan_send (c, &v);	/* still one reference: fine */
  gochan_chan_release (c);
  gochan_chan_recv (c, &v);
  return 0;
}
/* { dg-output "panic: gochan_chan_recv: use of a released channel" } */
