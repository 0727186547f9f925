/* A sender blocked on a full channel panics ("send on closed channel")
   when the channel is closed: close wakes blocked senders too.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>

static void
sender (void *p)
{
  int v = 2;
  gochan_chan_send (p, &v);     /* blocks: the buffer is full */
}

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 1);
  int v = 1;
  gochan_chan_send (c, &v);
  gochan_go (sender, c);
  gochan_sleep (10 * GOCHAN_MS);
  gochan_chan_close (c);
  gochan_sleep (10 * GOCHAN_S);     /* the sender's panic ends the program */
  return 0;
}
/* { dg-output "panic: send on closed channel" } */
