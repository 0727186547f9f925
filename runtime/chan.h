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
 * w->elem; or w->retry, see Buffered channels), releases the lock, and
 * only then calls rt_ready(w->g).  Once
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
 * Unbuffered channels: Go's algorithm (chan.go): a queue of blocked
 * receivers and one of blocked senders, a closed flag, all under c->lock;
 * a send meets a parked receiver (or a receive a parked sender) and the
 * value goes straight from one frame to the other.  Invariants (under
 * c->lock): the two queues never both hold live waiters, except for one
 * select's own records on either side; a closed channel has no live
 * waiters.  "Live" because a select's record stays queued until its
 * goroutine removes it, after another case already fired.
 *
 * ---- Buffered channels -------------------------------------------------
 *
 * The buffer is a lock-free ring of cap cells (after Vyukov's bounded
 * MPMC queue): each cell holds a sequence word and an element.  Senders
 * claim positions by CAS on sendpos, receivers by CAS on recvpos; a
 * position is a lap and an index (RT_POS_*), and the cell of index i
 * says by its sequence word whose turn it is: equal to the position,
 * free for that position's sender; one more, full for its receiver.
 * The claimer copies the element, then publishes the cell's next state
 * (release).  So a put or a get with nobody waiting is one CAS, a copy
 * and a store, and takes no lock (the lock was two locked instructions
 * per operation, and at P=2 a convoy of the two sides on one line).
 * Closing sets RT_POS_CLOSED in sendpos (under c->lock too): no position
 * is claimed after it, values already in are still received.
 *
 * Blocking still takes c->lock and the queues.  The one race to close
 * is a waiter that finds the buffer empty (full) and parks while a
 * value (room) arrives.  Both sides order a write and a read, with
 * sequentially consistent atomics:
 *     put/get                       waiter (c->lock held)
 *     CAS sendpos/recvpos           push its record on q
 *     read q->first                 read-modify-write q->first
 *     non-NULL: rt_chan_serve(c)    read sendpos and recvpos: a value
 *                                   (room) or closed: unqueue, retry
 * so at least one side sees the other (rt_chan_buf_served,
 * rt_chan_buf_recheck).  rt_chan_serve then hands the values to waiting
 * receivers and the room to waiting senders under c->lock, oldest
 * first: a plain waiter gets its value taken or put for it and wakes
 * with its operation done, as in Go (so values of blocked senders go in
 * in the order they blocked); a waiter with a claim word (a select, a
 * deadline) wakes to try again (w->retry), since its claim, once won,
 * cannot be handed back if another goroutine takes the value first.  A
 * select so woken that ends some other way passes the value on to the
 * waiters behind it (rt_selectgo).  Invariant: a waiter parked on q is
 * in q, and whoever makes a value (room) it waits for afterwards serves
 * q.  Fast paths defer to blocked waiters: a send with senders queued
 * (a receive with receivers queued) takes the slow path and queues
 * behind them, except right after queueing found the buffer ready (a
 * stale select record must not keep a sender from the room).  A cell
 * claimed but not yet published (its copy under way on another thread:
 * there is no switch between the CAS and the store) is waited for by
 * spinning (rt_chan_backoff).
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
 * blocks).  The waker holds a reference, so its drop never frees.  When
 * refs drops to 0 the channel is freed at once if nhold is 0, else
 * marked orphan and
 * freed by the select that drops nhold to 0 (after releasing the lock).
 * A goroutine blocked in a plain send or receive holds nothing: only a
 * waker that pops its record can end its wait, and a waker holds a
 * reference; when nobody holds one it is blocked forever (leaked, as in
 * Go) and its record is never looked at again.
 *
 * Locking: c->lock protects the queues, closed, nhold and orphan; refs,
 * sendpos, recvpos and the cells are atomic; cap, elemsize, stride,
 * elemoff and buf are immutable.  closed and the queues' first records
 * are also read without the lock (the fast paths, gochan_chan_len), so
 * they are written with atomic stores.  c->lock is a leaf: the buffered
 * channel's server holds it while it waits for a cell another thread is
 * copying, which needs no lock.
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
    bool retry;             /* set by the waker: buffered channel, try
                               the operation again (chan.h, Buffered
                               channels); success is then meaningless */
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

