/* A goroutine waiting on a timer does not hold up the others: on one P,
   a goroutine blocks on a 30 ms gochan_after while two others ping-pong
   over a channel; the ping-pong makes progress meanwhile, and the waiter
   wakes on time and stops them.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 1 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdbool.h>
#include "gochan-test.h"

static gochan_chan *ping, *stop, *done;
static volatile long rounds;
static long rounds_at_wake;
static int64_t woke_after;

static void
waiter (void *p)
{
  (void) p;
  int64_t t0 = gochan_now (), v;
  gochan_chan *c = gochan_after (30 * GOCHAN_MS);
  CHECK_RC (gochan_chan_recv (c, &v), 0);
  woke_after = gochan_now () - t0;
  rounds_at_wake = rounds;
  gochan_chan_release (c);
  gochan_chan_close (stop);
}

static void
player (void *p)
{
  (void) p;
  int v = 0, quit = -1;
  while (gochan_chan_tryrecv (stop, NULL) != -EPIPE)
    {
      CHECK_RC (gochan_chan_send (ping, &v), 0);
      CHECK_RC (gochan_chan_recv (ping, &v), 0);
      rounds++;
    }
  CHECK_RC (gochan_chan_send (ping, &quit), 0);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

static void
partner (void *p)
{
  (void) p;
  int v;
  for (;;)
    {
      CHECK_RC (gochan_chan_recv (ping, &v), 0);
      if (v == -1)
        break;
      CHECK_RC (gochan_chan_send (ping, &v), 0);
    }
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

int
main (void)
{
  ping = GOCHAN_CHAN_MAKE (int, 0);
  stop = gochan_chan_make (0, 1, 0);
  done = gochan_chan_make (0, 1, 0);
  CHECK_RC (gochan_go (waiter, NULL), 0);
  CHECK_RC (gochan_go (player, NULL), 0);
  CHECK_RC (gochan_go (partner, NULL), 0);
  CHECK_RC (gochan_chan_recv (done, NULL), 0);
  CHECK_RC (gochan_chan_recv (done, NULL), 0);
  CHECK_DURATION (woke_after, 30 * GOCHAN_MS);
  CHECK (rounds_at_wake > 100);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
