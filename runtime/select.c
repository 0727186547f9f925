/* SPDX-License-Identifier: MIT */
/*
 * select.c: select over channel send and receive cases, after Go's
 * select.go.
 *
 * Algorithm (rt_selectgo):
 *   1. Poll order: a uniformly random permutation of the non-nil cases
 *      (rt_fastrandn), so that among ready cases the choice is uniform.
 *      Lock order: the same cases sorted by channel address (insertion
 *      sort up to SELECT_STACK cases, heap sort beyond).
 *   2. Lock every channel in lock order, each once even if it appears in
 *      several cases.  Walk the poll order; the first case that can
 *      proceed does, exactly as a send or receive would (direct hand-off
 *      to a parked partner, the buffer, or a closed channel), the locks
 *      are released, then the partner is readied (a buffer's waiters
 *      are served, rt_chan_buf_served).
 *   3. Nothing ready: with a default (try), unlock and return.  Else put
 *      one waiter record per case on its channel's queue, all sharing one
 *      claim word (chan.h), and park; the commit releases the locks (and
 *      arms the deadline timer, if any).  Before parking, buffered cases
 *      get a last look (rt_chan_buf_recheck): a value, room or close
 *      that came meanwhile takes the records back and starts over.  The
 *      first waker to win the claim word stores the record in g->param
 *      and readies us, having done the transfer for an unbuffered case;
 *      for a buffered one it only wakes us to start over (w->retry).
 *      Any other waker skips our records.
 *   4. Woken: relock the channels and take the other records off their
 *      queues, unlock, report the case that fired.  The channel of the
 *      case that fired is left alone when it is in no other case: its
 *      waker dropped our hold on it (chan.h, Lifetime).
 *
 * Fast paths: one case (and one case plus default) are plain channel
 * operations; zero cases block forever (or return the default).
 *
 * Storage: poll and lock orders and the waiter records live in this frame
 * for small selects (SELECT_STACK cases); larger ones take one block,
 * before any lock is taken: up to RT_SELMEM_BYTES (60 cases) from the
 * current P's few spares (rt_p.selmem, owner only), else rt_malloc'd;
 * given back to the P the select ends on.  A malloc and a free cost two
 * trips to the scheduler stack (libc): taken every time, they were a
 * fifth of a select over 8 channels (3,013 instructions, now 2,460).
 *
 * Locking: the channel locks, in address order (lock.h).  No goroutine is
 * readied while any of them is held.
 */
#include "chan.h"
#include <gochan/select.h>
#include <gochan/sched.h>
#include <errno.h>
#include <limits.h>

/* selblock's answer: start the select over (not an errno). */
#define SEL_RETRY INT_MIN

/* Cases whose orders and waiter records fit in the frame. */
#define SELECT_STACK 4
/* The most cases a select may have (orders are 16-bit, like Go's). */
#define SELECT_MAX 65536

static inline bool case_isrecv(const struct gochan_select_case *cas)
{
    return cas->dir == GOCHAN_SELECT_RECV;
}

static NORETURN NOINLINE void bad_case(int dir)
{
    gochan_panic("select: case direction %d is neither GOCHAN_SELECT_SEND "
                 "nor GOCHAN_SELECT_RECV", dir);
}

/* lockorder[0..n) := pollorder sorted by channel address.  Small selects
   (the common ones: 2 to SELECT_STACK cases) by insertion, in a few
   compares; larger ones by heap sort (Go's selectgo), which stays
   O(n log n) whatever the order. */
