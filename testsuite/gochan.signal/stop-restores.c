/* Area:    signal
   Purpose: gochan_signal_stop gives a signal back its previous
            disposition: the default action (a child process raising it
            survives while it is watched and dies of it after stop), or
            the program's own handler; sigaction() while the signal is
            watched reports, and changes, what stop restores.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/signal.h>
#include <gochan/time.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gochan-test.h"

static volatile sig_atomic_t handled;

static void on_sig(int sig)
{
    (void)sig;
    handled++;
}

/* Fork a child that raises sig; return how it ended. */
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

static void notify_and_receive(gochan_chan *c, int sig)
{
    CHECK_RC(gochan_signal_notify(c, sig), 0);
    CHECK_EQ(raise(sig), 0);
    int v = 0;
    CHECK_RC(gochan_chan_recv_until(c, &v, gochan_now() + 30 * GOCHAN_S), 0);
    CHECK_EQ(v, sig);
}

int main(void)
{
    gochan_chan *c = GOCHAN_CHAN_MAKE(int, 4);
    struct sigaction sa;

    /* Default action: taken over, then restored. */
    notify_and_receive(c, SIGTERM);
    /* sigaction reports what stop will restore; the kernel has gochan's
       handler (a child inherits it and survives the signal). */
    CHECK_EQ(sigaction(SIGTERM, NULL, &sa), 0);
    CHECK(!(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_DFL);
    int st = child_status(SIGTERM);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 42);
    gochan_signal_stop(c);
    CHECK_EQ(sigaction(SIGTERM, NULL, &sa), 0);
    CHECK(!(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == SIG_DFL);
    st = child_status(SIGTERM);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ(WTERMSIG(st), SIGTERM);

    /* The program's handler: restored, and runs again. */
    CHECK(signal(SIGUSR1, on_sig) != SIG_ERR);
    notify_and_receive(c, SIGUSR1);
    CHECK_EQ(handled, 0);
    gochan_signal_stop(c);
    CHECK_EQ(sigaction(SIGUSR1, NULL, &sa), 0);
    CHECK(!(sa.sa_flags & SA_SIGINFO) && sa.sa_handler == on_sig);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(handled, 1);

    /* sigaction while watched: reported back, applied at stop. */
    notify_and_receive(c, SIGUSR2);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigemptyset(&sa.sa_mask);
    struct sigaction old;
    CHECK_EQ(sigaction(SIGUSR2, &sa, &old), 0);
    CHECK(!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL);
    CHECK_EQ(sigaction(SIGUSR2, NULL, &old), 0);
    CHECK(old.sa_handler == on_sig);
    notify_and_receive(c, SIGUSR2);     /* still the channel's */
    gochan_signal_stop(c);              /* notify twice: one stop */
    CHECK_EQ(raise(SIGUSR2), 0);
    CHECK_EQ(handled, 2);
    CHECK(signal(SIGUSR2, SIG_DFL) == on_sig);
    st = child_status(SIGUSR2);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ(WTERMSIG(st), SIGUSR2);

    gochan_chan_release(c);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
