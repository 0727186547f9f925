/* Area:    run
   Purpose: run queues under constant stealing: 4 spawners on 4 Ps each
            start batches of short goroutines and wait for them, so that
            idle Ms steal from busy Ps all the time and often lose the
            race for the queue's head to the owner or another thief.
            Every goroutine must run exactly once.  In a ThreadSanitizer
            build (make check-tsan) it also exercises the run queue's
            slots: a thief reads a slot before its CAS on the head says
            whether the read counts, so a losing thief's read and the
            owner's reuse of the slot 256 puts later must be atomic
            accesses.  They were plain, a data race in C11 that TSan
            reported once in gochan.run/many-lives.c; neither that test
            nor this one reproduced it in 30 runs, so the report is
            rare, not guaranteed.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "4" } */
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <stdio.h>
#include "gochan-test.h"

enum { SPAWNERS = 4, ROUNDS = 400, BATCH = 48 };

static long ran[SPAWNERS];
static gochan_waitgroup all = GOCHAN_WAITGROUP_INIT;

struct batch {
    gochan_waitgroup wg;
    long *counter;
};

static void tiny(void *arg)
{
    struct batch *b = arg;
    __atomic_fetch_add(b->counter, 1, __ATOMIC_RELAXED);
    gochan_yield();
    gochan_waitgroup_done(&b->wg);
}

static void spawner(void *arg)
{
    long id = (long)arg;
    struct batch b;
    gochan_waitgroup_init(&b.wg);
    b.counter = &ran[id];
    for (int r = 0; r < ROUNDS; r++) {
        gochan_waitgroup_add(&b.wg, BATCH);
        for (int i = 0; i < BATCH; i++)
            CHECK_EQ(gochan_go(tiny, &b), 0);
        gochan_waitgroup_wait(&b.wg);
    }
    gochan_waitgroup_done(&all);
}

int main(void)
{
    gochan_waitgroup_add(&all, SPAWNERS);
    for (long i = 0; i < SPAWNERS; i++)
        CHECK_EQ(gochan_go(spawner, (void *)i), 0);
    gochan_waitgroup_wait(&all);
    for (int i = 0; i < SPAWNERS; i++)
        CHECK_EQ(ran[i], (long)ROUNDS * BATCH);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
