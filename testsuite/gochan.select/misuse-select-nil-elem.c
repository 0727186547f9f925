/* A send case with a NULL element pointer (non-zero element size)
   panics naming select, with two cases (the general path).  */
/* { dg-do run } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
#include <gochan/select.h>

int
main (void)
{
  gochan_chan *a = GOCHAN_CHAN_MAKE (int, 1), *b = GOCHAN_CHAN_MAKE (int, 1);
  int v;
  gochan_select_case cs[2] = {
    GOCHAN_SELECT_RECV_CASE (a, &v),
    GOCHAN_SELECT_SEND_CASE (b, NULL),
  };
  gochan_select (cs, 2);
  return 0;
}
/* { dg-output "panic: select: nil element pointer" } */