static void sort_lockorder(struct gochan_select_case *cases,
                           const uint16_t *pollorder, uint16_t *lockorder,
                           int n)
{
#define KEY(i) ((uintptr_t)cases[lockorder[i]].chan)
    if (n <= SELECT_STACK) {
        for (int i = 0; i < n; i++) {
            uint16_t o = pollorder[i];
            uintptr_t c = (uintptr_t)cases[o].chan;
            int j = i;
            for (; j > 0 && KEY(j - 1) > c; j--)
                lockorder[j] = lockorder[j - 1];
            lockorder[j] = o;
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        int j = i;
        uintptr_t c = (uintptr_t)cases[pollorder[i]].chan;
        while (j > 0 && KEY((j - 1) / 2) < c) {
            int k = (j - 1) / 2;
            lockorder[j] = lockorder[k];
            j = k;
        }
        lockorder[j] = pollorder[i];
    }
    for (int i = n - 1; i >= 0; i--) {
        uint16_t o = lockorder[i];
        uintptr_t c = (uintptr_t)cases[o].chan;
        lockorder[i] = lockorder[0];
        int j = 0;
        for (;;) {
            int k = j * 2 + 1;
            if (k >= i)
                break;
            if (k + 1 < i && KEY(k) < KEY(k + 1))
                k++;
            if (c < KEY(k)) {
                lockorder[j] = lockorder[k];
                j = k;
                continue;
            }
            break;
        }
        lockorder[j] = o;
    }
#undef KEY
}

static void sellock(struct gochan_select_case *cases,
                    const uint16_t *lockorder, int n)
{
    struct gochan_chan *last = NULL;
    for (int i = 0; i < n; i++) {
        struct gochan_chan *c = cases[lockorder[i]].chan;
        if (c != last) {
            rt_lock_acquire(&c->lock);
            last = c;
        }
    }
}

/* Unlock in reverse lock order.  When this runs as the park commit, the
   goroutine may run again as soon as one lock is free, but it must then
   relock them all: while lockorder[0]'s lock is held, cases and lockorder
   stay valid.  Nothing is read after the last release. */
static void selunlock(struct gochan_select_case *cases,
                      const uint16_t *lockorder, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        struct gochan_chan *c = cases[lockorder[i]].chan;
        if (i > 0 && c == cases[lockorder[i - 1]].chan)
            continue;
        rt_lock_release(&c->lock);
    }
}

struct selpark {
    struct gochan_select_case *cases;
    const uint16_t *lockorder;
    int n;
    rt_deadline *dl;
};

/* The park commit: arm the deadline, release every channel lock.  Runs on
   the scheduler stack; without a deadline, only unlocks, so it may run
   on the next goroutine's (rt_park_direct). */
static bool selpark_commit(rt_g *gp, void *arg)
{
    (void)gp;
    struct selpark *sp = arg;
    struct gochan_select_case *cases = sp->cases;
    const uint16_t *lockorder = sp->lockorder;
    int n = sp->n;
    bool park = true;
    /* Once the deadline is armed the goroutine may be readied at once; it
       then waits for every channel lock (it must relock them all), which
       keeps cases and lockorder valid until selunlock is done. */
    if (sp->dl != NULL)
        park = rt_deadline_arm(sp->dl);
    selunlock(cases, lockorder, n);
    return park;
}

/* Step 3 and 4: block on every case.  Every channel is locked. */
/* The buffered channel whose server woke a select to try again (see
   rt_selectgo), and on which side. */
struct selwake {
    struct gochan_chan *c;
    bool isrecv;
};

static NOINLINE int selblock(struct gochan_select_case *cases,
                             const uint16_t *lockorder, int n,
                             rt_sudog *heapw, int64_t deadline,
                             struct selwake *wake)
{
    rt_g *gp = rt_getg();
    rt_sudog stackw[SELECT_STACK];
    rt_sudog *ws = heapw != NULL ? heapw : stackw;
    uint32_t claim = RT_CLAIM_WAITING;

    gp->param = NULL;
    struct gochan_chan *last = NULL;
    for (int i = 0; i < n; i++) {
        int k = lockorder[i];
        struct gochan_select_case *cas = &cases[k];
        struct gochan_chan *c = cas->chan;
        rt_sudog *w = &ws[i];
        w->g = gp;
        w->elem = cas->elem;
        w->c = c;
        w->claim = &claim;
        w->success = false;
        w->isrecv = case_isrecv(cas);
        w->freechan = false;
        w->retry = false;
        /* Lock order groups a channel's cases. */
        w->wakerunhold = c != last &&
                         (i + 1 == n || cases[lockorder[i + 1]].chan != c);
        w->casei = k;
        rt_sudogq_push(w->isrecv ? &c->recvq : &c->sendq, w);
        if (c != last) {
            rt_chan_sel_hold(c);
            last = c;
        }
    }

