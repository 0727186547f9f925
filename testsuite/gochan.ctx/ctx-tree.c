/* Cancellation through a tree of contexts (Go's TestParentFinishesChild,
   TestChildFinishesFirst, TestCancelRemoves, TestLayersCancel):
   - parent -> cancelChild and parent -> valueChild -> timerChild: the
     parent lists exactly its two cancelable descendants; cancelling it
     ends all four with -ECANCELED and empties its list;
   - cancelling a child ends it and unlinks it from its parent, which
     stays alive and uncancelled; the same for a timeout child;
   - a random 30+-level chain of value, cancel and timeout layers: cancel
     any one of the cancelable layers and the bottom ends, with every
     value still visible.
   Uses the runtime's internal counters (this test links the static
   library).  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/chan.h>
#include <gochan/time.h>
#include <stdlib.h>
#include "gochan-test.h"

int __gochan_debug_ctx_nchildren (gochan_ctx *);
int64_t __gochan_debug_ctx_live (void);

static void
check_done (gochan_ctx *c, int err)
{
  CHECK_RC (gochan_ctx_err (c), err);
  CHECK (gochan_chan_recv (gochan_ctx_done (c), NULL) == -EPIPE);
}

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  int64_t live0 = __gochan_debug_ctx_live ();
  static const char key;

  gochan_ctx *parent = gochan_ctx_with_cancel (bg);
  gochan_ctx *cancel_child = gochan_ctx_with_cancel (parent);
  gochan_ctx *value_child = gochan_ctx_with_value (parent, &key, "value");
  gochan_ctx *timer_child = gochan_ctx_with_timeout (value_child,
                                                     1000 * 3600 * GOCHAN_S);
  CHECK_EQ (__gochan_debug_ctx_nchildren (parent), 2);
  CHECK_RC (gochan_ctx_err (timer_child), 0);
  gochan_ctx_cancel (parent);
  CHECK_EQ (__gochan_debug_ctx_nchildren (parent), 0);
  check_done (parent, -ECANCELED);
  check_done (cancel_child, -ECANCELED);
  check_done (value_child, -ECANCELED);
  check_done (timer_child, -ECANCELED);
  gochan_ctx *pre = gochan_ctx_with_value (parent, &key, "value");
  check_done (pre, -ECANCELED);
  gochan_ctx_release (pre);
  gochan_ctx_release (timer_child);
  gochan_ctx_release (cancel_child);
  gochan_ctx_release (value_child);
  gochan_ctx_release (parent);
  CHECK_EQ (__gochan_debug_ctx_live (), live0);

  /* Child finishes first.  */
  gochan_ctx *cancelable = gochan_ctx_with_cancel (bg);
  for (int i = 0; i < 2; i++)
    {
      gochan_ctx *p = i ? cancelable : bg;
      gochan_ctx *child = gochan_ctx_with_cancel (p);
      if (i)
        CHECK_EQ (__gochan_debug_ctx_nchildren (p), 1);
      gochan_ctx_cancel (child);
      if (i)
        CHECK_EQ (__gochan_debug_ctx_nchildren (p), 0);
      check_done (child, -ECANCELED);
      CHECK_RC (gochan_ctx_err (p), 0);
      gochan_ctx_release (child);
    }
  gochan_ctx *tc = gochan_ctx_with_timeout (cancelable, 3600 * GOCHAN_S);
  CHECK_EQ (__gochan_debug_ctx_nchildren (cancelable), 1);
  gochan_ctx_cancel (tc);
  CHECK_EQ (__gochan_debug_ctx_nchildren (cancelable), 0);
  CHECK_RC (gochan_ctx_err (cancelable), 0);
  gochan_ctx_release (tc);

  /* Releasing an uncancelled child also unlinks it, and frees it.  */
  gochan_ctx *lost = gochan_ctx_with_cancel (cancelable);
  CHECK_EQ (__gochan_debug_ctx_nchildren (cancelable), 1);
  gochan_ctx_release (lost);
  CHECK_EQ (__gochan_debug_ctx_nchildren (cancelable), 0);
  gochan_ctx_release (cancelable);
  CHECK_EQ (__gochan_debug_ctx_live (), live0);

  /* Layers.  */
  srand (12345);
  for (int trial = 0; trial < 20; trial++)
    {
      enum { MAXL = 64 };
      gochan_ctx *layer[MAXL], *cancels[MAXL];
      static char keys[MAXL];
      int nl = 0, nc = 0, nv = 0, nt = 0;
      gochan_ctx *ctx = bg;
      for (int i = 0; nl < MAXL && (i < 30 || nt == 0 || nc == 0 || nv == 0);
           i++)
        {
          switch (rand () % 3)
            {
            case 0:
              ctx = gochan_ctx_with_value (ctx, &keys[nl], &keys[nl]);
              nv++;
              break;
            case 1:
              ctx = gochan_ctx_with_cancel (ctx);
              cancels[nc++] = ctx;
              break;
            default:
              ctx = gochan_ctx_with_timeout (ctx, 3600 * GOCHAN_S);
              cancels[nc++] = ctx;
              nt++;
              break;
            }
          CHECK (ctx != NULL);
          layer[nl++] = ctx;
        }
      CHECK_RC (gochan_ctx_err (ctx), 0);
      gochan_ctx_cancel (cancels[rand () % nc]);
      CHECK_RC (gochan_ctx_err (ctx), -ECANCELED);
      CHECK (gochan_chan_recv (gochan_ctx_done (ctx), NULL) == -EPIPE);
      for (int i = 0; i < nl; i++)
        if (gochan_ctx_value (layer[i], &keys[i]) != NULL)
          CHECK (gochan_ctx_value (ctx, &keys[i]) == &keys[i]);
      /* Go's defer cancel(): the uncancelled timeout layers above would
         otherwise live until their timers fire.  */
      for (int i = 0; i < nc; i++)
        gochan_ctx_cancel (cancels[i]);
      for (int i = nl - 1; i >= 0; i--)
        gochan_ctx_release (layer[i]);
      CHECK_EQ (__gochan_debug_ctx_live (), live0);
    }
  return 0;
}
