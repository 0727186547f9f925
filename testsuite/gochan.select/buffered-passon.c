/* A select woken to try a buffered channel again, which then ends with
   another case, passes the value on.  The value's sender serves the
   select first (it blocked first) and leaves the value to it, not to
   the plain receiver blocked behind; when the select takes the other
   case instead, the receiver behind must still get the value (not wait
   for the next send).  Poll order is random, so the select takes the
   other case in about half of the rounds.  One P, so that the order of
   blocking is forced.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 1 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

enum { ROUNDS = 60 };

static gochan_chan *a, *b, *sdone, *wdone;

static void
selecter (void *p)
{
  (void) p;
  int va = -1, vb = -1;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (a, &va),
    GOCHAN_SELECT_RECV_CASE (b, &vb),
  };
  int k = gochan_select (cases, 2);
  CHECK (k == 0 || k == 1);
  CHECK_EQ (k == 0 ? va : vb, k == 0 ? 2 : 1);
  CHECK_RC (gochan_chan_send (sdone, &k), 0);
}

static void
waiter (void *p)
{
  (void) p;
  int v = -1;
  CHECK_RC (gochan_chan_recv (b, &v), 0);
  CHECK (v == 1 || v == 3);
  CHECK_RC (gochan_chan_send (wdone, &v), 0);
}

int
main (void)
{
  SKIP_UNLESS_ONE_P ();
  sdone = GOCHAN_CHAN_MAKE (int, 1);
  wdone = GOCHAN_CHAN_MAKE (int, 1);
  int other = 0;
  for (int round = 0; round < ROUNDS; round++)
    {
      a = GOCHAN_CHAN_MAKE (int, 1);
      b = GOCHAN_CHAN_MAKE (int, 1);
      CHECK_RC (gochan_go (selecter, NULL), 0);
      gochan_yield ();            /* blocks on a and b */
      CHECK_RC (gochan_go (waiter, NULL), 0);
      gochan_yield ();            /* blocks on b, behind the select */
      int one = 1, two = 2, three = 3, k = -1, v = -1;
      CHECK_RC (gochan_chan_trysend (b, &one), 0);  /* wakes the select */
      CHECK_RC (gochan_chan_trysend (a, &two), 0);
      CHECK_RC (gochan_chan_recv (sdone, &k), 0);
      if (k == 0)
        other++;                  /* took a: 1 is the waiter's */
      else
        CHECK_RC (gochan_chan_send (b, &three), 0);
      CHECK_RC (gochan_chan_recv_until (wdone, &v, gochan_now () + 5 * GOCHAN_S), 0);
      CHECK_EQ (v, k == 0 ? 1 : 3);
      gochan_chan_release (a);
      gochan_chan_release (b);
    }
  CHECK (other > 0);
  gochan_chan_release (sdone);
  gochan_chan_release (wdone);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
