/* After-functions (Go's AfterFunc): the function runs once, in its own
   goroutine, after the context ends (by cancel or deadline, including
   through an ancestor); stop before that returns true and the function
   never runs; stop afterwards returns false; on a context already ended
   it runs at once; on one that can never end it never runs and stop
   returns true; without a stop handle it still runs.  The registration
   keeps a released context alive until it fires or is stopped.  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

int64_t __gochan_debug_ctx_live (void);

/* Wait (up to 2 s) for the live-context count to reach want: an after-
   function's goroutine releases its context after the function
   returns.  */
static void
await_live (int64_t want)
{
  for (int i = 0; i < 2000 && __gochan_debug_ctx_live () != want; i++)
    gochan_sleep (GOCHAN_MS);
  CHECK_EQ (__gochan_debug_ctx_live (), want);
}

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int ran, ran_in;

static void
fn (void *arg)
{
  __atomic_add_fetch (&ran, 1, __ATOMIC_SEQ_CST);
  __atomic_store_n (&ran_in, (int) gochan_id (), __ATOMIC_SEQ_CST);
  if (arg != NULL)
    gochan_waitgroup_done (arg);
}

static void
never (void *arg)
{
  (void) arg;
  CHECK (!"after-function of a stopped registration ran");
}

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  int64_t live0 = __gochan_debug_ctx_live ();
  gochan_ctx_after *stop;

  /* Runs after cancel, in another goroutine.  */
  gochan_ctx *c = gochan_ctx_with_cancel (bg);
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_ctx_after_func (c, fn, &wg, &stop), 0);
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_EQ (ran, 0);
  gochan_ctx_cancel (c);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (ran, 1);
  CHECK (ran_in != 0 && ran_in != gochan_id ());
  CHECK (!gochan_ctx_after_stop (stop));
  gochan_ctx_release (c);

  /* Stopped first: never runs.  */
  c = gochan_ctx_with_cancel (bg);
  CHECK_RC (gochan_ctx_after_func (c, never, NULL, &stop), 0);
  CHECK (gochan_ctx_after_stop (stop));
  gochan_ctx_cancel (c);
  gochan_sleep (5 * GOCHAN_MS);
  gochan_ctx_release (c);

  /* Through an ancestor's deadline, registered on a value child, the
     context released before it fires, no stop handle.  */
  static const char key;
  gochan_ctx *t = gochan_ctx_with_timeout (bg, 10 * GOCHAN_MS);
  gochan_ctx *v = gochan_ctx_with_value (t, &key, NULL);
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_ctx_after_func (v, fn, &wg, NULL), 0);
  gochan_ctx_release (v);
  gochan_ctx_release (t);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (ran, 2);

  /* Already ended: runs at once (in its own goroutine).  */
  c = gochan_ctx_with_cancel (bg);
  gochan_ctx_cancel (c);
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_ctx_after_func (c, fn, &wg, &stop), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (ran, 3);
  CHECK (!gochan_ctx_after_stop (stop));
  gochan_ctx_release (c);

  /* Never ends.  */
  CHECK_RC (gochan_ctx_after_func (bg, never, NULL, &stop), 0);
  CHECK (gochan_ctx_after_stop (stop));
  gochan_ctx *w = gochan_ctx_without_cancel (gochan_ctx_todo ());
  CHECK_RC (gochan_ctx_after_func (w, never, NULL, NULL), 0);
  gochan_ctx_release (w);

  /* Many on one context.  */
  c = gochan_ctx_with_cancel (bg);
  gochan_waitgroup_add (&wg, 100);
  for (int i = 0; i < 100; i++)
    CHECK_RC (gochan_ctx_after_func (c, fn, &wg, NULL), 0);
  gochan_ctx_cancel (c);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (ran, 103);
  gochan_ctx_release (c);

  await_live (live0);
  return 0;
}
