/* SPDX-License-Identifier: MIT */
/*
 * chan.c: channels, after Go's chan.go; waiter records, deadlines.
 *
 * See chan.h for the data structure, its invariants and the waiter-record
 * protocol.  The operations:
 *
 *   send: closed -> panic.  Unbuffered, under c->lock: a receiver waiting
 *         -> copy the value straight into its target and ready it (direct
 *         hand-off).  Else block on sendq with a record pointing at the
 *         value, which the receiver that takes it copies out of our
 *         frame.  Buffered: put the value in the ring (lock-free), then
 *         serve any receivers waiting; full -> block on sendq (the
 *         receiver that makes room puts our value in for us).
 *   recv: unbuffered, under c->lock: closed -> zero value, -EPIPE.  A
 *         sender waiting -> copy from it.  Else block on recvq with a
 *         record pointing at our target.  Buffered: take the head of the
 *         ring (lock-free), then serve any senders waiting; empty and
 *         closed -> zero value, -EPIPE; empty -> block on recvq (the
 *         sender of the next value copies it into our target).
 *   close: under c->lock, mark closed, pop every waiter (unbuffered
 *         receivers get the zero value and success = false, buffered ones
 *         try again, to drain the buffer first; senders success = false
 *         and panic when they run), release the lock, then ready them all.
 *
 * Never ready a goroutine while holding c->lock: it could run on another
 * M and come back to this channel at once, and rt_ready may take
 * sched.lock.  Waiters pop in FIFO order.
 *
 * Stacks: these functions run on goroutines' small first stacks and must
 * not call libc (internal.h): elements are copied with rt_elem_copy,
 * memory comes from rt_malloc, the clock is read only on the scheduler
 * stack (in the park commit, for deadlines).  Blocking paths live in
 * separate non-inlined functions, so the fast paths keep small frames.
 *
 * Deadlines: a deadline of INT64_MAX means none (no timer at all).
 */
#include "chan.h"
#include <gochan/sched.h>
#include <errno.h>

#define NO_DEADLINE RT_NO_DEADLINE

/* ---- deadlines --------------------------------------------------------- */

/* Runs on a scheduler stack when the deadline passes. */
static void deadline_fire(void *arg, int64_t now)
{
    (void)now;
    rt_deadline *d = arg;
    rt_g *gp = d->g;
    uint32_t want = RT_CLAIM_WAITING;
    bool won = atomic_cas(d->claim, &want, RT_CLAIM_TIMEDOUT);
    /* Last access to d: the goroutine may leave its frame after this. */
    atomic_store_rel(&d->done, 1);
    if (won)
        rt_ready(gp);
}

void rt_deadline_init(rt_deadline *d, rt_g *gp, uint32_t *claim,
                      int64_t when)
{
    d->t.when = when;
    d->t.period = 0;
    d->t.fn = deadline_fire;
    d->t.arg = d;
    d->t.pp = NULL;
    d->t.idx = 0;
    d->when = when;
    d->g = gp;
    d->claim = claim;
    d->armed = false;
    d->done = 0;
}

bool rt_deadline_arm(rt_deadline *d)
{
    if (d->when <= rt_nanotime()) {
        atomic_store_rel(d->claim, RT_CLAIM_TIMEDOUT);
        return false;
    }
    /* Once added, the timer may fire and the goroutine run and leave at
       once (when no lock holds it back): d is not touched after. */
    d->armed = true;
    if (rt_timer_add(&d->t) != 0)
        rt_fatal("out of memory adding a timer");
    return true;
}

void rt_deadline_disarm(rt_deadline *d)
{
    if (!d->armed || rt_timer_del(&d->t))
        return;
    /* Fired: its function may still be running on another M. */
    for (int i = 0; !atomic_load_acq(&d->done); i++) {
        if (i < 1000)
            cpu_relax();
        else
            gochan_yield();
    }
}

