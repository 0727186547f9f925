/* SPDX-License-Identifier: MIT */
/*
 * mutex.c: gochan_mutex, Go's sync.Mutex with its two modes.
 *
 * State word (m->_state):
 *     bit 0  LOCKED    someone holds the mutex
 *     bit 1  WOKEN     a waiter has been woken (or a spinner has claimed
 *                      the role) and is about to try for the lock, so
 *                      unlock need not wake another
 *     bit 2  STARVING  starvation mode
 *     bits 3-31        number of waiters on m->_q
 *
 * Normal mode: unlock clears LOCKED and wakes the oldest waiter, which
 * then competes with goroutines that arrive meanwhile (and, on a busy
 * machine, spin a little first).  Newcomers usually win, being already on
 * a CPU, which is what makes the mode fast; a woken waiter that loses
 * queues again at the front.  Starvation mode: once a waiter has waited
 * more than 1 ms it sets STARVING; then unlock hands the mutex straight to
 * the oldest waiter (LOCKED stays set, the waiter count drops, and the
 * waiter returns owning it), and newcomers neither barge nor spin but
 * queue at the tail.  The mode ends when the queue empties or when a
 * waiter that received the mutex had waited less than 1 ms.  This is
 * Go's algorithm; what differs is that our waiter queue lives in the
 * mutex, under m->_q's lock, and the waiter count in the state word
 * changes only under that lock, together with the queue.  That is what
 * lets a waiter leave the queue on a deadline or a cancelled context
 * (Go's Mutex has no such thing): the leaving waiter unlinks itself and
 * decrements the count in one step, and a hand-off can never go to a
 * waiter that has left.
 *
 * Invariants (under m->_q's lock):
 *   waiters(state) == length of m->_q;
 *   STARVING implies LOCKED and waiters(state) > 0;
 *   WOKEN is held by at most one goroutine, which clears it when it gets
 *   the lock or queues.
 *
 * Fast paths: lock is one CAS 0 -> LOCKED; unlock one CAS LOCKED -> 0.
 * Everything else (misuse included) goes to the slow paths.
 *
 * Locking: m->_q's lock (sync.lock) protects the queue, the waiter
 * records on it, and the waiter count and STARVING bit of the state.
 * LOCKED and WOKEN may also change by CAS without it.
 */
#include "waiter.h"
#include <gochan/sched.h>
#include <errno.h>

enum {
    MUTEX_LOCKED = 1,
    MUTEX_WOKEN = 2,
    MUTEX_STARVING = 4,
    MUTEX_WAITER_SHIFT = 3,
    MUTEX_WAITER = 1 << MUTEX_WAITER_SHIFT,
};

/* Wait longer than this and the mutex switches to starvation mode. */
#define STARVATION_NS 1000000

#define waiters(s) ((s) >> MUTEX_WAITER_SHIFT)

