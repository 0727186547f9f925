/* Area:    run
   Purpose: a runtime timer added by a plain thread (a timed semaphore
            wait) fires even when the only M is inside a system call: its P
            was handed back and there is no idle M to wake.
            (Regression: nobody ran that P's timers; the thread hung.)  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "gochan-test.h"

static int64_t waited;
static int rc;

static void *thread_main(void *arg)
{
    (void)arg;
    static gochan_sema never = GOCHAN_SEMA_INIT(0);
    usleep(50000);                   /* main is in its syscall by now */
    int64_t t0 = gochan_now();
    rc = gochan_sema_acquire_until(&never, t0 + 10 * GOCHAN_MS);
    waited = gochan_now() - t0;
    return NULL;
}

int main(void)
{
    pthread_t t;
    CHECK_EQ(pthread_create(&t, NULL, thread_main, NULL), 0);
    gochan_syscall_enter();          /* M0 gives up the only P */
    pthread_join(t, NULL);
    gochan_syscall_exit();
    CHECK_RC(rc, -ETIMEDOUT);
    CHECK(waited >= 10 * GOCHAN_MS);
    printf("timer fired while the only M was in a syscall\n");
    return 0;
}
/* { dg-output "timer fired while the only M was in a syscall" } */
