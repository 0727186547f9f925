/* SPDX-License-Identifier: MIT */
/*
 * waiter.c: parking on a sync object with a deadline or a context; the
 * protocol is described in waiter.h.
 *
 * The deadline timer is armed by the park commit, which runs on the
 * scheduler stack after the goroutine is switched out and while q's lock
 * is still held: the commit can read the clock (no libc on goroutine
 * stacks), can give up without parking when the deadline has already
 * passed (unlinking the record itself, under the lock it holds), and the
 * timer cannot fire before the record is queued and marked parking.
 *
 * The context watch is registered before q's lock is taken (ctx.mu comes
 * first in the lock order), so its callback may run before the record is
 * queued: hence the aborted word, checked under q's lock before each
 * enqueue.
 *
 * Rejected: a per-goroutine timer reused across waits (rt_g.sleeptimer):
 * the callback would need the record anyway, and the record on the stack
 * costs nothing.  Waking aborted waiters from a helper goroutine: the
 * abort is short and non-blocking, so the timer or canceller does it
 * directly.
 */
#include "waiter.h"
#include <errno.h>

/* The calling goroutine, or thread.  rt_getg() itself calls calloc (to
   register a plain thread), so its prologue demands a 1 MiB segment on a
   goroutine's stack (internal.h); go through the M when we can. */
static rt_g *current_g(void)
{
    rt_m *m = rt_getm();
    if (LIKELY(m != NULL && m->curg != NULL))
        return m->curg;
    return rt_getg();
}

void rt_waiter_init(rt_waiter *w, gochan_waitq_ *q,
                    void (*unlink)(rt_waiter *), bool timed,
                    int64_t deadline, gochan_ctx *ctx)
{
    /* Field by field: a struct assignment this size may become a call to
       memset, which a goroutine's small stack must not make. */
    w->next = w->prev = NULL;
    w->queued = false;
    w->parking = false;
    w->tag = 0;
    w->handoff = 0;
    w->result = 0;
    w->g = current_g();
    w->q = q;
    w->unlink = unlink;
    w->timed = timed;
    w->want_start = false;
    w->deadline = deadline;
    w->ctx = ctx;
    w->waitstart = 0;
    w->aborted = 0;
    w->timer_ack = 0;
    w->watch_ack = 0;
    w->timer_armed = false;
    w->watching = false;
    w->timer.pp = NULL;
}

/* Spin until a callback running on another thread has finished with the
   record.  It runs a few dozen instructions after unlinking the record,
   so this is short unless its thread was preempted; then give the CPU
   away (a raw system call: no libc here). */
static void wait_ack(uint32_t *ack)
{
    for (int i = 0; atomic_load_acq(ack) == 0; i++) {
        if (i < 200)
            cpu_relax();
        else
            raw_syscall6(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
    }
}

/* abort delivers err to w: unlinks it if it is queued and readies it if
   it is parked.  Called by the timer and watch callbacks, with no lock
   held.  Only the first abort acts. */
static void waiter_abort(rt_waiter *w, int err)
{
    int32_t zero = 0;
    if (!__atomic_compare_exchange_n(&w->aborted, &zero, err, false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
        return;
    rt_lock *l = rt_waitq_lock(w->q);
    rt_g *gp = NULL;
    rt_lock_acquire(l);
    if (w->queued) {
        w->unlink(w);
        w->result = err;
        if (w->parking)
            gp = w->g;
    }
    rt_lock_release(l);
    if (gp != NULL)
        rt_ready(gp);
}

/* Runs on a scheduler stack (timer.h). */
static void waiter_timer_fn(void *arg, int64_t now)
{
    (void)now;
    rt_waiter *w = arg;
    waiter_abort(w, -ETIMEDOUT);
    atomic_store_rel(&w->timer_ack, 1);
}

static void waiter_watch_fn(rt_ctxwatch *cw, int err)
{
    rt_waiter *w = container_of(cw, rt_waiter, watch);
    waiter_abort(w, err);
    atomic_store_rel(&w->watch_ack, 1);
}

int rt_waiter_watch(rt_waiter *w)
{
    if (w->ctx == NULL || w->watching)
        return 0;
    w->watch.fn = waiter_watch_fn;
    w->watch.owner = NULL;
    int rc = rt_ctx_watch(w->ctx, &w->watch);
    if (rc == 0)
        w->watching = true;
    return rc < 0 ? rc : 0;
}

void rt_waiter_unwatch(rt_waiter *w)
{
    if (!w->watching)
        return;
    w->watching = false;
    if (!rt_ctx_unwatch(&w->watch))
        wait_ack(&w->watch_ack);
}

/* The park commit.  Runs on the scheduler stack (or a plain thread's own
   stack) with q's lock held; releases it. */
static bool waiter_commit(rt_g *gp, void *arg)
{
    (void)gp;
    rt_waiter *w = arg;
    rt_lock *l = rt_waitq_lock(w->q);
    if (w->timed || (w->want_start && w->waitstart == 0)) {
        int64_t now = rt_nanotime();
        if (w->waitstart == 0)
            w->waitstart = now;
        if (w->timed) {
            if (now >= w->deadline) {
                /* Too late: don't park at all. */
                w->unlink(w);
                w->parking = false;
                w->result = -ETIMEDOUT;
                rt_lock_release(l);
                return false;
            }
            w->timer.when = w->deadline;
            w->timer.period = 0;
            w->timer.fn = waiter_timer_fn;
            w->timer.arg = w;
            w->timer.pp = NULL;
            w->timer_ack = 0;
            w->timer_armed = true;
            if (rt_timer_add(&w->timer) != 0)
                rt_fatal("out of memory adding a timer");
        }
    }
    rt_lock_release(l);
    return true;
}

void rt_waiter_park(rt_waiter *w, uint32_t reason)
{
    w->parking = true;
    rt_park(waiter_commit, w, reason);
    w->parking = false;
    if (w->timer_armed) {
        w->timer_armed = false;
        if (!rt_timer_del(&w->timer))
            wait_ack(&w->timer_ack);
    }
}

static void now_fn(void *arg)
{
    *(int64_t *)arg = rt_nanotime();
}

int64_t rt_sync_now(void)
{
    int64_t t;
    rt_systemstack(now_fn, &t);
    return t;
}
