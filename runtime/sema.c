/* SPDX-License-Identifier: MIT */
/*
 * sema.c: semaphores.  The generic one (rt_sema_*, after Go's runtime
 * sema.go), on which rwmutex.c builds, and the public gochan_sema.
 *
 * A semaphore is a count of units and a queue of waiters (one queue may
 * serve several semaphores whose waiters carry different tags: rwmutex
 * parks its readers and its writer on one queue).  acquire takes a unit
 * with a CAS when one is there; otherwise it parks.  release adds a unit
 * and, if anyone waits, unlinks the longest waiter with the tag and wakes
 * it; with handoff the releaser also takes the unit on the waiter's behalf
 * (w->handoff), so that a newcomer cannot snatch it first and the waiter
 * is served in FIFO order.  Without handoff the woken waiter retries and
 * may have to queue again (at the tail).
 *
 * Invariant: q->_n counts the waiters that have announced themselves,
 * whether queued or about to re-check the count; it is incremented under
 * q's lock before that re-check, and release adds its unit before looking
 * at q->_n, so one of the two always sees the other (sequentially
 * consistent atomics on both sides): no lost wake-up.
 *
 * Locking: q->_lock (sync.lock in lock.h) protects the queue and the
 * waiter records on it.  Nothing is readied while it is held.
 */
#include "waiter.h"
#include <errno.h>

/* Take a unit if there is one. */
static inline bool sema_take(uint32_t *count)
{
    uint32_t v = atomic_load_relaxed(count);
    while (v != 0) {
        if (__atomic_compare_exchange_n(count, &v, v - 1, false,
                                        __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return true;
    }
    return false;
}

/* Caller holds q's lock; w is queued. */
static void sema_unlink(rt_waiter *w)
{
    rt_waitq_remove(w->q, w);
    atomic_xadd(&w->q->_n, (uint32_t)-1);
}

int rt_sema_acquire(uint32_t *count, gochan_waitq_ *q, uint8_t tag,
                    bool timed, int64_t deadline, gochan_ctx *ctx,
                    uint32_t reason)
{
    if (sema_take(count))
        return 0;
    rt_waiter w;
    rt_waiter_init(&w, q, sema_unlink, timed, deadline, ctx);
    w.tag = tag;
    int rc = rt_waiter_watch(&w);
    if (rc != 0)
        return rc;
    rt_lock *l = rt_waitq_lock(q);
    for (;;) {
        rt_lock_acquire(l);
        atomic_xadd(&q->_n, 1);
        if (sema_take(count)) {
            atomic_xadd(&q->_n, (uint32_t)-1);
            rt_lock_release(l);
            rc = 0;
            break;
        }
        rc = rt_waiter_aborted(&w);
        if (rc != 0) {
            atomic_xadd(&q->_n, (uint32_t)-1);
            rt_lock_release(l);
            break;
        }
        w.handoff = 0;
        rt_waitq_push(q, &w, false);
        rt_waiter_park(&w, reason);
        rc = w.result;
        if (rc != 0 || w.handoff)
            break;
        /* Woken without a unit: someone took it first. */
        if (sema_take(count))
            break;
    }
    rt_waiter_unwatch(&w);
    return rc;
}

void rt_sema_release(uint32_t *count, gochan_waitq_ *q, uint8_t tag,
                     bool handoff)
{
    atomic_xadd(count, 1);
    if (__atomic_load_n(&q->_n, __ATOMIC_SEQ_CST) == 0)
        return;
    rt_lock *l = rt_waitq_lock(q);
    rt_lock_acquire(l);
    rt_waiter *w = q->_head;
    while (w != NULL && w->tag != tag)
        w = w->next;
    rt_g *gp = NULL;
    if (w != NULL) {
        sema_unlink(w);
        if (handoff && sema_take(count))
            w->handoff = 1;
        gp = rt_waiter_claim(w, 0);
    }
    rt_lock_release(l);
    if (gp != NULL)
        rt_ready(gp);
}

/* ---- gochan_sema ----------------------------------------------------- */

EXPORT void gochan_sema_init(gochan_sema *s, uint32_t n)
{
    s->_count = n;
    s->_q._lock = 0;
    s->_q._n = 0;
    s->_q._head = s->_q._tail = NULL;
}

EXPORT void gochan_sema_acquire(gochan_sema *s)
{
    if (LIKELY(sema_take(&s->_count)))
        return;
    rt_sema_acquire(&s->_count, &s->_q, 0, false, 0, NULL, WAIT_SEMA);
}

EXPORT bool gochan_sema_tryacquire(gochan_sema *s)
{
    return sema_take(&s->_count);
}

EXPORT int gochan_sema_acquire_until(gochan_sema *s, int64_t deadline)
{
    if (LIKELY(sema_take(&s->_count)))
        return 0;
    return rt_sema_acquire(&s->_count, &s->_q, 0, true, deadline, NULL,
                           WAIT_SEMA);
}

EXPORT int gochan_sema_acquire_ctx(gochan_sema *s, gochan_ctx *ctx)
{
    int rc = gochan_ctx_err(ctx);
    if (rc != 0)
        return rc;
    if (LIKELY(sema_take(&s->_count)))
        return 0;
    return rt_sema_acquire(&s->_count, &s->_q, 0, false, 0, ctx, WAIT_SEMA);
}

EXPORT void gochan_sema_release(gochan_sema *s)
{
    rt_sema_release(&s->_count, &s->_q, 0, true);
}
