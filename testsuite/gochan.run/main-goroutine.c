/* Area:    run
   Purpose: main runs as goroutine 1 and can block (sleep) while others
            run; goroutine ids are unique and positive; gochan_id() is 0
            on a thread that is not a goroutine; the goroutine count
            follows starts and exits.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <pthread.h>
#include <stdio.h>
#include "gochan-test.h"

enum { N = 50 };
static int64_t ids[N];
static int started, release;

static void child(void *arg)
{
    ids[(long)arg] = gochan_id();
    __atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&release, __ATOMIC_SEQ_CST))
        gochan_sleep(GOCHAN_MS);
}

static void *plain(void *arg)
{
    *(int64_t *)arg = gochan_id();
    return NULL;
}

int main(void)
{
    CHECK_EQ(gochan_id(), 1);
    CHECK_EQ(gochan_num_goroutine(), 1);
    for (long i = 0; i < N; i++)
        gochan_go(child, (void *)i);
    while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) != N)
        gochan_sleep(GOCHAN_MS);    /* main blocks; the others run */
    CHECK_EQ(gochan_num_goroutine(), N + 1);
    for (int i = 0; i < N; i++) {
        CHECK(ids[i] > 1);
        for (int j = 0; j < i; j++)
            CHECK(ids[i] != ids[j]);
    }
    int64_t tid = -1;
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, plain, &tid), 0);
    pthread_join(th, NULL);
    CHECK_EQ(tid, 0);
    __atomic_store_n(&release, 1, __ATOMIC_SEQ_CST);
    while (gochan_num_goroutine() != 1)
        gochan_sleep(GOCHAN_MS);
    printf("main is goroutine %lld\n", (long long)gochan_id());
    return 0;
}
/* { dg-output "main is goroutine 1" } */
