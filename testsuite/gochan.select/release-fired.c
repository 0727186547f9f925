/* A select woken through a channel whose last reference goes right
   after the send that woke it.  The waker drops the select's hold on
   that channel when the channel is in no other case, so the release
   frees it at once and the select must not touch it again; in two
   cases, the select keeps its hold and frees the orphan itself; an
   orphan among the cases that did not fire is freed by the select.
   Every round checks the case and value received.  Run under valgrind
   (make check-valgrind) to see that no freed channel is touched.  One
   P, so that the order is forced: main's yield runs the selecting
   goroutine until it blocks, main's send puts it next in line, and main
   releases before it runs.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 1 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include "gochan-test.h"

enum { ROUNDS = 200 };

static gochan_chan *a, *b, *done;
static int mode;

static void
selecter (void *p)
{
  (void) p;
  int va = -1, va2 = -1, vb = -1, k;
  if (mode == 1)
    {
      gochan_select_case cases[] = {
        GOCHAN_SELECT_RECV_CASE (b, &vb),
        GOCHAN_SELECT_RECV_CASE (a, &va),
        GOCHAN_SELECT_RECV_CASE (a, &va2),
      };
      k = gochan_select (cases, 3);
      CHECK (k == 1 || k == 2);
      CHECK_EQ (k == 1 ? va : va2, 7);
      CHECK_EQ (k == 1 ? va2 : va, -1);
    }
  else
    {
      gochan_select_case cases[] = {
        GOCHAN_SELECT_RECV_CASE (b, &vb),
        GOCHAN_SELECT_RECV_CASE (a, &va),
      };
      k = gochan_select (cases, 2);
      CHECK_EQ (k, 1);
      CHECK_EQ (va, 7);
    }
  CHECK_EQ (vb, -1);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

int
main (void)
{
  SKIP_UNLESS_ONE_P ();
  done = gochan_chan_make (0, 1, 0);
  for (int round = 0; round < ROUNDS; round++)
    {
      /* 0: a in one case, released after the send;
         1: a in two cases, released after the send;
         2: b (not fired) released while the select waits.  */
      mode = round % 3;
      a = GOCHAN_CHAN_MAKE (int, 0);
      b = GOCHAN_CHAN_MAKE (int, 0);
      CHECK_RC (gochan_go (selecter, NULL), 0);
      gochan_yield ();            /* runs it until it blocks */
      if (mode == 2)
        gochan_chan_release (b);  /* orphan: the select holds it */
      int v = 7;
      CHECK_RC (gochan_chan_send (a, &v), 0);
      gochan_chan_release (a);    /* before the select runs again */
      if (mode != 2)
        gochan_chan_release (b);
      CHECK_RC (gochan_chan_recv (done, NULL), 0);
    }
  gochan_chan_release (done);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