    /* Buffered channels: a last look, now that the records are queued
       (rt_chan_buf_recheck).  A value or room that came meanwhile, or a
       close: take the records back and start over. */
    bool again = false;
    for (int i = 0; i < n && !again; i++) {
        rt_sudog *w = &ws[i];
        if (w->c->cap != 0)
            again = rt_chan_buf_recheck(
                w->c, w->isrecv ? &w->c->recvq : &w->c->sendq, w->isrecv);
    }
    if (again) {
        last = NULL;
        for (int i = 0; i < n; i++) {
            rt_sudog *w = &ws[i];
            rt_sudogq_remove(w->isrecv ? &w->c->recvq : &w->c->sendq, w);
            if (w->c != last) {
                w->freechan = rt_chan_sel_unhold(w->c);
                last = w->c;
            }
        }
        selunlock(cases, lockorder, n);
        for (int i = 0; i < n; i++)
            if (ws[i].freechan)
                rt_chan_free(ws[i].c);
        return SEL_RETRY;
    }

    rt_deadline dl;
    struct selpark sp = { cases, lockorder, n, NULL };
    if (deadline != RT_NO_DEADLINE) {
        rt_deadline_init(&dl, gp, &claim, deadline);
        sp.dl = &dl;
    }
    if (sp.dl == NULL)
        rt_park_direct(selpark_commit, &sp, WAIT_SELECT);  /* unlocks only */
    else
        rt_park(selpark_commit, &sp, WAIT_SELECT);
    if (sp.dl != NULL)
        rt_deadline_disarm(&dl);

    /* Woken: by a waker that popped one record (claim WOKEN, the record
       in gp->param) or by the deadline.  Take the other records off their
       queues and drop the holds, under the locks, in lock order; the
       fired record's channel is skipped altogether when the waker
       dropped its hold (wakerunhold).  ws[i] is lockorder[i]'s record. */
    rt_sudog *fired = NULL;
    if (atomic_load_acq(&claim) == RT_CLAIM_WOKEN)
        fired = gp->param;
    gp->param = NULL;
    struct gochan_chan *skip =
        fired != NULL && fired->wakerunhold ? fired->c : NULL;
    last = NULL;
    for (int i = 0; i < n; i++) {
        struct gochan_chan *c = ws[i].c;
        if (c != last && c != skip)
            rt_lock_acquire(&c->lock);
        last = c;
    }
    last = NULL;
    for (int i = 0; i < n; i++) {
        rt_sudog *w = &ws[i];
        if (w->c == skip)
            continue;
        if (w != fired)
            rt_sudogq_remove(w->isrecv ? &w->c->recvq : &w->c->sendq, w);
        if (w->c != last) {
            w->freechan = rt_chan_sel_unhold(w->c);
            last = w->c;
        }
    }
    /* Unlock in reverse; a channel whose hold we dropped last (orphan) is
       freed only after its lock is released. */
    for (int i = n - 1; i >= 0; i--) {
        struct gochan_chan *c = ws[i].c;
        if (c == skip || (i > 0 && ws[i - 1].c == c))
            continue;
        rt_lock_release(&c->lock);
    }
    for (int i = 0; i < n; i++)
        if (ws[i].freechan)
            rt_chan_free(ws[i].c);

    if (fired == NULL)
        return -ETIMEDOUT;
    if (fired->retry) {
        wake->c = fired->c;     /* a buffered case may be ready */
        wake->isrecv = fired->isrecv;
        return SEL_RETRY;
    }
    int k = fired->casei;
    if (fired->isrecv)
        cases[k].ok = fired->success;
    else if (!fired->success)
        rt_panic_send_closed();
    return k;
}

/* A scratch block of RT_SELMEM_BYTES, or bytes if larger. */
static void *selmem_get(size_t bytes)
{
    if (bytes <= RT_SELMEM_BYTES) {
        rt_p *pp = rt_currentp();
        if (pp != NULL && pp->nselmem > 0)
            return pp->selmem[--pp->nselmem];
        bytes = RT_SELMEM_BYTES;
    }
    void *mem = rt_malloc(bytes);
    if (mem == NULL)
        rt_fatal("out of memory in select");
    return mem;
}

