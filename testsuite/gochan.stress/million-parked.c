/* Area:    stress
   Purpose: one million goroutines parked at once on 2 Ps, then all woken
            and finished.  Each goroutine counts itself and blocks in a
            receive on one gate channel; when all have counted and
            gochan_num_goroutine says they all exist, main closes the gate
            (one close wakes a million waiters) and waits for every
            goroutine through a WaitGroup.  Prints the RSS before, while
            all are parked, and after, and the RSS per parked goroutine.
            The per-goroutine figure must stay under 16 KiB: the design
            target is 2 KiB (DESIGN.md), and 16 KiB would mean every
            goroutine got a libgcc segment of its own, which is the
            failure this catches, with room for allocator noise.
            GOCHAN_MILLION_N changes the count.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target stress } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
/* { dg-torture once } */
/* { dg-timeout 300 } */

#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <stdio.h>
#include "gochan-test.h"
#include "stress.h"

static gochan_chan *gate;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static long parked, woken_closed;

/* No libc here: a split-stack function that calls libc demands a 1 MiB
   segment.  */
static void
sleeper (void *arg)
{
  int v = 1;

  (void) arg;
  __atomic_fetch_add (&parked, 1, __ATOMIC_RELAXED);
  if (gochan_chan_recv (gate, &v) == -EPIPE && v == 0)
    __atomic_fetch_add (&woken_closed, 1, __ATOMIC_RELAXED);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  long n = stress_env_long ("GOCHAN_MILLION_N", 1000000);
  long rss0, rss1, rss2;
  int64_t t0, t1, t2, t3;

  gate = GOCHAN_CHAN_MAKE (int, 0);
  CHECK (gate != NULL);
  rss0 = stress_rss_kb ();
  t0 = gochan_now ();
  gochan_waitgroup_add (&wg, (int) n);
  for (long i = 0; i < n; i++)
    CHECK_RC (gochan_go (sleeper, NULL), 0);
  while (__atomic_load_n (&parked, __ATOMIC_RELAXED) < n)
    gochan_sleep (GOCHAN_MS);
  t1 = gochan_now ();
  CHECK (gochan_num_goroutine () >= n + 1);
  rss1 = stress_rss_kb ();
  t2 = gochan_now ();
  gochan_chan_close (gate);
  gochan_waitgroup_wait (&wg);
  t3 = gochan_now ();
  rss2 = stress_rss_kb ();
  CHECK_EQ (woken_closed, n);

  double per = (double) (rss1 - rss0) * 1024.0 / (double) n;
  printf ("stress: million-parked: %ld goroutines parked in %.2f s, "
	  "woken and finished in %.2f s\n", n, (t1 - t0) / 1e9,
	  (t3 - t2) / 1e9);
  printf ("stress: million-parked: RSS %ld KiB before, %ld KiB parked "
	  "(%.0f bytes per goroutine), %ld KiB after\n",
	  rss0, rss1, per, rss2);
  CHECK (rss0 > 0 && rss1 > 0);
  CHECK (per < 16384.0);
  printf ("million-parked: ok\n");
  return 0;
}
/* { dg-output "million-parked: ok" } */
