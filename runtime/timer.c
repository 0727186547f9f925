/* SPDX-License-Identifier: MIT */
/*
 * timer.c: per-P timer heaps, and sleeping.
 *
 * Each P keeps its timers in a 4-ary min-heap on when, under
 * p->timerlock; p->timer0 mirrors the earliest when (0: none) so that the
 * scheduler can look without locking.  Timers run from findrunnable (every
 * schedule, for all Ps) and from the idle M that sleeps until the earliest
 * timer (sched.c, stopm).  A new earliest timer wakes that sleeper.
 *
 * Invariant: t->pp != NULL exactly while t is in t->pp's heap, at
 * t->pp->timers[t->idx].
 *
 * Locking: p.timerlock < sched.lock.  Timer functions run with no lock.
 */
#include "timer.h"
#include <gochan/sched.h>
#include <gochan/time.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

static void heap_swap(rt_p *pp, int i, int j)
{
    rt_timer *a = pp->timers[i], *b = pp->timers[j];
    pp->timers[i] = b;
    b->idx = i;
    pp->timers[j] = a;
    a->idx = j;
}

static void sift_up(rt_p *pp, int i)
{
    while (i > 0) {
        int parent = (i - 1) / 4;
        if (pp->timers[parent]->when <= pp->timers[i]->when)
            break;
        heap_swap(pp, i, parent);
        i = parent;
    }
}

static void sift_down(rt_p *pp, int i)
{
    int n = pp->ntimers;
    for (;;) {
        int c = 4 * i + 1;
        if (c >= n)
            break;
        int best = c;
        for (int k = c + 1; k < c + 4 && k < n; k++)
            if (pp->timers[k]->when < pp->timers[best]->when)
                best = k;
        if (pp->timers[i]->when <= pp->timers[best]->when)
            break;
        heap_swap(pp, i, best);
        i = best;
    }
}

static void heap_remove(rt_p *pp, int i)
{
    int last = --pp->ntimers;
    atomic_store_rel(&pp->timers[i]->pp, NULL);  /* read by rt_timer_del */
    if (i != last) {
        pp->timers[i] = pp->timers[last];
        pp->timers[i]->idx = i;
        sift_down(pp, i);
        sift_up(pp, i);
    }
}

static void update_timer0(rt_p *pp)
{
    atomic_store_rel(&pp->timer0, pp->ntimers ? pp->timers[0]->when : 0);
}

struct grow_req {
    size_t cap;
    rt_timer **mem;
};

SLOWPATH static void grow_alloc_fn(void *arg)
{
    struct grow_req *r = arg;
    r->mem = rt_fault(RT_FAULT_MALLOC) ? NULL
                                       : malloc(r->cap * sizeof *r->mem);
}

SLOWPATH static void grow_free_fn(void *arg)
{
    free(arg);
}

int rt_timer_add(rt_timer *t)
{
    rt_p *pp = rt_currentp();
    if (pp == NULL)
        pp = &rt_sched.allp[0];
    rt_lock_acquire(&pp->timerlock);
    if (t->pp != NULL)
        rt_throw("rt_timer_add: timer already pending");
    while (pp->ntimers == pp->timercap) {
        /* Grow: allocate (libc, on the scheduler stack) without the lock,
           swap the arrays under it, free the old one after.  Others read
           pp->timers only under the lock. */
        struct grow_req r = { pp->timercap ? 2 * (size_t)pp->timercap : 64,
                              NULL };
        rt_lock_release(&pp->timerlock);
        rt_systemstack(grow_alloc_fn, &r);
        if (r.mem == NULL)
            return -ENOMEM;
        rt_lock_acquire(&pp->timerlock);
        rt_timer **old = NULL;
        if ((size_t)pp->timercap < r.cap) {
            for (int i = 0; i < pp->ntimers; i++)
                r.mem[i] = pp->timers[i];
            old = pp->timers;
            pp->timers = r.mem;
            pp->timercap = (int)r.cap;
        } else {
            old = r.mem;    /* someone else grew it meanwhile */
        }
        if (old != NULL) {
            rt_lock_release(&pp->timerlock);
            rt_systemstack(grow_free_fn, old);
            rt_lock_acquire(&pp->timerlock);
        }
    }
    int i = pp->ntimers++;
    pp->timers[i] = t;
    t->idx = i;
    atomic_store_rel(&t->pp, pp);
    sift_up(pp, i);
    bool earliest = t->idx == 0;
    int64_t when = t->when;     /* t may fire (and its frame die) once
                                   the lock is released */
    update_timer0(pp);
    rt_lock_release(&pp->timerlock);
    if (earliest)
        rt_wake_timer_sleeper(when);
    return 0;
}