bool rt_park_locks_commit(rt_g *gp, void *arg)
{
    (void)gp;
    struct rt_park_locks *pl = arg;
    /* pl lives in the goroutine's frame, which may vanish as soon as the
       deadline is armed (with no lock to hold the goroutine back) or the
       last lock is released: read it all first. */
    rt_lock *one = pl->lock;
    int n = pl->n;
    rt_lock **locks = pl->locks;
    bool park = true;
    if (pl->dl != NULL)
        park = rt_deadline_arm(pl->dl);
    for (int i = n - 1; i >= 0; i--)
        rt_lock_release(locks[i]);
    if (one != NULL)
        rt_lock_release(one);
    return park;
}

/* ---- blocking forever -------------------------------------------------- */

NORETURN void rt_block_forever(uint32_t reason)
{
    rt_park(NULL, NULL, reason);
    rt_throw("a goroutine blocked forever was woken");
}

/* Sleep until deadline (a nil channel with a deadline). */
NOINLINE int rt_block_until(int64_t deadline, uint32_t reason)
{
    rt_g *gp = rt_getg();
    uint32_t claim = RT_CLAIM_WAITING;
    rt_deadline dl;
    rt_deadline_init(&dl, gp, &claim, deadline);
    struct rt_park_locks pl = { NULL, NULL, 0, &dl };
    rt_park(rt_park_locks_commit, &pl, reason);
    rt_deadline_disarm(&dl);
    return -ETIMEDOUT;
}

/* ---- panics ------------------------------------------------------------ */

NORETURN NOINLINE void rt_panic_send_closed(void)
{
    gochan_panic("send on closed channel");
}

NORETURN NOINLINE void rt_panic_chan_dead(const char *what)
{
    gochan_panic("%s: use of a released channel (its last reference was "
                 "dropped) or of a pointer that is not a channel", what);
}

NORETURN NOINLINE void rt_panic_nil_elem(const char *what)
{
    gochan_panic("%s: nil element pointer for a channel of non-zero element "
                 "size", what);
}

/* ---- making and freeing ----------------------------------------------- */

EXPORT gochan_chan *gochan_chan_make(size_t elemsize, size_t elemalign,
                                     size_t cap)
{
    if (elemalign == 0)
        elemalign = _Alignof(max_align_t);
    if ((elemalign & (elemalign - 1)) != 0)
        gochan_panic("gochan_chan_make: alignment %zu is not a power of two",
                     elemalign);
    /* A buffered channel's cells: the sequence word, then the element at
       the first multiple of its alignment, the whole rounded up to both
       alignments. */
    size_t elemoff = 0, stride = elemsize, bytes = 0;
    if (cap != 0) {
        if (elemalign < _Alignof(uint64_t))
            elemalign = _Alignof(uint64_t);
        elemoff = (sizeof(uint64_t) + elemalign - 1) & ~(elemalign - 1);
        stride = (elemoff + elemsize + elemalign - 1) & ~(elemalign - 1);
        if (elemsize > ((size_t)1 << 47) || stride < elemsize ||
            cap > RT_CHAN_MAXCAP ||
            __builtin_mul_overflow(stride, cap, &bytes) ||
            bytes > ((size_t)1 << 47))
            gochan_panic("makechan: size out of range");
    }
    /* The buffer starts at the first multiple of elemalign after the
       header: room for that rounding (the header's size need not be a
       multiple of anything), plus elemalign more when malloc's own
       alignment is smaller. */
    size_t hdr = (sizeof(struct gochan_chan) + elemalign - 1) & ~(elemalign - 1);
    size_t pad = elemalign > _Alignof(max_align_t) ? elemalign : 0;
    struct gochan_chan *c = rt_malloc(hdr + pad + bytes);
    if (c == NULL)
        return NULL;
    rt_lock init = RT_LOCK_INIT;
    c->lock = init;
    c->closed = 0;
    c->sendpos = 0;
    c->recvpos = 0;
    c->recvq.first = c->recvq.last = NULL;
    c->sendq.first = c->sendq.last = NULL;
    c->cap = cap;
    c->elemsize = elemsize;
    c->stride = stride;
    c->elemoff = elemoff;
    uintptr_t b = (uintptr_t)(c + 1);
    b = (b + elemalign - 1) & ~(uintptr_t)(elemalign - 1);
    c->buf = (char *)b;
    for (size_t i = 0; i < cap; i++)      /* cell i is free for position i */
        *(uint64_t *)(c->buf + i * stride) = i;
    c->nhold = 0;
    c->orphan = false;
    c->refs = 1;
    c->magic = RT_CHAN_LIVE;
    return c;
}

