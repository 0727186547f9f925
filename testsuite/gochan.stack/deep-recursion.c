/* Area:    stack
   Purpose: a million frames of recursion inside a goroutine, on 2 KiB
            first stacks that grow by split-stack segments; several such
            goroutines at once; results exact.  Under ThreadSanitizer,
            50,000 frames: TSan keeps a shadow call stack of 65,536
            entries per thread or fiber (kShadowStackSize, tsan_defs.h in
            GCC 12's libsanitizer), checked only in its debug builds
            (FuncEntry, tsan_rtl.h), and deeper calls overwrite TSan's own
            state, goroutine or not.  */
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

#ifdef __SANITIZE_THREAD__
#define DEPTH 50000L
#else
#define DEPTH 1000000L
#endif

static long results[4];
static int finished;

static void deep(void *arg)
{
    long i = (long)arg;
    results[i] = sum_to(DEPTH - i);
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    for (long i = 0; i < 4; i++)
        gochan_go(deep, (void *)i);
    while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) != 4)
        gochan_yield();
    for (long i = 0; i < 4; i++) {
        long n = DEPTH - i;
        CHECK_EQ(results[i], n * (n + 1) / 2);
    }
    printf("%ld frames ok\n", DEPTH);
    return 0;
}
/* { dg-output "(1000000|50000) frames ok" } */
