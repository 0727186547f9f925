/* Go by Example's worker pool, in the syntax: three workers take jobs
   from a buffered channel and send results on another; main sends five
   jobs, closes the jobs channel and collects the results.  Workers run in
   any order, so only the sum of the results is printed.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <stdio.h>

static int done_by[4];

static void
worker (int id, __chan (int) jobs, __chan (int) results)
{
  bool ok;
  for (;;)
    {
      int j = chan_recv_ok (jobs, &ok);
      if (!ok)
	return;			/* jobs is closed and drained */
      __atomic_add_fetch (&done_by[id], 1, __ATOMIC_RELAXED);
      chan_send (results, j * 2);
    }
}

int
main (void)
{
  enum { NJOBS = 5 };
  __chan (int) jobs = chan_make (int, 100);
  __chan (int) results = chan_make (int, 100);

  for (int w = 1; w <= 3; w++)
    __go worker (w, jobs, results);
  for (int j = 1; j <= NJOBS; j++)
    chan_send (jobs, j);
  chan_close (jobs);

  int sum = 0;
  for (int a = 1; a <= NJOBS; a++)
    sum += chan_recv (results);
  printf ("sum %d\n", sum);
  /* Every job was done exactly once, by some worker.  */
  int total = 0;
  for (int w = 1; w <= 3; w++)
    total += __atomic_load_n (&done_by[w], __ATOMIC_RELAXED);
  printf ("jobs %d\n", total);
  return 0;
}

/* { dg-output "^sum 30\njobs 5\n$" } */