EXPORT gochan_chan *gochan_chan_retain(gochan_chan *c)
{
    if (c != NULL) {
        rt_chan_check(c, "gochan_chan_retain");
        atomic_xadd(&c->refs, 1);
    }
    return c;
}

/* Frees c (no reference, no hold left).  Debug builds keep the memory,
   marked dead, so that every later use is caught. */
void rt_chan_free(struct gochan_chan *c)
{
    atomic_store_relaxed(&c->magic, RT_CHAN_DEAD);
    if (!RT_DEBUG)
        rt_free(c);
}

void rt_chan_unhold(struct gochan_chan *c)
{
    uint32_t old = atomic_xadd(&c->refs, (uint32_t)-1);
    if (old == 1) {
        /* Nobody can reach c but blocked selects (see chan.h). */
        rt_lock_acquire(&c->lock);
        atomic_store_relaxed(&c->magic, RT_CHAN_DEAD);
        bool now = c->nhold == 0;
        if (!now)
            c->orphan = true;
        rt_lock_release(&c->lock);
        if (now)
            rt_chan_free(c);
    } else if (UNLIKELY(old == 0)) {
        gochan_panic("gochan_chan_release: channel released too many "
                     "times");
    }
}

EXPORT void gochan_chan_release(gochan_chan *c)
{
    if (c != NULL) {
        rt_chan_check(c, "gochan_chan_release");
        rt_chan_unhold(c);
    }
}

EXPORT size_t gochan_chan_len(gochan_chan *c)
{
    if (c == NULL)
        return 0;
    rt_chan_check(c, "gochan_chan_len");
    return c->cap != 0 ? rt_chan_buf_count(c) : 0;
}

EXPORT size_t gochan_chan_cap(gochan_chan *c)
{
    if (c == NULL)
        return 0;
    rt_chan_check(c, "gochan_chan_cap");
    return c->cap;
}

/* ---- send and receive -------------------------------------------------- */

/* Whether a send would block / a receive would block on an unbuffered
   channel, read without the lock (the non-blocking fast paths; Go's
   full() and empty()). */
static inline bool chan_full(struct gochan_chan *c)
{
    return atomic_load_relaxed(&c->recvq.first) == NULL;
}

static inline bool chan_empty(struct gochan_chan *c)
{
    return atomic_load_relaxed(&c->sendq.first) == NULL;
}

/* chan_block's answer when a buffered channel's operation is to be tried
   again (not an errno). */
#define RETRY 1

/* A buffered channel's waiter, its record on q (c->lock held), checks
   once more, after a sequentially consistent read-modify-write of
   q->first, whether it would still block: this pairs with the CAS of a
   put or get and its check of the queue (rt_chan_buf_served), so that
   either that side sees the record, or this one sees the value or the
   room (Buffered channels in chan.h). */
bool rt_chan_buf_recheck(struct gochan_chan *c, rt_sudogq *q, bool isrecv)
{
    (void)__atomic_exchange_n(&q->first, q->first, __ATOMIC_SEQ_CST);
    if (rt_chan_buf_closed(c))
        return true;
    size_t n = rt_chan_buf_count(c);
    return isrecv ? n > 0 : n < c->cap;
}

