/* No leaks: a million create/cancel/release cycles under one long-lived
   parent, mixing with_cancel, with_timeout, with_value, done channels and
   after-functions (stopped), leave nothing behind: the runtime's count of
   live contexts returns to its starting value, the parent's list of
   children is empty (cancelled children were unlinked, not accumulated),
   and malloc's in-use bytes (mallinfo2) are back within a small margin.
   GOCHAN_TEST_ITERS overrides the count (for valgrind runs).  */
/* { dg-do run } */
/* { dg-timeout 120 } */
#include <gochan/context.h>
#include <gochan/sched.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include "gochan-test.h"

int64_t __gochan_debug_ctx_live (void);
int __gochan_debug_ctx_nchildren (gochan_ctx *);

static void
never (void *arg)
{
  (void) arg;
  CHECK (!"after-function ran");
}

static void
cycle (gochan_ctx *parent, long i)
{
  static const char key;
  gochan_ctx *c = (i & 3) == 3 ? gochan_ctx_with_timeout (parent, 3600000000000)
                               : gochan_ctx_with_cancel (parent);
  CHECK (c != NULL);
  gochan_ctx *v = NULL, *g = NULL;
  gochan_ctx_after *stop = NULL;
  if (i & 1)
    CHECK (gochan_ctx_done (c) != NULL);
  if (i & 2)
    {
      v = gochan_ctx_with_value (c, &key, c);
      g = gochan_ctx_with_cancel (v);
      CHECK (gochan_ctx_value (g, &key) == c);
    }
  if ((i & 7) == 5)
    CHECK_RC (gochan_ctx_after_func (c, never, NULL, &stop), 0);
  if (stop != NULL)
    CHECK (gochan_ctx_after_stop (stop));
  gochan_ctx_cancel (c);
  CHECK_RC (gochan_ctx_err (c), -ECANCELED);
  if (g != NULL)
    {
      CHECK_RC (gochan_ctx_err (g), -ECANCELED);
      gochan_ctx_release (g);
      gochan_ctx_release (v);
    }
  gochan_ctx_release (c);
}

int
main (void)
{
  const char *s = getenv ("GOCHAN_TEST_ITERS");
  long n = s != NULL && *s != '\0' ? atol (s) : 1000000;
  gochan_ctx *parent = gochan_ctx_with_cancel (gochan_ctx_background ());
  CHECK (gochan_ctx_done (parent) != NULL);

  /* Warm up malloc's arenas and the runtime, then measure.  */
  for (long i = 0; i < 1000; i++)
    cycle (parent, i);
  int64_t live0 = __gochan_debug_ctx_live ();
  struct mallinfo2 m0 = mallinfo2 ();

  for (long i = 0; i < n; i++)
    {
      cycle (parent, i);
      if (i % 100000 == 0)
        CHECK_EQ (__gochan_debug_ctx_nchildren (parent), 0);
    }

  CHECK_EQ (__gochan_debug_ctx_live (), live0);
  CHECK_EQ (__gochan_debug_ctx_nchildren (parent), 0);
  struct mallinfo2 m1 = mallinfo2 ();
  long grown = (long) m1.uordblks - (long) m0.uordblks;
  printf ("%ld cycles: in-use bytes %zu -> %zu (%+ld)\n", n, m0.uordblks,
          m1.uordblks, grown);
  CHECK (grown < 64 * 1024);
  CHECK_RC (gochan_ctx_err (parent), 0);
  gochan_ctx_cancel (parent);
  gochan_ctx_release (parent);
  CHECK_EQ (__gochan_debug_ctx_live (), live0 - 1);
  return 0;
}
