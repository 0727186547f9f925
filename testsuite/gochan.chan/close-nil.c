/* Closing a nil channel panics with Go's message.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan_close (NULL);
  return 0;
}
/* { dg-output "panic: close of nil channel" } */
