/* Concurrent cancellation (Go's TestSimultaneousCancels and
   TestInterlockedCancels): a tree of ~100 contexts, four children per
   node, all cancelled at once by as many goroutines in scrambled order on
   two processors; every context ends, every cancel returns, each done
   channel is closed once (a double close would panic), and nothing is
   leaked.  Then a goroutine that waits for a parent's end and cancels its
   child while the parent's cancel is propagating to that child.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
#include <gochan/context.h>
#include <gochan/chan.h>
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

int64_t __gochan_debug_ctx_live (void);

enum { MAX = 100 };

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void
do_cancel (void *arg)
{
  gochan_ctx_cancel (arg);
  gochan_waitgroup_done (&wg);
}

static void
interlocked (void *arg)
{
  gochan_ctx **pc = arg;
  CHECK (gochan_chan_recv (gochan_ctx_done (pc[0]), NULL) == -EPIPE);
  gochan_ctx_cancel (pc[1]);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  int64_t live0 = __gochan_debug_ctx_live ();
  for (int round = 0; round < 20; round++)
    {
      gochan_ctx *all[MAX + 4];
      int n = 0, head = 0;
      all[n++] = gochan_ctx_with_cancel (gochan_ctx_background ());
      while (head < n && n < MAX)
        {
          gochan_ctx *p = all[head++];
          for (int i = 0; i < 4; i++)
            all[n++] = gochan_ctx_with_cancel (p);
        }
      for (int i = 0; i < n; i++)      /* half of them with a done channel */
        if (i % 2)
          CHECK (gochan_ctx_done (all[i]) != NULL);
      gochan_waitgroup_add (&wg, n);
      for (int i = 0; i < n; i++)
        CHECK_RC (gochan_go (do_cancel, all[(i * 37 + round) % n]), 0);
      for (int i = 0; i < n; i++)
        {
          int k = (i * 53 + round) % n;
          CHECK (gochan_chan_recv (gochan_ctx_done (all[k]), NULL) == -EPIPE);
          CHECK_RC (gochan_ctx_err (all[k]), -ECANCELED);
        }
      gochan_waitgroup_wait (&wg);
      for (int i = n - 1; i >= 0; i--)
        gochan_ctx_release (all[(i * 7 + round) % n]);
    }
  CHECK_EQ (__gochan_debug_ctx_live (), live0);

  for (int round = 0; round < 100; round++)
    {
      gochan_ctx *pc[2];
      pc[0] = gochan_ctx_with_cancel (gochan_ctx_background ());
      pc[1] = gochan_ctx_with_cancel (pc[0]);
      gochan_waitgroup_add (&wg, 1);
      CHECK_RC (gochan_go (interlocked, pc), 0);
      gochan_yield ();
      gochan_ctx_cancel (pc[0]);
      CHECK (gochan_chan_recv (gochan_ctx_done (pc[1]), NULL) == -EPIPE);
      gochan_waitgroup_wait (&wg);
      gochan_ctx_release (pc[1]);
      gochan_ctx_release (pc[0]);
    }
  CHECK_EQ (__gochan_debug_ctx_live (), live0);
  return 0;
}
