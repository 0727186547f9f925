/*
 * A context tree with a timeout: contexts carry a deadline and a cancel
 * signal down a tree of work, as Go's context package does.  Ending a
 * context ends everything below it, never anything above; a child's
 * deadline can only be earlier than its parent's, never later.
 *
 *     request (cancelled by hand)
 *       +-- query (times out after 20 ms)
 *       |     +-- retry (asks for 1 s, gets query's deadline)
 *       +-- audit
 *
 * A worker does its job in steps of 5 ms under retry, each step a
 * gochan_ctx_sleep that gives up when the context ends.  The timeout
 * stops it; then the request is cancelled by hand.
 *
 * Output:
 *   retry's deadline is query's: yes
 *   worker: stopped: context deadline exceeded
 *   query: context deadline exceeded
 *   retry: context deadline exceeded
 *   request: running
 *   audit: running
 *   cancel request
 *   request: context canceled
 *   query: context deadline exceeded
 *   audit: context canceled
 */
#include <gochan.h>
#include <errno.h>
#include <stdio.h>

/* Go's err.Error() for a context's error (0: not ended yet). */
static const char *describe(int err)
{
    switch (err) {
    case 0:
        return "running";
    case -ECANCELED:
        return "context canceled";
    case -ETIMEDOUT:
        return "context deadline exceeded";
    default:
        return "?";
    }
}

static const char *status(gochan_ctx *ctx)
{
    return describe(gochan_ctx_err(ctx));
}

/* Works in 5 ms steps until ctx ends, then reports why on result.  The
   goroutine owns a reference to ctx and drops it when done. */
static void worker(gochan_ctx *ctx, __chan(int) result)
{
    int err;
    while ((err = gochan_ctx_sleep(ctx, 5 * GOCHAN_MS)) == 0)
        ;                       /* one step of work done */
    gochan_ctx_release(ctx);
    chan_send(result, err);
}

int main(void)
{
    gochan_ctx *request = gochan_ctx_with_cancel(gochan_ctx_background());
    gochan_ctx *query = gochan_ctx_with_timeout(request, 20 * GOCHAN_MS);
    gochan_ctx *retry = gochan_ctx_with_timeout(query, 1 * GOCHAN_S);
    gochan_ctx *audit = gochan_ctx_with_cancel(request);

    int64_t dq, dr;
    gochan_ctx_deadline(query, &dq);
    gochan_ctx_deadline(retry, &dr);
    printf("retry's deadline is query's: %s\n", dq == dr ? "yes" : "no");

    __chan(int) result = chan_make(int, 0);
    __go worker(gochan_ctx_retain(retry), result);
    printf("worker: stopped: %s\n", describe(chan_recv(result)));

    /* query's timeout ended query and retry, and nothing above them. */
    printf("query: %s\n", status(query));
    printf("retry: %s\n", status(retry));
    printf("request: %s\n", status(request));
    printf("audit: %s\n", status(audit));

    /* Cancelling the root reaches audit; query keeps the error it ended
       with first. */
    printf("cancel request\n");
    gochan_ctx_cancel(request);
    printf("request: %s\n", status(request));
    printf("query: %s\n", status(query));
    printf("audit: %s\n", status(audit));

    /* Go's `defer cancel()`: cancel every context made with a cancel or a
       deadline once its work is over, then release it. */
    gochan_ctx_cancel(audit);
    gochan_ctx_cancel(retry);
    gochan_ctx_cancel(query);
    gochan_ctx_release(audit);
    gochan_ctx_release(retry);
    gochan_ctx_release(query);
    gochan_ctx_release(request);
    return 0;
}
