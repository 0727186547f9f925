/* SPDX-License-Identifier: MIT */
/*
 * chan.h: channels' internals: the channel, its waiter records (sudogs)
 * and wait queues, and deadlines.  The sudog protocol, with its shared
 * claim word, serves any object whose waiters may be woken by several
 * parties (select over channels, deadline timers); the sync objects have
 * their own records (waiter.h).  The names differ so that both headers
 * can meet in one file.
 *
 * ---- Waiter records (rt_sudog, after Go's sudog) ---------------------
 *
 * A goroutine (or plain thread) that blocks on a channel puts an rt_sudog
 * on one of the channel's wait queues, under the channel's lock, then
 * parks.  The record lives in the blocked goroutine's stack frame:
 * segmented stacks never move, and the frame stays valid while the
 * goroutine is parked.  Whoever wakes the goroutine dequeues the record
 * under the same lock, fills in the result (w->success, the value through
 * w->elem), releases the lock, and only then calls rt_ready(w->g).  Once
 * rt_ready is called the record may vanish: read what you need (w->g, the
 * next record of a list) before.
 *
 * One record, one waker: a record pushed with claim == NULL is woken by
 * whoever dequeues it.  When one blocking operation has several ways to
 * end - the cases of a select, a deadline timer - its records share a
 * claim word (w->claim, in the blocked goroutine's frame,
 * RT_CLAIM_WAITING while it waits).  Every would-be waker CASes it to
 * RT_CLAIM_WOKEN (or RT_CLAIM_TIMEDOUT) and only the winner readies the
 * goroutine: rt_sudogq_pop does that CAS, dropping records whose operation
 * another waker already won.  The loser leaves the record alone; the
 * goroutine, once running again, relocks each channel and takes its other
 * records out with rt_sudogq_remove.  The winning waker also stores the
 * fired record in w->g->param (select reads it).
 *
 * Pattern (l the object's lock, q one of its queues):
 *
 *     sleeper                               waker
 *     -------                               -----
 *     lock(l)                               lock(l)
 *     rt_sudog w = { .g = rt_getg(), ... }  w = rt_sudogq_pop(q)
 *     rt_sudogq_push(q, &w)                 if (w) { w->success = true; }
 *     rt_park(rt_park_unlock_commit, l, R)  unlock(l)
 *     ... w.success says why we woke       if (w) rt_ready(w->g)
 *
 * Deadlines (rt_deadline): a timer that races with the wakers through the
 * claim word.  It is armed by the park commit (on the scheduler stack,
 * after the goroutine is switched out, so the timer can never ready a
 * goroutine that is still running) and disarmed by the goroutine after it
 * wakes, which also waits for a timer function already running to finish
 * touching the record.  rt_park_locks_commit does the arming.
 *
 * ---- Channels --------------------------------------------------------
 *
 * Go's algorithm (chan.go): a ring buffer of cap elements, a queue of
 * blocked receivers and one of blocked senders, a closed flag, all under
 * c->lock.  Invariants (under c->lock):
 *   - recvq holds live waiters only while the buffer is empty, sendq
 *     only while it is full; an unbuffered channel (cap 0, always both
 *     empty and full) never has live waiters in both queues at once,
 *     except for one select's own records on either side;
 *   - a closed channel has no live waiters.
 * "Live" because a select's record stays queued until its goroutine
 * removes it, after another case already fired.
 *
 * Lifetime: two counts keep a channel alive.  c->refs (atomic) counts
 * references (gochan_chan_make's, retains) plus one per goroutine blocked
 * with a deadline on the channel; c->nhold (under c->lock) counts the
 * selects blocked on it.  Both kinds of waiter touch the channel again
 * after they wake, to take their records off its queues; a select does so
 * under the lock anyway, so its hold costs no atomic.  A select woken
 * through a channel that appears in only one of its cases has nothing
 * left on that channel: the waker, which popped the record under the
 * lock, drops that hold for it (w->wakerunhold), and the select does not
 * lock that channel again (one lock round trip less per select that
 * blocks).  The waker holds a reference, so its drop never frees.  When refs drops to
 * 0 the channel is freed at once if nhold is 0, else marked orphan and
 * freed by the select that drops nhold to 0 (after releasing the lock).
 * A goroutine blocked in a plain send or receive holds nothing: only a
 * waker that pops its record can end its wait, and a waker holds a
 * reference; when nobody holds one it is blocked forever (leaked, as in
 * Go) and its record is never looked at again.
 *
 * Locking: c->lock protects everything but refs (atomic) and cap,
 * elemsize, stride and buf (immutable).  qcount and closed are also read
 * without the lock by the non-blocking fast paths and by gochan_chan_len,
 * so they are written with atomic stores.
 */
