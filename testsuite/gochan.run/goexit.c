/* Area:    run
   Purpose: gochan_exit ends the calling goroutine from deep inside its
            call stack; the code after it never runs, and the goroutine's
            descriptor is reused by later goroutines.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-additional-options "-Wno-infinite-recursion" } */
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"

static int reached_after, exited;

static void depth(int n)
{
    if (n <= 0) {
        __atomic_fetch_add(&exited, 1, __ATOMIC_SEQ_CST);
        gochan_exit();
    } else {
        depth(n - 1);
    }
    reached_after = 1;
}

static void child(void *arg)
{
    depth((int)(long)arg);
    reached_after = 1;
}

int main(void)
{
    for (int round = 0; round < 3; round++) {
        for (long i = 0; i < 1000; i++)
            gochan_go(child, (void *)(i % 50));
        while (__atomic_load_n(&exited, __ATOMIC_SEQ_CST) != 1000 * (round + 1))
            gochan_yield();
    }
    while (gochan_num_goroutine() != 1)
        gochan_yield();
    CHECK_EQ(reached_after, 0);
    printf("goexit ok\n");
    return 0;
}
/* { dg-output "goexit ok" } */
