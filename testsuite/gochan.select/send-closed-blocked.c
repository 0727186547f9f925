/* A select blocked with a send case is woken by the close of that
   channel, and panics ("send on closed channel") as Go does.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>

static void
closer (void *p)
{
  gochan_sleep (10 * GOCHAN_MS);
  gochan_chan_close (p);
}

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan *empty = GOCHAN_CHAN_MAKE (int, 0);
  int v = 7, w;
  gochan_go (closer, c);
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (empty, &w),
    GOCHAN_SELECT_SEND_CASE (c, &v),
  };
  gochan_select (cases, 2);
  return 0;
}
/* { dg-output "panic: send on closed channel" } */
