/* SPDX-License-Identifier: MIT */
/*
 * once.c: gochan_once, Go's sync.Once.
 *
 * once->_done is set, with release order, only after fn has returned, and
 * read with acquire order: a caller that sees it set also sees everything
 * fn did.  The first callers serialize on once->_m; the one that finds
 * _done still clear runs fn while holding it, so the others wait for fn to
 * finish (Once's guarantee), then see _done and return.
 *
 * Rejected: a CAS on _done to pick the runner, which would let the losers
 * return before fn has finished.
 *
 * If fn panics the process exits (a gochan panic is not recoverable), so
 * there is no "panicked, counts as done" state as in Go.
 */
#include "waiter.h"

static NOINLINE void once_slow(gochan_once *once, void (*fn)(void *),
                               void *arg)
{
    gochan_mutex_lock(&once->_m);
    if (atomic_load_relaxed(&once->_done) == 0) {
        fn(arg);
        atomic_store_rel(&once->_done, 1);
    }
    gochan_mutex_unlock(&once->_m);
}

EXPORT void gochan_once_do(gochan_once *once, void (*fn)(void *), void *arg)
{
    if (LIKELY(atomic_load_acq(&once->_done) != 0))
        return;
    once_slow(once, fn, arg);
}
