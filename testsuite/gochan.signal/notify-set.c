/* Area:    signal
   Purpose: gochan_signal_notify_set: a set of signals, or NULL for every
            signal that can be watched (SIGWINCH, SIGCHLD, a real-time
            signal...); a set holding SIGKILL is -EINVAL and changes
            nothing; stop gives each signal back its disposition.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/signal.h>
#include <gochan/time.h>
#include <signal.h>
#include "gochan-test.h"

static int recv_int(gochan_chan *c)
{
    int v = -1;
    CHECK_RC(gochan_chan_recv_until(c, &v, gochan_now() + 30 * GOCHAN_S), 0);
    return v;
}

int main(void)
{
    gochan_chan *c = GOCHAN_CHAN_MAKE(int, 4);
    sigset_t set;
    struct sigaction sa;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGKILL);
    CHECK_RC(gochan_signal_notify_set(c, &set), -EINVAL);
    sigemptyset(&set);
    CHECK_RC(gochan_signal_notify_set(c, &set), -EINVAL);
    CHECK_EQ(raise(SIGWINCH), 0);       /* default: ignored, not sent */

    sigaddset(&set, SIGUSR1);
    CHECK_RC(gochan_signal_notify_set(c, &set), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(recv_int(c), SIGUSR1);
    gochan_signal_stop(c);

    CHECK_RC(gochan_signal_notify_set(c, NULL), 0);
    const int sigs[] = { SIGWINCH, SIGCHLD, SIGUSR2, SIGRTMIN + 1 };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        CHECK_EQ(raise(sigs[i]), 0);
        CHECK_EQ(recv_int(c), sigs[i]);
    }
    gochan_signal_stop(c);
    CHECK_EQ(sigaction(SIGRTMIN + 1, NULL, &sa), 0);
    CHECK(!(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_DFL);
    int v;
    CHECK_RC(gochan_chan_tryrecv(c, &v), -EAGAIN);

    gochan_chan_release(c);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
