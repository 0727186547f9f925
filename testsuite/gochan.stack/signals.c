/* Area:    stack
   Purpose: signals delivered while goroutines run on their small stacks:
            a handler installed with SA_ONSTACK runs on the thread's
            alternate stack and nothing is corrupted under a storm of
            signals from another thread.  sigaction and signal report the
            program's own handler back.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "gochan-test.h"

static int handled;             /* atomic: handlers run on every thread */
static int stop;
static long checksum_bad, finished;

static void on_usr1(int sig)
{
    (void)sig;
    volatile char big[3000];    /* more than a goroutine's first stack */
    big[0] = 1;
    big[2999] = big[0];
    __atomic_fetch_add(&handled, 1, __ATOMIC_RELAXED);
}

static void compute(void *arg)
{
    long id = (long)arg;
    /* 200 rounds, and more until the storm has landed some signals:
       with a fast yield the rounds can all end before the storm thread
       has even started. */
    for (int round = 0; round < 200 || (__atomic_load_n(&handled, __ATOMIC_RELAXED) < 50 &&
                           round < 2000000);
         round++) {
        volatile long acc[16];
        for (int i = 0; i < 16; i++)
            acc[i] = id * i + round;
        gochan_yield();
        for (int i = 0; i < 16; i++)
            if (acc[i] != id * i + round)
                __atomic_fetch_add(&checksum_bad, 1, __ATOMIC_SEQ_CST);
    }
    __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

static void *storm(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST)) {
        kill(getpid(), SIGUSR1);
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK | SA_RESTART;
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    /* The runtime installs its own entry, but reports the program's
       handler back, as installed; signal() goes the same way. */
    struct sigaction old;
    CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
    CHECK(old.sa_handler == on_usr1);
    CHECK((old.sa_flags & SA_RESTART) != 0);
    CHECK(signal(SIGUSR2, on_usr1) == SIG_DFL);
    CHECK(signal(SIGUSR2, SIG_IGN) == on_usr1);
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, storm, NULL), 0);
    for (long i = 0; i < 500; i++)
        gochan_go(compute, (void *)i);
    while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) != 500)
        gochan_yield();
    __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
    pthread_join(th, NULL);
    CHECK_EQ(checksum_bad, 0);
    CHECK(__atomic_load_n(&handled, __ATOMIC_RELAXED) > 0);
    printf("signal storm ok\n");
    return 0;
}
/* { dg-output "signal storm ok" } */
