/* Area:    run
   Purpose: with 2 Ps, two goroutines really run at the same time.  Each
            spins until it has seen the other's flag, without yielding: on
            one thread that could never finish (the harness timeout would
            fail the test); the spin count is bounded so a failure is a
            clear message, not a hang.  Timing ratios live in make bench.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target smp } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"

static int flag[2], seen[2], finished;

static void spinner(void *arg)
{
    int me = (int)(long)arg, other = 1 - me;
    __atomic_store_n(&flag[me], 1, __ATOMIC_SEQ_CST);
    for (long i = 0; i < 20000000000L; i++) {
        if (__atomic_load_n(&flag[other], __ATOMIC_SEQ_CST)) {
            seen[me] = 1;
            break;
        }
        __asm__ __volatile__("pause");
    }
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    CHECK_EQ(gochan_maxprocs(), 2);
    gochan_go(spinner, (void *)0L);
    gochan_go(spinner, (void *)1L);
    while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) != 2)
        gochan_yield();
    CHECK(seen[0] && seen[1]);
    printf("ran in parallel\n");
    return 0;
}
/* { dg-output "ran in parallel" } */
