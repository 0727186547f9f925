/* Area:    run
   Purpose: on one P, goroutines that only yield all make progress: each
            of 4 counts to 10,000, yielding after every step; main waits
            by yielding too.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"

static long counts[4];
static int done;

static void counter(void *arg)
{
    long *c = arg;
    for (int i = 0; i < 10000; i++) {
        (*c)++;
        gochan_yield();
    }
    __atomic_fetch_add(&done, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    CHECK_EQ(gochan_maxprocs(), 1);
    for (int i = 0; i < 4; i++)
        gochan_go(counter, &counts[i]);
    /* main's yields also let them run; without fair yields this would
       spin forever (and the harness's timeout fails the test). */
    while (__atomic_load_n(&done, __ATOMIC_SEQ_CST) != 4)
        gochan_yield();
    for (int i = 0; i < 4; i++)
        CHECK_EQ(counts[i], 10000);
    printf("yield ok\n");
    return 0;
}
/* { dg-output "yield ok" } */