bool rt_timer_del(rt_timer *t)
{
    rt_p *pp = atomic_load_acq(&t->pp);
    if (pp == NULL)
        return false;
    rt_lock_acquire(&pp->timerlock);
    if (t->pp != pp) {
        rt_lock_release(&pp->timerlock);
        return false;
    }
    heap_remove(pp, t->idx);
    update_timer0(pp);
    rt_lock_release(&pp->timerlock);
    return true;
}

/* Run pp's due timers.  Returns the next when, or 0.  Runs on a scheduler
   stack. */
int64_t rt_timers_run(rt_p *pp, int64_t now)
{
    rt_lock_acquire(&pp->timerlock);
    while (pp->ntimers > 0 && pp->timers[0]->when <= now) {
        rt_timer *t = pp->timers[0];
        void (*fn)(void *, int64_t) = t->fn;
        void *arg = t->arg;
        if (t->period > 0) {
            int64_t behind = now - t->when;
            t->when += t->period * (1 + behind / t->period);
            sift_down(pp, 0);
        } else {
            heap_remove(pp, 0);
        }
        update_timer0(pp);
        rt_lock_release(&pp->timerlock);
        fn(arg, now);
        rt_lock_acquire(&pp->timerlock);
    }
    int64_t next = pp->ntimers ? pp->timers[0]->when : 0;
    rt_lock_release(&pp->timerlock);
    return next;
}

int64_t rt_timers_next(void)
{
    int64_t next = 0;
    for (int i = 0; i < rt_sched.nprocs; i++) {
        int64_t t0 = atomic_load_acq(&rt_sched.allp[i].timer0);
        if (t0 != 0 && (next == 0 || t0 < next))
            next = t0;
    }
    return next;
}

bool rt_timers_pending(void)
{
    return rt_timers_next() != 0;
}

/* ---- sleeping ---------------------------------------------------------- */

EXPORT int64_t gochan_now(void)
{
    return rt_nanotime();
}

static void sleep_wake(void *arg, int64_t now)
{
    (void)now;
    rt_ready(arg);
}

/* Runs on the scheduler stack once the sleeper is switched out, so the
   timer cannot fire before it is parked. */
static bool sleep_commit(rt_g *gp, void *arg)
{
    (void)gp;
    if (rt_timer_add(arg) != 0)
        rt_fatal("out of memory adding a timer");
    return true;
}

/* A plain thread: just sleep the thread, with the raw system call (the
   API never touches errno). */
SLOWPATH static void thread_sleep(int64_t ns)
{
    struct timespec ts = { ns / 1000000000, ns % 1000000000 };
    while (raw_syscall6(SYS_nanosleep, (long)&ts, (long)&ts, 0, 0, 0, 0) ==
           -EINTR)
        ;
}

/* now + ns without overflow: a sleep of INT64_MAX is forever, not 1 ms. */
static int64_t deadline_after(int64_t ns)
{
    int64_t now = rt_nanotime();
    return ns > INT64_MAX - now ? INT64_MAX : now + ns;
}

EXPORT void gochan_sleep(int64_t ns)
{
    if (ns <= 0)
        return;
    rt_m *m = rt_getm();
    if (m == NULL || m->curg == NULL) {
        thread_sleep(ns);
        return;
    }
    rt_g *gp = m->curg;
    rt_timer t = { .when = deadline_after(ns), .fn = sleep_wake, .arg = gp };
    rt_park(sleep_commit, &t, WAIT_SLEEP);
}

EXPORT void gochan_sleep_until(int64_t deadline)
{
    int64_t d = deadline - rt_nanotime();
    if (d > 0)
        gochan_sleep(d);
}
