/* Nil (NULL) channels: non-blocking operations would block (-EAGAIN),
   deadline operations time out, len and cap are 0, retain and release
   ignore NULL, and blocking operations block forever (checked with a
   timeout: the goroutines stay blocked while main ends).  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_chan *progress;

static void
send_forever (void *p)
{
  int v = 1;
  (void) p;
  gochan_chan_send (NULL, &v);
  CHECK_RC (gochan_chan_send (progress, &v), 0);    /* never reached */
}

static void
recv_forever (void *p)
{
  int v;
  (void) p;
  gochan_chan_recv (NULL, &v);
  CHECK_RC (gochan_chan_send (progress, &v), 0);    /* never reached */
}

int
main (void)
{
  int v = 1;
  CHECK_RC (gochan_chan_trysend (NULL, &v), -EAGAIN);
  CHECK_RC (gochan_chan_tryrecv (NULL, &v), -EAGAIN);
  CHECK_EQ (gochan_chan_len (NULL), 0);
  CHECK_EQ (gochan_chan_cap (NULL), 0);
  CHECK (gochan_chan_retain (NULL) == NULL);
  gochan_chan_release (NULL);

  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_chan_send_until (NULL, &v, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  t0 = gochan_now ();
  CHECK_RC (gochan_chan_recv_until (NULL, &v, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  CHECK_RC (gochan_chan_recv_until (NULL, &v, 0), -ETIMEDOUT);

  progress = GOCHAN_CHAN_MAKE (int, 2);
  CHECK_RC (gochan_go (send_forever, NULL), 0);
  CHECK_RC (gochan_go (recv_forever, NULL), 0);
  CHECK_RC (gochan_chan_recv_until (progress, &v, gochan_now () + 20 * GOCHAN_MS), -ETIMEDOUT);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