/* Block on c (lock held) until a partner takes or gives the value, the
   channel is closed, or the deadline passes (buffered channels: or the
   operation is worth trying again, RETRY).  Releases c->lock. */
static NOINLINE int chan_block(struct gochan_chan *c, void *elem,
                               bool isrecv, int64_t deadline)
{
    rt_g *gp = rt_getg();
    rt_sudogq *q = isrecv ? &c->recvq : &c->sendq;
    uint32_t reason = isrecv ? WAIT_CHAN_RECV : WAIT_CHAN_SEND;
    rt_sudog w;
    w.g = gp;
    w.elem = elem;
    w.c = c;
    w.claim = NULL;
    w.success = false;
    w.isrecv = isrecv;
    w.freechan = false;
    w.wakerunhold = false;
    w.retry = false;
    w.casei = 0;
    if (deadline == NO_DEADLINE) {
        /* No hold: once queued, only a waker that pops us touches the
           record, and we never touch c again (see Lifetime in chan.h). */
        rt_sudogq_push(q, &w);
        if (c->cap != 0 && rt_chan_buf_recheck(c, q, isrecv)) {
            rt_sudogq_remove(q, &w);
            rt_lock_release(&c->lock);
            return RETRY;
        }
        rt_park_direct(rt_park_unlock_commit, &c->lock, reason);
        if (w.retry)
            return RETRY;
        if (w.success)
            return 0;
        if (!isrecv)
            rt_panic_send_closed();
        return -EPIPE;
    } else {
        uint32_t claim = RT_CLAIM_WAITING;
        w.claim = &claim;
        rt_sudogq_push(q, &w);
        if (c->cap != 0 && rt_chan_buf_recheck(c, q, isrecv)) {
            rt_sudogq_remove(q, &w);
            rt_lock_release(&c->lock);
            return RETRY;
        }
        rt_chan_hold(c);
        rt_deadline dl;
        rt_deadline_init(&dl, gp, &claim, deadline);
        struct rt_park_locks pl = { &c->lock, NULL, 0, &dl };
        rt_park(rt_park_locks_commit, &pl, reason);
        rt_deadline_disarm(&dl);
        if (atomic_load_acq(&claim) == RT_CLAIM_TIMEDOUT) {
            rt_lock_acquire(&c->lock);
            rt_sudogq_remove(q, &w);
            rt_lock_release(&c->lock);
            rt_chan_unhold(c);
            return -ETIMEDOUT;
        }
    }
    bool ok = w.success, retry = w.retry;
    rt_chan_unhold(c);
    if (retry)
        return RETRY;
    if (ok)
        return 0;
    if (!isrecv)
        rt_panic_send_closed();
    return -EPIPE;
}

/* ---- buffered channels ------------------------------------------------ */

/* Values in the buffer (for receivers) or room (for senders). */
static inline size_t buf_avail(struct gochan_chan *c, bool forrecv)
{
    size_t n = rt_chan_buf_count(c);
    return forrecv ? n : c->cap - n;
}

/* One side of rt_chan_serve: serve q's waiters (receivers if isrecv)
   while the buffer has what they wait for beyond *rsv, the part left to
   those woken to try again; append them to *tailp.  True if any was. */
