/* SPDX-License-Identifier: MIT */
/*
 * timer.h: the runtime's timers, for sleep, gochan_after, tickers and
 * deadlines on blocking calls.
 *
 * A timer lives in the 4-ary heap of one P.  When it is due, some M (the
 * P's own, a spinning one, or the idle "timer sleeper") runs fn(arg, now)
 * on a scheduler stack with no lock held.  fn must not block; it may
 * ready goroutines and do non-blocking channel operations.
 */
#ifndef GOCHAN_RT_TIMER_H
#define GOCHAN_RT_TIMER_H

#include "proc.h"

struct rt_timer {
    int64_t when;                    /* due time, gochan_now() ns */
    int64_t period;                  /* > 0: fire again every period ns */
    void (*fn)(void *arg, int64_t now);
    void *arg;
    /* Protected by pp->timerlock: */
    rt_p *pp;                        /* heap it is in; NULL if not pending */
    int idx;                         /* index in pp->timers */
};

/* rt_timer_add schedules t (t->when, t->period, t->fn, t->arg set) on the
   current P (P0 from a plain thread).  t must not be pending.  Returns 0
   or -ENOMEM. */
int rt_timer_add(rt_timer *t);

/* rt_timer_del stops t.  Returns true if t was pending (so fn will not
   run for that expiry), false if it already fired or was never added; fn
   may then still be running. */
bool rt_timer_del(rt_timer *t);

#endif /* GOCHAN_RT_TIMER_H */
