/* Close semantics: a receive from a closed channel first drains the
   buffer, then yields the zero value with -EPIPE (ok false), forever;
   tryrecv too; len and cap still report; closing wakes every blocked
   receiver (each gets -EPIPE and a zeroed target) on unbuffered and
   buffered channels.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdbool.h>
#include "gochan-test.h"

enum { NRECV = 50 };

static gochan_chan *results;

static void
receiver (void *p)
{
  gochan_chan *c = p;
  long v = 12345;
  int rc = gochan_chan_recv (c, &v);
  long r = rc == -EPIPE && v == 0 ? 1 : -1;
  CHECK_RC (gochan_chan_send (results, &r), 0);
}

static void
wake_all (size_t cap)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (long, cap);
  for (int i = 0; i < NRECV; i++)
    CHECK_RC (gochan_go (receiver, c), 0);
  /* Let them block (not required for correctness: a receiver that comes
     after the close gets -EPIPE as well). */
  gochan_sleep (5 * GOCHAN_MS);
  gochan_chan_close (c);
  for (int i = 0; i < NRECV; i++)
    {
      long r = 0;
      CHECK_RC (gochan_chan_recv (results, &r), 0);
      CHECK_EQ (r, 1);
    }
  gochan_chan_release (c);
}

int
main (void)
{
  results = GOCHAN_CHAN_MAKE (long, NRECV);

  /* Drain, then zero values. */
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 3);
  for (int i = 1; i <= 3; i++)
    CHECK_RC (gochan_chan_send (c, &i), 0);
  gochan_chan_close (c);
  CHECK_EQ (gochan_chan_len (c), 3);
  CHECK_EQ (gochan_chan_cap (c), 3);
  for (int i = 1; i <= 3; i++)
    {
      int v = 0;
      CHECK_RC (i == 2 ? gochan_chan_tryrecv (c, &v) : gochan_chan_recv (c, &v), 0);
      CHECK_EQ (v, i);
    }
  CHECK_EQ (gochan_chan_len (c), 0);
  for (int k = 0; k < 3; k++)
    {
      int v = 99;
      CHECK_RC (gochan_chan_recv (c, &v), -EPIPE);
      CHECK_EQ (v, 0);
      v = 99;
      CHECK_RC (gochan_chan_tryrecv (c, &v), -EPIPE);
      CHECK_EQ (v, 0);
      v = 99;
      CHECK_RC (gochan_chan_recv_until (c, &v, gochan_now () + GOCHAN_S), -EPIPE);
      CHECK_EQ (v, 0);
    }
  gochan_chan_release (c);

  /* Unbuffered, closed with nothing in flight. */
  c = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan_close (c);
  int v = 7;
  CHECK_RC (gochan_chan_recv (c, &v), -EPIPE);
  CHECK_EQ (v, 0);
  CHECK_RC (gochan_chan_recv (c, NULL), -EPIPE);
  gochan_chan_release (c);

  wake_all (0);
  wake_all (4);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
