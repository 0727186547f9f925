/* Area:    stress
   Purpose: ten million goroutines started over one run on 2 Ps, never
            more than 100,000 alive at once.  A counting semaphore of
            100,000 is acquired by main before each start and released by
            the goroutine as it ends; each goroutine yields once (so some
            of them wait in run queues) and adds its number to a sum that
            must come out exact.  "Alive" counts from the start (main
            counts before gochan_go) to the goroutine's end, and its peak
            is checked against the bound.  Prints the rate and the RSS at
            the start, the highest seen and the end.  Memory must follow
            the number alive, not the number started: the end RSS must be
            below the start RSS + 4 KiB per goroutine that may be alive
            (twice the 2 KiB block a goroutine and its first stack take)
            + 64 MiB of slack, about 460 MiB, where a leak of even one
            block per goroutine would need 20 GiB.  GOCHAN_TENM_N changes
            the count.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target stress } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
/* { dg-torture once } */
/* { dg-timeout 300 } */

#include <gochan/sched.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <stdio.h>
#include "gochan-test.h"
#include "stress.h"

#define MAX_ALIVE 100000

static gochan_sema sem = GOCHAN_SEMA_INIT (MAX_ALIVE);
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static long alive, peak;
static unsigned long long sum;

static void
work (void *arg)
{
  gochan_yield ();
  __atomic_fetch_add (&sum, (unsigned long long) (uintptr_t) arg,
		      __ATOMIC_RELAXED);
  __atomic_fetch_sub (&alive, 1, __ATOMIC_RELAXED);
  gochan_sema_release (&sem);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  long n = stress_env_long ("GOCHAN_TENM_N", 10000000);
  long rss0 = stress_rss_kb (), rss_max = 0;
  unsigned long long want = 0;
  int64_t t0 = gochan_now ();

  for (long i = 0; i < n; i++)
    {
      gochan_sema_acquire (&sem);
      gochan_waitgroup_add (&wg, 1);
      long a = __atomic_add_fetch (&alive, 1, __ATOMIC_RELAXED);
      if (a > peak)
	peak = a;
      CHECK_RC (gochan_go (work, (void *) (uintptr_t) i), 0);
      want += (unsigned long long) i;
      if (i % 100000 == 99999)
	{
	  long r = stress_rss_kb ();
	  if (r > rss_max)
	    rss_max = r;
	}
    }
  gochan_waitgroup_wait (&wg);
  int64_t t1 = gochan_now ();
  long rss1 = stress_rss_kb ();

  CHECK_EQ (sum, want);
  CHECK (peak <= MAX_ALIVE);
  CHECK_EQ (alive, 0);
  printf ("stress: ten-million: %ld goroutines in %.2f s (%.0f per s), "
	  "at most %ld alive\n", n, (t1 - t0) / 1e9,
	  (double) n / ((t1 - t0) / 1e9), peak);
  printf ("stress: ten-million: RSS %ld KiB at start, %ld KiB at most, "
	  "%ld KiB at end\n", rss0, rss_max, rss1);
  CHECK (rss0 > 0 && rss1 > 0);
  CHECK (rss1 < rss0 + 4L * MAX_ALIVE + 65536);
  printf ("ten-million: ok\n");
  return 0;
}
/* { dg-output "ten-million: ok" } */