/* rt_sudogq_push_front puts w back at the head of q (a waiter a buffered
   channel's server popped and could not serve: it keeps its place).
   Caller holds the lock protecting q. */
static inline void rt_sudogq_push_front(rt_sudogq *q, rt_sudog *w)
{
    w->prev = NULL;
    w->next = q->first;
    if (q->first != NULL)
        q->first->prev = w;
    else
        q->last = w;
    atomic_store_relaxed(&q->first, w);
}

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
    rt_sudogq recvq;         /* blocked receivers */
    rt_sudogq sendq;         /* blocked senders */

    /* Immutable: */
    size_t cap;             /* buffer capacity in elements */
    size_t elemsize;        /* bytes per element, may be 0 */
    size_t stride;          /* bytes per cell: its sequence word, then the
                               element at elemoff, rounded up to the
                               alignment of both */
    size_t elemoff;         /* offset of the element in a cell */
    char *buf;              /* cap cells, aligned */

    uint32_t nhold;         /* selects blocked on it (see Lifetime) */
    bool orphan;            /* refs reached 0 while nhold > 0 */

    uint32_t refs;          /* atomic; see Lifetime above */

    /* Buffered channels (see Buffered channels above), each on a cache
       line of its own: the producers' and consumers' positions. */
    char pad0[CACHELINE];
    uint64_t sendpos;       /* next position to fill, | RT_POS_CLOSED
                               once closed; atomic */
    char pad1[CACHELINE - sizeof(uint64_t)];
    uint64_t recvpos;       /* next position to take; atomic */
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

/* ---- buffered channels' ring (see Buffered channels above) ---------- */

#define RT_POS_IDXBITS 32
#define RT_POS_IDX ((UINT64_C(1) << RT_POS_IDXBITS) - 1)   /* the index */
#define RT_POS_LAP (UINT64_C(1) << RT_POS_IDXBITS)         /* one lap */
#define RT_POS_MASK (~UINT64_C(0) >> 1)                    /* 63 bits */
#define RT_POS_CLOSED (UINT64_C(1) << 63)                  /* in sendpos */
/* The largest capacity of a buffered channel. */
#define RT_CHAN_MAXCAP (RT_POS_IDX - 1)

/* a - b for positions, which wrap at 2^63: negative when a is before b. */
static inline int64_t rt_pos_diff(uint64_t a, uint64_t b)
{
    return (int64_t)((a - b) << 1) >> 1;
}

/* The position after p (the next index, or index 0 of the next lap). */
static inline uint64_t rt_pos_next(const struct gochan_chan *c, uint64_t p)
{
    if ((p & RT_POS_IDX) + 1 == c->cap)
        return ((p & ~RT_POS_IDX) + RT_POS_LAP) & RT_POS_MASK;
    return p + 1;
}

/* The cell of position p: its sequence word; the element follows. */
static inline uint64_t *rt_chan_cell(struct gochan_chan *c, uint64_t p)
{
    return (uint64_t *)(c->buf + (p & RT_POS_IDX) * c->stride);
}

static inline void *rt_cell_elem(struct gochan_chan *c, uint64_t *cell)
{
    return (char *)cell + c->elemoff;
}

/* Positions from recvpos to sendpos: values in the buffer, including
   those a sender has claimed and is still copying in, and less those a
   receiver has claimed and is still copying out.  Exact only when no
   operation is under way; between 0 and cap. */
static inline size_t rt_chan_buf_count(struct gochan_chan *c)
{
    uint64_t r = __atomic_load_n(&c->recvpos, __ATOMIC_SEQ_CST);
    uint64_t s = __atomic_load_n(&c->sendpos, __ATOMIC_SEQ_CST) & RT_POS_MASK;
    int64_t laps = rt_pos_diff(s & ~RT_POS_IDX, r & ~RT_POS_IDX) >>
                   RT_POS_IDXBITS;
    int64_t n = laps * (int64_t)c->cap + (int64_t)(s & RT_POS_IDX) -
                (int64_t)(r & RT_POS_IDX);
    if (n < 0)
        return 0;               /* r read before s moved past it */
    return (size_t)n > c->cap ? c->cap : (size_t)n;
}