static inline bool cas_acq(uint32_t *p, uint32_t *old, uint32_t new)
{
    return __atomic_compare_exchange_n(p, old, new, false, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

static inline bool cas_rel(uint32_t *p, uint32_t *old, uint32_t new)
{
    return __atomic_compare_exchange_n(p, old, new, false, __ATOMIC_RELEASE,
                                       __ATOMIC_RELAXED);
}

/* Spin (rather than park) only as Go does: briefly, on a multiprocessor,
   while other processors are running (the holder probably is one of
   them) and nothing waits in our own run queue. */
static bool can_spin(int iter)
{
    if (iter >= 4 || rt_sched.nprocs <= 1)
        return false;
    uint32_t busy = atomic_load_relaxed(&rt_sched.npidle) +
                    atomic_load_relaxed(&rt_sched.nmspinning) + 1;
    if ((int)busy >= rt_sched.nprocs)
        return false;
    rt_p *pp = rt_currentp();
    if (pp != NULL && (atomic_load_relaxed(&pp->runqhead) !=
                           atomic_load_relaxed(&pp->runqtail) ||
                       atomic_load_relaxed(&pp->runnext) != NULL))
        return false;
    return true;
}

static inline void spin(void)
{
    for (int i = 0; i < 30; i++)
        cpu_relax();
}

/* A waiter leaves the queue (deadline, context, or a commit that found
   the deadline past).  Caller holds m->_q's lock; w is queued. */
static void mutex_unlink(rt_waiter *w)
{
    gochan_mutex *m = container_of(w->q, gochan_mutex, _q);
    rt_waitq_remove(w->q, w);
    uint32_t old = atomic_load_relaxed(&m->_state), new;
    do {
        new = old - MUTEX_WAITER;
        if (waiters(new) == 0)
            new &= ~(uint32_t)MUTEX_STARVING;
    } while (!atomic_cas(&m->_state, &old, new));
}

/* The slow path of lock.  Returns 0 with m locked, or an error (timed
   out, context ended) with m untouched. */
static NOINLINE int mutex_lock_slow(gochan_mutex *m, bool timed,
                                    int64_t deadline, gochan_ctx *ctx)
{
    rt_waiter w;
    rt_waiter_init(&w, &m->_q, mutex_unlink, timed, deadline, ctx);
    w.want_start = true;
    rt_lock *ql = rt_waitq_lock(&m->_q);
    bool woken = false;        /* we hold WOKEN */
    bool starving = false;     /* we have waited > STARVATION_NS */
    bool requeue = false;      /* we have been queued before */
    int iter = 0;
    int rc = 0;

    for (;;) {
        uint32_t old = atomic_load_relaxed(&m->_state);
        if (!(old & (MUTEX_LOCKED | MUTEX_STARVING))) {
            uint32_t new = old | MUTEX_LOCKED;
            if (woken)
                new &= ~(uint32_t)MUTEX_WOKEN;
            if (cas_acq(&m->_state, &old, new)) {
                rc = 0;
                break;
            }
            continue;
        }
        if (!(old & MUTEX_STARVING) && can_spin(iter)) {
            /* Claim WOKEN so that unlock does not wake a waiter that
               would only compete with us. */
            if (!woken && !(old & MUTEX_WOKEN) && waiters(old) != 0 &&
                atomic_cas(&m->_state, &old, old | MUTEX_WOKEN))
                woken = true;
            spin();
            iter++;
            continue;
        }
        rc = rt_waiter_watch(&w);
        if (rc != 0)
            goto give_up;

        rt_lock_acquire(ql);
        old = atomic_load_relaxed(&m->_state);
        for (;;) {
            if (!(old & (MUTEX_LOCKED | MUTEX_STARVING)))
                break;                     /* free again: go and take it */
            uint32_t new = old;
            if (woken)
                new &= ~(uint32_t)MUTEX_WOKEN;
            rc = rt_waiter_aborted(&w);
            if (rc != 0) {
                /* Leave, giving WOKEN back.  The holder's unlock will
                   wake another waiter. */
                if (atomic_cas(&m->_state, &old, new)) {
                    rt_lock_release(ql);
                    goto out;
                }
                continue;
            }
            new += MUTEX_WAITER;
            if (starving)
                new |= MUTEX_STARVING;     /* old has LOCKED here */
            if (atomic_cas(&m->_state, &old, new))
                break;
        }
        if (!(old & (MUTEX_LOCKED | MUTEX_STARVING))) {
            rt_lock_release(ql);
            continue;
        }
        woken = false;
        w.handoff = 0;
        /* A waiter woken before goes back to the front: it has waited
           longest. */
        rt_waitq_push(&m->_q, &w, requeue);
        requeue = true;
        rt_waiter_park(&w, WAIT_SYNC);

        rc = w.result;
        if (rc != 0)
            goto out;                      /* unlinked by an abort */
        if (w.handoff) {
            /* The mutex is ours (starvation mode).  Leave the mode if we
               waited only briefly: the queue is moving. */
            if ((atomic_load_relaxed(&m->_state) & MUTEX_STARVING) &&
                rt_sync_now() - w.waitstart < STARVATION_NS) {
                rt_lock_acquire(ql);
                __atomic_fetch_and(&m->_state, ~(uint32_t)MUTEX_STARVING,
                                   __ATOMIC_RELAXED);
                rt_lock_release(ql);
            }
            goto out;
        }
        /* Normal wake-up: the waker set WOKEN for us. */
        woken = true;
        iter = 0;
        if (!starving && rt_sync_now() - w.waitstart > STARVATION_NS)
            starving = true;
    }
out:
    rt_waiter_unwatch(&w);
    return rc;

give_up:
    /* The context ended before we queued.  Give WOKEN back; if the mutex
       is free, take it rather than leave it with nobody to wake waiters
       (we are then a successful lock after all). */
    if (woken) {
        uint32_t old = atomic_load_relaxed(&m->_state);
        for (;;) {
            if (!(old & (MUTEX_LOCKED | MUTEX_STARVING))) {
                uint32_t new = (old | MUTEX_LOCKED) & ~(uint32_t)MUTEX_WOKEN;
                if (cas_acq(&m->_state, &old, new)) {
                    rc = 0;
                    break;
                }
                continue;
            }
            if (atomic_cas(&m->_state, &old, old & ~(uint32_t)MUTEX_WOKEN))
                break;
        }
    }
    goto out;
}

/* The slow path of unlock: waiters, WOKEN, or misuse. */
static NOINLINE void mutex_unlock_slow(gochan_mutex *m)
{
    uint32_t old = atomic_load_relaxed(&m->_state);
    for (;;) {
        if (!(old & MUTEX_LOCKED))
            gochan_panic("sync: unlock of unlocked mutex");
        if (old & MUTEX_STARVING)
            break;
        if (waiters(old) != 0 && !(old & MUTEX_WOKEN))
            break;
        /* Nobody to wake: no waiters, or one is already awake. */
        if (cas_rel(&m->_state, &old, old & ~(uint32_t)MUTEX_LOCKED))
            return;
    }

    rt_lock *ql = rt_waitq_lock(&m->_q);
    rt_lock_acquire(ql);
    rt_waiter *w;
    old = atomic_load_relaxed(&m->_state);
    for (;;) {
        if (!(old & MUTEX_LOCKED)) {
            rt_lock_release(ql);
            gochan_panic("sync: unlock of unlocked mutex");
        }
        uint32_t new;
        w = NULL;
        if (old & MUTEX_STARVING) {
            /* Hand off: LOCKED stays set for the oldest waiter. */
            w = m->_q._head;
            RT_ASSERT(w != NULL);
            new = old - MUTEX_WAITER;
            if (waiters(new) == 0)
                new &= ~(uint32_t)MUTEX_STARVING;
        } else {
            new = old & ~(uint32_t)MUTEX_LOCKED;
            if (!(old & MUTEX_WOKEN) && waiters(old) != 0) {
                w = m->_q._head;
                RT_ASSERT(w != NULL);
                new = (new - MUTEX_WAITER) | MUTEX_WOKEN;
            }
        }
        if (cas_rel(&m->_state, &old, new))
            break;
    }
    rt_g *gp = NULL;
    if (w != NULL) {
        rt_waitq_remove(&m->_q, w);
        w->handoff = (old & MUTEX_STARVING) != 0;
        gp = rt_waiter_claim(w, 0);
    }
    rt_lock_release(ql);
    if (gp != NULL)
        rt_ready(gp);
}

EXPORT void gochan_mutex_init(gochan_mutex *m)
{
    m->_state = 0;
    m->_q._lock = 0;
    m->_q._n = 0;
    m->_q._head = m->_q._tail = NULL;
}

EXPORT void gochan_mutex_lock(gochan_mutex *m)
{
    uint32_t old = 0;
    if (LIKELY(cas_acq(&m->_state, &old, MUTEX_LOCKED)))
        return;
    mutex_lock_slow(m, false, 0, NULL);
}

EXPORT bool gochan_mutex_trylock(gochan_mutex *m)
{
    uint32_t old = atomic_load_relaxed(&m->_state);
    if (old & (MUTEX_LOCKED | MUTEX_STARVING))
        return false;
    return cas_acq(&m->_state, &old, old | MUTEX_LOCKED);
}

EXPORT int gochan_mutex_lock_until(gochan_mutex *m, int64_t deadline)
{
    uint32_t old = 0;
    if (LIKELY(cas_acq(&m->_state, &old, MUTEX_LOCKED)))
        return 0;
    return mutex_lock_slow(m, true, deadline, NULL);
}

EXPORT int gochan_mutex_lock_ctx(gochan_mutex *m, gochan_ctx *ctx)
{
    int rc = gochan_ctx_err(ctx);
    if (rc != 0)
        return rc;
    uint32_t old = 0;
    if (LIKELY(cas_acq(&m->_state, &old, MUTEX_LOCKED)))
        return 0;
    return mutex_lock_slow(m, false, 0, ctx);
}

EXPORT void gochan_mutex_unlock(gochan_mutex *m)
{
    uint32_t old = MUTEX_LOCKED;
    if (LIKELY(cas_rel(&m->_state, &old, 0)))
        return;
    mutex_unlock_slow(m);
}
