/* SPDX-License-Identifier: MIT */
/*
 * gochan/time.h: time, sleeping, and (with channels) timers.
 *
 * Time is an int64_t count of nanoseconds of a monotonic clock
 * (CLOCK_MONOTONIC): gochan_now().  Durations are nanoseconds too; the
 * constants below make them readable: gochan_sleep(50 * GOCHAN_MS).
 */
#ifndef GOCHAN_TIME_H
#define GOCHAN_TIME_H

#include <stdint.h>
#include <stdbool.h>
#include <gochan/chan.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GOCHAN_NS ((int64_t)1)
#define GOCHAN_US ((int64_t)1000)
#define GOCHAN_MS ((int64_t)1000000)
#define GOCHAN_S ((int64_t)1000000000)

/* gochan_now returns the monotonic time in nanoseconds. */
int64_t gochan_now(void);

/* gochan_sleep pauses the calling goroutine for at least ns nanoseconds;
   its thread runs other goroutines meanwhile.  ns <= 0 returns at once.
   From a plain thread, sleeps the thread.  May block. */
void gochan_sleep(int64_t ns);

/* gochan_sleep_until pauses until gochan_now() >= deadline. */
void gochan_sleep_until(int64_t deadline);

/* ---- timers and tickers (channels that receive the time) -------------
 *
 * Each of these delivers the fire time, an int64_t gochan_now() value, on
 * a channel with a buffer of one element: a tick finds room or is
 * dropped, never blocks the timer (a slow receiver skips ticks, as in
 * Go).  The channels work in select like any other.  Timers are not tied
 * to the goroutine that made them; every call below may be made from any
 * goroutine or thread.
 */

/* gochan_after returns a channel that receives the time once, d ns from
   now (Go's time.After).  The caller owns one reference to the channel
   (gochan_chan_release it when done); the runtime holds its own until the
   time is sent, so releasing early is safe.  Returns NULL when out of
   memory. */
gochan_chan *gochan_after(int64_t d);

/* A one-shot timer (Go's time.Timer). */
typedef struct gochan_timer gochan_timer;

/* gochan_timer_new starts a timer that sends the time on its channel
   once, d ns from now.  Returns NULL when out of memory. */
gochan_timer *gochan_timer_new(int64_t d);

/* gochan_timer_chan returns the timer's channel, valid until
   gochan_timer_free (gochan_chan_retain it to keep it longer). */
gochan_chan *gochan_timer_chan(gochan_timer *t);

/* gochan_timer_stop stops the timer.  Returns true if this call stopped
   it before it sent, false if it had already sent or been stopped.  A
   value already sent stays in the channel: to reuse the timer after false,
   drain it with gochan_chan_tryrecv. */
bool gochan_timer_stop(gochan_timer *t);

/* gochan_timer_reset makes the timer send once, d ns from now (from
   scratch, whether it was pending, stopped or fired).  Returns true if it
   was pending.  It does not drain the channel (see gochan_timer_stop). */
bool gochan_timer_reset(gochan_timer *t, int64_t d);

/* gochan_timer_free stops the timer and releases it and its channel
   reference.  NULL is ignored. */
void gochan_timer_free(gochan_timer *t);

/* A ticker (Go's time.Ticker): sends the time every period. */
typedef struct gochan_ticker gochan_ticker;

/* gochan_ticker_new starts a ticker; the first tick comes period ns from
   now.  Panics if period <= 0.  Returns NULL when out of memory. */
gochan_ticker *gochan_ticker_new(int64_t period);

/* gochan_ticker_chan returns the ticker's channel, valid until
   gochan_ticker_free. */
gochan_chan *gochan_ticker_chan(gochan_ticker *t);

/* gochan_ticker_stop turns the ticker off; no more ticks are sent (one
   may already be in the channel). */
void gochan_ticker_stop(gochan_ticker *t);

/* gochan_ticker_reset stops the ticker and restarts it with a new period,
   the next tick period ns from now.  Panics if period <= 0. */
void gochan_ticker_reset(gochan_ticker *t, int64_t period);

/* gochan_ticker_free stops the ticker and releases it and its channel
   reference.  NULL is ignored. */
void gochan_ticker_free(gochan_ticker *t);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_TIME_H */
