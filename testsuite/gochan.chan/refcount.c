/* Reference counting: retain and release balance; the memory stays valid
   while any reference exists or any goroutine is blocked on the channel
   (a goroutine waits with a deadline on a channel whose last reference
   main has already dropped, then times out; a select likewise, with the
   channel in two cases); a goroutine given its own reference releases it.
   Run under valgrind to see that nothing is used after free or leaked.
   One P, so that the order is forced: gochan_go puts the new goroutine
   next in line, main's yield runs it until it blocks, and only then does
   main drop the last reference (with more Ps the goroutine might not have
   started yet, and would use a freed channel: that part is skipped).  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 1 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_chan *done;

static void
waiter (void *p)
{
  gochan_chan *c = p;
  int v;
  CHECK_RC (gochan_chan_recv_until (c, &v, gochan_now () + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

static void
selecter (void *p)
{
  gochan_chan *c = p;
  int v, w = 3;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (c, &v),
    GOCHAN_SELECT_SEND_CASE (c, &w),
    GOCHAN_SELECT_RECV_CASE (c, NULL),
  };
  CHECK_RC (gochan_select_until (cases, 3, gochan_now () + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

static void
owner (void *p)
{
  gochan_chan *c = p;
  int v;
  CHECK_RC (gochan_chan_recv (c, &v), 0);
  CHECK_EQ (v, 9);
  gochan_chan_release (c);       /* the reference main gave us */
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

int
main (void)
{
  done = gochan_chan_make (0, 1, 0);

  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  CHECK (gochan_chan_retain (c) == c);
  gochan_chan_release (c);
  gochan_chan_release (c);        /* freed */

  for (int round = 0; round < 20 && gochan_maxprocs () == 1; round++)
    {
      c = GOCHAN_CHAN_MAKE (int, 0);
      CHECK_RC (gochan_go (round % 2 ? waiter : selecter, c), 0);
      gochan_yield ();            /* runs it until it blocks */
      gochan_chan_release (c);    /* the goroutine keeps it alive */
      CHECK_RC (gochan_chan_recv (done, NULL), 0);
    }

  c = GOCHAN_CHAN_MAKE (int, 1);
  CHECK_RC (gochan_go (owner, gochan_chan_retain (c)), 0);
  int v = 9;
  CHECK_RC (gochan_chan_send (c, &v), 0);
  gochan_chan_release (c);
  CHECK_RC (gochan_chan_recv (done, NULL), 0);
  gochan_chan_release (done);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
