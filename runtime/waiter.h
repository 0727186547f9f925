/* SPDX-License-Identifier: MIT */
/*
 * waiter.h: parking on a sync object, with deadlines and cancellation by
 * a context.  Shared by mutex.c, rwmutex.c, sema.c, waitgroup.c, cond.c
 * and context.c (gochan_ctx_sleep); implemented in waiter.c.
 *
 * Every sync object embeds a gochan_waitq_ (lock + doubly-linked list of
 * waiter records).  A record lives on the waiting goroutine's stack for
 * the whole call.  The protocol:
 *
 *   rt_waiter_init(&w, q, unlink, ...);      deadline and/or ctx
 *   rc = rt_waiter_watch(&w);                register with ctx, before
 *                                            taking q's lock (ctx.mu is
 *                                            ordered before it)
 *   lock q;  if (rt_waiter_aborted(&w)) give up;  enqueue w;
 *   rt_waiter_park(&w, reason);              releases q's lock once the
 *                                            goroutine is switched out;
 *                                            returns when woken
 *   ... w.result: 0 woken normally, or -ETIMEDOUT / ctx's error ...
 *   rt_waiter_unwatch(&w);                   once, at the end of the call
 *
 * Exactly one party unlinks a queued record, always under q's lock: the
 * object's waker (unlock, release, signal...) or an abort (the deadline
 * timer, the context's cancellation, or the park commit finding the
 * deadline already past).  Whoever unlinks it sets w->result and readies
 * the goroutine (after dropping the lock) if it is parking; so rt_ready
 * runs once per park, as it must.
 *
 * An abort may find the record not queued (between two parks of a mutex
 * waiter, or before the first): it leaves its error in w->aborted, which
 * the waiter checks under q's lock before every enqueue.
 *
 * Lifetime: the timer callback and the context's watch callback run on
 * other threads and touch the record.  Before the record's frame dies the
 * waiter disarms each: if the timer (or watch) was still pending it is
 * simply removed; if it had fired, the waiter spins until the callback
 * sets its ack word, the callback's last access to the record.
 *
 * Locking: q's lock (rank "sync.lock" in lock.h) is taken after ctx.mu
 * and before p.timerlock (the park commit adds the deadline timer while
 * holding it).  Nothing readies a goroutine while holding it.
 */
#ifndef GOCHAN_RT_WAITER_H
#define GOCHAN_RT_WAITER_H

#include "proc.h"
#include "timer.h"
#include <gochan/sync.h>
#include <gochan/context.h>

typedef struct gochan_waiter_ rt_waiter;

#define container_of(p, T, member) \
    ((T *)(void *)((char *)(p) - offsetof(T, member)))

/* ---- the context side (context.c) ---------------------------------------- */

/* A link in a cancelable context's list of children and watchers.
   Protected by that context's mu. */
struct rt_ctxnode {
    struct rt_ctxnode *next, *prev;
    bool linked;                     /* on the list; cleared by unlink or
                                        by the cancel that takes the list */
    uint8_t kind;                    /* CTXNODE_* (context.c) */
};

/* Something to run when a context ends (a waiter, an after-function). */
typedef struct rt_ctxwatch rt_ctxwatch;
struct rt_ctxwatch {
    struct rt_ctxnode node;
    /* Run once by the cancelling goroutine or timer, with no lock held,
       when the context ends; err is its error.  Must not block, and must
       make its last access to the watch its last step. */
    void (*fn)(rt_ctxwatch *w, int err);
    gochan_ctx *owner;               /* the context whose list holds it */
};

/* rt_ctx_watch registers w with ctx (with the cancelable context that
   decides when ctx ends).  Returns 0 if registered, 1 if ctx can never
   end (not registered), or ctx's error if it has already ended (not
   registered). */
int rt_ctx_watch(gochan_ctx *ctx, rt_ctxwatch *w);

/* rt_ctx_unwatch unregisters w.  Returns true if it was still registered
   (fn will never run), false if the context ended and took it (fn has run
   or is running). */
bool rt_ctx_unwatch(rt_ctxwatch *w);

/* ---- waiter records ------------------------------------------------------ */

struct gochan_waiter_ {
    /* Protected by q's lock: */
    rt_waiter *next, *prev;          /* links in q */
    bool queued;                     /* on q; cleared by whoever unlinks */
    bool parking;                    /* committed to park: the unlinker
                                        must rt_ready g */
    uint8_t tag;                     /* object's: reader or writer... */
    uint8_t handoff;                 /* object's: the waker handed over
                                        ownership (mutex, sema) */
    int result;                      /* set by the unlinker: 0 or error */

