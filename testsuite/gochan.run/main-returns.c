/* Area:    run
   Purpose: when main returns, the process exits with main's status even
            though other goroutines are still running or sleeping, as in
            Go.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-shouldfail "main's status" } */
/* { dg-exit-status 3 } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdio.h>

static void spinner(void *arg)
{
    (void)arg;
    for (;;)
        gochan_yield();
}

static void sleeper(void *arg)
{
    (void)arg;
    gochan_sleep(3600 * GOCHAN_S);
}

int main(void)
{
    gochan_go(spinner, NULL);
    gochan_go(sleeper, NULL);
    gochan_sleep(10 * GOCHAN_MS);
    printf("main returns\n");
    return 3;
}
/* { dg-output "main returns" } */