static bool serve_side(struct gochan_chan *c, bool isrecv, size_t *rsv,
                       rt_sudog ***tailp)
{
    rt_sudogq *q = isrecv ? &c->recvq : &c->sendq;
    bool served = false;
    while (!rt_sudogq_empty(q) && buf_avail(c, isrecv) > *rsv) {
        rt_sudog *w = rt_sudogq_pop(q);
        if (w == NULL)
            break;
        if (w->claim == NULL) {
            /* Never RT_BUF_CLOSED: closing pops every waiter under the
               lock we hold. */
            int r, spins = 0;
            while ((r = isrecv ? rt_chan_buf_tryget(c, w->elem)
                               : rt_chan_buf_tryput(c, w->elem)) ==
                       RT_BUF_NO &&
                   buf_avail(c, isrecv) > *rsv)
                rt_chan_backoff(&spins);
            if (r != RT_BUF_OK) {
                rt_sudogq_push_front(q, w);
                break;
            }
            w->success = true;
        } else {
            w->retry = true;
            ++*rsv;
        }
        w->g->param = w;
        **tailp = w;
        *tailp = &w->next;
        served = true;
    }
    return served;
}

/* Serve c's waiters after a put or a get (rt_chan_buf_served), under
   c->lock: hand the values in the buffer to the receivers waiting, the
   room to the senders waiting, oldest first, as long as there is any.  A
   plain waiter is served at once: its value taken or put for it, and it
   wakes with the operation done, so blocked senders' values go in, and
   blocked receivers get theirs, in the order they blocked (Go's).  A
   waiter with a claim word (a select, a deadline) cannot be served that
   way (its claim, once won, cannot be given back if the value is gone):
   it wakes to try again (w->retry), and counts against the values or
   room left for the others.  A cell still being copied by another
   thread is waited for.  Lock not held on entry. */
NOINLINE void rt_chan_serve(struct gochan_chan *c)
{
    rt_sudog *list = NULL, **tail = &list;
    size_t rsv_recv = 0, rsv_send = 0;     /* retried: values, room */
    rt_lock_acquire(&c->lock);
    /* A value handed to a receiver makes room, a sender's value put in
       makes a value: go round until neither side moves. */
    for (bool progress = true; progress;) {
        progress = serve_side(c, true, &rsv_recv, &tail);
        progress |= serve_side(c, false, &rsv_send, &tail);
    }
    *tail = NULL;
    rt_lock_release(&c->lock);
    while (list != NULL) {
        rt_sudog *w = list;
        list = w->next;
        rt_ready(w->g);
    }
}

/* Closed and drained (no value left, none being copied in). */
static inline bool buf_closed_empty(struct gochan_chan *c)
{
    uint64_t s = __atomic_load_n(&c->sendpos, __ATOMIC_SEQ_CST);
    return (s & RT_POS_CLOSED) &&
           (s & RT_POS_MASK) == __atomic_load_n(&c->recvpos, __ATOMIC_SEQ_CST);
}

/* The rest of a buffered send: the buffer was full, or senders wait. */
static NOINLINE int bufsend_slow(struct gochan_chan *c, const void *elem,
                                 bool block, int64_t deadline)
{
    for (int spins = 0, tried = 0;;) {
        /* Behind blocked senders, queue: their values go first.  But
           when queueing found room after all (RETRY), take it: the
           records ahead may be a select's already woken elsewhere, whose
           goroutine may need this one's P to take them away.  A send
           that would not block anyway takes any room there is. */
        if (tried || !block || rt_sudogq_empty(&c->sendq)) {
            int r = rt_chan_buf_tryput(c, elem);
            if (r == RT_BUF_OK) {
                rt_chan_buf_served(c, &c->recvq);
                return 0;
            }
            if (r == RT_BUF_CLOSED)
                rt_panic_send_closed();
            if (rt_chan_buf_count(c) < c->cap) {
                rt_chan_backoff(&spins);    /* a cell being emptied */
                continue;
            }
        }
        if (!block)
            return -EAGAIN;
        rt_lock_acquire(&c->lock);
        if (UNLIKELY(c->closed)) {
            rt_lock_release(&c->lock);
            rt_panic_send_closed();
        }
        int rc = chan_block(c, (void *)elem, false, deadline);
        if (rc != RETRY)
            return rc;
        spins = 0;
        tried = 1;
    }
}

/* The rest of a buffered receive: the buffer was empty, or receivers
   wait. */
