/* Area:    stack
   Purpose: a million frames of recursion inside a goroutine, on 2 KiB
            first stacks that grow by split-stack segments; several such
            goroutines at once; results exact.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"

__attribute__((noinline)) static long sum_to(long n)
{
    volatile long pad = n;      /* a real frame at every level */
    if (n == 0)
        return 0;
    return sum_to(n - 1) + pad;
}

static long results[4];
static int finished;

static void deep(void *arg)
{
    long i = (long)arg;
    results[i] = sum_to(1000000 - i);
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    for (long i = 0; i < 4; i++)
        gochan_go(deep, (void *)i);
    while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) != 4)
        gochan_yield();
    for (long i = 0; i < 4; i++) {
        long n = 1000000 - i;
        CHECK_EQ(results[i], n * (n + 1) / 2);
    }
    printf("million frames ok\n");
    return 0;
}
/* { dg-output "million frames ok" } */