/* Give back selmem_get's block (bytes as asked); NULL is none.  The P
   may not be the one it came from: after a park the G may run on any. */
static void selmem_put(void *mem, size_t bytes)
{
    if (mem == NULL)
        return;
    if (bytes <= RT_SELMEM_BYTES) {
        rt_p *pp = rt_currentp();
        if (pp != NULL && pp->nselmem < RT_SELMEM_KEEP) {
            pp->selmem[pp->nselmem++] = mem;
            return;
        }
    }
    rt_free(mem);
}

/* The general case: returns the index of the case that proceeded, or
   -EAGAIN (!block and none ready) or -ETIMEDOUT. */
static int selectgo(struct gochan_select_case *cases, int n, bool block,
                    int64_t deadline, struct selwake *wake)
{
    if (UNLIKELY(n > SELECT_MAX))
        gochan_panic("select: too many cases (%d)", n);
    uint16_t stackorder[2 * SELECT_STACK];
    uint16_t *order = stackorder;
    rt_sudog *heapw = NULL;
    void *mem = NULL;
    size_t membytes = 0;
    if (n > SELECT_STACK) {
        /* Orders, then (if we may block) the waiter records. */
        size_t ordbytes = ((size_t)2 * n * sizeof(uint16_t) + 15) & ~15ul;
        membytes = ordbytes + (block ? n * sizeof(rt_sudog) : 0);
        mem = selmem_get(membytes);
        order = mem;
        if (block)
            heapw = (rt_sudog *)((char *)mem + ordbytes);
    }
    uint16_t *pollorder = order, *lockorder = order + n;
    int rc;
    int spins = 0;
again:;
    int norder = 0;
    for (int i = 0; i < n; i++) {
        struct gochan_select_case *cas = &cases[i];
        if (UNLIKELY(cas->dir != GOCHAN_SELECT_RECV &&
                     cas->dir != GOCHAN_SELECT_SEND))
            bad_case(cas->dir);
        if (cas->chan == NULL)
            continue;
        rt_chan_check(cas->chan, "select");
        if (UNLIKELY(cas->elem == NULL) && cas->dir == GOCHAN_SELECT_SEND &&
            cas->chan->elemsize != 0)
            rt_panic_nil_elem("select");
        /* Inside-out Fisher-Yates; the first case needs no draw. */
        int j = norder == 0 ? 0 : (int)rt_fastrandn((uint32_t)norder + 1);
        pollorder[norder] = pollorder[j];
        pollorder[j] = (uint16_t)i;
        norder++;
    }
    if (norder == 0) {
        selmem_put(mem, membytes);
        if (!block)
            return -EAGAIN;
        if (deadline != RT_NO_DEADLINE)
            return rt_block_until(deadline, WAIT_SELECT);
        rt_block_forever(n == 0 ? WAIT_SELECT_NOCASES : WAIT_SELECT);
    }
    sort_lockorder(cases, pollorder, lockorder, norder);
    sellock(cases, lockorder, norder);

    rt_sudog *w;
    rt_sudogq *serve = NULL;    /* a buffered put or get done: its waiters */
    struct gochan_chan *servec = NULL;
    for (int i = 0; i < norder; i++) {
        int k = pollorder[i];
        struct gochan_select_case *cas = &cases[k];
        struct gochan_chan *c = cas->chan;
        if (case_isrecv(cas)) {
            if (c->cap != 0) {
                if (rt_chan_buf_tryget(c, cas->elem) == RT_BUF_OK) {
                    cas->ok = true;
                    serve = &c->sendq;
                    servec = c;
                    rc = k;
                    goto unlock;
                }
            } else if ((w = rt_sudogq_pop(&c->sendq)) != NULL) {
                rt_chan_recv_direct(c, w, cas->elem);
                cas->ok = true;
                goto ready;
            }
            if (c->closed &&
                (c->cap == 0 || rt_chan_buf_count(c) == 0)) {
                selunlock(cases, lockorder, norder);
                if (cas->elem != NULL)
                    rt_elem_zero(cas->elem, c->elemsize);
                cas->ok = false;
                selmem_put(mem, membytes);
                return k;
            }
        } else {
            if (c->closed) {
                selunlock(cases, lockorder, norder);
                rt_panic_send_closed();
            }
            if (c->cap != 0) {
                if (rt_chan_buf_tryput(c, cas->elem) == RT_BUF_OK) {
                    serve = &c->recvq;
                    servec = c;
                    rc = k;
                    goto unlock;
                }
            } else if ((w = rt_sudogq_pop(&c->recvq)) != NULL) {
                rt_chan_send_direct(c, w, cas->elem);
                goto ready;
            }
        }
        continue;
    ready: {
        rt_g *gp = w->g;
        selunlock(cases, lockorder, norder);
        rt_ready(gp);
        selmem_put(mem, membytes);
        return k;
    }
    }

    if (!block) {
        rc = -EAGAIN;
        goto unlock;
    }
    rc = selblock(cases, lockorder, norder, heapw, deadline, wake);
    if (rc == SEL_RETRY) {
        rt_chan_backoff(&spins);    /* rarely more than once */
        goto again;
    }
    selmem_put(mem, membytes);
    return rc;

unlock:
    selunlock(cases, lockorder, norder);
    if (serve != NULL)
        rt_chan_buf_served(servec, serve);
    selmem_put(mem, membytes);
    return rc;
}

