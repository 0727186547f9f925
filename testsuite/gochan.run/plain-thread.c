/* Area:    run
   Purpose: work started from a plain pthread (not a goroutine): it starts
            goroutines, they run on the scheduler's threads, and the plain
            thread can sleep and yield (which block only that thread).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <pthread.h>
#include <stdio.h>
#include "gochan-test.h"

static long done;

static void work(void *arg)
{
    CHECK(gochan_id() > 1);
    gochan_sleep(GOCHAN_MS);
    __atomic_fetch_add(&done, (long)arg, __ATOMIC_SEQ_CST);
}

static void *thread_main(void *arg)
{
    (void)arg;
    CHECK_EQ(gochan_id(), 0);
    for (long i = 1; i <= 1000; i++)
        CHECK_RC(gochan_go(work, (void *)i), 0);
    while (__atomic_load_n(&done, __ATOMIC_SEQ_CST) != 1000 * 1001 / 2) {
        gochan_sleep(GOCHAN_MS);
        gochan_yield();
    }
    return (void *)1;
}

int main(void)
{
    pthread_t th;
    void *ret;
    CHECK_EQ(pthread_create(&th, NULL, thread_main, NULL), 0);
    CHECK_EQ(pthread_join(th, &ret), 0);   /* blocks main's thread */
    CHECK(ret == (void *)1);
    printf("plain thread ok, %ld\n", done);
    return 0;
}
/* { dg-output "plain thread ok, 500500" } */
