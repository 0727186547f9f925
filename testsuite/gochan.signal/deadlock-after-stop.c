/* Area:    signal
   Purpose: once no signal is watched any more, deadlock detection works
            again: the delivery thread does not keep a deadlocked program
            hanging.  */
/* { dg-require-effective-target deadlock_reports } */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-shouldfail "deadlock" } */
/* { dg-exit-status 2 } */
#include <gochan/chan.h>
#include <gochan/signal.h>
#include <gochan/time.h>
#include <signal.h>
#include "gochan-test.h"

int main(void)
{
    gochan_chan *c = GOCHAN_CHAN_MAKE(int, 1);
    CHECK_RC(gochan_signal_notify(c, SIGUSR1), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    int v;
    CHECK_RC(gochan_chan_recv_until(c, &v, gochan_now() + 30 * GOCHAN_S), 0);
    gochan_signal_stop(c);
    printf("waiting forever\n");
    fflush(stdout);
    gochan_chan_recv(c, &v);            /* nothing will ever come */
    printf("unreachable\n");
    return 0;
}
/* { dg-output "waiting forever.*fatal error: all goroutines are asleep - deadlock!" } */
