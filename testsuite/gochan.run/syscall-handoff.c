/* Area:    run
   Purpose: a goroutine blocked in a system call (bracketed by
            gochan_syscall_enter/exit) does not stall the others, even with
            one P: the P is handed to another thread.  Here the blocked
            goroutine waits for a byte that only another goroutine writes;
            without the hand-off the test hangs (and the harness timeout
            fails it).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdio.h>
#include <unistd.h>
#include "gochan-test.h"

static int fds[2];
static int got, reader_done, ticks;

static void reader(void *arg)
{
    (void)arg;
    char c = 0;
    gochan_syscall_enter();
    ssize_t n = read(fds[0], &c, 1);    /* blocks this thread */
    gochan_syscall_exit();
    CHECK_EQ(n, 1);
    got = c;
    __atomic_store_n(&reader_done, 1, __ATOMIC_SEQ_CST);
}

static void ticker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5; i++) {
        gochan_sleep(GOCHAN_MS);
        __atomic_fetch_add(&ticks, 1, __ATOMIC_SEQ_CST);
    }
    char c = 'x';
    CHECK_EQ(write(fds[1], &c, 1), 1);
}

int main(void)
{
    CHECK_EQ(pipe(fds), 0);
    gochan_go(reader, NULL);
    gochan_sleep(5 * GOCHAN_MS);   /* let the reader block first */
    gochan_go(ticker, NULL);
    while (!__atomic_load_n(&reader_done, __ATOMIC_SEQ_CST))
        gochan_sleep(GOCHAN_MS);
    CHECK_EQ(ticks, 5);
    CHECK_EQ(got, 'x');
    printf("handoff ok\n");
    return 0;
}
/* { dg-output "handoff ok" } */
