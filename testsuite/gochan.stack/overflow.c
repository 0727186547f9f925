/* Area:    stack
   Purpose: runaway recursion in a goroutine stops at the stack ceiling
            (GOCHAN_STACK_LIMIT, here 32 MiB to keep the test quick) with
            Go's message, exit 2, instead of eating all memory.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_STACK_LIMIT "33554432" } */
/* { dg-shouldfail "stack overflow" } */
/* { dg-exit-status 2 } */
#include <gochan/sched.h>
#include <gochan/time.h>

static volatile int keep_going = 1;

__attribute__((noinline)) static long forever(long n)
{
    volatile char frame[200];
    frame[0] = (char)n;
    if (!keep_going)
        return 0;
    return forever(n + 1) + frame[0];
}

static void runaway(void *arg)
{
    (void)arg;
    forever(0);
}

int main(void)
{
    gochan_go(runaway, NULL);
    gochan_sleep(60 * GOCHAN_S);
    return 0;
}
/* { dg-output "runtime: goroutine \[0-9\]+ stack exceeds 33554432-byte limit.*fatal error: stack overflow" } */