/* A buffered channel's server that wakes a select to try again counts
   on it for one value (or one slot of room) it leaves to the select,
   not to the waiters queued behind (rt_chan_serve).  If the select then
   ends another way (another case, the deadline) and the value is still
   there, it is for them: serve them, as the put or get that brought it
   would have. */
static int rt_selectgo(struct gochan_select_case *cases, int n, bool block,
                       int64_t deadline)
{
    struct selwake wake = { NULL, false };
    int rc = selectgo(cases, n, block, deadline, &wake);
    if (wake.c != NULL)
        rt_chan_buf_served(wake.c, wake.isrecv ? &wake.c->recvq
                                               : &wake.c->sendq);
    return rc;
}

/* One case, as a plain channel operation. */
static inline int select1(struct gochan_select_case *cas, bool block,
                          int64_t deadline)
{
    int rc;
    if (cas->dir == GOCHAN_SELECT_RECV) {
        rc = rt_chanrecv(cas->chan, cas->elem, block, deadline);
        if (rc == 0 || rc == -EPIPE) {
            cas->ok = rc == 0;
            return 0;
        }
        return rc;
    }
    if (UNLIKELY(cas->dir != GOCHAN_SELECT_SEND))
        bad_case(cas->dir);
    return rt_chansend(cas->chan, cas->elem, block, deadline);
}

static inline int selectn(struct gochan_select_case *cases, int n,
                          bool block, int64_t deadline)
{
    if (UNLIKELY(cases == NULL) && n > 0)
        gochan_panic("select: nil cases array with %d cases", n);
    if (n == 1)
        return select1(cases, block, deadline);
    if (UNLIKELY(n < 0))
        gochan_panic("select: negative number of cases (%d)", n);
    return rt_selectgo(cases, n, block, deadline);
}

EXPORT int __gochan_select(struct gochan_select_case *cases, int n,
                           int has_default)
{
    if (has_default) {
        int rc = selectn(cases, n, false, RT_NO_DEADLINE);
        return rc >= 0 ? rc : -1;
    }
    return selectn(cases, n, true, RT_NO_DEADLINE);
}

EXPORT int gochan_select(gochan_select_case *cases, int n)
{
    return selectn(cases, n, true, RT_NO_DEADLINE);
}

EXPORT int gochan_select_try(gochan_select_case *cases, int n)
{
    return selectn(cases, n, false, RT_NO_DEADLINE);
}

EXPORT int gochan_select_until(gochan_select_case *cases, int n,
                               int64_t deadline)
{
    return selectn(cases, n, true, deadline);
}
