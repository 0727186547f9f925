/* Area:    stress
   Purpose: a buffered channel's positions wrap (chan.h, Buffered
            channels: a position's lap has 31 bits).  A channel of
            capacity 1 takes one lap per value, so 2^31 + 2^20 values
            through it (one goroutine, a send and a receive each, about
            30 s) take its positions across the wrap; every value must
            come out as it went in, len must stay right, and afterwards a
            producer and a consumer on 2 Ps pass 2^20 more in order, and
            a close still lets the last value drain first.
            GOCHAN_LAPWRAP_N changes the count of the first part.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target stress } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
/* { dg-torture once } */
/* { dg-timeout 300 } */

#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdlib.h>
#include "gochan-test.h"

enum { AFTER = 1 << 20 };

static gochan_chan *ch, *done;

static void
consumer (void *p)
{
  (void) p;
  long v, want = 0, rc;
  while ((rc = gochan_chan_recv (ch, &v)) == 0)
    {
      CHECK_EQ (v, want);
      want++;
    }
  CHECK_EQ (rc, -EPIPE);
  CHECK_EQ (want, AFTER + 1);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

int
main (void)
{
  const char *e = getenv ("GOCHAN_LAPWRAP_N");
  long n = e != NULL ? atol (e) : (1L << 31) + (1L << 20);
  ch = GOCHAN_CHAN_MAKE (long, 1);
  done = gochan_chan_make (0, 1, 0);
  int64_t t0 = gochan_now ();
  for (long i = 0; i < n; i++)
    {
      long v = i, w = -1;
      CHECK_RC (gochan_chan_trysend (ch, &v), 0);
      /* Full and len checks, also on each side of a lap number's wrap
         (i = 2^31 - 1 and 2^31).  */
      if ((i & 0xfffff) == 0 || (i & 0xfffff) == 0xfffff)
        {
          CHECK_EQ (gochan_chan_len (ch), 1);
          CHECK_RC (gochan_chan_trysend (ch, &v), -EAGAIN);
        }
      CHECK_RC (gochan_chan_tryrecv (ch, &w), 0);
      if (w != i)
        {
          fprintf (stderr, "value %ld came out as %ld\n", i, w);
          abort ();
        }
    }
  CHECK_EQ (gochan_chan_len (ch), 0);
  int64_t t1 = gochan_now ();
  printf ("stress: lap-wrap %ld values through a 1-slot channel, %.1f ns each\n",
          n, (double) (t1 - t0) / (double) n);

  CHECK_RC (gochan_go (consumer, NULL), 0);
  for (long i = 0; i <= AFTER; i++)
    CHECK_RC (gochan_chan_send (ch, &i), 0);
  gochan_chan_close (ch);
  CHECK_RC (gochan_chan_recv (done, NULL), 0);
  printf ("stress: lap-wrap then %d values between 2 goroutines in %.0f ms\n",
          AFTER + 1, (double) (gochan_now () - t1) / 1e6);
  gochan_chan_release (ch);
  gochan_chan_release (done);
  return 0;
}
