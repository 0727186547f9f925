/* Area:    signal
   Purpose: gochan_signal_notify delivers raise() and kill(getpid())
            signals on the channel as their numbers; two channels watching
            one signal both receive it; a signal nobody watches keeps the
            program's own handler; bad signal numbers are -EINVAL and
            change nothing; stop makes the channel receive no more.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/signal.h>
#include <gochan/time.h>
#include <signal.h>
#include <unistd.h>
#include "gochan-test.h"

static volatile sig_atomic_t usr2_handled;

static void on_usr2(int sig)
{
    (void)sig;
    usr2_handled++;
}

static int recv_int(gochan_chan *c)
{
    int v = -1;
    CHECK_RC(gochan_chan_recv_until(c, &v, gochan_now() + 30 * GOCHAN_S), 0);
    return v;
}

int main(void)
{
    gochan_chan *a = GOCHAN_CHAN_MAKE(int, 4);
    gochan_chan *b = GOCHAN_CHAN_MAKE(int, 4);
    CHECK(signal(SIGUSR2, on_usr2) != SIG_ERR);

    /* Refused: nothing listed, uncatchable, faults, out of range. */
    CHECK_RC(gochan_signal_notify(a, 0), -EINVAL);
    CHECK_RC(gochan_signal_notify(a, SIGKILL), -EINVAL);
    CHECK_RC(gochan_signal_notify(a, SIGUSR1, SIGSEGV), -EINVAL);
    CHECK_RC(gochan_signal_notify(a, SIGUSR1, NSIG), -EINVAL);
    CHECK_RC(gochan_signal_notify(a, -3), -EINVAL);
    /* ... and SIGUSR1 was not taken over by the failed calls. */
    struct sigaction sa;
    CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
    CHECK(sa.sa_handler == SIG_DFL);

    CHECK_RC(gochan_signal_notify(a, SIGUSR1, SIGHUP), 0);
    CHECK_RC(gochan_signal_notify(b, SIGUSR1), 0);

    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(recv_int(a), SIGUSR1);
    CHECK_EQ(recv_int(b), SIGUSR1);

    CHECK_EQ(kill(getpid(), SIGHUP), 0);
    CHECK_EQ(recv_int(a), SIGHUP);

    /* Not watched: the program's handler still runs, nothing is sent. */
    CHECK_EQ(raise(SIGUSR2), 0);
    CHECK_EQ(usr2_handled, 1);

    /* Notify again on a watching channel adds to its set. */
    CHECK_RC(gochan_signal_notify(b, SIGHUP), 0);
    CHECK_EQ(kill(getpid(), SIGHUP), 0);
    CHECK_EQ(recv_int(a), SIGHUP);
    CHECK_EQ(recv_int(b), SIGHUP);

    /* Stop a: b still receives SIGUSR1 and SIGHUP (in either order: one
       delivery round may take both), a nothing any more. */
    gochan_signal_stop(a);
    gochan_signal_stop(a);              /* again: nothing */
    gochan_signal_stop(NULL);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(raise(SIGHUP), 0);
    int first = recv_int(b), second = recv_int(b);
    CHECK(first != second);
    CHECK(first == SIGUSR1 || first == SIGHUP);
    CHECK(second == SIGUSR1 || second == SIGHUP);
    int v;
    CHECK_RC(gochan_chan_tryrecv(a, &v), -EAGAIN);

    gochan_signal_stop(b);
    CHECK_EQ(usr2_handled, 1);
    gochan_chan_release(a);
    gochan_chan_release(b);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