#ifndef GOCHAN_RT_CHAN_H
#define GOCHAN_RT_CHAN_H

#include "proc.h"
#include "timer.h"
#include <gochan/chan.h>

/* ---- sudogs and their queues ----------------------------------------- */

enum {
    RT_CLAIM_WAITING = 0,   /* nobody has woken the operation yet */
    RT_CLAIM_WOKEN = 1,     /* a waker won: it will ready the goroutine */
    RT_CLAIM_TIMEDOUT = 2,  /* the deadline won */
};

typedef struct rt_sudog rt_sudog;
struct rt_sudog {
    rt_g *g;                /* who waits */
    rt_sudog *next, *prev;  /* queue links; both NULL when not queued
                               (prev NULL also for the first) */
    void *elem;             /* channels: the receiver's target (NULL: drop)
                               or the sender's value; others: free use */
    struct gochan_chan *c;  /* the channel waited on (select: the case's) */
    uint32_t *claim;        /* shared claim word, or NULL (see above) */
    bool success;           /* set by the waker: true the operation
                               completed, false woken by close */
    bool isrecv;            /* select: a receive case */
    bool freechan;          /* select: free c after unlocking (its last
                               hold, on an orphan channel) */
    bool wakerunhold;       /* select: c is in no other case, so whoever
                               pops this record drops the select's hold
                               on c (rt_sudogq_pop), and the select, once
                               woken by it, need not lock c again */
    int casei;              /* select: index of the case */
};

typedef struct rt_sudogq {
    rt_sudog *first, *last;
} rt_sudogq;

/* rt_sudogq_push appends w (w->g, w->claim set).  Caller holds the lock
   protecting q. */
static inline void rt_sudogq_push(rt_sudogq *q, rt_sudog *w)
{
    w->next = NULL;
    w->prev = q->last;
    if (q->last != NULL)
        q->last->next = w;
    else
        atomic_store_relaxed(&q->first, w);  /* peeked without the lock */
    q->last = w;
}

static inline void rt_chan_waker_unhold(struct gochan_chan *c);

/* rt_sudogq_pop removes and returns the first waiter it can claim (one
   whose claim word is NULL, or whose CAS from RT_CLAIM_WAITING to
   RT_CLAIM_WOKEN succeeds), or NULL.  Records whose operation was already
   won elsewhere are dropped on the way.  Caller holds the lock protecting
   q, and must rt_ready(w->g) after releasing it. */
static inline rt_sudog *rt_sudogq_pop(rt_sudogq *q)
{
    for (;;) {
        rt_sudog *w = q->first;
        if (w == NULL)
            return NULL;
        rt_sudog *n = w->next;
        atomic_store_relaxed(&q->first, n);
        if (n != NULL)
            n->prev = NULL;
        else
            q->last = NULL;
        w->next = NULL;
        if (w->claim != NULL) {
            uint32_t want = RT_CLAIM_WAITING;
            if (!atomic_cas(w->claim, &want, RT_CLAIM_WOKEN))
                continue;
            if (w->wakerunhold)
                rt_chan_waker_unhold(w->c);
        }
        return w;
    }
}

/* rt_sudogq_remove takes w out of q if it is there (false if not: it was
   popped).  Caller holds the lock protecting q. */
static inline bool rt_sudogq_remove(rt_sudogq *q, rt_sudog *w)
{
    rt_sudog *p = w->prev, *n = w->next;
    if (p == NULL && q->first != w)
        return false;
    if (p != NULL)
        p->next = n;
    else
        atomic_store_relaxed(&q->first, n);
    if (n != NULL)
        n->prev = p;
    else
        q->last = p;
    w->next = w->prev = NULL;
    return true;
}

/* True if q has no records at all (it may still hold only records that
   rt_sudogq_pop would drop). */
static inline bool rt_sudogq_empty(const rt_sudogq *q)
{
    return atomic_load_relaxed(&q->first) == NULL;
}

/* ---- deadlines --------------------------------------------------------- */

typedef struct rt_deadline {
    rt_timer t;             /* one-shot, fires at the deadline */
    int64_t when;           /* the deadline (gochan_now() ns) */
    rt_g *g;                /* who waits */
    uint32_t *claim;        /* the operation's claim word */
    bool armed;             /* t was added (by the park commit) */
    uint32_t done;          /* set by the timer function as its very last
                               access to this record */
} rt_deadline;

/* rt_deadline_init prepares d; nothing is armed yet. */
void rt_deadline_init(rt_deadline *d, rt_g *gp, uint32_t *claim,
                      int64_t when);

