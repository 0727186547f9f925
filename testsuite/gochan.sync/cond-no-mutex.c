/* Waiting on a cond that was never associated with a mutex (zero
   storage, not GOCHAN_COND_INIT) panics instead of crashing.  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-output "panic: sync: gochan_cond has no mutex" } */
#include <gochan/sync.h>

static gochan_cond c;

int
main (void)
{
  gochan_cond_wait (&c);
  return 0;
}
