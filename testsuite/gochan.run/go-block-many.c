/* Many __go_block goroutines at once: 20000 of them, each with its own
   copy of the loop variable and of a struct, all parked on a channel
   until main closes it, then counted with a WaitGroup.  Every index is
   seen exactly once.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target unlimited_goroutines } */

#include <gochan.h>
#include <gochan-test.h>
#include <stdio.h>

enum { N = 20000 };

struct job { int id; int weight; };

static unsigned char seen[N];

int
main (void)
{
  static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
  __chan (int) start = chan_make (int, 0);
  long long total = 0;
  long long *tp = &total;

  for (int i = 0; i < N; i++)
    {
      struct job j = { i, i % 7 };
      gochan_waitgroup_add (&wg, 1);
      __go_block
	{
	  chan_recv (start);	/* parked until main closes start */
	  CHECK_EQ (j.id, i);
	  __atomic_add_fetch (&seen[i], 1, __ATOMIC_RELAXED);
	  __atomic_add_fetch (tp, j.weight, __ATOMIC_RELAXED);
	  gochan_waitgroup_done (&wg);
	}
    }
  CHECK (gochan_num_goroutine () >= N);
  chan_close (start);
  gochan_waitgroup_wait (&wg);

  long long want = 0;
  for (int i = 0; i < N; i++)
    {
      CHECK_EQ (seen[i], 1);
      want += i % 7;
    }
  CHECK_EQ (total, want);
  printf ("%d goroutines ok\n", N);
  return 0;
}

/* { dg-output "^20000 goroutines ok\n$" } */
