/* Values (Go's TestValues): lookups walk up to the root; the nearest
   binding of a key wins, including a binding to NULL; distinct keys never
   collide; cancel, timeout and without_cancel layers pass lookups
   through.  */
/* { dg-do run } */
#include <gochan/context.h>
#include <stddef.h>
#include "gochan-test.h"

static const char k1, k2, k3;

static void
check (gochan_ctx *c, const char *v1, const char *v2, const char *v3)
{
  CHECK (gochan_ctx_value (c, &k1) == v1);
  CHECK (gochan_ctx_value (c, &k2) == v2);
  CHECK (gochan_ctx_value (c, &k3) == v3);
}

int
main (void)
{
  char c1k1[] = "c1k1", c2k2[] = "c2k2", c3k3[] = "c3k3";
  gochan_ctx *c0 = gochan_ctx_background ();
  check (c0, NULL, NULL, NULL);
  gochan_ctx *c1 = gochan_ctx_with_value (c0, &k1, c1k1);
  check (c1, c1k1, NULL, NULL);
  gochan_ctx *c2 = gochan_ctx_with_value (c1, &k2, c2k2);
  check (c2, c1k1, c2k2, NULL);
  gochan_ctx *c3 = gochan_ctx_with_value (c2, &k3, c3k3);
  check (c3, c1k1, c2k2, c3k3);
  gochan_ctx *c4 = gochan_ctx_with_value (c3, &k1, NULL);
  check (c4, NULL, c2k2, c3k3);

  gochan_ctx *x = gochan_ctx_with_cancel (c4);
  gochan_ctx *t = gochan_ctx_with_timeout (x, 1000000000000);
  gochan_ctx *w = gochan_ctx_without_cancel (t);
  gochan_ctx *o4 = gochan_ctx_with_value (w, &k3, NULL);
  check (x, NULL, c2k2, c3k3);
  check (t, NULL, c2k2, c3k3);
  check (w, NULL, c2k2, c3k3);
  check (o4, NULL, c2k2, NULL);
  gochan_ctx_cancel (x);
  check (t, NULL, c2k2, c3k3);          /* values outlive cancellation */

  /* Parents released first: children keep them alive.  */
  gochan_ctx *chain[] = { c1, c2, c3, c4, x, t, w };
  for (int i = 0; i < 7; i++)
    gochan_ctx_release (chain[i]);
  check (o4, NULL, c2k2, NULL);
  gochan_ctx_release (o4);
  return 0;
}
