/* The same check in the non-blocking send (gochan_chan_trysend).  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (long, 0);
  gochan_chan_trysend (c, NULL);
  return 0;
}
/* { dg-output "panic: gochan_chan_trysend: nil element pointer" } */
