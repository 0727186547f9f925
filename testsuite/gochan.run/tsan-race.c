/* Area:    run
   Purpose: Go's -race for C: under make check-tsan (a ThreadSanitizer
            build of the runtime, which makes every goroutine a TSan
            fiber), two goroutines running at once on two Ps that write
            one variable with nothing ordering them are reported as a
            data race naming both goroutines' functions; a write ordered
            by a channel hand-off is not (that half runs first and must
            stay silent: its report would come before "ordered 1").
            Goroutines that take turns on one thread are ordered by
            their switches, so the racers meet through relaxed atomics,
            which order nothing.  UNSUPPORTED in a plain make check.  */
/* { dg-do run } */
/* { dg-require-effective-target tsan_runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
/* { dg-shouldfail "the race is reported" } */
/* { dg-exit-status 66 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <stdio.h>

enum { ROUNDS = 6 };
static long shared[ROUNDS], ordered;
static int here_one[ROUNDS], here_two[ROUNDS];

/* Wait until the other racer runs too, without ordering anything.  */
static void
meet (int *mine, int *other)
{
  __atomic_store_n (mine, 1, __ATOMIC_RELAXED);
  while (!__atomic_load_n (other, __ATOMIC_RELAXED))
    ;
}
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void __attribute__ ((noinline))
ordered_writer (void *arg)
{
  gochan_chan *c = arg;
  ordered = 1;
  int token = 1;
  gochan_chan_send (c, &token);
  gochan_waitgroup_done (&wg);
}

static void __attribute__ ((noinline))
racer_one (void *arg)
{
  long r = (long) arg;
  meet (&here_one[r], &here_two[r]);
  shared[r]++;
  gochan_waitgroup_done (&wg);
}

static void __attribute__ ((noinline))
racer_two (void *arg)
{
  long r = (long) arg;
  meet (&here_two[r], &here_one[r]);
  shared[r]++;
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  /* Ordered: written in a goroutine, read here after the receive.  */
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  gochan_waitgroup_add (&wg, 1);
  gochan_go (ordered_writer, c);
  int token;
  gochan_chan_recv (c, &token);
  printf ("ordered %ld\n", ordered);
  fflush (stdout);
  gochan_waitgroup_wait (&wg);

  /* Racing, a few times over (TSan finds a race in most runs of a pair,
     not all).  */
  for (long r = 0; r < ROUNDS; r++)
    {
      gochan_waitgroup_add (&wg, 2);
      gochan_go (racer_one, (void *) r);
      gochan_go (racer_two, (void *) r);
      gochan_waitgroup_wait (&wg);
    }
  printf ("shared %ld\n", shared[0]);
  return 0;
}
/* { dg-output "ordered 1.*WARNING: ThreadSanitizer: data race.*racer_(one|two).*racer_(one|two)" } */
