/* Go's test/chan/sendstmt.go: a channel of channels (the channel operand
   of a send case is itself received from a channel, once, before the
   select chooses; the select has a default and the send proceeds at
   once), and a send of a computed bool value.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/select.h>
#include <stdbool.h>
#include "gochan-test.h"

static void
chanchan (void)
{
  gochan_chan *cc = GOCHAN_CHAN_MAKE (gochan_chan *, 1);
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 1);
  CHECK_RC (gochan_chan_send (cc, &c), 0);

  /* select { case <-cc <- 2: default: panic("nonblock") } */
  gochan_chan *target = NULL;
  CHECK_RC (gochan_chan_recv (cc, &target), 0);
  CHECK (target == c);
  int two = 2;
  gochan_select_case cases[] = { GOCHAN_SELECT_SEND_CASE (target, &two) };
  CHECK_RC (gochan_select_try (cases, 1), 0);

  int v = 0;
  CHECK_RC (gochan_chan_recv (c, &v), 0);
  CHECK_EQ (v, 2);
  gochan_chan_release (cc);
  gochan_chan_release (c);
}

static void
sendprec (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (bool, 1);
  bool f = false, val = f || true;
  CHECK_RC (gochan_chan_send (c, &val), 0);
  bool got = false;
  CHECK_RC (gochan_chan_recv (c, &got), 0);
  CHECK (got);
  gochan_chan_release (c);
}

int
main (void)
{
  chanchan ();
  sendprec ();
  return 0;
}
