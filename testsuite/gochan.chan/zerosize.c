/* Go's test/chan/zerosize.go, extended: channels of zero-size elements,
   buffered and unbuffered, can be made and carry values (events), with
   len and cap counted in elements, and NULL element pointers allowed.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include "gochan-test.h"

struct empty { char x[0]; };

static void
sender (void *p)
{
  for (int i = 0; i < 100; i++)
    CHECK_RC (gochan_chan_send (p, NULL), 0);
  gochan_chan_close (p);
}

int
main (void)
{
  gochan_chan *a = gochan_chan_make (0, 1, 0);
  gochan_chan *b = gochan_chan_make (0, 1, 1);
  gochan_chan *c = GOCHAN_CHAN_MAKE (struct empty, 0);
  gochan_chan *d = GOCHAN_CHAN_MAKE (struct empty, 1000);
  CHECK (a && b && c && d);
  CHECK_EQ (gochan_chan_cap (a), 0);
  CHECK_EQ (gochan_chan_cap (b), 1);
  CHECK_EQ (gochan_chan_cap (d), 1000);

  /* Buffered: len counts zero-size elements.  */
  struct empty e;
  for (int i = 0; i < 1000; i++)
    CHECK_RC (gochan_chan_send (d, &e), 0);
  CHECK_EQ (gochan_chan_len (d), 1000);
  CHECK_RC (gochan_chan_trysend (d, &e), -EAGAIN);
  for (int i = 0; i < 1000; i++)
    CHECK_RC (gochan_chan_recv (d, &e), 0);
  CHECK_EQ (gochan_chan_len (d), 0);
  CHECK_RC (gochan_chan_tryrecv (d, &e), -EAGAIN);

  CHECK_RC (gochan_chan_trysend (b, NULL), 0);
  CHECK_RC (gochan_chan_trysend (b, NULL), -EAGAIN);
  CHECK_RC (gochan_chan_tryrecv (b, NULL), 0);

  /* Unbuffered: 100 events, then the close.  */
  CHECK_RC (gochan_go (sender, a), 0);
  int n = 0;
  while (gochan_chan_recv (a, NULL) == 0)
    n++;
  CHECK_EQ (n, 100);
  CHECK_RC (gochan_chan_recv (a, NULL), -EPIPE);

  gochan_chan_release (a);
  gochan_chan_release (b);
  gochan_chan_release (c);
  gochan_chan_release (d);
  return 0;
}
