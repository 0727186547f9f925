/*
 * Timers and tickers: a timer sends the time on its channel once, when it
 * fires; a ticker sends it every period.  Both are channels, so a
 * goroutine waits for them with a receive or in a select, next to its
 * other work (Go's time.Timer and time.Ticker; the time is an int64_t of
 * gochan_now() nanoseconds).  Unlike a sleep, a timer can be stopped
 * before it fires.
 *
 * Output:
 *   timer 1 fired
 *   timer 2 stopped
 *   tick 1
 *   tick 2
 *   tick 3
 *   no tick came early
 *   ticker stopped
 */
#include <gochan.h>
#include <stdio.h>

int main(void)
{
    int64_t start = gochan_now();

    /* Wait for a 20 ms timer: a plain receive on its channel. */
    gochan_timer *timer1 = gochan_timer_new(20 * GOCHAN_MS);
    __chan(int64_t) c1 = chan_from(int64_t, gochan_timer_chan(timer1));
    int64_t fired = chan_recv(c1);
    printf("timer 1 fired%s\n",
           fired - start < 20 * GOCHAN_MS ? " too early" : "");
    gochan_timer_free(timer1);

    /* Changed our mind: stop a timer before it fires.  true means this
       call stopped it, so nothing will ever arrive on its channel. */
    gochan_timer *timer2 = gochan_timer_new(1 * GOCHAN_S);
    printf("timer 2 %s\n", gochan_timer_stop(timer2) ? "stopped" : "fired");
    gochan_timer_free(timer2);

    /* A ticker every 10 ms: take three ticks, then stop it.  Ticks stay
       on the grid start + k * period; a tick finds room in the channel's
       one-element buffer or is dropped, so a slow receiver skips ticks
       but never falls behind.  Either way the i-th tick received comes no
       sooner than i periods after the start. */
    const int64_t period = 10 * GOCHAN_MS;
    int64_t tstart = gochan_now();
    gochan_ticker *ticker = gochan_ticker_new(period);
    __chan(int64_t) ticks = chan_from(int64_t, gochan_ticker_chan(ticker));
    bool early = false;
    for (int i = 1; i <= 3; i++) {
        int64_t t = chan_recv(ticks);
        early = early || t - tstart < i * period;
        printf("tick %d\n", i);
    }
    printf("%s\n", early ? "a tick came early" : "no tick came early");
    gochan_ticker_free(ticker);
    printf("ticker stopped\n");
    return 0;
}
