/* Area:    signal
   Purpose: gochan_signal_ignore makes a signal ignored and takes it from
            the channels watching it; gochan_signal_ignored reports it
            (and a SIG_IGN the program set itself); gochan_signal_reset
            gives back the disposition from before, after ignore or
            notify; reset(0) resets every signal.  A child process shows
            the restored default action.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/signal.h>
#include <gochan/time.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gochan-test.h"

static int child_status(int sig)
{
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        raise(sig);
        _exit(42);
    }
    int st;
    CHECK_EQ(waitpid(pid, &st, 0), pid);
    return st;
}

static void check_default(int sig)
{
    int st = child_status(sig);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ(WTERMSIG(st), sig);
}

int main(void)
{
    gochan_chan *c = GOCHAN_CHAN_MAKE(int, 4);
    int v;

    CHECK(!gochan_signal_ignored(SIGUSR1));
    CHECK(!gochan_signal_ignored(SIGKILL));
    CHECK(!gochan_signal_ignored(0));
    CHECK_RC(gochan_signal_ignore(SIGSTOP), -EINVAL);
    CHECK_RC(gochan_signal_reset(NSIG + 5), -EINVAL);

    /* Ignore takes SIGUSR1 from c; c keeps SIGUSR2. */
    CHECK_RC(gochan_signal_notify(c, SIGUSR1, SIGUSR2), 0);
    CHECK_RC(gochan_signal_ignore(SIGUSR1), 0);
    CHECK(gochan_signal_ignored(SIGUSR1));
    CHECK(!gochan_signal_ignored(SIGUSR2));
    CHECK_EQ(raise(SIGUSR1), 0);        /* nothing happens */
    CHECK_EQ(raise(SIGUSR2), 0);
    CHECK_RC(gochan_chan_recv_until(c, &v, gochan_now() + 30 * GOCHAN_S), 0);
    CHECK_EQ(v, SIGUSR2);
    int st = child_status(SIGUSR1);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 42);

    /* Reset after ignore: the default action again. */
    CHECK_RC(gochan_signal_reset(SIGUSR1), 0);
    CHECK(!gochan_signal_ignored(SIGUSR1));
    check_default(SIGUSR1);

    /* Reset after notify: c no longer gets SIGUSR2. */
    CHECK_RC(gochan_signal_reset(SIGUSR2), 0);
    check_default(SIGUSR2);
    CHECK_RC(gochan_chan_tryrecv(c, &v), -EAGAIN);

    /* A SIG_IGN of the program's own is reported too. */
    CHECK(signal(SIGHUP, SIG_IGN) != SIG_ERR);
    CHECK(gochan_signal_ignored(SIGHUP));
    CHECK(signal(SIGHUP, SIG_DFL) == SIG_IGN);
    CHECK(!gochan_signal_ignored(SIGHUP));

    /* reset(0): every signal gochan holds. */
    CHECK_RC(gochan_signal_notify(c, SIGUSR1), 0);
    CHECK_RC(gochan_signal_ignore(SIGUSR2, SIGHUP), 0);
    CHECK_RC(gochan_signal_reset(0), 0);
    check_default(SIGUSR1);
    check_default(SIGUSR2);
    check_default(SIGHUP);
    CHECK_RC(gochan_chan_tryrecv(c, &v), -EAGAIN);

    gochan_signal_stop(c);              /* a watch with nothing left */
    gochan_chan_release(c);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
