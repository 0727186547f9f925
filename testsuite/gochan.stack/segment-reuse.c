/* Area:    stack
   Purpose: goroutines that grow deep stacks and exit, round after round:
            descriptors and their segments are reused or released, memory
            stays bounded (RSS checked loosely), results stay exact.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <stdio.h>
#include <string.h>
#include "gochan-test.h"

__attribute__((noinline)) static long dig(long n)
{
    volatile char frame[64];
    frame[0] = (char)n;
    return n == 0 ? 0 : dig(n - 1) + 1 + frame[0] * 0;
}

/* Peak RSS allowed.  100 goroutines x under 1 MB of stack each at once;
   10 rounds must not add up to 10 times that.  Under ThreadSanitizer a
   goroutine costs more: every instrumented function calls into libtsan,
   non-split code to gold, so each asks for 1 MiB of stack before it
   starts, and dig() maps a 1 MiB segment every hundred-odd frames (76
   for 8,000 frames); and each goroutine's fiber keeps its own event
   trace, 1 MiB by default.  Measured there: 1.3 to 2.5 MB per
   goroutine; at the peak, 290 to 320 MiB (190 in stack segments, 90 in
   TSan's traces); 10 rounds that kept their stacks would pass 1.3 GB. */
#ifdef __SANITIZE_THREAD__
#define PEAK_KB (1024L * 1024)
#else
#define PEAK_KB (256L * 1024)
#endif

static long finished;

static void grower(void *arg)
{
    long n = (long)arg;
    CHECK_EQ(dig(n), n);
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    long peak = 0;
    for (int round = 0; round < 10; round++) {
        for (long i = 0; i < 100; i++)
            gochan_go(grower, (void *)(2000 + (i % 7) * 1000));
        while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) != 100L * (round + 1))
            gochan_yield();
        long r = gochan_test_status_kb("VmRSS:");
        if (r > peak)
            peak = r;
    }
    CHECK(peak < PEAK_KB);
    printf("segments reused, peak RSS under %ld MiB\n", PEAK_KB / 1024);
    return 0;
}
/* { dg-output "segments reused" } */