    /* Immutable during the call: */
    rt_g *g;                         /* the waiting goroutine or thread */
    gochan_waitq_ *q;                /* the queue it waits on */
    /* Unlinks w from q and fixes the object's counts.  Caller holds q's
       lock and w is queued.  Must not split-stack into libc. */
    void (*unlink)(rt_waiter *w);
    bool timed;                      /* deadline is set */
    bool want_start;                 /* record waitstart (mutex) */
    int64_t deadline;                /* gochan_now() ns, if timed */
    gochan_ctx *ctx;                 /* NULL: none */

    int64_t waitstart;               /* first park's time, if want_start;
                                        written by the park commit */

    /* Aborts: written by the timer and watch callbacks. */
    int32_t aborted;                 /* first error delivered (atomic) */
    uint32_t timer_ack;              /* the timer callback is finished */
    uint32_t watch_ack;              /* the watch callback is finished */
    bool timer_armed;                /* owned by the waiter */
    bool watching;                   /* owned by the waiter */
    rt_timer timer;
    rt_ctxwatch watch;
};

static inline rt_lock *rt_waitq_lock(gochan_waitq_ *q)
{
    return (rt_lock *)(void *)&q->_lock;
}

/* Caller holds q's lock. */
static inline void rt_waitq_push(gochan_waitq_ *q, rt_waiter *w, bool front)
{
    w->queued = true;
    if (front) {
        w->prev = NULL;
        w->next = q->_head;
        if (q->_head != NULL)
            q->_head->prev = w;
        else
            q->_tail = w;
        q->_head = w;
    } else {
        w->next = NULL;
        w->prev = q->_tail;
        if (q->_tail != NULL)
            q->_tail->next = w;
        else
            q->_head = w;
        q->_tail = w;
    }
}

/* Caller holds q's lock and w is on q. */
static inline void rt_waitq_remove(gochan_waitq_ *q, rt_waiter *w)
{
    if (w->prev != NULL)
        w->prev->next = w->next;
    else
        q->_head = w->next;
    if (w->next != NULL)
        w->next->prev = w->prev;
    else
        q->_tail = w->prev;
    w->next = w->prev = NULL;
    w->queued = false;
}

/* rt_waiter_claim finishes a normal wake-up: w has just been unlinked by
   its waker.  Returns the G to rt_ready once q's lock is released, or
   NULL if w never parked (it will see !queued and not park).  Caller
   holds q's lock; w must not be touched after the lock is released. */
static inline rt_g *rt_waiter_claim(rt_waiter *w, int result)
{
    w->result = result;
    return w->parking ? w->g : NULL;
}

/* rt_waiter_aborted returns the error an abort left for w, or 0. */
static inline int rt_waiter_aborted(rt_waiter *w)
{
    return __atomic_load_n(&w->aborted, __ATOMIC_ACQUIRE);
}

/* rt_waiter_init prepares w for a wait on q.  With timed, the wait ends
   with -ETIMEDOUT at deadline; with ctx non-NULL, with ctx's error when
   it ends. */
void rt_waiter_init(rt_waiter *w, gochan_waitq_ *q,
                    void (*unlink)(rt_waiter *), bool timed,
                    int64_t deadline, gochan_ctx *ctx);

/* rt_waiter_watch registers w with its context, if any.  Returns 0, or
   the context's error if it has already ended.  Call without q's lock. */
int rt_waiter_watch(rt_waiter *w);

/* rt_waiter_unwatch undoes rt_waiter_watch, waiting for a running watch
   callback to finish.  Call once, without q's lock, before returning. */
void rt_waiter_unwatch(rt_waiter *w);

/* rt_waiter_park parks on w, which the caller has just queued.  Caller
   holds q's lock; it is released once the goroutine is switched out.
   Returns when w has been unlinked (w->result says why), with the
   deadline timer disarmed.  May block. */
void rt_waiter_park(rt_waiter *w, uint32_t reason);

/* rt_sync_now is gochan_now() for goroutine stacks: the clock is read on
   the scheduler stack (vDSO code may need more stack than a goroutine's
   first segment has, and calling libc from here would cost the caller a
   1 MiB segment; see internal.h). */
int64_t rt_sync_now(void);

/* The generic semaphore (sema.c), on a count and a queue that may be
   shared by waiters of several tags (rwmutex: readers and the writer).
   rt_sema_acquire takes a unit of *count, parking as a waiter with tag;
   returns 0 or an abort error.  rt_sema_release adds a unit and wakes the
   longest waiter with tag; with handoff the unit goes straight to it. */
int rt_sema_acquire(uint32_t *count, gochan_waitq_ *q, uint8_t tag,
                    bool timed, int64_t deadline, gochan_ctx *ctx,
                    uint32_t reason);
void rt_sema_release(uint32_t *count, gochan_waitq_ *q, uint8_t tag,
                     bool handoff);

#endif /* GOCHAN_RT_WAITER_H */
