/* Area:    run
   Purpose: on one P the run queue takes its Gs without atomics (no
            thieves can race its holder, sched.c "runq_solo").  Drive every
            way in and out of it at once: 600 goroutines that yield (more
            than the local ring holds, so half of it spills to the global
            queue again and again, and the ring's indexes wrap many times),
            a ring of 50 goroutines passing a token over unbuffered
            channels (each hand-off goes through runnext), and a goroutine
            blocked in a system call while the others run (the P moves to
            another thread and back).  Every goroutine must finish with
            its exact count, the token must make every lap, and no G may
            run twice at once (a G taken twice from the queue would be
            seen running by two goroutines' counters: each checks that it
            alone runs its body).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <stdio.h>
#include <unistd.h>
#include "gochan-test.h"

enum { NYIELD = 600, STEPS = 300, NRING = 50, LAPS = 400 };

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static long counts[NYIELD];
static int running[NYIELD];
static long total;

static void yielder(void *arg)
{
    long i = (long)arg;
    for (int s = 0; s < STEPS; s++) {
        /* One P: nothing else runs between these two stores unless this
           G is somehow running twice. */
        CHECK_EQ(__atomic_exchange_n(&running[i], 1, __ATOMIC_SEQ_CST), 0);
        counts[i]++;
        total++;
        __atomic_store_n(&running[i], 0, __ATOMIC_SEQ_CST);
        gochan_yield();
    }
    gochan_waitgroup_done(&wg);
}

struct link {
    gochan_chan *in, *out;
};

static void ring_member(void *arg)
{
    struct link *l = arg;
    long v;
    for (;;) {
        int rc = gochan_chan_recv(l->in, &v);
        if (rc == -EPIPE)
            break;
        CHECK_RC(rc, 0);
        CHECK_RC(gochan_chan_send(l->out, &(long){v + 1}), 0);
    }
    gochan_chan_close(l->out);
    gochan_waitgroup_done(&wg);
}

static int fds[2];

static void sleeper(void *arg)
{
    (void)arg;
    char c = 0;
    gochan_syscall_enter();
    ssize_t n = read(fds[0], &c, 1);    /* blocks this thread, not the P */
    gochan_syscall_exit();
    CHECK_EQ(n, 1);
    CHECK_EQ(c, 'x');
    gochan_waitgroup_done(&wg);
}

int main(void)
{
    SKIP_UNLESS_ONE_P();
    CHECK_EQ(pipe(fds), 0);

    gochan_waitgroup_add(&wg, 1);
    gochan_go(sleeper, NULL);

    gochan_chan *ch[NRING + 1];
    struct link links[NRING];
    for (int i = 0; i <= NRING; i++) {
        ch[i] = gochan_chan_make(sizeof(long), _Alignof(long), 0);
        CHECK(ch[i] != NULL);
    }
    gochan_waitgroup_add(&wg, NRING);
    for (int i = 0; i < NRING; i++) {
        links[i] = (struct link){ ch[i], ch[i + 1] };
        gochan_go(ring_member, &links[i]);
    }

    gochan_waitgroup_add(&wg, NYIELD);
    for (long i = 0; i < NYIELD; i++)
        gochan_go(yielder, (void *)i);

    /* The token's laps run among the yielders: each hand-off readies the
       next member into runnext, ahead of the ring's backlog. */
    for (long lap = 0; lap < LAPS; lap++) {
        long v;
        CHECK_RC(gochan_chan_send(ch[0], &lap), 0);
        CHECK_RC(gochan_chan_recv(ch[NRING], &v), 0);
        CHECK_EQ(v, lap + NRING);
        if (lap == LAPS / 2)
            CHECK_EQ(write(fds[1], "x", 1), 1);
    }
    gochan_chan_close(ch[0]);
    long v;
    CHECK_RC(gochan_chan_recv(ch[NRING], &v), -EPIPE);

    gochan_waitgroup_wait(&wg);
    for (int i = 0; i < NYIELD; i++)
        CHECK_EQ(counts[i], STEPS);
    CHECK_EQ(total, (long)NYIELD * STEPS);
    for (int i = 0; i <= NRING; i++)
        gochan_chan_release(ch[i]);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