static NOINLINE int bufrecv_slow(struct gochan_chan *c, void *elem,
                                 bool block, int64_t deadline)
{
    for (int spins = 0;;) {
        if (rt_chan_buf_tryget(c, elem) == RT_BUF_OK) {
            rt_chan_buf_served(c, &c->sendq);
            return 0;
        }
        if (buf_closed_empty(c)) {
            if (elem != NULL)
                rt_elem_zero(elem, c->elemsize);
            return -EPIPE;
        }
        if (rt_chan_buf_count(c) > 0) {
            rt_chan_backoff(&spins);        /* a cell being filled */
            continue;
        }
        if (!block)
            return -EAGAIN;
        rt_lock_acquire(&c->lock);
        int rc = chan_block(c, elem, true, deadline);
        if (rc != RETRY)
            return rc;
        spins = 0;
    }
}

/* ---- send and receive -------------------------------------------------- */

__attribute__((always_inline)) static inline int
chansend(struct gochan_chan *c, const void *elem, bool block,
         int64_t deadline, const char *what)
{
    if (UNLIKELY(c == NULL)) {
        if (!block)
            return -EAGAIN;
        if (deadline != NO_DEADLINE)
            return rt_block_until(deadline, WAIT_NIL_CHAN);
        rt_block_forever(WAIT_NIL_CHAN);
    }
    rt_chan_check(c, what);
    if (UNLIKELY(elem == NULL) && c->elemsize != 0)
        rt_panic_nil_elem(what);
    if (c->cap != 0) {
        /* Lock-free unless someone waits. */
        if (LIKELY(rt_sudogq_empty(&c->sendq))) {
            int r = rt_chan_buf_tryput(c, elem);
            if (LIKELY(r == RT_BUF_OK)) {
                rt_chan_buf_served(c, &c->recvq);
                return 0;
            }
            if (r == RT_BUF_CLOSED)
                rt_panic_send_closed();
        }
        return bufsend_slow(c, elem, block, deadline);
    }
    if (!block && !atomic_load_relaxed(&c->closed) && chan_full(c))
        return -EAGAIN;

    rt_lock_acquire(&c->lock);
    if (UNLIKELY(c->closed)) {
        rt_lock_release(&c->lock);
        rt_panic_send_closed();
    }
    rt_sudog *w = rt_sudogq_pop(&c->recvq);
    if (w != NULL) {
        rt_chan_send_direct(c, w, elem);
        rt_g *gp = w->g;
        rt_lock_release(&c->lock);
        rt_ready(gp);
        return 0;
    }
    if (!block) {
        rt_lock_release(&c->lock);
        return -EAGAIN;
    }
    return chan_block(c, (void *)elem, false, deadline);
}

__attribute__((always_inline)) static inline int
chanrecv(struct gochan_chan *c, void *elem, bool block, int64_t deadline,
         const char *what)
{
    if (UNLIKELY(c == NULL)) {
        if (!block)
            return -EAGAIN;
        if (deadline != NO_DEADLINE)
            return rt_block_until(deadline, WAIT_NIL_CHAN_RECV);
        rt_block_forever(WAIT_NIL_CHAN_RECV);
    }
    rt_chan_check(c, what);
    if (c->cap != 0) {
        if (LIKELY(rt_sudogq_empty(&c->recvq)) &&
            LIKELY(rt_chan_buf_tryget(c, elem) == RT_BUF_OK)) {
            rt_chan_buf_served(c, &c->sendq);
            return 0;
        }
        return bufrecv_slow(c, elem, block, deadline);
    }
    if (!block && chan_empty(c)) {
        /* Closed is checked after empty: once closed no value can arrive,
           so a second empty check settles it (Go's chanrecv). */
        if (!atomic_load_acq(&c->closed))
            return -EAGAIN;
        if (chan_empty(c)) {
            if (elem != NULL)
                rt_elem_zero(elem, c->elemsize);
            return -EPIPE;
        }
    }

    rt_lock_acquire(&c->lock);
    if (c->closed) {
        rt_lock_release(&c->lock);
        if (elem != NULL)
            rt_elem_zero(elem, c->elemsize);
        return -EPIPE;
    }
    rt_sudog *w = rt_sudogq_pop(&c->sendq);
    if (w != NULL) {
        rt_chan_recv_direct(c, w, elem);
        rt_g *gp = w->g;
        rt_lock_release(&c->lock);
        rt_ready(gp);
        return 0;
    }
    if (!block) {
        rt_lock_release(&c->lock);
        return -EAGAIN;
    }
    return chan_block(c, elem, true, deadline);
}

