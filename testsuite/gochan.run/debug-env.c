/* Area:    run
   Purpose: GOCHAN_DEBUG=schedtrace=MS,exitdump=1 prints scheduler summary
            lines while the program runs and lists the goroutines left at
            exit (here two sleepers, started by gochan_go).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_DEBUG "schedtrace=10,exitdump=1" } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdio.h>

static void sleeper(void *arg)
{
    (void)arg;
    gochan_sleep(3600 * GOCHAN_S);
}

int main(void)
{
    gochan_go(sleeper, NULL);
    gochan_go(sleeper, NULL);
    gochan_sleep(60 * GOCHAN_MS);   /* several 10 ms trace periods */
    printf("main done\n");
    fflush(stdout);
    return 0;
}
/* { dg-output "SCHED \[0-9\]+ms: maxprocs=\[0-9\]+ idleprocs=\[0-9\]+ threads=\[0-9\]+.*goroutines=3.*main done.*gochan: 3 goroutines at exit:.*\\\[sleep\\\]:\[^\n\]*\n\[^\n\]*created by gochan_go\\(sleeper\\)" } */
