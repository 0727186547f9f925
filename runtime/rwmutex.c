/* SPDX-License-Identifier: MIT */
/*
 * rwmutex.c: gochan_rwmutex, Go's sync.RWMutex (same algorithm).
 *
 * rw->_readers counts active readers.  A writer first takes rw->_w (so
 * writers queue one behind the other), then subtracts RW_MAX_READERS:
 * the count goes negative, which tells arriving readers a writer is
 * pending so they park on _rsem; the readers still active when the writer
 * arrived are added to rw->_rwait and each one's runlock decrements it;
 * the last wakes the writer through _wsem.  The writer's unlock adds
 * RW_MAX_READERS back, releases _rsem once per reader that parked
 * meanwhile, then releases rw->_w.  So a waiting writer is never starved
 * by new readers, and readers that queued behind a writer get in before
 * the next one.
 *
 * Both semaphores park on rw->_q: readers with tag TAG_READER, the one
 * pending writer with TAG_WRITER.
 *
 * Locking: rw->_w is a gochan_mutex (it parks); rw->_q's lock is a
 * sync.lock, taken only inside rt_sema_*.  The counters are atomics.
 */
#include "waiter.h"
#include <gochan/sched.h>

#define RW_MAX_READERS (1 << 30)

enum { TAG_READER = 1, TAG_WRITER = 2 };

EXPORT void gochan_rwmutex_init(gochan_rwmutex *rw)
{
    gochan_mutex_init(&rw->_w);
    rw->_readers = 0;
    rw->_rwait = 0;
    rw->_wsem = 0;
    rw->_rsem = 0;
    rw->_q._lock = 0;
    rw->_q._n = 0;
    rw->_q._head = rw->_q._tail = NULL;
}

EXPORT void gochan_rwmutex_rlock(gochan_rwmutex *rw)
{
    if (UNLIKELY(atomic_xadd(&rw->_readers, 1) + 1 < 0))
        /* A writer is pending: wait for its unlock. */
        rt_sema_acquire(&rw->_rsem, &rw->_q, TAG_READER, false, 0, NULL,
                        WAIT_SYNC);
}

EXPORT bool gochan_rwmutex_tryrlock(gochan_rwmutex *rw)
{
    int32_t c = atomic_load_relaxed(&rw->_readers);
    for (;;) {
        if (c < 0)
            return false;
        if (__atomic_compare_exchange_n(&rw->_readers, &c, c + 1, false,
                                        __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return true;
    }
}

static NOINLINE void runlock_slow(gochan_rwmutex *rw, int32_t r)
{
    if (r + 1 == 0 || r + 1 == -RW_MAX_READERS)
        gochan_panic("sync: RUnlock of unlocked RWMutex");
    /* A writer is pending; the last reader it waits for wakes it. */
    if (atomic_xadd(&rw->_rwait, -1) - 1 == 0)
        rt_sema_release(&rw->_wsem, &rw->_q, TAG_WRITER, false);
}

EXPORT void gochan_rwmutex_runlock(gochan_rwmutex *rw)
{
    int32_t r = atomic_xadd(&rw->_readers, -1) - 1;
    if (UNLIKELY(r < 0))
        runlock_slow(rw, r);
}

EXPORT void gochan_rwmutex_lock(gochan_rwmutex *rw)
{
    gochan_mutex_lock(&rw->_w);
    /* Announce the writer; r is the number of active readers. */
    int32_t r = atomic_xadd(&rw->_readers, -RW_MAX_READERS);
    if (r != 0 && atomic_xadd(&rw->_rwait, r) + r != 0)
        rt_sema_acquire(&rw->_wsem, &rw->_q, TAG_WRITER, false, 0, NULL,
                        WAIT_SYNC);
}

EXPORT bool gochan_rwmutex_trylock(gochan_rwmutex *rw)
{
    if (!gochan_mutex_trylock(&rw->_w))
        return false;
    int32_t zero = 0;
    if (!__atomic_compare_exchange_n(&rw->_readers, &zero, -RW_MAX_READERS,
                                     false, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED)) {
        gochan_mutex_unlock(&rw->_w);
        return false;
    }
    return true;
}

EXPORT void gochan_rwmutex_unlock(gochan_rwmutex *rw)
{
    /* Let readers in; r is the number that queued meanwhile. */
    int32_t r = atomic_xadd(&rw->_readers, RW_MAX_READERS) + RW_MAX_READERS;
    if (UNLIKELY(r >= RW_MAX_READERS))
        gochan_panic("sync: Unlock of unlocked RWMutex");
    for (int32_t i = 0; i < r; i++)
        rt_sema_release(&rw->_rsem, &rw->_q, TAG_READER, false);
    gochan_mutex_unlock(&rw->_w);
}
