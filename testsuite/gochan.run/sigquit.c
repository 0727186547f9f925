/* Area:    run
   Purpose: SIGQUIT dumps every goroutine with its state and exits 2, as Go
            does: here main sleeps and three goroutines wait too.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-shouldfail "SIGQUIT" } */
/* { dg-exit-status 2 } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <signal.h>
#include <stdio.h>

static void sleeper(void *arg)
{
    (void)arg;
    gochan_sleep(3600 * GOCHAN_S);
}

static void quitter(void *arg)
{
    (void)arg;
    gochan_sleep(20 * GOCHAN_MS);
    printf("sending SIGQUIT\n");
    fflush(stdout);
    raise(SIGQUIT);
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        gochan_go(sleeper, NULL);
    gochan_go(quitter, NULL);
    gochan_sleep(3600 * GOCHAN_S);
    return 0;
}
/* { dg-output "sending SIGQUIT.*SIGQUIT: quit.*goroutine 1 \\\[sleep\\\].*goroutine \[0-9\]+ \\\[sleep\\\]" } */
