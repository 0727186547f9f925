/* SPDX-License-Identifier: MIT */
/*
 * time.c: the user's timers: gochan_after, gochan_timer, gochan_ticker,
 * built on the runtime timers of timer.h.
 *
 * One object, struct gochan_timer, serves all three (a ticker is a timer
 * with a period; gochan_after is a timer that frees itself after its one
 * send).  Its channel has a buffer of one int64_t; fire() sends with a
 * non-blocking send, so a tick that finds the buffer full is dropped.
 *
 * The rt_timer is always one-shot: fire() re-arms a ticker itself.  That
 * keeps one rule: rt_timer_del succeeds exactly when the arming is still in
 * the heap, and then fire() will not run for it.  When it fails while the
 * timer is pending, fire() for that arming has been taken off the heap and
 * is about to run ("in flight"): it will lock tm->lock, so the caller
 * counts it in tm->inflight and the fire will find itself stale.
 *
 * fire() decides under tm->lock: if the timer is pending and its current
 * arming is off the heap (t.pp == NULL), it is the fire of the current
 * arming (or a stale one that got the lock first, which then does the
 * same thing at the same moment: the current arming is due).  Otherwise
 * it is stale: it uncounts itself.  Freeing waits for every in-flight fire:
 * gochan_timer_free sets tm->freed when inflight > 0 and the last stale
 * fire frees the object.
 *
 * Locking: tm->lock < chan.lock < p.timerlock < sched.lock (lock.h).
 * fire() runs on a scheduler stack and holds tm->lock across the
 * non-blocking send (which may ready a receiver) and the re-arming.
 */
#include "chan.h"
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdlib.h>

struct gochan_timer {
    rt_lock lock;              /* protects the fields below, and arming t */
    rt_timer t;                /* one-shot; fire() re-arms a ticker */
    int64_t period;            /* ticker: > 0; timer: 0 */
    bool pending;              /* armed, and its send not yet done */
    bool autofree;             /* gochan_after: free after the send */
    bool freed;                /* free requested while fires in flight */
    int inflight;              /* stale fires that will still run */
    gochan_chan *c;            /* the channel (one reference) */
};

/* A ticker is the same object; the type is distinct for the user. */
struct gochan_ticker {
    struct gochan_timer tm;
};

/* now + d without overflow. */
static int64_t when_after(int64_t now, int64_t d)
{
    if (d <= 0)
        return now;
    if (d > INT64_MAX - now)
        return INT64_MAX;
    return now + d;
}

/* Arm tm->t for when.  Caller holds tm->lock; t is not in a heap. */
static void arm(struct gochan_timer *tm, int64_t when)
{
    tm->t.when = when;
    tm->t.period = 0;
    if (rt_timer_add(&tm->t) != 0)
        rt_fatal("out of memory adding a timer");
    tm->pending = true;
}

/* Stop the current arming, if any.  Caller holds tm->lock. */
static void disarm(struct gochan_timer *tm)
{
    if (!tm->pending)
        return;
    if (!rt_timer_del(&tm->t))
        tm->inflight++;
    tm->pending = false;
}

/* Free tm and its channel reference.  Runs on a scheduler stack.  Out of
   line, so that fire() itself calls no libc and keeps a normal
   split-stack prologue (see internal.h). */
SLOWPATH static void destroy(struct gochan_timer *tm)
{
    gochan_chan_release(tm->c);
    free(tm);
}

/* The rt_timer function.  Runs on a scheduler stack, no lock held. */
static void fire(void *arg, int64_t now_unused)
{
    (void)now_unused;
    struct gochan_timer *tm = arg;
    bool done = false;
    rt_lock_acquire(&tm->lock);
    if (tm->pending && atomic_load_acq(&tm->t.pp) == NULL) {
        tm->pending = false;
        int64_t now = rt_nanotime();
        gochan_chan_trysend(tm->c, &now);
        if (tm->period > 0) {
            /* Next tick on the period grid; skip those already missed. */
            int64_t when = tm->t.when + tm->period;
            if (when <= now)
                when += ((now - when) / tm->period + 1) * tm->period;
            arm(tm, when);
        } else if (tm->autofree) {
            done = true;
        }
    } else {
        if (tm->inflight <= 0)
            rt_throw("timer: unexpected fire");
        tm->inflight--;
        done = tm->freed && tm->inflight == 0;
    }
    rt_lock_release(&tm->lock);
    if (done)
        destroy(tm);
}

