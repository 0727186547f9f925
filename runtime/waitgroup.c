/* SPDX-License-Identifier: MIT */
/*
 * waitgroup.c: gochan_waitgroup, Go's sync.WaitGroup.
 *
 * wg->_state holds the counter in its high 32 bits and the number of
 * parked waiters in its low 32, so that add sees both in one atomic add:
 * add and done are one atomic operation unless the counter reaches zero
 * with waiters present.  Then the add that brought it to zero takes
 * wg->_q's lock, resets the state to 0 and wakes every waiter.
 *
 * Unlike Go, which parks waiters on a semaphore and releases one unit per
 * waiter, the waiters are queued in the waitgroup itself and woken
 * directly.  A waiter that gives up (deadline, context) unlinks itself and
 * decrements the waiter count under the lock; with semaphore units it
 * would leave a unit behind for the next round.
 *
 * Invariant (under wg->_q's lock): waiters(state) == length of wg->_q.
 *
 * Misuse panics, as in Go: a negative counter; a positive add from zero
 * while waiters are being released ("Add called concurrently with Wait");
 * a waiter finding the group in use again when it wakes ("reused before
 * previous Wait has returned").
 *
 * Locking: wg->_q's lock (sync.lock) protects the queue and the waiter
 * count; the counter changes by atomic add without it.
 */
#include "waiter.h"
#include <gochan/sched.h>
#include <errno.h>

#define COUNTER(s) ((int32_t)((s) >> 32))
#define WAITERS(s) ((uint32_t)(s))

/* Caller holds wg->_q's lock; w is queued. */
static void wg_unlink(rt_waiter *w)
{
    gochan_waitgroup *wg = container_of(w->q, gochan_waitgroup, _q);
    rt_waitq_remove(w->q, w);
    atomic_xadd(&wg->_state, (uint64_t)-1);
}

/* The counter has reached zero with waiters: wake them all. */
static NOINLINE void wg_release(gochan_waitgroup *wg)
{
    rt_lock *ql = rt_waitq_lock(&wg->_q);
    rt_lock_acquire(ql);
    uint64_t s = atomic_load_relaxed(&wg->_state);
    /* Only a concurrent add can have changed the counter since it
       reached zero; the waiter count is stable under the lock. */
    if (COUNTER(s) != 0 || !atomic_cas(&wg->_state, &s, 0)) {
        rt_lock_release(ql);
        gochan_panic("sync: WaitGroup misuse: Add called concurrently "
                     "with Wait");
    }
    /* Every queued waiter is parking (waiters queue and park under one
       hold of the lock), so each must be readied, after the unlock. */
    rt_waiter *list = wg->_q._head;
    wg->_q._head = wg->_q._tail = NULL;
    for (rt_waiter *w = list; w != NULL; w = w->next) {
        w->queued = false;
        w->result = 0;
    }
    rt_lock_release(ql);
    while (list != NULL) {
        rt_waiter *next = list->next;   /* list may die once readied */
        rt_ready(list->g);
        list = next;
    }
}

EXPORT void gochan_waitgroup_init(gochan_waitgroup *wg)
{
    wg->_state = 0;
    wg->_q._lock = 0;
    wg->_q._n = 0;
    wg->_q._head = wg->_q._tail = NULL;
}

EXPORT void gochan_waitgroup_add(gochan_waitgroup *wg, int delta)
{
    uint64_t s = atomic_xadd(&wg->_state, (uint64_t)(int64_t)delta << 32) +
                 ((uint64_t)(int64_t)delta << 32);
    int32_t v = COUNTER(s);
    uint32_t w = WAITERS(s);
    if (UNLIKELY(v < 0))
        gochan_panic("sync: negative WaitGroup counter");
    if (UNLIKELY(w != 0 && delta > 0 && v == delta))
        gochan_panic("sync: WaitGroup misuse: Add called concurrently "
                     "with Wait");
    if (LIKELY(v > 0 || w == 0))
        return;
    wg_release(wg);
}

EXPORT void gochan_waitgroup_done(gochan_waitgroup *wg)
{
    gochan_waitgroup_add(wg, -1);
}

static NOINLINE int wg_wait_slow(gochan_waitgroup *wg, bool timed,
                                 int64_t deadline, gochan_ctx *ctx)
{
    rt_waiter w;
    rt_waiter_init(&w, &wg->_q, wg_unlink, timed, deadline, ctx);
    int rc = rt_waiter_watch(&w);
    if (rc != 0)
        return rc;
    rt_lock *ql = rt_waitq_lock(&wg->_q);
    rt_lock_acquire(ql);
    /* Acquire: returning because the counter is zero must order the
       Done calls before what follows the Wait (found by TSan). */
    uint64_t s = atomic_load_acq(&wg->_state);
    for (;;) {
        if (COUNTER(s) == 0) {
            rt_lock_release(ql);
            rc = 0;
            break;
        }
        rc = rt_waiter_aborted(&w);
        if (rc != 0) {
            rt_lock_release(ql);
            break;
        }
        if (!atomic_cas(&wg->_state, &s, s + 1)) {
            s = atomic_load_acq(&wg->_state);
            continue;
        }
        rt_waitq_push(&wg->_q, &w, false);
        rt_waiter_park(&w, WAIT_SYNC);
        rc = w.result;
        if (rc == 0 && atomic_load_relaxed(&wg->_state) != 0)
            gochan_panic("sync: WaitGroup is reused before previous Wait "
                         "has returned");
        break;
    }
    rt_waiter_unwatch(&w);
    return rc;
}

EXPORT void gochan_waitgroup_wait(gochan_waitgroup *wg)
{
    if (LIKELY(COUNTER(atomic_load_acq(&wg->_state)) == 0))
        return;
    wg_wait_slow(wg, false, 0, NULL);
}

EXPORT int gochan_waitgroup_wait_until(gochan_waitgroup *wg,
                                       int64_t deadline)
{
    if (LIKELY(COUNTER(atomic_load_acq(&wg->_state)) == 0))
        return 0;
    return wg_wait_slow(wg, true, deadline, NULL);
}

EXPORT int gochan_waitgroup_wait_ctx(gochan_waitgroup *wg, gochan_ctx *ctx)
{
    int rc = gochan_ctx_err(ctx);
    if (rc != 0)
        return rc;
    if (LIKELY(COUNTER(atomic_load_acq(&wg->_state)) == 0))
        return 0;
    return wg_wait_slow(wg, false, 0, ctx);
}
