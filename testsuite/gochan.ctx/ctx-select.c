/* A context abandons a goroutine stuck on a channel: the worker selects
   on a channel nobody sends to and on its context's done channel; when
   the context times out (or is cancelled) the select picks the done case
   and the worker returns the context's error.  Workers that do get a
   value are unaffected.  The Go idiom
       select { case v := <-in: ...  case <-ctx.Done(): return ctx.Err() }  */
/* { dg-do run } */
#include <gochan/context.h>
#include <gochan/chan.h>
#include <gochan/select.h>
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

struct job { gochan_ctx *ctx; gochan_chan *in; int rc; int v; };

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void
worker (void *arg)
{
  struct job *j = arg;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (j->in, &j->v),
    GOCHAN_SELECT_RECV_CASE (gochan_ctx_done (j->ctx), NULL),
  };
  switch (gochan_select (cases, 2))
    {
    case 0: j->rc = 0; break;
    case 1: j->rc = gochan_ctx_err (j->ctx); break;
    default: CHECK (!"select failed");
    }
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  gochan_ctx *bg = gochan_ctx_background ();
  gochan_chan *nobody = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan *some = GOCHAN_CHAN_MAKE (int, 1);

  /* Timed out.  */
  int64_t t0 = gochan_now ();
  struct job a = { gochan_ctx_with_timeout (bg, 20 * GOCHAN_MS), nobody, 1, 0 };
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_go (worker, &a), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  CHECK_RC (a.rc, -ETIMEDOUT);

  /* Cancelled through a parent, several workers at once.  */
  gochan_ctx *root = gochan_ctx_with_cancel (bg);
  struct job b[5];
  gochan_waitgroup_add (&wg, 5);
  for (int i = 0; i < 5; i++)
    {
      b[i].ctx = gochan_ctx_with_cancel (root);
      b[i].in = nobody;
      b[i].rc = 1;
      CHECK_RC (gochan_go (worker, &b[i]), 0);
    }
  gochan_sleep (10 * GOCHAN_MS);
  gochan_ctx_cancel (root);
  gochan_waitgroup_wait (&wg);
  for (int i = 0; i < 5; i++)
    {
      CHECK_RC (b[i].rc, -ECANCELED);
      gochan_ctx_release (b[i].ctx);
    }

  /* Work arrives first.  */
  struct job c = { gochan_ctx_with_timeout (bg, 10 * GOCHAN_S), some, 1, 0 };
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_go (worker, &c), 0);
  int v = 42;
  CHECK_RC (gochan_chan_send (some, &v), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_RC (c.rc, 0);
  CHECK_EQ (c.v, 42);
  gochan_ctx_cancel (c.ctx);

  gochan_ctx_release (c.ctx);
  gochan_ctx_release (a.ctx);
  gochan_ctx_release (root);
  gochan_chan_release (some);
  gochan_chan_release (nobody);
  return 0;
}
