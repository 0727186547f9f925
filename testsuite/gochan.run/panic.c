/* Area:    run
   Purpose: gochan_panic prints "panic: " and the message, the goroutine
            with a symbolized backtrace and where it was started, and exits
            with status 2; output written before the panic is not lost.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-shouldfail "panic" } */
/* { dg-exit-status 2 } */
/* { dg-additional-options "-g" } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdio.h>

__attribute__((noinline)) static void check_value(int v)
{
    if (v == 42)
        gochan_panic("bad value %d", v);
}

static volatile int after;

static void worker(void *arg)
{
    check_value((int)(long)arg);
    after = 1;      /* not a tail call: worker keeps its frame */
}

int main(void)
{
    printf("before the panic\n");
    gochan_go(worker, (void *)42L);
    gochan_sleep(10 * GOCHAN_S);
    printf("not reached\n");
    return 0;
}
/* { dg-output "before the panic.*panic: bad value 42.*goroutine \[0-9\]+ \\\[running\\\]:.*check_value.*panic.c:\[0-9\]+.*worker.*created by" } */
