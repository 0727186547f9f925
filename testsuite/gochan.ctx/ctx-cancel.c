/* gochan_ctx_with_cancel (Go's TestWithCancel): before cancel the done
   channel exists and is not ready and err is 0; cancel propagates
   synchronously to a value child and a grandchild: when it returns every
   done channel is closed (a receive succeeds at once, with ok false) and
   err is -ECANCELED.  Cancelling twice is harmless; done returns the same
   channel each time, before and after; a child of a cancelled context is
   born cancelled (TestWithCancelCanceledParent).  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/chan.h>
#include <gochan/select.h>
#include "gochan-test.h"

static void
check_not_done (gochan_ctx *c)
{
  CHECK (gochan_ctx_done (c) != NULL);
  CHECK_RC (gochan_ctx_err (c), 0);
  gochan_select_case cs[] = {
    GOCHAN_SELECT_RECV_CASE (gochan_ctx_done (c), NULL)
  };
  CHECK_RC (gochan_select_try (cs, 1), -EAGAIN);
}

static void
check_done (gochan_ctx *c, int err)
{
  gochan_select_case cs[] = {
    GOCHAN_SELECT_RECV_CASE (gochan_ctx_done (c), NULL)
  };
  CHECK_RC (gochan_select_try (cs, 1), 0);
  CHECK (!cs[0].ok);
  CHECK_RC (gochan_ctx_err (c), err);
}

int
main (void)
{
  static const char key;
  gochan_ctx *c1 = gochan_ctx_with_cancel (gochan_ctx_background ());
  gochan_ctx *o = gochan_ctx_with_value (c1, &key, NULL);
  gochan_ctx *c2 = gochan_ctx_with_cancel (o);
  gochan_ctx *all[] = { c1, o, c2 };
  for (int i = 0; i < 3; i++)
    check_not_done (all[i]);
  gochan_chan *d1 = gochan_ctx_done (c1);
  CHECK (gochan_ctx_done (o) == d1);      /* a value node has its parent's */
  CHECK (gochan_ctx_done (c2) != d1);

  gochan_ctx_cancel (c1);
  for (int i = 0; i < 3; i++)
    check_done (all[i], -ECANCELED);
  CHECK (gochan_ctx_done (c1) == d1);
  gochan_ctx_cancel (c1);
  gochan_ctx_cancel (c2);
  check_done (c1, -ECANCELED);
  check_done (c2, -ECANCELED);

  /* Born cancelled; and a context cancelled before done was asked for
     still has a closed done channel.  */
  gochan_ctx *c3 = gochan_ctx_with_cancel (c1);
  check_done (c3, -ECANCELED);
  gochan_ctx *c4 = gochan_ctx_with_cancel (gochan_ctx_background ());
  gochan_ctx_cancel (c4);
  check_done (c4, -ECANCELED);
  CHECK (gochan_chan_recv (gochan_ctx_done (c4), NULL) == -EPIPE);

  gochan_ctx_release (c4);
  gochan_ctx_release (c3);
  gochan_ctx_release (c2);
  gochan_ctx_release (o);
  gochan_ctx_release (c1);
  return 0;
}
