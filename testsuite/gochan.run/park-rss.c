/* Area:    run
   Purpose: a parked goroutine costs its 2 KiB block and (nearly) nothing
            more.  20,000 goroutines block on one channel; the resident
            memory they add, per goroutine, must stay within 24 bytes of
            the block size (GOCHAN_STACKSIZE, 2,048 by default).  Chunk
            headers used to take a page per 64 blocks, 64 bytes per
            goroutine more.  Page tables do not count in VmRSS.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target unchecked_memory } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <malloc.h>
#include <stdio.h>
#include "gochan-test.h"

enum { N = 20000 };

static gochan_chan *gate;
static gochan_waitgroup parked;

/* No libc: a function that calls it would ask for a 1 MiB segment. */
static void sleeper(void *arg)
{
    (void)arg;
    gochan_waitgroup_done(&parked);
    CHECK_RC(gochan_chan_recv(gate, NULL), -EPIPE);
}

int main(void)
{
    mallopt(M_ARENA_MAX, 1);
    gate = gochan_chan_make(0, 1, 0);
    CHECK(gate != NULL);
    gochan_waitgroup_init(&parked);
    long before = gochan_test_status_kb("VmRSS:");
    gochan_waitgroup_add(&parked, N);
    for (int i = 0; i < N; i++)
        CHECK_RC(gochan_go(sleeper, NULL), 0);
    gochan_waitgroup_wait(&parked);
    long after = gochan_test_status_kb("VmRSS:");
    double per = (double)(after - before) * 1024.0 / N;
    printf("%.1f bytes per parked goroutine\n", per);
    CHECK(per >= 2048 - 24);
    CHECK(per <= 2048 + 24);
    gochan_chan_close(gate);
    printf("park-rss: ok\n");
    return 0;
}
/* { dg-output "park-rss: ok" } */
