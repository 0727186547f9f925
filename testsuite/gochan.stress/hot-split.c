/* Area:    stress
   Purpose: goroutines grow and shrink deep split stacks over and over,
            and the memory comes back.  In each of several waves, 1,000
            goroutines on 2 Ps each recurse to random depths (0 to about
            256 KiB of 528-byte frames) 300 times, crossing segment
            boundaries up and down (the hot split), wait together at a
            gate (so every one holds its segments at once: the peak), then
            do it again and finish.

            What is checked, and why this bound: a live goroutine keeps
            the segments it grew (libgcc reuses them on the next growth),
            and a finished one keeps them on the free lists for the next
            goroutine, until a second or two of disuse has them trimmed
            (sched.c, "free Gs and their kept stack segments"; a busy P
            keeps up to 63 of its own).  So within seconds of a wave's end
            (main sleeps, polling RSS, 10 s at most) at most 2 Ps x 63
            goroutines' worth of segments may remain: the RSS must come
            below the baseline + 126 x the peak's growth per goroutine +
            16 MiB of slack for the allocator, and must not grow from wave
            to wave (the last wave ends within 16 MiB of the first).
            Without the trim every goroutine's segments (the whole peak)
            would stay.
            GOCHAN_HOTSPLIT_WAVES changes the number of waves (default 5).
            The recursion calls no libc: a split-stack function that calls
            libc demands a 1 MiB segment (HACKING.md).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target split_stack } */
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

#define NG 1000
#define ITER 300
#define MAXDEPTH 480

static gochan_chan *gate;
static gochan_waitgroup at_gate = GOCHAN_WAITGROUP_INIT;
static gochan_waitgroup finished = GOCHAN_WAITGROUP_INIT;
static unsigned long long total_frames;

__attribute__ ((__noinline__)) static long
deep (int n, long acc)
{
  volatile char pad[512];

  pad[n % 512] = (char) n;
  if (n == 0)
    return acc;
  return deep (n - 1, acc + 1) + pad[n % 512] - (char) n;
}

static void
grower (void *arg)
{
  uint64_t seed = (uint64_t) (uintptr_t) arg * 0x9E3779B97F4A7C15ULL | 1;
  unsigned long long frames = 0;
  int v;

  for (int pass = 0; pass < 2; pass++)
    {
      for (int i = 0; i < ITER; i++)
	{
	  int d = (int) (stress_rand (&seed) % (MAXDEPTH + 1));
	  if (deep (d, 0) != d)
	    gochan_panic ("hot-split: wrong result at depth %d", d);
	  frames += (unsigned long long) d;
	}
      if (pass == 0)
	{
	  /* End on a deep call so that the peak holds the most.  */
	  deep (MAXDEPTH, 0);
	  gochan_waitgroup_done (&at_gate);
	  gochan_chan_recv (gate, &v);
	}
    }
  __atomic_fetch_add (&total_frames, frames, __ATOMIC_RELAXED);
  gochan_waitgroup_done (&finished);
}

int
main (void)
{
  long waves = stress_env_long ("GOCHAN_HOTSPLIT_WAVES", 5);
  long base, first_after = -1;
  int64_t t0 = gochan_now ();

  /* The baseline: the runtime and a wave's worth of goroutine blocks
     already in use once, shallow.  */
  gochan_waitgroup_add (&finished, NG);
  for (long i = 0; i < NG; i++)
    CHECK_RC (gochan_go ((void (*) (void *)) gochan_waitgroup_done,
			 &finished), 0);
  gochan_waitgroup_wait (&finished);
  base = stress_rss_kb ();
  CHECK (base > 0);

  for (long w = 0; w < waves; w++)
    {
      gate = GOCHAN_CHAN_MAKE (int, 0);
      CHECK (gate != NULL);
      gochan_waitgroup_add (&at_gate, NG);
      gochan_waitgroup_add (&finished, NG);
      for (long i = 0; i < NG; i++)
	CHECK_RC (gochan_go (grower, (void *) (uintptr_t) (w * NG + i + 1)),
		  0);
      gochan_waitgroup_wait (&at_gate);
      long peak = stress_rss_kb ();
      gochan_chan_close (gate);
      gochan_waitgroup_wait (&finished);
      gochan_chan_release (gate);
      long per_g = (peak - base) / NG;
      long bound = base + 126 * per_g + 16384;
      int64_t t1 = gochan_now ();
      long after = stress_rss_kb ();
      while (after >= bound && gochan_now () - t1 < 10 * GOCHAN_S)
	{
	  gochan_sleep (100 * GOCHAN_MS);
	  after = stress_rss_kb ();
	}

      printf ("stress: hot-split: wave %ld: RSS %ld KiB baseline, "
	      "%ld KiB peak (%ld KiB per goroutine), %ld KiB after %.1f s "
	      "(bound %ld KiB)\n", w + 1, base, peak, per_g, after,
	      (gochan_now () - t1) / 1e9, bound);
      CHECK (peak > base);
      CHECK (after < bound);
      if (first_after < 0)
	first_after = after;
      CHECK (after < first_after + 16384);
    }
  printf ("stress: hot-split: %ld waves of %d goroutines, %llu frames "
	  "entered, %.2f s\n", waves, NG, total_frames,
	  (gochan_now () - t0) / 1e9);
  printf ("hot-split: ok\n");
  return 0;
}
/* { dg-output "hot-split: ok" } */
