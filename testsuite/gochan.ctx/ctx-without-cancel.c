/* gochan_ctx_without_cancel (Go's WithoutCancel): the child keeps its
   parent's values but not its cancellation or deadline: done is NULL, err
   and cause stay 0 after the parent ends, and contexts derived from it
   are not cancelled with the parent (but are by their own cancel).  */
/* { dg-do run } */
#include <gochan/context.h>
#include "gochan-test.h"

int
main (void)
{
  static const char key;
  int val = 7;
  gochan_ctx *p = gochan_ctx_with_timeout (gochan_ctx_background (),
                                           3600 * (int64_t) 1000000000);
  gochan_ctx *v = gochan_ctx_with_value (p, &key, &val);
  gochan_ctx *w = gochan_ctx_without_cancel (v);
  gochan_ctx *c = gochan_ctx_with_cancel (w);
  int64_t d;
  CHECK (gochan_ctx_deadline (v, &d));
  CHECK (!gochan_ctx_deadline (w, &d));
  CHECK (!gochan_ctx_deadline (c, &d));
  CHECK (gochan_ctx_done (w) == NULL);
  CHECK (gochan_ctx_value (w, &key) == &val);
  CHECK (gochan_ctx_value (c, &key) == &val);
  gochan_ctx_cancel (p);
  CHECK_RC (gochan_ctx_err (v), -ECANCELED);
  CHECK_RC (gochan_ctx_err (w), 0);
  CHECK_RC (gochan_ctx_cause (w), 0);
  CHECK_RC (gochan_ctx_err (c), 0);
  gochan_ctx_cancel (c);
  CHECK_RC (gochan_ctx_err (c), -ECANCELED);
  CHECK_RC (gochan_ctx_err (w), 0);
  gochan_ctx_release (c);
  gochan_ctx_release (w);
  gochan_ctx_release (v);
  gochan_ctx_release (p);
  return 0;
}
