/* SPDX-License-Identifier: MIT */
/*
 * cond.c: gochan_cond, Go's sync.Cond.
 *
 * Waiters queue on c->_q in arrival order; signal unlinks the oldest,
 * broadcast all of them.  The difficulty is the gap between wait's
 * unlocking the user's mutex and its parking: a signal sent in that gap
 * must not be lost, and must not rt_ready a goroutine that has not parked.
 * Go numbers waiters with tickets (notifyList).  Here the waiter queues
 * itself before unlocking the mutex, so the signal finds it; the waker
 * unlinks it and readies it only if it is already parking (w->parking,
 * set under c->_q's lock by the park itself).  A waiter unlinked before
 * it parked sees !w->queued under the lock and does not park.  A waiter
 * that leaves on a deadline or context unlinks itself, so a signal is
 * never spent on a waiter that has gone.
 *
 * c->_q._n counts queued waiters, so that signalling nobody costs one
 * load.
 *
 * Locking: c->_q's lock (sync.lock) protects the queue.  It is never held
 * together with the user's mutex's queue lock: wait releases it before
 * unlocking the mutex.
 */
#include "waiter.h"
#include <gochan/sched.h>

/* Caller holds c->_q's lock; w is queued. */
static void cond_unlink(rt_waiter *w)
{
    rt_waitq_remove(w->q, w);
    atomic_xadd(&w->q->_n, (uint32_t)-1);
}

static int cond_wait(gochan_cond *c, bool timed, int64_t deadline,
                     gochan_ctx *ctx)
{
    if (UNLIKELY(c->_L == NULL))
        gochan_panic("sync: gochan_cond has no mutex (initialize it with "
                     "GOCHAN_COND_INIT or gochan_cond_init)");
    rt_waiter w;
    rt_waiter_init(&w, &c->_q, cond_unlink, timed, deadline, ctx);
    int rc = rt_waiter_watch(&w);
    if (rc != 0)
        return rc;          /* mutex still held: nothing happened */
    rt_lock *ql = rt_waitq_lock(&c->_q);
    rt_lock_acquire(ql);
    rc = rt_waiter_aborted(&w);
    if (rc != 0) {
        rt_lock_release(ql);
        rt_waiter_unwatch(&w);
        return rc;
    }
    rt_waitq_push(&c->_q, &w, false);
    atomic_xadd(&c->_q._n, 1);
    rt_lock_release(ql);

    gochan_mutex_unlock(c->_L);

    rt_lock_acquire(ql);
    if (w.queued)
        rt_waiter_park(&w, WAIT_SYNC);
    else
        rt_lock_release(ql);
    rc = w.result;
    rt_waiter_unwatch(&w);
    gochan_mutex_lock(c->_L);
    return rc;
}

EXPORT void gochan_cond_init(gochan_cond *c, gochan_mutex *m)
{
    c->_L = m;
    c->_q._lock = 0;
    c->_q._n = 0;
    c->_q._head = c->_q._tail = NULL;
}

EXPORT void gochan_cond_wait(gochan_cond *c)
{
    cond_wait(c, false, 0, NULL);
}

EXPORT int gochan_cond_wait_until(gochan_cond *c, int64_t deadline)
{
    return cond_wait(c, true, deadline, NULL);
}

EXPORT int gochan_cond_wait_ctx(gochan_cond *c, gochan_ctx *ctx)
{
    int rc = gochan_ctx_err(ctx);
    if (rc != 0)
        return rc;
    return cond_wait(c, false, 0, ctx);
}

EXPORT void gochan_cond_signal(gochan_cond *c)
{
    if (atomic_load_acq(&c->_q._n) == 0)
        return;
    rt_lock *ql = rt_waitq_lock(&c->_q);
    rt_lock_acquire(ql);
    rt_waiter *w = c->_q._head;
    rt_g *gp = NULL;
    if (w != NULL) {
        cond_unlink(w);
        gp = rt_waiter_claim(w, 0);
    }
    rt_lock_release(ql);
    if (gp != NULL)
        rt_ready(gp);
}

EXPORT void gochan_cond_broadcast(gochan_cond *c)
{
    if (atomic_load_acq(&c->_q._n) == 0)
        return;
    rt_lock *ql = rt_waitq_lock(&c->_q);
    rt_lock_acquire(ql);
    /* Chain the parked ones, in order, through their next links; the
       others must not be touched once the lock is dropped. */
    rt_waiter *ready = NULL, **tail = &ready;
    rt_waiter *w = c->_q._head;
    c->_q._head = c->_q._tail = NULL;
    atomic_store_relaxed(&c->_q._n, 0);
    while (w != NULL) {
        rt_waiter *next = w->next;
        w->queued = false;
        w->result = 0;
        if (w->parking) {
            *tail = w;
            tail = &w->next;
        }
        w = next;
    }
    *tail = NULL;
    rt_lock_release(ql);
    while (ready != NULL) {
        rt_waiter *next = ready->next;
        rt_ready(ready->g);
        ready = next;
    }
}
