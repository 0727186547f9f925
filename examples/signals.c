/*
 * Signals: a channel can receive signals, as Go's signal.Notify does, so
 * a program can shut down gracefully on Ctrl-C.  Three workers do jobs
 * under one context; main waits for SIGINT or SIGTERM, cancels the
 * context, and waits for every worker to finish the job in hand.
 *
 * To run on its own, the program sends itself SIGINT once the workers are
 * running (delete that kill() and press Ctrl-C, or kill -TERM it, to try
 * it by hand).  After gochan_signal_stop, a second Ctrl-C would end the
 * program at once, as it did before gochan_signal_notify.
 *
 * Output:
 *   3 workers running; waiting for SIGINT or SIGTERM
 *   got signal Interrupt: shutting down
 *   worker 1 stopped: context canceled
 *   worker 2 stopped: context canceled
 *   worker 3 stopped: context canceled
 *   bye
 */
#include <gochan.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int why_stopped[4];      /* each worker's own slot */

/* Does 5 ms jobs until ctx ends; records why, then reports its id on
   done (the send publishes the record).  Owns a reference to ctx. */
static void worker(gochan_ctx *ctx, int id, __chan(int) started,
                   __chan(int) done)
{
    chan_send(started, id);
    int err;
    while ((err = gochan_ctx_sleep(ctx, 5 * GOCHAN_MS)) == 0)
        ;                       /* one job done */
    why_stopped[id] = err;
    gochan_ctx_release(ctx);
    chan_send(done, id);
}

int main(void)
{
    /* Buffered: delivery never blocks, so a signal that finds no room
       in the channel is lost. */
    __chan(int) sigs = chan_make(int, 1);
    gochan_signal_notify(chan_raw(sigs), SIGINT, SIGTERM);

    gochan_ctx *ctx = gochan_ctx_with_cancel(gochan_ctx_background());
    __chan(int) started = chan_make(int, 0);
    __chan(int) done = chan_make(int, 0);
    for (int id = 1; id <= 3; id++)
        __go worker(gochan_ctx_retain(ctx), id, started, done);
    for (int i = 0; i < 3; i++)
        chan_recv(started);
    printf("3 workers running; waiting for SIGINT or SIGTERM\n");
    fflush(stdout);

    kill(getpid(), SIGINT);     /* stands for Ctrl-C */

    int sig = chan_recv(sigs);
    printf("got signal %s: shutting down\n", strsignal(sig));
    gochan_signal_stop(chan_raw(sigs));
    gochan_ctx_cancel(ctx);

    for (int i = 0; i < 3; i++)
        chan_recv(done);
    for (int id = 1; id <= 3; id++)
        printf("worker %d stopped: %s\n", id,
               why_stopped[id] == -ECANCELED ? "context canceled" : "?");
    printf("bye\n");

    gochan_ctx_release(ctx);
    chan_release(sigs);
    chan_release(started);
    chan_release(done);
    return 0;
}
