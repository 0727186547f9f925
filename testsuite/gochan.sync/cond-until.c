/* gochan_cond_wait_until and _wait_ctx: a waiter that times out (or whose
   context ends) returns its error with the mutex held again, and leaves
   the queue, so a later signal goes to a waiter still there instead of
   being lost; a signalled waiter returns 0.  Go's TestRace (alternating
   waits and signals under the mutex) is included.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/context.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_mutex m = GOCHAN_MUTEX_INIT;
static gochan_cond c;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int waiting, x;

static void
forever (void *arg)
{
  (void) arg;
  gochan_mutex_lock (&m);
  waiting++;
  CHECK_RC (gochan_cond_wait_until (&c, gochan_now () + 10 * GOCHAN_S), 0);
  CHECK (!gochan_mutex_trylock (&m)); /* held again */
  gochan_mutex_unlock (&m);
  gochan_waitgroup_done (&wg);
}

static void
race1 (void *arg)
{
  (void) arg;
  gochan_mutex_lock (&m);
  x = 1;
  gochan_cond_wait (&c);
  CHECK_EQ (x, 2);
  x = 3;
  gochan_cond_signal (&c);
  gochan_mutex_unlock (&m);
  gochan_waitgroup_done (&wg);
}

static void
race2 (void *arg)
{
  (void) arg;
  gochan_mutex_lock (&m);
  for (;;)
    {
      if (x == 1)
        {
          x = 2;
          gochan_cond_signal (&c);
          break;
        }
      gochan_mutex_unlock (&m);
      gochan_yield ();
      gochan_mutex_lock (&m);
    }
  gochan_mutex_unlock (&m);
  gochan_waitgroup_done (&wg);
}

static void
race3 (void *arg)
{
  (void) arg;
  gochan_mutex_lock (&m);
  for (;;)
    {
      if (x == 2)
        {
          gochan_cond_wait (&c);
          CHECK_EQ (x, 3);
          break;
        }
      if (x == 3)
        break;
      gochan_mutex_unlock (&m);
      gochan_yield ();
      gochan_mutex_lock (&m);
    }
  gochan_mutex_unlock (&m);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  gochan_cond_init (&c, &m);
  gochan_waitgroup_add (&wg, 1);
  CHECK_RC (gochan_go (forever, NULL), 0);
  for (;;)
    {
      gochan_mutex_lock (&m);
      if (waiting)
        break;
      gochan_mutex_unlock (&m);
      gochan_sleep (GOCHAN_MS);
    }
  /* We hold m; forever waits on c, queued before us.  */
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_cond_wait_until (&c, t0 + 20 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 20 * GOCHAN_MS);
  CHECK (!gochan_mutex_trylock (&m));

  gochan_ctx *ctx = gochan_ctx_with_timeout (gochan_ctx_background (),
                                             10 * GOCHAN_MS);
  CHECK_RC (gochan_cond_wait_ctx (&c, ctx), -ETIMEDOUT);
  CHECK_RC (gochan_cond_wait_ctx (&c, ctx), -ETIMEDOUT);  /* at once */
  gochan_ctx_release (ctx);

  /* A deadline already past: unlocks, relocks, times out.  */
  CHECK_RC (gochan_cond_wait_until (&c, 0), -ETIMEDOUT);

  /* One signal: must reach forever, not a waiter that has left.  */
  gochan_cond_signal (&c);
  gochan_mutex_unlock (&m);
  gochan_waitgroup_wait (&wg);

  x = 0;
  gochan_waitgroup_add (&wg, 3);
  CHECK_RC (gochan_go (race1, NULL), 0);
  CHECK_RC (gochan_go (race2, NULL), 0);
  CHECK_RC (gochan_go (race3, NULL), 0);
  gochan_waitgroup_wait (&wg);
  return 0;
}
