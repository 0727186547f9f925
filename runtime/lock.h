/* SPDX-License-Identifier: MIT */
/*
 * lock.h: the runtime's mutual exclusion lock, and the lock order.
 *
 * rt_lock is a futex lock (spin briefly, then sleep).  It blocks the
 * thread, not the goroutine: hold it only for short critical sections,
 * and never across a park.  Usable on any stack: no libc.
 *
 * Lock order (acquire left before right when both are held):
 *
 *     ctx.mu < select's channel locks (by address) < chan.lock
 *            < sema.lock < p.timerlock < sched.lock < sched.gflock
 *            < sched.allglock
 *
 * Several channel locks are held at once only by select, always in
 * increasing address order.  Never ready a goroutine while holding a
 * channel or context lock: collect the waiters, unlock, then ready them
 * (ready may take sched.lock, and may run another goroutine's code).
 */
#ifndef GOCHAN_LOCK_H
#define GOCHAN_LOCK_H

#include "internal.h"

typedef struct rt_lock {
    uint32_t key;   /* 0 unlocked, 1 locked, 2 locked with sleepers */
} rt_lock;

#define RT_LOCK_INIT { 0 }

/* Must not split the stack: used from inside __morestack (stack.c). */
NOSPLIT void rt_lock_slow(rt_lock *l);
NOSPLIT void rt_unlock_slow(rt_lock *l);

static inline void rt_lock_acquire(rt_lock *l)
{
    uint32_t zero = 0;
    if (LIKELY(__atomic_compare_exchange_n(&l->key, &zero, 1, false,
                                           __ATOMIC_ACQUIRE,
                                           __ATOMIC_RELAXED)))
        return;
    rt_lock_slow(l);
}

static inline bool rt_lock_try(rt_lock *l)
{
    uint32_t zero = 0;
    return __atomic_compare_exchange_n(&l->key, &zero, 1, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void rt_lock_release(rt_lock *l)
{
    if (UNLIKELY(__atomic_exchange_n(&l->key, 0, __ATOMIC_RELEASE) == 2))
        rt_unlock_slow(l);
}

#endif /* GOCHAN_LOCK_H */
