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
 *     ctx.mu < usertimer.lock < select's channel locks (by address)
 *            < chan.lock < sync.lock < p.timerlock < sched.lock
 *            < sched.gflock < sched.allglock
 *     sig_lock < chan.lock
 *
 * usertimer.lock is a gochan_timer's (time.c): its timer function holds
 * it across the non-blocking send on the timer's channel and the
 * re-arming of the runtime timer.
 *
 * sync.lock is the queue lock of a gochan_mutex, _rwmutex, _waitgroup,
 * _cond or _sema (waiter.h), or of an I/O poll descriptor (netpoll.c,
 * which also holds it across the epoll registration of its fd and then
 * takes netpoll's initlock, a leaf); the park commit adds a deadline
 * timer while holding it.  Two sync.locks are never held together, nor a sync.lock
 * and a ctx.mu: a context's cancellation wakes sync waiters after
 * releasing ctx.mu, and no ctx.mu is held with another (context.c).
 *
 * sig_lock is signal.c's: the program's handlers and the signal
 * channels.  The signal delivery thread holds it across its non-blocking
 * sends (which may ready a receiver), so that gochan_signal_stop, which
 * takes it too, returns only when no send to its channel can follow.
 * sig_account takes sched.lock under it.
 *
 * Several channel locks are held at once only by select, always in
 * increasing address order.  Never ready a goroutine while holding a
 * channel, sync or context lock: collect the waiters, unlock, then ready them
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

static RT_ALWAYS_INLINE void rt_lock_acquire(rt_lock *l)
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

static RT_ALWAYS_INLINE void rt_lock_release(rt_lock *l)
{
    if (UNLIKELY(__atomic_exchange_n(&l->key, 0, __ATOMIC_RELEASE) == 2))
        rt_unlock_slow(l);
}

#endif /* GOCHAN_LOCK_H */
