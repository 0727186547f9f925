/* Go's test/chan/goroutines.go: a chain of 10000 goroutines, each passing
   one value from its right channel to its left one; the value fed at the
   right end comes out at the left end.  */
/* { dg-do run } */
/* { dg-require-effective-target unlimited_goroutines } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <stdlib.h>
#include "gochan-test.h"

struct pair { gochan_chan *left, *right; };

/* The goroutine body checks through this out-of-line function: with the
   CHECK macros inlined, f itself would call libc (on the failure path),
   and gold would give f the 1 MiB split-stack prologue - a 1 MiB stack
   segment for each of the 10000 goroutines. */
__attribute__ ((noinline, cold)) static void
check_rc (int rc)
{
  CHECK_RC (rc, 0);
}

static void
f (void *p)
{
  struct pair *a = p;
  int v;
  int rc = gochan_chan_recv (a->right, &v);
  if (rc != 0)
    check_rc (rc);
  rc = gochan_chan_send (a->left, &v);
  if (rc != 0)
    check_rc (rc);
}

static void
feed (void *p)
{
  int one = 1;
  CHECK_RC (gochan_chan_send (p, &one), 0);
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 10000;
  gochan_chan *leftmost = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan *left = leftmost, *right = leftmost;
  for (int i = 0; i < n; i++)
    {
      right = GOCHAN_CHAN_MAKE (int, 0);
      CHECK (right != NULL);
      struct pair a = { left, right };
      CHECK_RC (gochan_go_copy (f, &a, sizeof a, 0), 0);
      left = right;
    }
  CHECK_RC (gochan_go (feed, right), 0);
  int v = 0;
  CHECK_RC (gochan_chan_recv (leftmost, &v), 0);
  CHECK_EQ (v, 1);
  return 0;
}
