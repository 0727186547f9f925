/* Deadlines (Go's TestDeadline, TestTimeout, TestCanceledTimeout,
   TestLayersTimeout): a context with a deadline or timeout ends by itself
   with -ETIMEDOUT, at about the right time, together with its
   descendants; a deadline already past (or now) gives a context already
   ended; a child's deadline never exceeds its parent's (asking for a later
   one keeps the parent's, an earlier one is its own); deadline reports
   it; cancelling before the deadline gives -ECANCELED and stops the
   timer; a value or cancel node reports its ancestor's deadline.  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/chan.h>
#include <gochan/time.h>
#include "gochan-test.h"

int64_t __gochan_debug_ctx_live (void);

/* Wait (up to 2 s) for the live-context count to reach want: a timer that
   has just fired may still hold its context for a moment on another
   thread after closing the done channel we woke on.  */
static void
await_live (int64_t want)
{
  for (int i = 0; i < 2000 && __gochan_debug_ctx_live () != want; i++)
    gochan_sleep (GOCHAN_MS);
  CHECK_EQ (__gochan_debug_ctx_live (), want);
}

static void
wait_done (gochan_ctx *c)
{
  CHECK (gochan_chan_recv (gochan_ctx_done (c), NULL) == -EPIPE);
}

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  int64_t live0 = __gochan_debug_ctx_live ();
  static const char key;
  int64_t d;

  int64_t t0 = gochan_now ();
  gochan_ctx *c = gochan_ctx_with_deadline (bg, t0 + 20 * GOCHAN_MS);
  CHECK (gochan_ctx_deadline (c, &d));
  CHECK_EQ (d, t0 + 20 * GOCHAN_MS);
  gochan_ctx *v = gochan_ctx_with_value (c, &key, NULL);
  gochan_ctx *child = gochan_ctx_with_cancel (v);
  CHECK (gochan_ctx_deadline (child, &d) && d == t0 + 20 * GOCHAN_MS);
  CHECK_RC (gochan_ctx_err (child), 0);
  wait_done (child);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  CHECK_RC (gochan_ctx_err (c), -ETIMEDOUT);
  CHECK_RC (gochan_ctx_err (v), -ETIMEDOUT);
  CHECK_RC (gochan_ctx_err (child), -ETIMEDOUT);
  gochan_ctx_release (child);
  gochan_ctx_release (v);
  gochan_ctx_release (c);

  t0 = gochan_now ();
  c = gochan_ctx_with_timeout (bg, 10 * GOCHAN_MS);
  wait_done (c);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  CHECK_RC (gochan_ctx_err (c), -ETIMEDOUT);
  gochan_ctx_release (c);

  /* Past and present deadlines: ended at once.  */
  c = gochan_ctx_with_deadline (bg, gochan_now () - GOCHAN_MS);
  CHECK_RC (gochan_ctx_err (c), -ETIMEDOUT);
  wait_done (c);
  gochan_ctx_release (c);
  c = gochan_ctx_with_deadline (bg, gochan_now ());
  CHECK_RC (gochan_ctx_err (c), -ETIMEDOUT);
  gochan_ctx_release (c);
  c = gochan_ctx_with_timeout (bg, 0);
  CHECK_RC (gochan_ctx_err (c), -ETIMEDOUT);
  gochan_ctx_release (c);

  /* Deadlines only tighten.  */
  t0 = gochan_now ();
  gochan_ctx *p = gochan_ctx_with_timeout (bg, 20 * GOCHAN_MS);
  gochan_ctx *late = gochan_ctx_with_timeout (p, 3600 * GOCHAN_S);
  CHECK (gochan_ctx_deadline (late, &d));
  CHECK (d <= t0 + 21 * GOCHAN_MS);
  gochan_ctx *early = gochan_ctx_with_timeout (p, 5 * GOCHAN_MS);
  CHECK (gochan_ctx_deadline (early, &d));
  CHECK (d < t0 + 20 * GOCHAN_MS);
  wait_done (early);
  CHECK_RC (gochan_ctx_err (early), -ETIMEDOUT);
  CHECK_RC (gochan_ctx_err (p), 0);
  wait_done (late);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  CHECK_RC (gochan_ctx_err (late), -ETIMEDOUT);
  gochan_ctx_release (early);
  gochan_ctx_release (late);
  gochan_ctx_release (p);

  /* Cancelled before the deadline.  */
  p = gochan_ctx_with_timeout (bg, GOCHAN_S);
  c = gochan_ctx_with_timeout (p, 3600 * GOCHAN_S);
  gochan_ctx_cancel (c);
  CHECK_RC (gochan_ctx_err (c), -ECANCELED);
  gochan_ctx_cancel (p);
  CHECK_RC (gochan_ctx_err (p), -ECANCELED);
  gochan_ctx_release (c);
  gochan_ctx_release (p);

  /* Released before its deadline, not cancelled: lives until the timer
     fires, then is freed.  */
  await_live (live0);
  c = gochan_ctx_with_timeout (bg, 10 * GOCHAN_MS);
  gochan_ctx_release (c);
  CHECK_EQ (__gochan_debug_ctx_live (), live0 + 1);
  gochan_sleep (30 * GOCHAN_MS);
  await_live (live0);

  /* Layers timing out: the bottom of a 40-level chain of timeouts,
     cancels and values ends when the first timer fires.  */
  gochan_ctx *layer[40];
  gochan_ctx *ctx = bg;
  for (int i = 0; i < 40; i++)
    {
      switch (i % 3)
        {
        case 0: ctx = gochan_ctx_with_value (ctx, &layer[i], NULL); break;
        case 1: ctx = gochan_ctx_with_cancel (ctx); break;
        default:
          ctx = gochan_ctx_with_timeout (ctx, (1 + i % 5) * GOCHAN_MS);
          break;
        }
      layer[i] = ctx;
    }
  wait_done (ctx);
  CHECK_RC (gochan_ctx_err (ctx), -ETIMEDOUT);
  for (int i = 39; i >= 0; i--)
    gochan_ctx_release (layer[i]);
  await_live (live0);
  return 0;
}
