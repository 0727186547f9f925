/* Background and TODO (Go's TestBackground, TestTODO): distinct, never
   done (their done channel is NULL, a nil channel, never ready in a
   select), no error, no cause, no deadline, no values; retain and release
   are harmless; cancelling them panics (next test).  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/select.h>
#include "gochan-test.h"

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background (), *todo = gochan_ctx_todo ();
  static const char key;
  CHECK (bg != NULL && todo != NULL && bg != todo);
  CHECK (gochan_ctx_background () == bg);
  for (int i = 0; i < 2; i++)
    {
      gochan_ctx *c = i ? todo : bg;
      CHECK (gochan_ctx_done (c) == NULL);
      CHECK_RC (gochan_ctx_err (c), 0);
      CHECK_RC (gochan_ctx_cause (c), 0);
      int64_t d = 42;
      CHECK (!gochan_ctx_deadline (c, &d));
      CHECK_EQ (d, 42);
      CHECK (gochan_ctx_value (c, &key) == NULL);
      gochan_select_case cs[] = {
        GOCHAN_SELECT_RECV_CASE (gochan_ctx_done (c), NULL)
      };
      CHECK_RC (gochan_select_try (cs, 1), -EAGAIN);
      CHECK (gochan_ctx_retain (c) == c);
      gochan_ctx_release (c);
      gochan_ctx_release (c);
    }
  gochan_ctx_release (NULL);
  return 0;
}
