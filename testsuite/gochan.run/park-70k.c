/* Area:    run
   Purpose: 70,000 goroutines parked at once, more than the 65,536
            blocks after which the runtime carves goroutine blocks from
            2 MiB arenas marked for huge pages (stack.c, THP_AFTER):
            blocks on both sides of the threshold start, park, wake and
            finish, each with its own argument intact, and the blocks
            are reused by a second wave.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target unlimited_goroutines } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <stdio.h>
#include "gochan-test.h"

enum { N = 70000 };

static gochan_chan *gate;
static gochan_waitgroup parked, finished;
static long sum;

static void sleeper(void *arg)
{
    long id = (long)arg;
    volatile long mine[8];              /* something on the block's stack */
    for (int i = 0; i < 8; i++)
        mine[i] = id * 8 + i;
    gochan_waitgroup_done(&parked);
    CHECK_RC(gochan_chan_recv(gate, NULL), -EPIPE);
    for (int i = 0; i < 8; i++)
        CHECK_EQ(mine[i], id * 8 + i);
    __atomic_fetch_add(&sum, id, __ATOMIC_RELAXED);
    gochan_waitgroup_done(&finished);
}

int main(void)
{
    for (int wave = 0; wave < 2; wave++) {
        gate = gochan_chan_make(0, 1, 0);
        CHECK(gate != NULL);
        gochan_waitgroup_init(&parked);
        gochan_waitgroup_init(&finished);
        sum = 0;
        gochan_waitgroup_add(&parked, N);
        gochan_waitgroup_add(&finished, N);
        for (long i = 0; i < N; i++)
            CHECK_EQ(gochan_go(sleeper, (void *)i), 0);
        gochan_waitgroup_wait(&parked);   /* all N alive at once */
        gochan_chan_close(gate);
        gochan_waitgroup_wait(&finished);
        CHECK_EQ(sum, (long)N * (N - 1) / 2);
        gochan_chan_release(gate);
    }
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
