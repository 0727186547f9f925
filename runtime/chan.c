/* SPDX-License-Identifier: MIT */
/*
 * chan.c: channels, after Go's chan.go; waiter records, deadlines.
 *
 * See chan.h for the data structure, its invariants and the waiter-record
 * protocol.  The operations, each under c->lock:
 *
 *   send: closed -> panic.  A receiver waiting -> copy the value straight
 *         into its target and ready it (direct hand-off; an unbuffered
 *         exchange never touches a buffer).  Room in the buffer -> enqueue
 *         the value.  Else block on sendq with a record pointing at the
 *         value, which the receiver that takes it copies out of our frame.
 *   recv: closed and empty -> zero value, -EPIPE.  A sender waiting ->
 *         unbuffered: copy from it; buffered (the buffer is then full):
 *         take the head of the buffer and put the sender's value at the
 *         tail, so FIFO order holds.  Data in the buffer -> take it.
 *         Else block on recvq with a record pointing at our target.
 *   close: mark closed, pop every waiter (receivers get the zero value and
 *         success = false, senders success = false and panic when they
 *         run), release the lock, then ready them all.
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
    /* Slots are elemsize rounded up to the alignment apart. */
    size_t stride = (elemsize + elemalign - 1) & ~(elemalign - 1);
    size_t bytes;
    if (stride < elemsize || __builtin_mul_overflow(stride, cap, &bytes) ||
        bytes > ((size_t)1 << 47))
        gochan_panic("makechan: size out of range");
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
    c->qcount = 0;
    c->sendx = 0;
    c->recvx = 0;
    c->recvq.first = c->recvq.last = NULL;
    c->sendq.first = c->sendq.last = NULL;
    c->cap = cap;
    c->elemsize = elemsize;
    c->stride = stride;
    uintptr_t b = (uintptr_t)(c + 1);
    b = (b + elemalign - 1) & ~(uintptr_t)(elemalign - 1);
    c->buf = (char *)b;
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
    return atomic_load_relaxed(&c->qcount);
}

EXPORT size_t gochan_chan_cap(gochan_chan *c)
{
    if (c == NULL)
        return 0;
    rt_chan_check(c, "gochan_chan_cap");
    return c->cap;
}

/* ---- send and receive -------------------------------------------------- */

/* Whether a send would block / a receive would block, read without the
   lock (the non-blocking fast paths; Go's full() and empty()). */
static inline bool chan_full(struct gochan_chan *c)
{
    if (c->cap == 0)
        return atomic_load_relaxed(&c->recvq.first) == NULL;
    return atomic_load_relaxed(&c->qcount) == c->cap;
}

static inline bool chan_empty(struct gochan_chan *c)
{
    if (c->cap == 0)
        return atomic_load_relaxed(&c->sendq.first) == NULL;
    return atomic_load_relaxed(&c->qcount) == 0;
}

/* Block on c (lock held) until a partner takes or gives the value, the
   channel is closed, or the deadline passes.  Releases c->lock. */
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
    w.casei = 0;
    if (deadline == NO_DEADLINE) {
        /* No hold: once queued, only a waker that pops us touches the
           record, and we never touch c again (see Lifetime in chan.h). */
        rt_sudogq_push(q, &w);
        rt_park_direct(rt_park_unlock_commit, &c->lock, reason);
        if (w.success)
            return 0;
        if (!isrecv)
            rt_panic_send_closed();
        return -EPIPE;
    } else {
        rt_chan_hold(c);
        uint32_t claim = RT_CLAIM_WAITING;
        w.claim = &claim;
        rt_sudogq_push(q, &w);
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
    bool ok = w.success;
    rt_chan_unhold(c);
    if (ok)
        return 0;
    if (!isrecv)
        rt_panic_send_closed();
    return -EPIPE;
}

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
    if (c->qcount < c->cap) {
        rt_chan_buf_put(c, elem);
        rt_lock_release(&c->lock);
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
    if (c->closed && c->qcount == 0) {
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
    if (c->qcount > 0) {
        rt_chan_buf_get(c, elem);
        rt_lock_release(&c->lock);
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

    /* Pop every waiter, chaining them through next (free once popped). */
    rt_sudog *list = NULL, **tail = &list;
    rt_sudog *w;
    while ((w = rt_sudogq_pop(&c->recvq)) != NULL) {
        if (w->elem != NULL)
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