static inline bool rt_chan_buf_closed(struct gochan_chan *c)
{
    return (__atomic_load_n(&c->sendpos, __ATOMIC_SEQ_CST) &
            RT_POS_CLOSED) != 0;
}

enum { RT_BUF_OK, RT_BUF_NO, RT_BUF_CLOSED };

/* Append elem, lock-free: RT_BUF_OK, RT_BUF_NO (full, or the cell still
   being emptied), RT_BUF_CLOSED.  The claim of the position (a CAS on
   sendpos) is sequentially consistent: the waiter check that follows a
   put (rt_chan_buf_served) pairs with a waiter's (chan.c). */
static RT_ALWAYS_INLINE int rt_chan_buf_tryput(struct gochan_chan *c,
                                               const void *elem)
{
    uint64_t t = atomic_load_relaxed(&c->sendpos);
    for (;;) {
        if (UNLIKELY(t & RT_POS_CLOSED))
            return RT_BUF_CLOSED;
        uint64_t *cell = rt_chan_cell(c, t);
        int64_t d = rt_pos_diff(atomic_load_acq(cell), t);
        if (d == 0) {
            if (__atomic_compare_exchange_n(&c->sendpos, &t,
                                            rt_pos_next(c, t), false,
                                            __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED)) {
                rt_elem_copy(rt_cell_elem(c, cell), elem, c->elemsize);
                atomic_store_rel(cell, (t + 1) & RT_POS_MASK);
                return RT_BUF_OK;
            }
        } else if (d < 0) {
            return RT_BUF_NO;   /* a lap behind: not yet taken out */
        } else {
            t = atomic_load_relaxed(&c->sendpos);
        }
    }
}

/* Take the head into elem (NULL: drop it), lock-free: RT_BUF_OK, or
   RT_BUF_NO (empty, or the head still being copied in). */
static RT_ALWAYS_INLINE int rt_chan_buf_tryget(struct gochan_chan *c,
                                               void *elem)
{
    uint64_t h = atomic_load_relaxed(&c->recvpos);
    for (;;) {
        uint64_t *cell = rt_chan_cell(c, h);
        int64_t d = rt_pos_diff(atomic_load_acq(cell), h + 1);
        if (d == 0) {
            if (__atomic_compare_exchange_n(&c->recvpos, &h,
                                            rt_pos_next(c, h), false,
                                            __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED)) {
                if (elem != NULL)
                    rt_elem_copy(elem, rt_cell_elem(c, cell), c->elemsize);
                atomic_store_rel(cell, (h + RT_POS_LAP) & RT_POS_MASK);
                return RT_BUF_OK;
            }
        } else if (d < 0) {
            return RT_BUF_NO;
        } else {
            h = atomic_load_relaxed(&c->recvpos);
        }
    }
}

/* rt_chan_buf_recheck: a waiter's last look before parking on a
   buffered channel (its record on q, c->lock held): true if the
   operation should be tried again instead (chan.c). */
bool rt_chan_buf_recheck(struct gochan_chan *c, rt_sudogq *q, bool isrecv);

/* After a put (or a get) succeeded, outside c->lock: waiters to serve? */
void rt_chan_serve(struct gochan_chan *c);
static RT_ALWAYS_INLINE void rt_chan_buf_served(struct gochan_chan *c,
                                                rt_sudogq *q)
{
    if (UNLIKELY(__atomic_load_n(&q->first, __ATOMIC_SEQ_CST) != NULL))
        rt_chan_serve(c);
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
   (popped from c->sendq of an unbuffered channel). */
static inline void rt_chan_recv_direct(struct gochan_chan *c, rt_sudog *w,
                                       void *elem)
{
    if (elem != NULL)
        rt_elem_copy(elem, w->elem, c->elemsize);
    w->success = true;
    w->g->param = w;
}

/* Wait a little for an operation under way on another thread (a cell
   being copied in or out): spin, then give the CPU away.  No libc (a
   goroutine's small stack). */
static inline void rt_chan_backoff(int *spins)
{
    if (++*spins < 64) {
        cpu_relax();
        return;
    }
    raw_syscall6(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
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