/* rt_deadline_arm: if the deadline has passed, sets *claim to
   RT_CLAIM_TIMEDOUT and returns false (do not park); else adds the timer
   and returns true.  Runs on the scheduler stack (or a plain thread, in
   rt_park's commit), with the locks that protect every record sharing the
   claim word held.  Once the timer is added the goroutine may be readied
   at once: unless a lock it must retake is still held, read nothing from
   its frame after this call (rt_park_locks_commit reads its argument
   first). */
bool rt_deadline_arm(rt_deadline *d);

/* rt_deadline_disarm stops the timer after the goroutine woke, waiting
   for its function if it is running right now, so that d and the claim
   word may go away.  May spin briefly; no lock held. */
void rt_deadline_disarm(rt_deadline *d);

/* The argument of rt_park_locks_commit: locks to release (in any order),
   after arming dl if not NULL.  Returns false (don't park) when the
   deadline has already passed. */
struct rt_park_locks {
    rt_lock *lock;          /* one lock, or NULL */
    rt_lock **locks;        /* or n locks */
    int n;
    rt_deadline *dl;        /* or NULL */
};
bool rt_park_locks_commit(rt_g *gp, void *arg);

/* ---- channels ---------------------------------------------------------- */

struct gochan_chan {
    rt_lock lock;           /* protects the fields below (see above) */
    uint32_t closed;        /* 1 once closed; atomic stores */
    uint32_t magic;         /* RT_CHAN_LIVE from make until the last
                               reference goes, then RT_CHAN_DEAD: the entry
                               points check it (use after release) */
    size_t qcount;          /* elements in buf; atomic stores */
    size_t sendx;           /* next slot to fill */
    size_t recvx;           /* next slot to take */
    rt_sudogq recvq;         /* blocked receivers */
    rt_sudogq sendq;         /* blocked senders */

    /* Immutable: */
    size_t cap;             /* buffer capacity in elements */
    size_t elemsize;        /* bytes per element, may be 0 */
    size_t stride;          /* bytes per slot: elemsize rounded up to the
                               element alignment */
    char *buf;              /* cap * stride bytes, aligned */

    uint32_t nhold;         /* selects blocked on it (see Lifetime) */
    bool orphan;            /* refs reached 0 while nhold > 0 */

    uint32_t refs;          /* atomic; see Lifetime above */
};

/* Misuse checks at the API's entry points.  A channel is RT_CHAN_LIVE
   from gochan_chan_make until its last reference is dropped; then its
   magic is RT_CHAN_DEAD (and, once freed, whatever the allocator wrote
   there: glibc's free overwrites the first 16 bytes of a block, where the
   field sits).  So a use after the last release panics naming the call,
   as long as the memory has not been handed out again; debug builds
   (--enable-debug) never free a channel, which makes the check exact. */
#define RT_CHAN_LIVE 0x6368616eu    /* "chan" */
#define RT_CHAN_DEAD 0x64656164u    /* "dead" */

NORETURN void rt_panic_chan_dead(const char *what);
NORETURN void rt_panic_nil_elem(const char *what);

/* rt_chan_check: panics unless c (not NULL) is a live channel. */
static inline void rt_chan_check(const struct gochan_chan *c,
                                 const char *what)
{
    if (UNLIKELY(c->magic != RT_CHAN_LIVE))
        rt_panic_chan_dead(what);
}

/* The slot i of c's buffer. */
static inline void *rt_chan_slot(struct gochan_chan *c, size_t i)
{
    return c->buf + i * c->stride;
}

/* rt_elem_copy/rt_elem_zero: memcpy and memset for channel elements that
   never call libc, whatever the size and the optimisation level (a libc
   call would make every function that inlines them demand a 1 MiB stack
   segment, see internal.h).  x86_64: rep movsb/stosb beyond the common
   fixed sizes. */
static inline void rt_elem_copy(void *dst, const void *src, size_t n)
{
    typedef uint64_t __attribute__((may_alias, aligned(1))) u64u;
    typedef uint32_t __attribute__((may_alias, aligned(1))) u32u;
    switch (n) {
    case 0:
        return;
    case 1:
        *(unsigned char *)dst = *(const unsigned char *)src;
        return;
    case 4:
        *(u32u *)dst = *(const u32u *)src;
        return;
    case 8:
        *(u64u *)dst = *(const u64u *)src;
        return;
    case 16:
        ((u64u *)dst)[0] = ((const u64u *)src)[0];
        ((u64u *)dst)[1] = ((const u64u *)src)[1];
        return;
    default:
        __asm__ __volatile__("rep movsb"
                             : "+D"(dst), "+S"(src), "+c"(n)
                             :
                             : "memory");
    }
}

