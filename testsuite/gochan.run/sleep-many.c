/* Area:    run
   Purpose: 20,000 goroutines sleep for short random times on 2 Ps while
            the timer heaps grow under them: every one wakes, none early.
            (Regression: growing a P's timer heap used to realloc it while
            another thread was running its timers.)  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target unlimited_goroutines } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdio.h>
#include "gochan-test.h"

static long woke, early;

static void sleeper(void *arg)
{
    int64_t d = ((long)arg % 20 + 1) * GOCHAN_MS / 4;
    int64_t t0 = gochan_now();
    gochan_sleep(d);
    if (gochan_now() - t0 < d)
        __atomic_fetch_add(&early, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&woke, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    enum { N = 20000 };
    for (long i = 0; i < N; i++) {
        gochan_go(sleeper, (void *)(i * 7919));
        if (i % 1000 == 0)
            gochan_yield();     /* let timers fire while others are added */
    }
    while (__atomic_load_n(&woke, __ATOMIC_SEQ_CST) != N)
        gochan_sleep(GOCHAN_MS);
    CHECK_EQ(early, 0);
    printf("%d sleepers woke\n", N);
    return 0;
}
/* { dg-output "20000 sleepers woke" } */
