/* A buffered channel's capacity has a bound of its own (its positions
   keep the index in 32 bits): 2^32 elements panic with Go's message,
   even of a zero-size element whose buffer would otherwise be small.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>
#include <stdint.h>

int
main (void)
{
  gochan_chan_make (0, 1, (size_t) 1 << 32);
  return 0;
}
/* { dg-output "panic: makechan: size out of range" } */