static inline void rt_elem_zero(void *dst, size_t n)
{
    switch (n) {
    case 0:
        return;
    case 8: {
        typedef uint64_t __attribute__((may_alias, aligned(1))) u64u;
        *(u64u *)dst = 0;
        return;
    }
    default:
        __asm__ __volatile__("rep stosb"
                             : "+D"(dst), "+c"(n)
                             : "a"(0)
                             : "memory");
    }
}

/* rt_chan_hold/rt_chan_unhold: a deadline waiter's reference (atomic),
   taken before blocking, dropped after it is done with c.  The drop may
   free c. */
static inline void rt_chan_hold(struct gochan_chan *c)
{
    atomic_xadd(&c->refs, 1);
}
void rt_chan_unhold(struct gochan_chan *c);
/* rt_chan_free frees c, which nobody references or holds any more. */
void rt_chan_free(struct gochan_chan *c);

/* rt_chan_sel_hold/rt_chan_sel_unhold: a blocked select's hold on c.
   Caller holds c->lock.  sel_unhold returns true when the caller must
   rt_chan_free(c) once it has released c->lock. */
static inline void rt_chan_sel_hold(struct gochan_chan *c)
{
    c->nhold++;
}

static inline bool rt_chan_sel_unhold(struct gochan_chan *c)
{
    return --c->nhold == 0 && c->orphan;
}

/* A waker's drop of a select's hold (rt_sudogq_pop, w->wakerunhold).
   Never the last: the waker holds a reference, so c is not an orphan. */
static inline void rt_chan_waker_unhold(struct gochan_chan *c)
{
    c->nhold--;
}

/* ---- the steps of send and receive, shared with select.c -------------
   Caller holds c->lock for each; whoever pops w readies w->g after
   releasing every channel lock. */

/* Hand elem to the parked receiver w (popped from c->recvq). */
static inline void rt_chan_send_direct(struct gochan_chan *c, rt_sudog *w,
                                       const void *elem)
{
    if (w->elem != NULL)
        rt_elem_copy(w->elem, elem, c->elemsize);
    w->success = true;
    w->g->param = w;
}

/* Take the value for elem (NULL: drop it) from the parked sender w
   (popped from c->sendq). */
static inline void rt_chan_recv_direct(struct gochan_chan *c, rt_sudog *w,
                                       void *elem)
{
    if (c->cap == 0) {
        if (elem != NULL)
            rt_elem_copy(elem, w->elem, c->elemsize);
    } else {
        /* The buffer is full: take its head and put w's value at the
           tail, which is the same slot in a full ring. */
        void *slot = rt_chan_slot(c, c->recvx);
        if (elem != NULL)
            rt_elem_copy(elem, slot, c->elemsize);
        rt_elem_copy(slot, w->elem, c->elemsize);
        if (++c->recvx == c->cap)
            c->recvx = 0;
        c->sendx = c->recvx;
    }
    w->success = true;
    w->g->param = w;
}

/* Append elem to the buffer (qcount < cap). */
static inline void rt_chan_buf_put(struct gochan_chan *c, const void *elem)
{
    rt_elem_copy(rt_chan_slot(c, c->sendx), elem, c->elemsize);
    if (++c->sendx == c->cap)
        c->sendx = 0;
    atomic_store_relaxed(&c->qcount, c->qcount + 1);
}

/* Take the head of the buffer into elem (NULL: drop it) (qcount > 0). */
static inline void rt_chan_buf_get(struct gochan_chan *c, void *elem)
{
    void *slot = rt_chan_slot(c, c->recvx);
    if (elem != NULL)
        rt_elem_copy(elem, slot, c->elemsize);
    if (++c->recvx == c->cap)
        c->recvx = 0;
    atomic_store_relaxed(&c->qcount, c->qcount - 1);
}

/* "No deadline" for the functions below. */
#define RT_NO_DEADLINE INT64_MAX

/* Park forever (nil channel, empty select).  May block; never returns. */
NORETURN void rt_block_forever(uint32_t reason);

/* Park until deadline; returns -ETIMEDOUT.  May block. */
int rt_block_until(int64_t deadline, uint32_t reason);

/* Panics of channel operations (cold, out of line). */
NORETURN void rt_panic_send_closed(void);

/* The channel operations (chan.c).  block: wait if needed; deadline:
   RT_NO_DEADLINE for none.  Return 0, -EPIPE (recv: closed and drained;
   *elem zeroed), -EAGAIN (!block), -ETIMEDOUT.  c may be NULL (a nil
   channel). */
int rt_chansend(struct gochan_chan *c, const void *elem, bool block,
                int64_t deadline);
int rt_chanrecv(struct gochan_chan *c, void *elem, bool block,
                int64_t deadline);

#endif /* GOCHAN_RT_CHAN_H */