/* Out-of-line copies for select.c. */
int rt_chansend(struct gochan_chan *c, const void *elem, bool block,
                int64_t deadline)
{
    return chansend(c, elem, block, deadline, "select");
}

int rt_chanrecv(struct gochan_chan *c, void *elem, bool block,
                int64_t deadline)
{
    return chanrecv(c, elem, block, deadline, "select");
}

EXPORT int gochan_chan_send(gochan_chan *c, const void *elem)
{
    return chansend(c, elem, true, NO_DEADLINE, "gochan_chan_send");
}

EXPORT int gochan_chan_recv(gochan_chan *c, void *elem)
{
    return chanrecv(c, elem, true, NO_DEADLINE, "gochan_chan_recv");
}

EXPORT int gochan_chan_trysend(gochan_chan *c, const void *elem)
{
    return chansend(c, elem, false, NO_DEADLINE, "gochan_chan_trysend");
}

EXPORT int gochan_chan_tryrecv(gochan_chan *c, void *elem)
{
    return chanrecv(c, elem, false, NO_DEADLINE, "gochan_chan_tryrecv");
}

EXPORT int gochan_chan_send_until(gochan_chan *c, const void *elem,
                                  int64_t deadline)
{
    return chansend(c, elem, true, deadline, "gochan_chan_send_until");
}

EXPORT int gochan_chan_recv_until(gochan_chan *c, void *elem,
                                  int64_t deadline)
{
    return chanrecv(c, elem, true, deadline, "gochan_chan_recv_until");
}

/* ---- close ------------------------------------------------------------- */

EXPORT void gochan_chan_close(gochan_chan *c)
{
    if (c == NULL)
        gochan_panic("close of nil channel");
    rt_chan_check(c, "gochan_chan_close");
    rt_lock_acquire(&c->lock);
    if (c->closed) {
        rt_lock_release(&c->lock);
        gochan_panic("close of closed channel");
    }
    atomic_store_rel(&c->closed, 1);
    /* No position claimed after this; values already in (or being
       copied in) are still received. */
    if (c->cap != 0)
        __atomic_fetch_or(&c->sendpos, RT_POS_CLOSED, __ATOMIC_SEQ_CST);

    /* Pop every waiter, chaining them through next (free once popped).
       A buffered channel's receivers try again: they drain what is left
       first. */
    rt_sudog *list = NULL, **tail = &list;
    rt_sudog *w;
    while ((w = rt_sudogq_pop(&c->recvq)) != NULL) {
        if (c->cap != 0)
            w->retry = true;
        else if (w->elem != NULL)
            rt_elem_zero(w->elem, c->elemsize);
        w->success = false;
        w->g->param = w;
        *tail = w;
        tail = &w->next;
    }
    while ((w = rt_sudogq_pop(&c->sendq)) != NULL) {
        w->success = false;
        w->g->param = w;
        *tail = w;
        tail = &w->next;
    }
    *tail = NULL;
    rt_lock_release(&c->lock);

    /* Read each record's link before readying its goroutine: the record
       lives in that goroutine's frame. */
    while (list != NULL) {
        w = list;
        list = w->next;
        rt_ready(w->g);
    }
}
