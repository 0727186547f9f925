/* Area:    signal
   Purpose: a program whose only goroutine waits for a signal is not
            reported as deadlocked: the signal may come from outside (here
            a child process sends it a little later).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/signal.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include "gochan-test.h"

int main(void)
{
    gochan_chan *c = GOCHAN_CHAN_MAKE(int, 1);
    CHECK_RC(gochan_signal_notify(c, SIGUSR1), 0);
    fflush(stdout);
    pid_t parent = getpid();
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct timespec ts = { 0, 200 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    int v = 0;
    CHECK_RC(gochan_chan_recv(c, &v), 0);   /* no timer, no goroutine */
    CHECK_EQ(v, SIGUSR1);
    gochan_signal_stop(c);
    gochan_chan_release(c);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
