/* Area:    run
   Purpose: 100,000 goroutines one after another, each started after the
            last has finished, so that one descriptor (and, in a
            ThreadSanitizer build, one TSan fiber) serves them all.  Under
            TSan a reused fiber kept three stale frames of each lifetime
            on its shadow call stack and TSan crashed after ~22,000
            (make check-tsan); each goroutine now gets a new fiber.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"

static int done;
static long sum;

static void life(void *arg)
{
    sum += (long)arg;
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
}

int main(void)
{
    const long n = 100000;
    for (long i = 0; i < n; i++) {
        __atomic_store_n(&done, 0, __ATOMIC_RELAXED);
        CHECK_EQ(gochan_go(life, (void *)i), 0);
        while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE))
            gochan_yield();
    }
    CHECK_EQ(sum, n * (n - 1) / 2);
    printf("%ld lives ok\n", n);
    return 0;
}
/* { dg-output "100000 lives ok" } */