struct new_req {
    int64_t d, period;
    bool autofree;
    struct gochan_timer *tm;
    gochan_chan *c;             /* tm's channel, read before arming */
};

/* Runs on the scheduler stack: calloc and the clock are libc. */
static void new_fn(void *arg)
{
    struct new_req *r = arg;
    struct gochan_timer *tm =
        rt_fault(RT_FAULT_MALLOC) ? NULL : calloc(1, sizeof *tm);
    if (tm == NULL)
        return;
    tm->c = gochan_chan_make(sizeof(int64_t), _Alignof(int64_t), 1);
    if (tm->c == NULL) {
        free(tm);
        return;
    }
    rt_lock init = RT_LOCK_INIT;
    tm->lock = init;
    tm->t.fn = fire;
    tm->t.arg = tm;
    tm->period = r->period;
    tm->autofree = r->autofree;
    if (r->autofree)
        gochan_chan_retain(tm->c);      /* the caller's reference */
    r->tm = tm;
    r->c = tm->c;
    rt_lock_acquire(&tm->lock);
    arm(tm, when_after(rt_nanotime(), r->d));
    rt_lock_release(&tm->lock);
}

static struct gochan_timer *timer_new(int64_t d, int64_t period,
                                      bool autofree, gochan_chan **cp)
{
    struct new_req r = { d, period, autofree, NULL, NULL };
    rt_systemstack(new_fn, &r);
    if (cp != NULL)
        *cp = r.c;
    return r.tm;
}

struct reset_req {
    struct gochan_timer *tm;
    int64_t d, period;
    bool was;
};

/* Runs on the scheduler stack (the clock is libc). */
static void reset_fn(void *arg)
{
    struct reset_req *r = arg;
    struct gochan_timer *tm = r->tm;
    rt_lock_acquire(&tm->lock);
    r->was = tm->pending;
    disarm(tm);
    if (r->period > 0)
        tm->period = r->period;
    arm(tm, when_after(rt_nanotime(), r->d));
    rt_lock_release(&tm->lock);
}

static bool timer_stop(struct gochan_timer *tm)
{
    rt_lock_acquire(&tm->lock);
    bool was = tm->pending;
    disarm(tm);
    rt_lock_release(&tm->lock);
    return was;
}

static void timer_free(struct gochan_timer *tm)
{
    rt_lock_acquire(&tm->lock);
    disarm(tm);
    bool later = tm->inflight > 0;
    if (later)
        tm->freed = true;
    rt_lock_release(&tm->lock);
    if (!later) {
        gochan_chan_release(tm->c);
        rt_free(tm);
    }
}

/* ---- gochan_after ------------------------------------------------------ */

EXPORT gochan_chan *gochan_after(int64_t d)
{
    /* The timer may be gone as soon as it is armed (it fired and freed
       itself); its channel is ours. */
    gochan_chan *c;
    timer_new(d, 0, true, &c);
    return c;
}

/* ---- timers ------------------------------------------------------------ */

EXPORT gochan_timer *gochan_timer_new(int64_t d)
{
    return timer_new(d, 0, false, NULL);
}

EXPORT gochan_chan *gochan_timer_chan(gochan_timer *t)
{
    return t->c;
}

EXPORT bool gochan_timer_stop(gochan_timer *t)
{
    return timer_stop(t);
}

EXPORT bool gochan_timer_reset(gochan_timer *t, int64_t d)
{
    struct reset_req r = { t, d, 0, false };
    rt_systemstack(reset_fn, &r);
    return r.was;
}

EXPORT void gochan_timer_free(gochan_timer *t)
{
    if (t != NULL)
        timer_free(t);
}

/* ---- tickers ----------------------------------------------------------- */

EXPORT gochan_ticker *gochan_ticker_new(int64_t period)
{
    if (period <= 0)
        gochan_panic("non-positive interval for gochan_ticker_new");
    return (gochan_ticker *)timer_new(period, period, false, NULL);
}

EXPORT gochan_chan *gochan_ticker_chan(gochan_ticker *t)
{
    return t->tm.c;
}

EXPORT void gochan_ticker_stop(gochan_ticker *t)
{
    timer_stop(&t->tm);
}

EXPORT void gochan_ticker_reset(gochan_ticker *t, int64_t period)
{
    if (period <= 0)
        gochan_panic("non-positive interval for gochan_ticker_reset");
    struct reset_req r = { &t->tm, period, period, false };
    rt_systemstack(reset_fn, &r);
}

EXPORT void gochan_ticker_free(gochan_ticker *t)
{
    if (t != NULL)
        timer_free(&t->tm);
}
