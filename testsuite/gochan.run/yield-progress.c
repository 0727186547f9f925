/* Area:    run
   Purpose: on one P, a goroutine that waits by spinning on gochan_yield,
            with no other goroutine on its P's local queue, does not
            starve work that only the scheduler's full path finds: a
            sleeping goroutine's timer, goroutines readied from a plain
            thread (global queue), a goroutine whose pipe becomes readable
            (poller).  The yield's fast path used to return at once when
            the local queue was empty, and main spun forever.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <gochan/io.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "gochan-test.h"

static int flag;

static void spin_until_flag(const char *what)
{
    long spins = 0;
    while (!__atomic_load_n(&flag, __ATOMIC_ACQUIRE))
        if (++spins == 100000000L) {
            printf("FAIL: %s: still waiting after %ld yields\n", what, spins);
            exit(1);
        }
        else
            gochan_yield();
    __atomic_store_n(&flag, 0, __ATOMIC_RELAXED);
    printf("%s: ok\n", what);
}

static void sleeper(void *arg)
{
    (void)arg;
    gochan_sleep(5 * GOCHAN_MS);
    __atomic_store_n(&flag, 1, __ATOMIC_RELEASE);
}

static void setter(void *arg)
{
    (void)arg;
    __atomic_store_n(&flag, 1, __ATOMIC_RELEASE);
}

static void *thread_main(void *arg)
{
    (void)arg;
    usleep(5000);               /* main is spinning by now */
    CHECK_EQ(gochan_go(setter, NULL), 0);   /* queued globally */
    return NULL;
}

static int pipefd[2];

static void reader(void *arg)
{
    (void)arg;
    char c;
    CHECK_EQ(gochan_read(pipefd[0], &c, 1), 1);
    __atomic_store_n(&flag, 1, __ATOMIC_RELEASE);
}

static void *writer_main(void *arg)
{
    (void)arg;
    usleep(5000);
    CHECK_EQ(write(pipefd[1], "x", 1), 1);
    return NULL;
}

int main(void)
{
    gochan_go(sleeper, NULL);
    spin_until_flag("timer");

    pthread_t t;
    CHECK_EQ(pthread_create(&t, NULL, thread_main, NULL), 0);
    spin_until_flag("global queue");
    pthread_join(t, NULL);

    CHECK_EQ(pipe(pipefd), 0);
    gochan_go(reader, NULL);
    gochan_yield();             /* the reader parks on the empty pipe */
    CHECK_EQ(pthread_create(&t, NULL, writer_main, NULL), 0);
    spin_until_flag("poller");
    pthread_join(t, NULL);
    return 0;
}

/* { dg-output "timer: ok\n" } */
/* { dg-output "global queue: ok\n" } */
/* { dg-output "poller: ok\n" } */
