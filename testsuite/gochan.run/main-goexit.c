/* Area:    run
   Purpose: main may call gochan_exit: the program keeps running until the
            other goroutines finish, then stops as Go does, with
            "no goroutines (main called gochan_exit) - deadlock!", exit 2.  */
/* { dg-require-effective-target deadlock_reports } */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-shouldfail "deadlock" } */
/* { dg-exit-status 2 } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdio.h>

static void late(void *arg)
{
    (void)arg;
    gochan_sleep(20 * GOCHAN_MS);
    printf("child finished after main exited\n");
    fflush(stdout);
}

int main(void)
{
    gochan_go(late, NULL);
    gochan_exit();
}
/* { dg-output "child finished after main exited.*fatal error: no goroutines \\(main called gochan_exit\\) - deadlock!" } */
