/* Area:    signal
   Purpose: a storm of SIGUSR1 (thousands of kill() from a plain thread)
            while goroutines on 2 Ps pass numbered messages: every message
            arrives once, intact; the channel receives at least one
            SIGUSR1 and never more than were sent; the end marker
            (SIGUSR2, on its own channel) arrives.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/signal.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include "gochan-test.h"

enum { KILLS = 5000, PAIRS = 4, ITEMS = 5000 };

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static long bad;

struct msg {
    int seq;
    int check;       /* seq * 7 + 3 */
    char pad[24];
};

static void producer(void *arg)
{
    gochan_chan *out = arg;
    for (int i = 0; i < ITEMS; i++) {
        struct msg m = { .seq = i, .check = i * 7 + 3 };
        for (int k = 0; k < 24; k++)
            m.pad[k] = (char)(i + k);
        CHECK_RC(gochan_chan_send(out, &m), 0);
        if (i % 64 == 0)
            gochan_yield();
    }
}

static void consumer(void *arg)
{
    gochan_chan *in = arg;
    for (int i = 0; i < ITEMS; i++) {
        struct msg m;
        CHECK_RC(gochan_chan_recv(in, &m), 0);
        if (m.seq != i || m.check != i * 7 + 3)
            __atomic_fetch_add(&bad, 1, __ATOMIC_SEQ_CST);
        for (int k = 0; k < 24; k++)
            if (m.pad[k] != (char)(i + k))
                __atomic_fetch_add(&bad, 1, __ATOMIC_SEQ_CST);
    }
    gochan_chan_release(in);
    gochan_waitgroup_done(&wg);
}

static void *storm(void *arg)
{
    (void)arg;
    for (int i = 0; i < KILLS; i++) {
        if (kill(getpid(), SIGUSR1) != 0)
            abort();
        if (i % 16 == 0)
            sched_yield();
    }
    kill(getpid(), SIGUSR2);
    return NULL;
}

int main(void)
{
    /* gochan_signal_stop gives SIGUSR1 back the disposition it had
       before the notify.  Natively every SIGUSR1 has met its handler by
       the time SIGUSR2 is received (the kernel takes the lowest pending
       signal first), but valgrind queues signals and delivers them at
       points of its own: one may still be pending after the stop, and
       with SIG_DFL it would end the process (1 run in ~20 did).  So the
       disposition before (and after) is SIG_IGN, as a program that
       expects stragglers sets it. */
    CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
    CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR);

    gochan_chan *usr1 = GOCHAN_CHAN_MAKE(int, 64);
    gochan_chan *usr2 = GOCHAN_CHAN_MAKE(int, 1);
    CHECK_RC(gochan_signal_notify(usr1, SIGUSR1), 0);
    CHECK_RC(gochan_signal_notify(usr2, SIGUSR2), 0);

    gochan_waitgroup_add(&wg, PAIRS);
    for (int i = 0; i < PAIRS; i++) {
        gochan_chan *c = gochan_chan_make(sizeof(struct msg), 0, i % 2 ? 0 : 8);
        gochan_go(producer, c);
        gochan_go(consumer, c);
    }

    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, storm, NULL), 0);

    /* Count SIGUSR1s while the storm lasts; SIGUSR2 ends it. */
    long got = 0;
    int v;
    for (;;) {
        if (gochan_chan_tryrecv(usr2, &v) == 0) {
            CHECK_EQ(v, SIGUSR2);
            break;
        }
        if (gochan_chan_recv_until(usr1, &v, gochan_now() + GOCHAN_MS) == 0) {
            CHECK_EQ(v, SIGUSR1);
            got++;
        }
    }
    CHECK_EQ(pthread_join(th, NULL), 0);
    gochan_waitgroup_wait(&wg);
    /* A SIGUSR1 whose handler ran late may still come: stop, then drain
       (after stop, nothing more is sent). */
    gochan_signal_stop(usr1);
    gochan_signal_stop(usr2);
    while (gochan_chan_tryrecv(usr1, &v) == 0) {
        CHECK_EQ(v, SIGUSR1);
        got++;
    }
    CHECK_EQ(bad, 0);
    CHECK(got >= 1);
    CHECK(got <= KILLS);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
