/* Causes (Go's WithCancelCause and Cause): a context cancelled with a
   cause reports it, and so do the descendants it cancels; err stays
   -ECANCELED; without a cause (or cause 0) the cause is the error;
   0 before the end; a deadline's cause is -ETIMEDOUT; a child cancelled
   on its own keeps its own cause even if the parent is later cancelled
   with another; a without_cancel child has none.  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/chan.h>
#include <gochan/time.h>
#include "gochan-test.h"

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  static const char key;
  gochan_ctx *p = gochan_ctx_with_cancel_cause (bg);
  gochan_ctx *v = gochan_ctx_with_value (p, &key, NULL);
  gochan_ctx *c = gochan_ctx_with_cancel (v);
  gochan_ctx *own = gochan_ctx_with_cancel (p);
  gochan_ctx *w = gochan_ctx_without_cancel (p);
  CHECK_RC (gochan_ctx_cause (p), 0);
  CHECK_RC (gochan_ctx_cause (c), 0);
  gochan_ctx_cancel_cause (own, -EPIPE);
  gochan_ctx_cancel_cause (p, -ECONNRESET);
  gochan_ctx_cancel_cause (p, -EIO);           /* too late: ignored */
  CHECK_RC (gochan_ctx_err (p), -ECANCELED);
  CHECK_RC (gochan_ctx_cause (p), -ECONNRESET);
  CHECK_RC (gochan_ctx_cause (v), -ECONNRESET);
  CHECK_RC (gochan_ctx_err (c), -ECANCELED);
  CHECK_RC (gochan_ctx_cause (c), -ECONNRESET);
  CHECK_RC (gochan_ctx_cause (own), -EPIPE);
  CHECK_RC (gochan_ctx_err (w), 0);
  CHECK_RC (gochan_ctx_cause (w), 0);

  gochan_ctx *plain = gochan_ctx_with_cancel (bg);
  gochan_ctx_cancel (plain);
  CHECK_RC (gochan_ctx_cause (plain), -ECANCELED);
  gochan_ctx *zero = gochan_ctx_with_cancel_cause (bg);
  gochan_ctx_cancel_cause (zero, 0);
  CHECK_RC (gochan_ctx_cause (zero), -ECANCELED);

  gochan_ctx *t = gochan_ctx_with_timeout (bg, GOCHAN_MS);
  CHECK (gochan_chan_recv (gochan_ctx_done (t), NULL) == -EPIPE);
  CHECK_RC (gochan_ctx_cause (t), -ETIMEDOUT);

  gochan_ctx *all[] = { t, zero, plain, w, own, c, v, p };
  for (int i = 0; i < 8; i++)
    gochan_ctx_release (all[i]);
  return 0;
}
