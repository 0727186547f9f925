/* A send case on a closed channel panics when the select reaches it, with
   Go's message, even though another case (a receive from an empty
   channel) is present.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>
#include <gochan/select.h>

int
main (void)
{
  gochan_chan *closed = GOCHAN_CHAN_MAKE (int, 1);
  gochan_chan *empty = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan_close (closed);
  int v = 7, w;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (empty, &w),
    GOCHAN_SELECT_SEND_CASE (closed, &v),
  };
  gochan_select (cases, 2);
  return 0;
}
/* { dg-output "panic: send on closed channel" } */
