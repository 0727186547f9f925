/* Area:    run
   Purpose: 100,000 goroutines are started, all run to completion, and
            the sum of their results is exact.  Main waits by yielding.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target unlimited_goroutines } */
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"

static long sum, finished;

static void work(void *arg)
{
    __atomic_fetch_add(&sum, (long)arg * 3 + 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    const long n = 100000;
    long want = 0;
    for (long i = 0; i < n; i++) {
        CHECK_RC(gochan_go(work, (void *)i), 0);
        want += i * 3 + 1;
    }
    while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) != n)
        gochan_yield();
    CHECK_EQ(sum, want);
    printf("spawned %ld, sum %ld\n", n, sum);
    return 0;
}
/* { dg-output "spawned 100000, sum 14999950000" } */
