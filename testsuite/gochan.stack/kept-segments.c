/* Area:    stack
   Purpose: stack segments outlive their goroutines, within bounds.  A
            goroutine that calls libc runs on a 1 MiB segment (gold's
            split-stack rewrite); BURST of them alive at once, then gone:
            their Gs keep the segments on the free lists, so a second
            burst maps nothing new (the address space does not grow);
            and once nobody has used them for a while the runtime gives
            them back by itself, with main blocked on a channel that only
            a plain thread sends to (no timer, no I/O: only the trim's own
            wake-up can run it).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "gochan-test.h"

enum { BURST = 200 };

static gochan_chan *gate, *done;
static gochan_waitgroup started, finished;

/* Calls libc, so gold makes it ask for 1 MiB of stack. */
__attribute__((noinline)) static int format(char *buf, size_t n, long i)
{
    return snprintf(buf, n, "goroutine %ld", i);
}

static void burster(void *arg)
{
    char buf[32];
    CHECK(format(buf, sizeof buf, (long)arg) > 0);
    gochan_waitgroup_done(&started);
    CHECK_RC(gochan_chan_recv(gate, NULL), -EPIPE);   /* closed */
    gochan_waitgroup_done(&finished);
}

/* BURST goroutines alive at once, then all finished.  Returns VmSize
   (kB) while they were all alive. */
static long burst(void)
{
    gate = gochan_chan_make(0, 1, 0);
    CHECK(gate != NULL);
    gochan_waitgroup_init(&started);
    gochan_waitgroup_init(&finished);
    gochan_waitgroup_add(&started, BURST);
    gochan_waitgroup_add(&finished, BURST);
    for (long i = 0; i < BURST; i++)
        gochan_go(burster, (void *)i);
    gochan_waitgroup_wait(&started);
    long vm = gochan_test_status_kb("VmSize:");
    gochan_chan_close(gate);
    gochan_waitgroup_wait(&finished);
    gochan_chan_release(gate);
    /* Let the scheduler finish them (their Gs reach the free lists). */
    for (int i = 0; i < 100; i++)
        gochan_yield();
    return vm;
}

static long base_kb, kept_kb, trimmed_kb = -1;
static int watcher_ready, watcher_go;

static void nap_ms(long ms)
{
    struct timespec ts = { 0, ms * 1000000 };
    nanosleep(&ts, NULL);
}

/* A plain thread.  It reads /proc once first (its own stack and malloc
   arena are then mapped before the bursts), then waits for main's word
   and watches the address space shrink by most of the bursts' segments
   (10 s at most), then wakes main. */
static void *watcher(void *arg)
{
    (void)arg;
    long v = gochan_test_status_kb("VmSize:");
    __atomic_store_n(&watcher_ready, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&watcher_go, __ATOMIC_SEQ_CST))
        nap_ms(10);
    for (int i = 0; i < 200; i++) {
        nap_ms(50);
        v = gochan_test_status_kb("VmSize:");
        if (kept_kb - v >= BURST * 1024 * 3 / 4)
            break;
    }
    __atomic_store_n(&trimmed_kb, v, __ATOMIC_SEQ_CST);
    CHECK_RC(gochan_chan_send(done, NULL), 0);
    return NULL;
}

int main(void)
{
    /* One malloc arena: a thread's own arena is 64 MiB of address space,
       which would blur the figures. */
    mallopt(M_ARENA_MAX, 1);
    done = gochan_chan_make(0, 1, 0);
    CHECK(done != NULL);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, watcher, NULL) == 0);
    while (!__atomic_load_n(&watcher_ready, __ATOMIC_SEQ_CST))
        nap_ms(1);

    base_kb = gochan_test_status_kb("VmSize:");
    long peak1 = burst();
    long after1 = gochan_test_status_kb("VmSize:");
    /* Each goroutine mapped about 1 MiB. */
    CHECK(peak1 - base_kb >= BURST * 1024 * 3 / 4);
    /* Kept: at least most of it is still mapped. */
    CHECK(after1 - base_kb >= BURST * 1024 / 2);

    long peak2 = burst();
    /* Reused: the second burst did not map on top of the kept segments.
       Those on another P's free list (64 Gs at most) may be out of its
       reach till that P runs or the trim moves them. */
    long per_g = (peak1 - base_kb) / BURST;
    CHECK(peak2 - after1 <= (gochan_maxprocs() - 1) * 64 * per_g +
                            BURST * 1024 / 8);

    /* Trimmed: with main blocked here and nothing else to run. */
    kept_kb = gochan_test_status_kb("VmSize:");
    __atomic_store_n(&watcher_go, 1, __ATOMIC_SEQ_CST);
    CHECK_RC(gochan_chan_recv(done, NULL), 0);
    pthread_join(t, NULL);
    long v = __atomic_load_n(&trimmed_kb, __ATOMIC_SEQ_CST);
    if (kept_kb - v < BURST * 1024 * 3 / 4)
        printf("given back only %ld kB of %ld\n", kept_kb - v,
               kept_kb - base_kb);
    CHECK(kept_kb - v >= BURST * 1024 * 3 / 4);
    printf("segments kept, reused and trimmed\n");
    return 0;
}
/* { dg-output "segments kept, reused and trimmed" } */
