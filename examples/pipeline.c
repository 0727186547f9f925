/*
 * A pipeline with cancellation: stages connected by channels, each a
 * goroutine that receives from upstream, works, and sends downstream.
 * The consumer here wants only the first few results, so it cancels a
 * context: every stage waits in a __select on both its send and the
 * context's done channel, so none stays blocked on a send nobody will
 * receive (a goroutine leak).  Each stage closes its output when it
 * returns, so the next one sees the end, as Go's `defer close(out)`.
 * As in Go, each stage is a function that makes its output channel,
 * starts its goroutine with a __go_block (Go's go func() { ... }())
 * and returns the channel.
 *
 * gen counts 1, 2, 3, ... forever; sq squares; main takes five squares.
 *
 * Output:
 *   1 4 9 16 25
 *   stages stopped: context canceled
 *   sq's output is closed
 */
#include <gochan.h>
#include <errno.h>
#include <stdio.h>

/* Go's struct{}: a done channel carries no values, it is only closed. */
struct empty {};

static __chan(struct empty) done_of(gochan_ctx *ctx)
{
    return chan_from(struct empty, gochan_ctx_done(ctx));
}

static __chan(int) gen(gochan_ctx *ctx, gochan_waitgroup *wg)
{
    __chan(int) out = chan_make(int, 0);
    __chan(struct empty) done = done_of(ctx);
    gochan_waitgroup_add(wg, 1);
    __go_block {
        for (int i = 1;; i++) {
            __select {
            case __send(out, i):
                continue;       /* on to the next number */
            case __recv(done):
                break;          /* out of the __select ... */
            }
            break;              /* ... and out of the loop */
        }
        chan_close(out);
        gochan_waitgroup_done(wg);
    }
    return out;
}

static __chan(int) sq(gochan_ctx *ctx, __chan(int) in, gochan_waitgroup *wg)
{
    __chan(int) out = chan_make(int, 0);
    __chan(struct empty) done = done_of(ctx);
    gochan_waitgroup_add(wg, 1);
    __go_block {
        bool ok;
        for (int v = chan_recv_ok(in, &ok); ok; v = chan_recv_ok(in, &ok)) {
            __select {
            case __send(out, v * v):
                continue;
            case __recv(done):
                break;
            }
            break;
        }
        chan_close(out);
        gochan_waitgroup_done(wg);
    }
    return out;
}

int main(void)
{
    static gochan_waitgroup wg;
    gochan_ctx *ctx = gochan_ctx_with_cancel(gochan_ctx_background());
    __chan(int) squares = sq(ctx, gen(ctx, &wg), &wg);

    for (int i = 0; i < 5; i++)
        printf("%d%s", chan_recv(squares), i < 4 ? " " : "\n");

    /* Enough: Go's `defer cancel()` would run here.  Cancel does not wait
       for the stages; the WaitGroup does.  The stages use ctx until they
       return, so it is released only after. */
    gochan_ctx_cancel(ctx);
    gochan_waitgroup_wait(&wg);
    printf("stages stopped: %s\n",
           gochan_ctx_err(ctx) == -ECANCELED ? "context canceled" : "?");
    gochan_ctx_release(ctx);

    bool ok;
    chan_recv_ok(squares, &ok);
    printf("sq's output is %s\n", ok ? "still open" : "closed");
    return 0;
}
