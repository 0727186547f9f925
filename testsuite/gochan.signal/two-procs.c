/* Area:    signal
   Purpose: SIGINT, SIGTERM and SIGUSR1 sent to the process while
            goroutines compute and pass messages on 2 Ps arrive on the
            channel, each once, and the goroutines' work is intact.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/signal.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <signal.h>
#include <unistd.h>
#include "gochan-test.h"

enum { WORKERS = 4, ITEMS = 20000 };

static int stop;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

/* Sends 1..ITEMS, then -1, on out. */
static void producer(void *arg)
{
    gochan_chan *out = arg;
    for (int i = 1; i <= ITEMS; i++)
        CHECK_RC(gochan_chan_send(out, &i), 0);
    int end = -1;
    CHECK_RC(gochan_chan_send(out, &end), 0);
}

/* Sums what producer sends, checks it, and spins on until told to stop. */
static void consumer(void *arg)
{
    gochan_chan *in = arg;
    long sum = 0;
    int v;
    for (;;) {
        CHECK_RC(gochan_chan_recv(in, &v), 0);
        if (v < 0)
            break;
        sum += v;
    }
    CHECK_EQ(sum, (long)ITEMS * (ITEMS + 1) / 2);
    volatile unsigned long x = 0;
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST)) {
        for (int i = 0; i < 1000; i++)
            x += (unsigned long)i;
        gochan_yield();
    }
    gochan_chan_release(in);
    gochan_waitgroup_done(&wg);
}

int main(void)
{
    gochan_chan *sigs = GOCHAN_CHAN_MAKE(int, 8);
    CHECK_RC(gochan_signal_notify(sigs, SIGINT, SIGTERM, SIGUSR1), 0);

    gochan_waitgroup_add(&wg, WORKERS);
    for (int i = 0; i < WORKERS; i++) {
        gochan_chan *c = GOCHAN_CHAN_MAKE(int, i % 2 ? 0 : 16);
        gochan_go(producer, c);
        gochan_go(consumer, c);
    }

    static const int send[] = { SIGINT, SIGTERM, SIGUSR1 };
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 3; i++) {
            CHECK_EQ(kill(getpid(), send[i]), 0);
            int got = 0;
            CHECK_RC(gochan_chan_recv_until(sigs, &got,
                                            gochan_now() + 30 * GOCHAN_S), 0);
            CHECK_EQ(got, send[i]);
        }
    }
    __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
    gochan_waitgroup_wait(&wg);
    int v;
    CHECK_RC(gochan_chan_tryrecv(sigs, &v), -EAGAIN);
    gochan_signal_stop(sigs);
    gochan_chan_release(sigs);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
