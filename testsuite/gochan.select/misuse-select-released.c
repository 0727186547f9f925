/* A select case on a released channel panics naming select, on the
   general path and on the one-case path.  */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/select.h>

int
main (void)
{
  gochan_chan *a = GOCHAN_CHAN_MAKE (int, 1), *b = GOCHAN_CHAN_MAKE (int, 1);
  int v = 0;
  gochan_chan_release (b);
  gochan_select_case cs[2] = {
    GOCHAN_SELECT_RECV_CASE (a, &v),
    GOCHAN_SELECT_RECV_CASE (b, &v),
  };
  gochan_select_try (cs, 2);
  return 0;
}
/* { dg-output "panic: select: use of a released channel" } */
