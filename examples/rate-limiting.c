/*
 * Rate limiting: serve at most one request per tick of a ticker by
 * receiving a tick before each request.  To allow short bursts and still
 * keep the average rate, put the ticks through a buffered channel: up to
 * its capacity of them can be saved up while nothing is asking.
 *
 * Five requests, one every 10 ms; then five more, where a burst of three
 * is allowed and the other two wait for a tick each.  The program checks
 * that no request came before the tick it was due (a ticker's i-th tick
 * comes no sooner than i periods after it started).
 *
 * Output:
 *   steady: served 1 2 3 4 5, none before its tick
 *   bursty: served 1 2 3 4 5, none before its tick
 */
#include <gochan.h>
#include <stdio.h>

static const int64_t period = 10 * GOCHAN_MS;

/* Moves ticks into the bursty limiter, waiting while it is full.  Runs
   until the program exits, like Go's `for t := range time.Tick(d)`. */
static void refill(__chan(int64_t) ticks, __chan(int64_t) limiter)
{
    for (;;)
        chan_send(limiter, chan_recv(ticks));
}

/* Requests 1..n, queued in a closed channel. */
static __chan(int) make_requests(int n)
{
    __chan(int) requests = chan_make(int, n);
    for (int i = 1; i <= n; i++)
        chan_send(requests, i);
    chan_close(requests);
    return requests;
}

int main(void)
{
    __chan(int) requests = make_requests(5);
    int64_t start = gochan_now();
    gochan_ticker *ticker = gochan_ticker_new(period);
    __chan(int64_t) limiter = chan_from(int64_t, gochan_ticker_chan(ticker));
    bool on_time = true;
    bool ok;
    printf("steady: served");
    for (int r = chan_recv_ok(requests, &ok); ok;
         r = chan_recv_ok(requests, &ok)) {
        chan_recv(limiter);                 /* wait for the next tick */
        on_time = on_time && gochan_now() - start >= r * period;
        printf(" %d", r);
    }
    printf(", %s\n", on_time ? "none before its tick" : "one too early");
    gochan_ticker_free(ticker);

    /* The bursty limiter starts full: three requests may go at once. */
    __chan(int64_t) bursty = chan_make(int64_t, 3);
    for (int i = 0; i < 3; i++)
        chan_send(bursty, gochan_now());
    __chan(int) requests2 = make_requests(5);

    start = gochan_now();
    gochan_ticker *ticker2 = gochan_ticker_new(period);
    __go refill(chan_from(int64_t, gochan_ticker_chan(ticker2)), bursty);
    on_time = true;
    printf("bursty: served");
    for (int r = chan_recv_ok(requests2, &ok); ok;
         r = chan_recv_ok(requests2, &ok)) {
        chan_recv(bursty);
        /* Requests 4 and 5 used the 1st and 2nd ticks. */
        if (r > 3)
            on_time = on_time && gochan_now() - start >= (r - 3) * period;
        printf(" %d", r);
    }
    printf(", %s\n", on_time ? "none before its tick" : "one too early");
    return 0;
}
