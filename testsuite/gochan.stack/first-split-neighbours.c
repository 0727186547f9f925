/* Area:    stack
   Purpose: goroutines outgrow their first stacks by the thousand, on
            fresh and on recycled blocks: libgcc's __morestack runs on the
            last bytes of a 2 KiB block and maps a segment.  Nothing it
            runs may write into the block below, whose goroutine
            descriptor sits right under the stack.  Under make check-tsan
            that code was once instrumented: now and then (once in 8192
            TSan events) TSan's hooks there took 3 KiB of stack for a
            trace switch, and the scheduler crashed on an overwritten
            descriptor.  Ten rounds of 500 goroutines, all alive at once;
            each makes a different number of calls (TSan events), so that
            the next goroutine on its recycled descriptor (which has lost
            its segments) outgrows the first stack at another point of
            TSan's trace.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <stdio.h>
#include "gochan-test.h"

#define ROUNDS 10
#define N 500

static gochan_waitgroup started, gate, finished;
static long ok;
static long slot[N];

/* A call per step, so that TSan counts events: it records every
   function entry and exit, but not a repeated access to one address. */
__attribute__((noinline)) static void step(long *p, long i)
{
    __atomic_fetch_add(p, i, __ATOMIC_RELAXED);
}

__attribute__((noinline)) static long work(long *p, long n)
{
    for (long i = 0; i < n; i++)
        step(p, i);
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* A frame bigger than what is left of a 2 KiB first stack. */
__attribute__((noinline)) static long outgrow(long id)
{
    volatile long frame[256];
    for (int i = 0; i < 256; i++)
        frame[i] = id + i;
    long sum = 0;
    for (int i = 0; i < 256; i++)
        sum += frame[i] - i;
    return sum;
}

static void neighbour(void *arg)
{
    long id = (long)arg;
    long n = (id * 7919) % 4099;
    slot[id % N] = 0;
    CHECK_EQ(work(&slot[id % N], n), n * (n - 1) / 2);
    long got = outgrow(id);
    gochan_waitgroup_done(&started);
    gochan_waitgroup_wait(&gate);           /* all N alive at once */
    CHECK_EQ(got, 256 * id);
    CHECK_EQ(outgrow(id), 256 * id);
    __atomic_fetch_add(&ok, 1, __ATOMIC_SEQ_CST);
    gochan_waitgroup_done(&finished);
}

int main(void)
{
    for (long round = 0; round < ROUNDS; round++) {
        gochan_waitgroup_init(&started);
        gochan_waitgroup_init(&gate);
        gochan_waitgroup_init(&finished);
        gochan_waitgroup_add(&started, N);
        gochan_waitgroup_add(&gate, 1);
        gochan_waitgroup_add(&finished, N);
        for (long i = 0; i < N; i++)
            gochan_go(neighbour, (void *)(round * N + i));
        gochan_waitgroup_wait(&started);
        gochan_waitgroup_done(&gate);
        gochan_waitgroup_wait(&finished);
    }
    CHECK_EQ(__atomic_load_n(&ok, __ATOMIC_SEQ_CST), ROUNDS * N);
    printf("%d first splits, neighbours intact\n", ROUNDS * N);
    return 0;
}
/* { dg-output "5000 first splits, neighbours intact" } */
