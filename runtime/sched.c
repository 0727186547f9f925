/* SPDX-License-Identifier: MIT */
/*
 * sched.c: the goroutine scheduler.
 *
 * Design (after Go's proc.go).  Gs are goroutines, Ms OS threads, Ps the
 * GOCHAN_MAXPROCS processors.  An M runs Gs only while holding a P.  Every
 * M has a g0, its scheduler stack: the loop in m_loop() runs there, picks a
 * G (findrunnable), switches to it, and when the G switches back, handles
 * what the G asked for in m->req (park, yield, exit, run something on the
 * scheduler stack, or come back from a syscall without a P).  Running the
 * park's commit step (typically: unlock the channel) on g0, after the G's
 * registers are saved, is what lets another thread ready the G at once.
 *
 * Run queues: each P has a bounded lock-free ring (the owner pushes at the
 * tail; the owner and thieves pop at the head with CAS; with one P there
 * are no thieves, and the owner pops with plain stores) and a runnext slot.
 * A G readied or started by a running G goes into runnext, so a ping-pong
 * pair stays on one P and one core.  A global queue under sched.lock takes
 * the overflow and Gs from threads without a P; every 61st schedule looks
 * there first so it cannot starve.
 *
 * Idle: an M that finds no work spins (steals half of another P's queue,
 * runs expired timers of other Ps), but only while fewer than half of the
 * busy Ps have a spinning M; then it releases its P and sleeps on its own
 * futex word.  wakep() starts a spinning M when there is an idle P and no
 * spinning M; a spinning M that finds work starts another (so one is always
 * looking while work may be pending).  One idle M at most is the "timer
 * sleeper": it sleeps until the earliest timer of all Ps; adding an earlier
 * timer wakes it (or, with no idle M but an idle P, starts an M).  Once
 * the I/O poller exists, one idle M is the "poll sleeper" (netpoll.c): it
 * waits in epoll with the next timer as timeout, and is woken through
 * rt_netpoll_break instead of its futex; only while a P is idle, a CPU is
 * spare or a plain thread waits on I/O (stopm).
 *
 * Direct switches: gochan_yield, which has no commit, switches straight
 * to the next G of its P; the G switched to puts the yielded one on the
 * run queue (after_switch), once its registers are saved - queued before,
 * a thief could start it on another M while it still ran here.  So the G
 * that comes back to g0 may not be the one g0 started (execute returns
 * it).  A thief waits ~3 us before taking a running P's runnext (Go's
 * rule): the P's G has just readied it and usually blocks soon.
 *
 * Parks switch directly too when their commit only releases locks
 * (rt_park_direct): the G switched to runs the commit as it resumes
 * (after_switch), after the parked G's registers are saved, as the g0
 * path would.  Other commits (clock reads, timers) stay on g0: on a
 * goroutine stack a call into libc costs a 1 MiB segment.  So does a
 * goroutine's exit when freeing it calls nothing big: the G switched to
 * puts the dead one on the free list, once off its stack.
 *
 * Rejected: a scheduler thread per P (hand-offs cost a futex each); one
 * global queue (contention at 2+ Ps).
 *
 * main() runs as G1 on the main thread's own stack; the main thread (M0)
 * gets a separate g0 stack.  G1 may resume on any M.  When main returns,
 * exit() ends the process, whatever the other goroutines do.
 *
 * Syscalls: gochan_syscall_enter hands the P back (to the idle list, or to
 * another M if work is waiting); gochan_syscall_exit takes an idle P, or
 * queues the G globally and parks the M.
 *
 * Deadlock: when the last running M goes idle with no runnable G, no G in
 * a syscall (an M in one counts as running), no timer pending, nobody
 * waiting on I/O (another process may write) and no thread in the process
 * but the runtime's own (any other thread may call in at any time),
 * nothing can ever run again:
 * "fatal error: all goroutines are asleep - deadlock!", exit 2.
 *
 * Locking: sched.lock protects the idle lists, the global queue and the M
 * bookkeeping; it is a leaf below p.timerlock (see lock.h).  Nothing parks
 * while holding it.
 */
#include "proc.h"
#include <gochan/sched.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

struct rt_sched rt_sched = {
    .lock = RT_LOCK_INIT,
    .gflock = RT_LOCK_INIT,
    .allglock = RT_LOCK_INIT,
};

EXPORT const int __gochan_abi_1 = 1;

const char *const rt_waitreason_names[WAIT_NREASONS] = {
    [WAIT_NONE] = "runnable",
    [WAIT_YIELD] = "runnable",
    [WAIT_CHAN_SEND] = "chan send",
    [WAIT_CHAN_RECV] = "chan receive",
    [WAIT_SELECT] = "select",
    [WAIT_SELECT_NOCASES] = "select (no cases)",
    [WAIT_NIL_CHAN] = "chan send (nil chan)",
    [WAIT_NIL_CHAN_RECV] = "chan receive (nil chan)",
    [WAIT_SLEEP] = "sleep",
    [WAIT_SEMA] = "semacquire",
    [WAIT_SYNC] = "sync",
    [WAIT_IO] = "IO wait",
    [WAIT_TIMER] = "timer",
};

__attribute__((visibility("hidden"))) RT_TLS rt_m *rt_tls_m; /* this thread's M */
static RT_TLS rt_g *tls_threadg;    /* record of a plain thread */

/* Scheduler stacks (g0).  Code there calls libc, and gold makes every
   split-stack function that calls libc demand 1 MiB of headroom; a g0
   smaller than that would split into a new segment on every M (and
   valgrind loses track of such a split).  Only touched pages cost
   memory. */
#define G0_STACK_SIZE (4u << 20)
static pthread_key_t threadg_key;

static rt_m m0;                     /* the main thread */
static rt_g *g1;                    /* main's goroutine */

static void m_loop(rt_m *m, rt_g *gp) NORETURN;
static void m0_g0_main(rt_g *g0);
static void g_main(rt_g *gp);
static void wakep(void);
static void checkdead(void);
static void gftrim(void);
static int64_t gftrim_when(void);

#if RT_TSAN
/* ThreadSanitizer's suppressions, for races that are not ours: libgcc's
   split-stack start-up on each thread fills one static signal mask
   (__morestack_fullmask) with the same bits from every thread.  (In
   libgochan.so libgcc's copy of the function has no dynamic symbol, TSan
   cannot name it, and the suppression misses: gochan.shared is not run
   under make check-tsan.)  A program's own TSAN_OPTIONS=suppressions=FILE
   adds to these. */
EXPORT const char *__tsan_default_suppressions(void);
EXPORT const char *__tsan_default_suppressions(void)
{
    return "race:__generic_morestack_set_initial_sp\n";
}
#endif

/* ---- per-thread access ----------------------------------------------- */

/* Not inlined, so that no caller can keep the TLS address across a call
   that may switch threads (see HACKING.md, "TLS"). */
NOINLINE rt_m *rt_getm(void)
{
    rt_m *m = rt_tls_m;
    __asm__ __volatile__("" ::: "memory");
    return m;
}

NOINLINE static rt_g *thread_g(void)
{
    return tls_threadg;
}

static void threadg_destroy(void *p)
{
    rt_g *gp = p;
    __atomic_fetch_sub(&rt_sched.nthreads_active, 1, __ATOMIC_SEQ_CST);
    free(gp);
}

static void ensure_started(void);

/* First runtime call from a plain thread: make its record. */
SLOWPATH static rt_g *thread_g_new(void)
{
    ensure_started();
    rt_g *gp = rt_fault(RT_FAULT_MALLOC) ? NULL : calloc(1, sizeof *gp);
    if (gp == NULL)
        rt_fatal("out of memory registering a thread");
    gp->is_thread = true;
    gp->status = G_RUNNING;
    tls_threadg = gp;
    __atomic_fetch_add(&rt_sched.nthreads_active, 1, __ATOMIC_SEQ_CST);
    pthread_setspecific(threadg_key, gp);
    return gp;
}

rt_g *rt_getg(void)
{
    rt_m *m = rt_getm();
    if (LIKELY(m != NULL)) {
        if (LIKELY(m->curg != NULL))
            return m->curg;
        rt_throw("blocking operation on the scheduler stack");
    }
    rt_g *gp = thread_g();
    if (gp != NULL)
        return gp;
    return thread_g_new();
}

rt_p *rt_currentp(void)
{
    rt_m *m = rt_getm();
    return m ? m->p : NULL;
}

/* wyrand: fast, good enough for select order and steal order. */
uint32_t rt_fastrand(void)
{
    rt_m *m = rt_getm();
    static uint64_t shared_seed = 0x9E3779B97F4A7C15ull;
    uint64_t *s = m ? &m->rand : &shared_seed;
    *s += 0xa0761d6478bd642full;
    __uint128_t t = (__uint128_t)*s * (*s ^ 0xe7037ed1a0b428dbull);
    return (uint32_t)((uint64_t)(t >> 64) ^ (uint64_t)t);
}

NOSPLIT int64_t rt_nanotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- locks ----------------------------------------------------------- */

/* Spin a little, then sleep.  The spinner looks at the lock only every
   30 pauses (Go's lock2 does the same, 4 x 30): each look takes the
   cache line from the holder, whose next write must take it back, so a
   spinner that looked after every pause (as this did) lengthened every
   critical section it waited for.  A buffered channel with its producer
   and consumer on two CPUs, where the lock changes hands on nearly every
   item: 52 ns per item before, 43 after (median of 10 interleaved runs;
   Go 39-46). */
NOSPLIT void rt_lock_slow(rt_lock *l)
{
    for (int spin = 0; spin < 4; spin++) {
        for (int i = 0; i < 30; i++)
            cpu_relax();
        if (atomic_load_relaxed(&l->key) == 0 && rt_lock_try(l))
            return;
    }
    /* Mark contended (2) and sleep until the holder releases. */
    while (__atomic_exchange_n(&l->key, 2, __ATOMIC_ACQUIRE) != 0)
        futex_wait(&l->key, 2, NULL);
}

NOSPLIT void rt_unlock_slow(rt_lock *l)
{
    futex_wake(&l->key, 1);
}

/* ---- switching --------------------------------------------------------- */

static RT_ALWAYS_INLINE void runqput(rt_p *pp, rt_g *gp, bool next);

static void after_park(rt_m *m, rt_g *gp);

/* The steps of a G's end that call nothing, so that they can also run in
   after_switch, on the next G's small stack (gdestroy does the rest). */
/* The count of live goroutines, without an atomic per start and end:
   the running P keeps its own difference (ngdelta, written by its owner
   only, read by gcount with relaxed loads), and only starts and ends
   without a P touch the global count.  gcount's sum is exact whenever
   nothing starts or ends, as when checkdead or the exit dump reads it;
   at other times it may be a little off while starts and ends are under
   way on other Ps (as Go's NumGoroutine may), never negative.  (Go's
   runtime likewise has no shared counter on this path.) */
static RT_ALWAYS_INLINE void gcount_add(rt_p *pp, int64_t d)
{
    if (pp != NULL)
        atomic_store_relaxed(&pp->ngdelta, pp->ngdelta + d);
    else
        __atomic_fetch_add(&rt_sched.ngoroutines, d, __ATOMIC_SEQ_CST);
}

static int64_t gcount(void)
{
    int64_t n = atomic_load_relaxed(&rt_sched.ngoroutines);
    rt_p *allp = atomic_load_acq(&rt_sched.allp);
    if (allp != NULL)
        for (int i = 0; i < rt_sched.nprocs; i++)
            n += atomic_load_relaxed(&allp[i].ngdelta);
    return n < 0 ? 0 : n;   /* an end seen before its start: not yet */
}

/* A new goroutine id, from pp's batch (Go's goidcache): one atomic per
   GOID_BATCH goroutines started on a P.  Ids stay unique and positive,
   and rise on each P, but not across Ps. */
#define GOID_BATCH 16
static int64_t goid_new(rt_p *pp)
{
    if (pp == NULL)
        return atomic_xadd(&rt_sched.goidgen, 1) + 1;
    if (pp->goidcache == pp->goidcacheend) {
        pp->goidcache = atomic_xadd(&rt_sched.goidgen, GOID_BATCH) + 1;
        pp->goidcacheend = pp->goidcache + GOID_BATCH;
    }
    return pp->goidcache++;
}

static RT_ALWAYS_INLINE void gdead(rt_p *pp, rt_g *gp)
{
    atomic_store_rel(&gp->status, G_DEAD);
    gcount_add(pp, -1);
}

static RT_ALWAYS_INLINE void gidle(rt_g *gp)
{
    gp->m = NULL;
    gp->site = NULL;
    atomic_store_rel(&gp->status, G_IDLE);
}

/* Onto pp's free list, without the overflow to the global one (gfput). */
static RT_ALWAYS_INLINE void gfpush(rt_p *pp, rt_g *gp)
{
    gp->schedlink = pp->gfree;
    pp->gfree = gp;
    pp->ngfree++;
    if (rt_stack_has_segments(gp))
        atomic_store_relaxed(&pp->nfree_seg, pp->nfree_seg + 1);
}

/* Off pp's free list (not empty): its first G.  Owner only. */
static rt_g *gfpop(rt_p *pp)
{
    rt_g *gp = pp->gfree;
    pp->gfree = gp->schedlink;
    pp->ngfree--;
    if (rt_stack_has_segments(gp))
        atomic_store_relaxed(&pp->nfree_seg, pp->nfree_seg - 1);
    return gp;
}

/* After a switch, on the stack of the G that now runs: a G that yielded
   straight to it (gochan_yield's fast path) goes on the run queue now
   that its registers are saved, and not before, when a thief could have
   started it on another M while it still ran here; likewise a G that
   parked straight to it (rt_park_direct) is committed now, not before,
   when a waker could have readied it. */
static inline void after_switch(rt_m *m)
{
    rt_g *prev = m->yielded;
    if (UNLIKELY(prev != NULL)) {
        m->yielded = NULL;
        runqput(m->p, prev, false);
    }
    prev = m->parked;
    if (prev != NULL)
        after_park(m, prev);
    prev = m->exited;
    if (UNLIKELY(prev != NULL)) {
        /* gdestroy for a G that gochan_exit let go straight (not G1, no
           heap argument block, room on the free list), without its
           calls: this stack may be a new G's 2 KiB, and gdestroy calls
           libc, which would cost it a 1 MiB segment. */
        m->exited = NULL;
        gdead(m->p, prev);
        gidle(prev);
        gfpush(m->p, prev);
    }
}

/* Save the current context in from, resume to.  Must not split the stack:
   between the two split-stack calls the guard describes the other stack. */
NOSPLIT NOINLINE static void gogo(rt_g *from, rt_g *to)
{
#if RT_TSAN
    /* Flags 0: TSan orders the switch (what ran before it happens before
       what runs after).  Goroutines that share a thread are thus ordered
       by their switches; races between goroutines on different threads
       are reported. */
    __tsan_switch_to_fiber(to->tsan_fiber, 0);
#endif
    ss_save(from->ss_ctx);
    ss_restore(to->ss_ctx);
    rt_switch_regs(&from->sp, to->sp);
    /* Resumed as from, on this thread (no switch since: rt_tls_m is
       safe to read). */
    after_switch(rt_tls_m);
}

/* From a running G to its M's g0, with a request.  On return the G has
   been resumed (possibly on another M). */
static void mcall(rt_m *m, rt_g *gp, uint32_t req)
{
    m->req = req;
    gogo(gp, &m->g0);
}

/* ---- run queues -------------------------------------------------------- */

static void globrunqput_locked(rt_g *gp)
{
    gp->schedlink = NULL;
    if (rt_sched.runqtail)
        rt_sched.runqtail->schedlink = gp;
    else
        rt_sched.runqhead = gp;
    rt_sched.runqtail = gp;
    atomic_store_rel(&rt_sched.runqsize, rt_sched.runqsize + 1);
}

static void globrunqput(rt_g *gp)
{
    rt_lock_acquire(&rt_sched.lock);
    globrunqput_locked(gp);
    rt_lock_release(&rt_sched.lock);
}

static bool runqputslow(rt_p *pp, rt_g *gp, uint32_t h, uint32_t t);

/* runqput puts gp on pp's queue; with next, in runnext (kicking the old
   runnext to the tail).  Owner only.

   An empty runnext is filled with a plain release store, not a CAS: only
   the owner ever stores a G there (thieves and runqget only CAS a G they
   saw back to NULL), so an empty slot stays empty until this store, and a
   thief's CAS from an older value fails on it.  That is one locked
   instruction less for every G readied by a running one (a ping-pong
   round trip readies two). */
static NOINLINE void runqput_full(rt_p *pp, rt_g *gp, bool next);

/* Inline: the common cases are a few loads and stores (a yield's, a
   ready's); the rest is runqput_full's. */
static RT_ALWAYS_INLINE void runqput(rt_p *pp, rt_g *gp, bool next)
{
    if (next) {
        if (atomic_load_relaxed(&pp->runnext) == NULL) {
            atomic_store_rel(&pp->runnext, gp);
            return;
        }
    } else {
        uint32_t h = atomic_load_acq(&pp->runqhead);
        uint32_t t = pp->runqtail;
        if (LIKELY(t - h < RUNQ_SIZE)) {
            atomic_store_relaxed(&pp->runq[t % RUNQ_SIZE], gp);
            atomic_store_rel(&pp->runqtail, t + 1);
            return;
        }
    }
    runqput_full(pp, gp, next);
}

static NOINLINE void runqput_full(rt_p *pp, rt_g *gp, bool next)
{
    if (next) {
        rt_g *old = atomic_load_relaxed(&pp->runnext);
        while (!atomic_cas(&pp->runnext, &old, gp))
            ;
        if (old == NULL)
            return;
        gp = old;
    }
    for (;;) {
        uint32_t h = atomic_load_acq(&pp->runqhead);
        uint32_t t = pp->runqtail;
        if (t - h < RUNQ_SIZE) {
            atomic_store_relaxed(&pp->runq[t % RUNQ_SIZE], gp);
            atomic_store_rel(&pp->runqtail, t + 1);
            return;
        }
        if (runqputslow(pp, gp, h, t))
            return;
    }
}

/* Move half of the full local queue, plus gp, to the global queue. */
static bool runqputslow(rt_p *pp, rt_g *gp, uint32_t h, uint32_t t)
{
    enum { N = RUNQ_SIZE / 2 };
    rt_g *batch[N + 1];
    uint32_t n = (t - h) / 2;
    if (n != N)
        rt_throw("runqputslow: queue is not full");
    for (uint32_t i = 0; i < n; i++)
        batch[i] = atomic_load_relaxed(&pp->runq[(h + i) % RUNQ_SIZE]);
    if (!atomic_cas(&pp->runqhead, &h, h + n))
        return false;
    batch[n] = gp;
    rt_lock_acquire(&rt_sched.lock);
    for (uint32_t i = 0; i <= n; i++)
        globrunqput_locked(batch[i]);
    rt_lock_release(&rt_sched.lock);
    return true;
}

/* Set once by rt_init: one P, so no thieves.  Only the P's holder then
   touches its queue (a P changes hands under sched.lock, through the
   idle list or startm's nextp, or with the thread newm creates for it,
   all of which order the plain accesses), and runqget
   needs no CAS: one locked instruction less for every G it takes (a
   yield, each side of a hand-off).  Alone on its cache line: read on
   every schedule, written never after start. */
static struct { _Alignas(CACHELINE) bool on; } runq_solo;

static rt_g *runqget(rt_p *pp)
{
    rt_g *next = atomic_load_relaxed(&pp->runnext);
    if (runq_solo.on) {
        if (next != NULL) {
            atomic_store_relaxed(&pp->runnext, NULL);
            return next;
        }
        uint32_t h = pp->runqhead;
        if (pp->runqtail == h)
            return NULL;
        rt_g *gp = atomic_load_relaxed(&pp->runq[h % RUNQ_SIZE]);
        atomic_store_rel(&pp->runqhead, h + 1);
        return gp;
    }
    if (next != NULL && atomic_cas(&pp->runnext, &next, NULL))
        return next;
    for (;;) {
        uint32_t h = atomic_load_acq(&pp->runqhead);
        uint32_t t = pp->runqtail;
        if (t == h)
            return NULL;
        rt_g *gp = atomic_load_relaxed(&pp->runq[h % RUNQ_SIZE]);
        if (atomic_cas(&pp->runqhead, &h, h + 1))
            return gp;
    }
}

static bool runqempty(rt_p *pp)
{
    for (;;) {
        uint32_t h = atomic_load_acq(&pp->runqhead);
        uint32_t t = atomic_load_acq(&pp->runqtail);
        rt_g *next = atomic_load_acq(&pp->runnext);
        if (atomic_load_acq(&pp->runqtail) == t)
            return h == t && next == NULL;
    }
}

/* Grab half of p2's queue into batch (a ring, starting at bhead). */
static uint32_t runqgrab(rt_p *p2, rt_g **batch, uint32_t bhead,
                         bool steal_next)
{
    for (;;) {
        uint32_t h = atomic_load_acq(&p2->runqhead);
        uint32_t t = atomic_load_acq(&p2->runqtail);
        uint32_t n = t - h;
        n = n - n / 2;
        if (n == 0) {
            if (steal_next) {
                rt_g *next = atomic_load_acq(&p2->runnext);
                if (next != NULL && atomic_load_relaxed(&p2->status) == P_RUNNING) {
                    /* p2's G has just readied next and will likely
                       block soon, running next itself, with its cache
                       warm.  Give it ~3 us (Go does the same): stealing
                       at once turns a producer/consumer pair on two Ps
                       into a sleep and a futex wake-up per few items. */
                    struct timespec ts = { 0, 3000 };
                    nanosleep(&ts, NULL);
                    next = atomic_load_acq(&p2->runnext);
                }
                if (next != NULL && atomic_cas(&p2->runnext, &next, NULL)) {
                    batch[bhead % RUNQ_SIZE] = next;
                    return 1;
                }
            }
            return 0;
        }
        if (n > RUNQ_SIZE / 2)
            continue;   /* read an inconsistent h and t */
        for (uint32_t i = 0; i < n; i++)
            atomic_store_relaxed(&batch[(bhead + i) % RUNQ_SIZE],
                                 atomic_load_relaxed(
                                     &p2->runq[(h + i) % RUNQ_SIZE]));
        if (atomic_cas(&p2->runqhead, &h, h + n))
            return n;
    }
}

static rt_g *runqsteal(rt_p *pp, rt_p *p2, bool steal_next)
{
    uint32_t t = pp->runqtail;
    uint32_t n = runqgrab(p2, pp->runq, t, steal_next);
    if (n == 0)
        return NULL;
    n--;
    rt_g *gp = atomic_load_relaxed(&pp->runq[(t + n) % RUNQ_SIZE]);
    if (n != 0)
        atomic_store_rel(&pp->runqtail, t + n);
    return gp;
}

/* Take a batch from the global queue: return one, put the rest on pp.
   Caller holds sched.lock. */
static rt_g *globrunqget(rt_p *pp, int max)
{
    int sz = rt_sched.runqsize;
    if (sz == 0)
        return NULL;
    int n = sz / rt_sched.nprocs + 1;
    if (n > sz)
        n = sz;
    if (max > 0 && n > max)
        n = max;
    if (n > RUNQ_SIZE / 2)
        n = RUNQ_SIZE / 2;
    atomic_store_rel(&rt_sched.runqsize, sz - n);
    rt_g *gp = rt_sched.runqhead;
    rt_sched.runqhead = gp->schedlink;
    if (rt_sched.runqhead == NULL)
        rt_sched.runqtail = NULL;
    for (n--; n > 0; n--) {
        rt_g *g2 = rt_sched.runqhead;
        rt_sched.runqhead = g2->schedlink;
        if (rt_sched.runqhead == NULL)
            rt_sched.runqtail = NULL;
        runqput(pp, g2, false);
    }
    return gp;
}

/* ---- idle Ps and Ms (sched.lock) -------------------------------------- */

static void pidleput(rt_p *pp)
{
    atomic_store_relaxed(&pp->status, P_IDLE);
    pp->m = NULL;
    pp->link = rt_sched.pidle;
    rt_sched.pidle = pp;
    atomic_xadd(&rt_sched.npidle, 1);
}

static rt_p *pidleget(void)
{
    rt_p *pp = rt_sched.pidle;
    if (pp != NULL) {
        rt_sched.pidle = pp->link;
        atomic_xadd(&rt_sched.npidle, (uint32_t)-1);
        atomic_store_relaxed(&pp->status, P_RUNNING);
    }
    return pp;
}

static rt_m *mget(void)
{
    rt_m *m = rt_sched.midle;
    if (m != NULL) {
        rt_sched.midle = m->schedlink;
        atomic_store_relaxed(&rt_sched.nmidle, rt_sched.nmidle - 1);
        if (rt_sched.timer_sleeper == m)
            rt_sched.timer_sleeper = NULL;
        if (rt_sched.poll_sleeper == m)
            atomic_store_relaxed(&rt_sched.poll_sleeper, NULL);
    }
    return m;
}

/* Wake idle M m, taken off the idle list with m->wake set under
   sched.lock; polling is m->polling read under that lock. */
static void mwake(rt_m *m, bool polling)
{
    if (polling)
        rt_netpoll_break();
    else
        futex_wake(&m->wake, 1);
}

static void mremove_idle(rt_m *m)
{
    if (rt_sched.poll_sleeper == m)
        atomic_store_relaxed(&rt_sched.poll_sleeper, NULL);
    for (rt_m **pm = &rt_sched.midle; *pm; pm = &(*pm)->schedlink) {
        if (*pm == m) {
            *pm = m->schedlink;
            atomic_store_relaxed(&rt_sched.nmidle, rt_sched.nmidle - 1);
            return;
        }
    }
}

/* ---- Ms ---------------------------------------------------------------- */

static void *sigaltstack_new(void)
{
    /* Signal handlers run here (SA_ONSTACK), never on a goroutine's small
       stack, whose neighbour in the slab they would overwrite. */
    size_t sz = 64 * 1024;
    if (rt_fault(RT_FAULT_MMAP))
        return NULL;
    void *p = mmap(NULL, sz, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    stack_t ss = { .ss_sp = p, .ss_size = sz, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    return p;
}

static void *mstart(void *arg)
{
    rt_m *m = arg;
    int zero = 0;
    rt_tls_m = m;
#if RT_TSAN
    m->g0.tsan_fiber = __tsan_get_current_fiber();
#endif
    __splitstack_block_signals(&zero, NULL);
    sigaltstack_new();
    /* Run the P that newm handed over. */
    m->p = m->nextp;
    m->nextp = NULL;
    m->p->m = m;
    m_loop(m, NULL);
}

/* Entry of a new M's thread.  libgcc's thread start-up assumes only 16 KiB
   of stack and sets the split-stack guard that close to the top, so the
   first scheduler function that calls libc (and demands 1 MiB, see
   G0_STACK_SIZE) would split at once.  Set the guard from the thread's real
   stack instead.  Must not split: it runs before the guard is right. */
NOSPLIT static void *mstart_entry(void *arg)
{
    pthread_attr_t attr;
    void *lo;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        if (pthread_attr_getstack(&attr, &lo, &size) == 0 &&
            size >= G0_STACK_SIZE / 2) {
            void *guard = (char *)lo + 64 * 1024;
            __asm__ __volatile__("movq %0, %%fs:0x70" : : "r"(guard) : "memory");
        }
        pthread_attr_destroy(&attr);
    }
    return mstart(arg);
}

struct newm_args {
    rt_p *pp;
    bool spinning;
};

/* Create an M to run pp.  Runs on a stack that may call libc. */
SLOWPATH static void newm(void *argp)
{
    struct newm_args *a = argp;
    rt_m *m = rt_fault(RT_FAULT_MALLOC) ? NULL : calloc(1, sizeof *m);
    if (m == NULL)
        rt_fatal("out of memory creating a thread");
    m->nextp = a->pp;
    m->spinning = a->spinning;
    m->rand = (uint64_t)rt_nanotime() ^ (uintptr_t)m;
    rt_lock_acquire(&rt_sched.lock);
    m->id = rt_sched.mcount;
    atomic_store_relaxed(&rt_sched.mcount, rt_sched.mcount + 1);
    m->allnext = rt_sched.allm;
    rt_sched.allm = m;
    rt_lock_release(&rt_sched.lock);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, G0_STACK_SIZE);
    pthread_t th;
    int rc = rt_fault(RT_FAULT_THREAD)
                 ? EAGAIN : pthread_create(&th, &attr, mstart_entry, m);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        rt_fatal("cannot create a thread (pthread_create failed)");
}

/* startm runs pp (or an idle P) on an idle or new M.  With spinning, the
   caller already counted the M in nmspinning. */
static void startm(rt_p *pp, bool spinning)
{
    rt_lock_acquire(&rt_sched.lock);
    if (pp == NULL) {
        pp = pidleget();
        if (pp == NULL) {
            rt_lock_release(&rt_sched.lock);
            if (spinning)
                atomic_xadd(&rt_sched.nmspinning, (uint32_t)-1);
            return;
        }
    }
    rt_m *nm = mget();
    if (nm != NULL) {
        nm->spinning = spinning;
        nm->nextp = pp;
        atomic_store_rel(&nm->wake, 1);
        bool polling = nm->polling;
        rt_lock_release(&rt_sched.lock);
        mwake(nm, polling);
        return;
    }
    rt_lock_release(&rt_sched.lock);
    struct newm_args a = { pp, spinning };
    rt_systemstack(newm, &a);
}

/* wakep: there may be work for an idle P; make sure an M looks for it. */
static void wakep(void)
{
    if (atomic_load_relaxed(&rt_sched.npidle) == 0)
        return;
    uint32_t zero = 0;
    if (atomic_load_relaxed(&rt_sched.nmspinning) != 0 ||
        !atomic_cas(&rt_sched.nmspinning, &zero, 1))
        return;
    startm(NULL, true);
}

/* Put the Gs on list (readied by I/O, linked through schedlink) on a run
   queue: this M's P if it has one (and global is false), else the global
   queue.  Then make sure an M looks for them. */
static void injectglist_to(rt_m *m, rt_g *list, bool global)
{
    if (list == NULL)
        return;
    for (rt_g *gp = list; gp != NULL; gp = gp->schedlink) {
        if (UNLIKELY(atomic_load_acq(&gp->status) != G_WAITING))
            rt_throw("netpoll: goroutine is not waiting");
        atomic_store_relaxed(&gp->status, G_RUNNABLE);
    }
    if (!global && m->p != NULL) {
        while (list != NULL) {
            rt_g *gp = list;
            list = gp->schedlink;
            runqput(m->p, gp, false);
        }
    } else {
        rt_lock_acquire(&rt_sched.lock);
        while (list != NULL) {
            rt_g *gp = list;
            list = gp->schedlink;
            globrunqput_locked(gp);
        }
        rt_lock_release(&rt_sched.lock);
    }
    wakep();
}

static void injectglist(rt_m *m, rt_g *list)
{
    injectglist_to(m, list, false);
}

static void injectglist_global(rt_g *list)
{
    injectglist_to(NULL, list, true);
}

/* stopm parks the M until startm hands it a P (m->nextp).  Called with
   no P.  One idle M at a time also sleeps for the earliest timer (the
   timer sleeper), and one waits in epoll for I/O (the poll sleeper, while
   anyone waits on I/O and a P is idle, a CPU is spare or a plain thread
   is among the waiters; it takes the timer role too when that is free);
   when the time comes, or I/O readies goroutines, or rt_wake_timer_sleeper
   calls, it takes an idle P to run them.  Each time round it first trims
   the kept stack segments when that is due (gftrim), which is also a
   time the timer sleeper wakes for.  Protocol: whoever wakes an idle
   M takes it off the idle list, sets m->wake and then wakes the futex (or
   breaks the poll, if m->polling said so under sched.lock); nextp says
   whether a P came with it. */
static void stopm(rt_m *m)
{
    for (;;) {
        gftrim();
        rt_lock_acquire(&rt_sched.lock);
        m->nextp = NULL;
        atomic_store_relaxed(&m->wake, 0);
        m->schedlink = rt_sched.midle;
        rt_sched.midle = m;
        atomic_store_relaxed(&rt_sched.nmidle, rt_sched.nmidle + 1);
        int64_t until = 0;
        int64_t next = 0;
        if (rt_sched.timer_sleeper == NULL) {
            /* The timer sleeper also wakes for the trim of kept stack
               segments (which is no timer: checkdead ignores it). */
            next = rt_timers_next();
            int64_t trim = gftrim_when();
            if (trim != 0 && (next == 0 || trim < next))
                next = trim;
        }
        /* Poll only while a P is idle to run what the poll readies, a
           CPU is spare (fewer Ps than CPUs: the poller reaps events
           beside the busy Ms, queueing them globally), or a plain
           thread waits (it runs without a P).  With every P busy and
           no CPU spare, their Ms poll between goroutines
           (findrunnable), and a poller here would only take turns on
           their CPUs, woken again and again: TCP echo at P=2 on 2 CPUs
           ran at P=1's speed half the time (14 us per message became
           20, with 10,000 context switches instead of 400).  Go's
           poller likewise blocks only with a P given up.  A P that
           goes idle later brings its M here (or a syscall's hand-off
           starts one, gochan_syscall_enter). */
        bool poll = false;
        if (rt_sched.poll_sleeper == NULL &&
            atomic_load_acq(&rt_netpoll_epfd) >= 0 &&
            (atomic_load_acq(&rt_netpoll_waiters) != 0 || next != 0) &&
            (rt_sched.pidle != NULL || rt_sched.nprocs < rt_sched.ncpus ||
             atomic_load_acq(&rt_netpoll_thread_waiters) != 0)) {
            atomic_store_relaxed(&rt_sched.poll_sleeper, m);
            m->polling = poll = true;
        }
        if (next != 0) {
            rt_sched.timer_sleeper = m;
            rt_sched.sleep_until = next;
            until = next;
        }
        checkdead();
        rt_lock_release(&rt_sched.lock);

        rt_g *ready = NULL;
        while (atomic_load_acq(&m->wake) == 0) {
            int64_t d = -1;
            if (until != 0) {
                d = until - rt_nanotime();
                if (d <= 0)
                    break;
            }
            if (poll) {
                rt_netpoll(d, true, &ready);
                if (ready != NULL)
                    break;
            } else {
                struct timespec ts = { d / 1000000000, d % 1000000000 };
                futex_wait(&m->wake, 0, d < 0 ? NULL : &ts);
            }
        }

        rt_lock_acquire(&rt_sched.lock);
        m->polling = false;
        if (rt_sched.poll_sleeper == m)
            atomic_store_relaxed(&rt_sched.poll_sleeper, NULL);
        if (m->nextp != NULL) {
            /* startm took us off the idle list and handed us a P. */
            m->p = m->nextp;
            m->nextp = NULL;
            m->p->m = m;
            rt_lock_release(&rt_sched.lock);
            injectglist(m, ready);
            return;
        }
        /* Timer due, I/O ready, or a new earlier timer: take an idle P
           to run them.  With none, every P is busy and its M runs timers
           and finds the goroutines on the global queue. */
        if (atomic_load_relaxed(&m->wake) == 0)
            mremove_idle(m);   /* not woken: still on the list */
        if (rt_sched.timer_sleeper == m)
            rt_sched.timer_sleeper = NULL;
        rt_p *pp = pidleget();
        rt_lock_release(&rt_sched.lock);
        if (pp != NULL) {
            m->p = pp;
            pp->m = m;
        }
        injectglist(m, ready);
        if (pp != NULL)
            return;
    }
}

/* A timer earlier than any the scheduler knows of was added: make an idle
   M recompute its sleep (the timer sleeper, else any idle M).  With no
   idle M but an idle P (every M busy in a syscall, say), start an M for
   that P: it runs the timers, then sleeps as the timer sleeper.  With no
   idle P every P is busy, and busy Ms run timers as they schedule. */
void rt_wake_timer_sleeper(int64_t when)
{
    rt_lock_acquire(&rt_sched.lock);
    rt_m *m = rt_sched.timer_sleeper;
    if (m != NULL && when >= rt_sched.sleep_until) {
        rt_lock_release(&rt_sched.lock);
        return;
    }
    if (m != NULL) {
        mremove_idle(m);
        rt_sched.timer_sleeper = NULL;
    } else {
        m = mget();
    }
    bool polling = false;
    if (m != NULL) {
        atomic_store_rel(&m->wake, 1);
        polling = m->polling;
    }
    bool idle_p = rt_sched.pidle != NULL;
    rt_lock_release(&rt_sched.lock);
    if (m != NULL)
        mwake(m, polling);
    else if (idle_p)
        startm(NULL, false);
}

/* Nobody may be polling for the I/O wait just queued: Ms that are busy
   poll only between goroutines, and idle ones that are not the poll
   sleeper sleep on their futex.  When the waiter is a plain thread (no M
   of its own will go idle and poll), or a P is idle (so an M costs
   nothing), wake an idle M (preferably the futex timer sleeper) to
   become the poll sleeper; with no idle M, start one for an idle P. */
void rt_netpoll_kick(void)
{
    if (atomic_load_relaxed(&rt_sched.poll_sleeper) != NULL)
        return;
    rt_m *cur = rt_getm();
    if (cur != NULL && cur->curg != NULL &&
        atomic_load_relaxed(&rt_sched.npidle) == 0)
        return;
    rt_lock_acquire(&rt_sched.lock);
    if (rt_sched.poll_sleeper != NULL) {
        rt_lock_release(&rt_sched.lock);
        return;
    }
    rt_m *m = rt_sched.timer_sleeper;
    if (m != NULL) {
        mremove_idle(m);
        rt_sched.timer_sleeper = NULL;
    } else {
        m = mget();
    }
    if (m != NULL)
        atomic_store_rel(&m->wake, 1);
    bool idle_p = rt_sched.pidle != NULL;
    rt_lock_release(&rt_sched.lock);
    if (m != NULL)
        futex_wake(&m->wake, 1);   /* not polling: there is no poller */
    else if (idle_p)
        startm(NULL, false);
}

/* ---- finding work ------------------------------------------------------ */

static void resetspinning(rt_m *m)
{
    m->spinning = false;
    uint32_t n = atomic_xadd(&rt_sched.nmspinning, (uint32_t)-1) - 1;
    if (n == 0)
        wakep();
}

/* Run due timers of every P (they may ready Gs onto our queue).  Returns
   true if any ran. */
static bool run_all_timers(void)
{
    bool ran = false;
    int64_t now = 0;
    for (int i = 0; i < rt_sched.nprocs; i++) {
        rt_p *p2 = &rt_sched.allp[i];
        int64_t t0 = atomic_load_relaxed(&p2->timer0);
        if (t0 == 0)
            continue;
        if (now == 0)
            now = rt_nanotime();
        if (t0 <= now) {
            rt_timers_run(p2, now);
            ran = true;
        }
    }
    return ran;
}

static rt_g *findrunnable(rt_m *m)
{
    rt_p *pp;
top:
    pp = m->p;
    if (pp == NULL) {
        stopm(m);
        goto top;
    }
    pp->schedtick++;

    if (run_all_timers()) {
        rt_g *gp = runqget(pp);
        if (gp != NULL)
            return gp;
    }

    /* I/O: while every M is busy nobody polls, so a busy M polls without
       blocking when the last poll is 10 ms old (Go's sysmon does this),
       and queues what it finds globally: on the local queue it would go
       ahead of the global queue, which then starves (1 G per 61 ticks). */
    if (pp->schedtick % 61 == 0 &&
        atomic_load_relaxed(&rt_netpoll_waiters) != 0 &&
        rt_nanotime() - atomic_load_relaxed(&rt_netpoll_lastpoll) >=
            10 * 1000000) {
        rt_g *list = NULL;
        rt_netpoll(0, false, &list);
        injectglist_global(list);
    }

    if (pp->schedtick % 61 == 0 && atomic_load_relaxed(&rt_sched.runqsize)) {
        rt_lock_acquire(&rt_sched.lock);
        rt_g *gp = globrunqget(pp, 1);
        rt_lock_release(&rt_sched.lock);
        if (gp != NULL)
            return gp;
    }
    rt_g *gp = runqget(pp);
    if (gp != NULL)
        return gp;
    if (atomic_load_relaxed(&rt_sched.runqsize)) {
        rt_lock_acquire(&rt_sched.lock);
        gp = globrunqget(pp, 0);
        rt_lock_release(&rt_sched.lock);
        if (gp != NULL)
            return gp;
    }

    /* Poll for I/O before stealing (it is cheaper, and the goroutines it
       finds are as good as any). */
    if (atomic_load_relaxed(&rt_netpoll_waiters) != 0) {
        rt_g *list = NULL;
        rt_netpoll(0, false, &list);
        if (list != NULL) {
            injectglist(m, list);       /* onto our queue, empty till now */
            gp = runqget(pp);
            if (gp != NULL)
                return gp;
        }
    }

    /* Steal, if not too many Ms are already spinning. */
    int nprocs = rt_sched.nprocs;
    if (nprocs > 1 &&
        (m->spinning ||
         2 * atomic_load_relaxed(&rt_sched.nmspinning) <
             (uint32_t)nprocs - atomic_load_relaxed(&rt_sched.npidle))) {
        if (!m->spinning) {
            m->spinning = true;
            atomic_xadd(&rt_sched.nmspinning, 1);
        }
        for (int round = 0; round < 4; round++) {
            uint32_t off = rt_fastrandn((uint32_t)nprocs);
            for (int i = 0; i < nprocs; i++) {
                rt_p *p2 = &rt_sched.allp[(off + (uint32_t)i) % (uint32_t)nprocs];
                if (p2 == pp)
                    continue;
                gp = runqsteal(pp, p2, round == 3);
                if (gp != NULL)
                    return gp;
            }
        }
    }

    /* Nothing: give up the P. */
    rt_lock_acquire(&rt_sched.lock);
    if (rt_sched.runqsize) {
        gp = globrunqget(pp, 0);
        rt_lock_release(&rt_sched.lock);
        return gp;
    }
    pidleput(pp);
    m->p = NULL;
    rt_lock_release(&rt_sched.lock);

    if (m->spinning) {
        m->spinning = false;
        atomic_xadd(&rt_sched.nmspinning, (uint32_t)-1);
        /* Work may have arrived between our last look and dropping the P
           (its wakep saw us spinning and did nothing): look again, at the
           global queue too (where plain threads put what they ready). */
        for (int i = -1; i < nprocs; i++) {
            if (i < 0 ? atomic_load_acq(&rt_sched.runqsize) != 0
                      : !runqempty(&rt_sched.allp[i])) {
                rt_lock_acquire(&rt_sched.lock);
                rt_p *np = pidleget();
                rt_lock_release(&rt_sched.lock);
                if (np != NULL) {
                    m->p = np;
                    np->m = m;
                    m->spinning = true;
                    atomic_xadd(&rt_sched.nmspinning, 1);
                    goto top;
                }
                break;
            }
        }
    }
    stopm(m);
    goto top;
}

/* ---- the scheduler loop (on g0) -------------------------------------- */

static void gdestroy(rt_m *m, rt_g *gp);

/* Handle what gp asked for when it switched to g0.  Returns the G to run
   at once, or NULL to schedule. */
static rt_g *handle_req(rt_m *m, rt_g *gp)
{
    uint32_t req = m->req;
    m->req = REQ_NONE;
    switch (req) {
    case REQ_PARK: {
        bool (*commit)(rt_g *, void *) = m->park_commit;
        void *arg = m->park_arg;
        m->park_commit = NULL;
        m->park_arg = NULL;
        atomic_store_rel(&gp->status, G_WAITING);
        if (commit != NULL && !commit(gp, arg)) {
            atomic_store_relaxed(&gp->status, G_RUNNING);
            return gp;
        }
        /* gp may already be running elsewhere: don't touch it. */
        return NULL;
    }
    case REQ_YIELD:
        /* Behind the local queue; when that is empty, behind the global
           one, as Go's Gosched: what waits globally must run before gp
           comes back (on the empty local queue gp would be found again
           first, and the global queue served one G per 61 yields). */
        atomic_store_relaxed(&gp->status, G_RUNNABLE);
        if (m->p != NULL && !runqempty(m->p))
            runqput(m->p, gp, false);
        else
            globrunqput(gp);
        return NULL;
    case REQ_EXIT:
        gdestroy(m, gp);
        return NULL;
    case REQ_SYSTEMSTACK:
        m->sys_fn(m->sys_arg);
        return gp;
    case REQ_EXITSYSCALL:
        atomic_store_relaxed(&gp->status, G_RUNNABLE);
        globrunqput(gp);
        return NULL;
    default:
        rt_throw("bad request on the scheduler stack");
    }
}

/* Run gp until a G switches back to g0; returns that G, which is not
   gp if gp yielded straight to another (gochan_yield). */
static rt_g *execute(rt_m *m, rt_g *gp)
{
    if (m->spinning)
        resetspinning(m);
    m->curg = gp;
    gp->m = m;
    atomic_store_relaxed(&gp->status, G_RUNNING);
    gogo(&m->g0, gp);
    rt_g *back = m->curg;
    m->curg = NULL;
    return back;
}

static void m_loop(rt_m *m, rt_g *gp)
{
    for (;;) {
        if (gp != NULL)
            gp = handle_req(m, gp);
        if (gp == NULL)
            gp = findrunnable(m);
        gp = execute(m, gp);
    }
}

/* g0 of the main thread: entered on the first switch to the scheduler of
   a G on M0.  That is G1 unless G1 first yielded or parked straight to
   another G (direct switches): the G to serve is m0.curg, not G1. */
static void m0_g0_main(rt_g *g0)
{
    (void)g0;
    rt_g *gp = m0.curg;
    m0.curg = NULL;     /* on g0 now (execute() clears it for later runs) */
    m_loop(&m0, gp);
}

/* ---- goroutines -------------------------------------------------------- */

/* ---- free Gs and their kept stack segments ----------------------------

   A finished G goes on its P's free list (up to 64, then half of them
   move to the global list) with its block and its libgcc stack segments,
   so the next goroutine on it reuses both.  A goroutine that calls libc
   has a segment of 1 MiB or more (HACKING.md, "Stacks and split
   stacks"): mapping one costs an mmap and page faults, and giving it
   back a munmap (with more than one thread, a TLB shoot-down too),
   together about as much as a goroutine's whole life when it only
   echoes a message: bench echo_1k at P=1, 1,000 connections, 29.0 us
   per message and p99 59 ms with every segment given back as its G
   reached the global list, 22.6 us and 23 ms kept.

   So segments stay with their G on the global list too, while
     - the G holds at most KEEP_G_MAX bytes of them (a deep recursion's
       go back at once), and
     - the global list holds at most rt_stack_keep_max bytes of them in
       all (stack.c: address space as large as the machine's memory,
       less under strict overcommit or an RLIMIT_AS; resident is far
       less, about 8 KiB per 1 MiB segment in echo_1k).
   Gs with segments wait on their own list (gfree_seg), taken first.
   What that list keeps and nobody takes is trimmed: every TRIM_PERIOD an
   M going idle (stopm) gives back as many bytes as the list held all
   through the period (its low-water mark, gfree_seglow), which nobody
   needed.  The trim first moves there the free Gs with segments of the
   idle Ps (a busy P keeps its own, at most 64, for its next goroutines).
   So within two or three periods of a burst's end the segments are
   gone; while any are kept, the timer sleeper wakes for the trim.

   gflock (lock.h) is never held across the munmaps: Gs whose segments
   go back are taken off the lists first (gfrelease). */
enum { KEEP_G_MAX = 4 << 20 };
#define TRIM_PERIOD ((int64_t)1000000000)   /* 1 s */

/* The global free lists.  Caller holds sched.gflock. */
static void gfglobal_push(rt_g *gp)
{
    if (rt_stack_has_segments(gp)) {
        gp->schedlink = rt_sched.gfree_seg;
        rt_sched.gfree_seg = gp;
        atomic_store_relaxed(&rt_sched.gfree_segbytes,
                             rt_sched.gfree_segbytes + gp->segbytes);
    } else {
        gp->schedlink = rt_sched.gfree;
        rt_sched.gfree = gp;
    }
    atomic_store_relaxed(&rt_sched.ngfree, rt_sched.ngfree + 1);
}

static rt_g *gfglobal_pop(void)
{
    rt_g *gp = rt_sched.gfree_seg;
    if (gp != NULL) {
        rt_sched.gfree_seg = gp->schedlink;
        size_t left = rt_sched.gfree_segbytes - gp->segbytes;
        atomic_store_relaxed(&rt_sched.gfree_segbytes, left);
        if (left < rt_sched.gfree_seglow)
            rt_sched.gfree_seglow = left;
    } else if ((gp = rt_sched.gfree) != NULL) {
        rt_sched.gfree = gp->schedlink;
    } else {
        return NULL;
    }
    atomic_store_relaxed(&rt_sched.ngfree, rt_sched.ngfree - 1);
    return gp;
}

/* Onto the global list, if gp may keep its segments there (at most
   KEEP_G_MAX of them, and room under rt_stack_keep_max); else onto *drop,
   for gfrelease to give them back.  Caller holds gflock. */
static void gfglobal_put(rt_g *gp, rt_g **drop)
{
    if (rt_stack_has_segments(gp) &&
        (gp->segbytes > KEEP_G_MAX ||
         rt_sched.gfree_segbytes + gp->segbytes > rt_stack_keep_max)) {
        gp->schedlink = *drop;
        *drop = gp;
    } else {
        gfglobal_push(gp);
    }
}

static void gfrelease(rt_g *list);

/* Put an idle G on pp's free list, or the global one when pp is NULL. */
static void gfput(rt_p *pp, rt_g *gp)
{
    rt_g *drop = NULL;
    if (pp != NULL) {
        gfpush(pp, gp);
        if (pp->ngfree < 64)
            return;
    }
    /* No P, or a full list: half of it moves to the global list. */
    rt_lock_acquire(&rt_sched.gflock);
    if (pp == NULL)
        gfglobal_put(gp, &drop);
    else
        while (pp->ngfree > 32)
            gfglobal_put(gfpop(pp), &drop);
    rt_lock_release(&rt_sched.gflock);
    gfrelease(drop);
}

/* Give back the segments of a list of Gs (linked through schedlink, off
   every free list), then put them on the global list. */
static void gfrelease(rt_g *list)
{
    if (list == NULL)
        return;
    for (rt_g *gp = list; gp != NULL; gp = gp->schedlink)
        rt_stack_release_segments(gp);
    rt_lock_acquire(&rt_sched.gflock);
    while (list != NULL) {
        rt_g *gp = list;
        list = gp->schedlink;
        gfglobal_push(gp);
    }
    rt_lock_release(&rt_sched.gflock);
}

/* Does an idle P hold free Gs with segments?  (Read without the lock:
   a hint for the timer sleeper.) */
static bool gfidle_segs(void)
{
    for (int i = 0; i < rt_sched.nprocs; i++) {
        rt_p *p2 = &rt_sched.allp[i];
        if (atomic_load_relaxed(&p2->nfree_seg) != 0 &&
            atomic_load_relaxed(&p2->status) == P_IDLE)
            return true;
    }
    return false;
}

/* When the next trim of kept segments is due, or 0 if none are kept on
   the global list or by an idle P. */
static int64_t gftrim_when(void)
{
    if (atomic_load_relaxed(&rt_sched.gfree_segbytes) == 0 && !gfidle_segs())
        return 0;
    return atomic_load_relaxed(&rt_sched.gfree_trimmed) + TRIM_PERIOD;
}

/* Trim the kept segments if a period has passed (see above).  Called by
   an M going idle, with no P and no lock.  First the free Gs with
   segments of the idle Ps move to the global list: nobody owns an idle P,
   and sched.lock, which every pidleget holds, keeps its free list ours. */
static void gftrim(void)
{
    int64_t when = gftrim_when();
    if (when == 0)
        return;
    int64_t now = rt_nanotime();
    if (now < when)
        return;

    rt_g *moved = NULL;
    rt_lock_acquire(&rt_sched.lock);
    for (rt_p *pp = rt_sched.pidle; pp != NULL; pp = pp->link) {
        if (pp->nfree_seg == 0)
            continue;
        for (rt_g **link = &pp->gfree; *link != NULL;) {
            rt_g *gp = *link;
            if (!rt_stack_has_segments(gp)) {
                link = &gp->schedlink;
                continue;
            }
            *link = gp->schedlink;
            pp->ngfree--;
            gp->schedlink = moved;
            moved = gp;
        }
        atomic_store_relaxed(&pp->nfree_seg, 0);
    }
    rt_lock_release(&rt_sched.lock);

    rt_g *drop = NULL;
    rt_lock_acquire(&rt_sched.gflock);
    while (moved != NULL) {
        rt_g *gp = moved;
        moved = gp->schedlink;
        gfglobal_put(gp, &drop);
    }
    if (now >= rt_sched.gfree_trimmed + TRIM_PERIOD) {
        /* What the list held all through the period (those just moved
           there count from now). */
        size_t want = rt_sched.gfree_seglow, got = 0;
        while (got < want && rt_sched.gfree_seg != NULL) {
            rt_g *gp = rt_sched.gfree_seg;
            rt_sched.gfree_seg = gp->schedlink;
            atomic_store_relaxed(&rt_sched.ngfree, rt_sched.ngfree - 1);
            got += gp->segbytes;
            gp->schedlink = drop;
            drop = gp;
        }
        atomic_store_relaxed(&rt_sched.gfree_segbytes,
                             rt_sched.gfree_segbytes - got);
        rt_sched.gfree_seglow = rt_sched.gfree_segbytes;
        atomic_store_relaxed(&rt_sched.gfree_trimmed, now);
    }
    rt_lock_release(&rt_sched.gflock);
    gfrelease(drop);
}

static rt_g *gfget(rt_p *pp)
{
    if (pp != NULL && pp->gfree == NULL &&
        atomic_load_relaxed(&rt_sched.ngfree) > 0) {
        rt_lock_acquire(&rt_sched.gflock);
        rt_g *g2;
        while (pp->ngfree < 32 && (g2 = gfglobal_pop()) != NULL)
            gfpush(pp, g2);
        rt_lock_release(&rt_sched.gflock);
    }
    if (pp != NULL && pp->gfree != NULL)
        return gfpop(pp);
    if (pp == NULL && atomic_load_relaxed(&rt_sched.ngfree) > 0) {
        rt_lock_acquire(&rt_sched.gflock);
        rt_g *gp = gfglobal_pop();
        rt_lock_release(&rt_sched.gflock);
        if (gp != NULL)
            return gp;
    }
    return rt_stack_new_g();
}

static void gdestroy(rt_m *m, rt_g *gp)
{
    gdead(m->p, gp);
    if (gp->argheap != NULL) {
        free(gp->argheap);
        gp->argheap = NULL;
    }
    if (gp == g1) {
        /* main called gochan_exit: its stack is the main thread's. */
        rt_sched.main_exited = true;
        return;
    }
    gidle(gp);
    gfput(m->p, gp);
}

/* Every goroutine starts here, on its own stack. */
static void g_main(rt_g *gp)
{
    after_switch(rt_getm());
    gp->fn(gp->arg);
    gochan_exit();
}

struct alloc_req {
    void *out;
    size_t align, size;
};

SLOWPATH static void aligned_alloc_fn(void *p)
{
    struct alloc_req *r = p;
    r->out = rt_fault(RT_FAULT_MALLOC) ? NULL
                                       : aligned_alloc(r->align, r->size);
}

/* Reserve a G and its argument block.  Returns NULL when out of memory.
   The word just below every block names its G (see g_of_block). */
static rt_g *newg_alloc(size_t size, size_t align, void **blockp)
{
    rt_m *m = rt_getm();
    if (align == 0)
        align = 16;
    if ((align & (align - 1)) != 0)
        gochan_panic("gochan_go: alignment %zu is not a power of two", align);
    rt_g *gp = gfget(m ? m->p : NULL);
    if (gp == NULL)
        return NULL;
    void *block;
    if (size <= G_INLINE_ARGS && align <= 16) {
        block = gp->argbuf;
        gp->argowner = gp;
    } else {
        /* Rare: a large argument block, with its owner in the word
           just below it.  aligned_alloc wants the size to be a multiple
           of the alignment. */
        size_t a = align < 16 ? 16 : align;
        size_t hdr = align < sizeof(void *) ? sizeof(void *) : align;
        struct alloc_req req = { NULL, a, (hdr + size + a - 1) & ~(a - 1) };
        rt_systemstack(aligned_alloc_fn, &req);
        if (req.out == NULL) {
            rt_m *m2 = rt_getm();   /* re-read after a switch (TLS rule) */
            gfput(m2 ? m2->p : NULL, gp);
            return NULL;
        }
        gp->argheap = req.out;
        block = (char *)req.out + hdr;
        ((rt_g **)block)[-1] = gp;
    }
    *blockp = block;
    return gp;
}

static void newg_start(rt_g *gp, void (*fn)(void *), void *arg,
                       const struct __gochan_site *site)
{
    gp->fn = fn;
    gp->arg = arg;
    gp->site = site;
    gp->param = NULL;
    gp->selectdone = 0;
    gp->waitreason = WAIT_NONE;
    rt_m *m = rt_getm();
    rt_p *pp = m != NULL ? m->p : NULL;
    gp->id = goid_new(pp);
    rt_stack_prepare(gp, (void (*)(void))g_main);
#if RT_TSAN
    /* The last calls of a goroutine (g_main, gochan_exit, mcall) never
       return, so a fiber reused with its descriptor keeps a few stale
       frames per lifetime on its shadow call stack, and TSan's fixed
       64Ki-entry stack overflowed after ~22,000 lifetimes
       (gochan.run/many-lives.c).  A new fiber every 1,024 lifetimes (not
       every one: creating a fiber costs TSan ~3 ms). */
    if (gp->tsan_fiber != NULL && ++gp->tsan_lives >= 1024) {
        __tsan_destroy_fiber(gp->tsan_fiber);
        gp->tsan_fiber = NULL;
    }
    if (gp->tsan_fiber == NULL) {
        gp->tsan_fiber = __tsan_create_fiber(0);
        gp->tsan_lives = 0;
    }
#endif
    gcount_add(pp, 1);
    atomic_store_rel(&gp->status, G_RUNNABLE);
    if (pp != NULL) {
        runqput(pp, gp, true);
    } else {
        globrunqput(gp);
    }
    wakep();
}

EXPORT void *__gochan_go_alloc(size_t size, size_t align)
{
    ensure_started();
    void *block;
    rt_g *gp = newg_alloc(size, align, &block);
    if (gp == NULL)
        rt_fatal("out of memory allocating a goroutine");
    return block;
}

/* The G that owns an argument block from __gochan_go_alloc: the word
   just below the block (rt_g.argowner for inline blocks). */
static rt_g *g_of_block(void *block)
{
    return ((rt_g **)block)[-1];
}

EXPORT void __gochan_go_start(void *block, void (*thunk)(void *),
                              const struct __gochan_site *site)
{
    rt_g *gp = g_of_block(block);
    if (UNLIKELY(gp == NULL || gp->status != G_IDLE))
        rt_throw("__gochan_go_start: not a fresh goroutine argument block");
    newg_start(gp, thunk, block, site);
}

EXPORT int gochan_go(void (*fn)(void *), void *arg)
{
    ensure_started();
    if (fn == NULL)
        gochan_panic("gochan_go: nil function");
    void *block;
    rt_g *gp = newg_alloc(0, 0, &block);
    if (gp == NULL)
        return -ENOMEM;
    newg_start(gp, fn, arg, NULL);
    return 0;
}

EXPORT int gochan_go_copy(void (*fn)(void *), const void *args, size_t size,
                          size_t align)
{
    ensure_started();
    if (fn == NULL)
        gochan_panic("gochan_go_copy: nil function");
    void *block;
    rt_g *gp = newg_alloc(size, align, &block);
    if (gp == NULL)
        return -ENOMEM;
    if (size)
        rt_memcpy(block, args, size);
    newg_start(gp, fn, block, NULL);
    return 0;
}

SLOWPATH static void thread_yield(void)
{
    sched_yield();
}

/* Direct switches (gochan_yield, rt_park_direct, gochan_exit) may skip
   g0 unless this schedule is every 61st (the full path: global queue,
   poller, timers of every P) or, when this P has timers, every 8th, so
   that they run at most 8 switches late.  (No clock here: reading it
   calls libc, whose cost on a goroutine stack is a 1 MiB segment, see
   internal.h.) */
static inline bool direct_ok(rt_p *pp)
{
    uint64_t tick = pp->schedtick + 1;
    return tick % 61 != 0 &&
           (atomic_load_relaxed(&pp->timer0) == 0 || (tick & 7) != 0);
}

/* Switch from gp to next, both on m's P, without g0; the caller has set
   m->yielded, m->parked or m->exited for after_switch. */
static inline void direct_switch(rt_m *m, rt_g *gp, rt_g *next)
{
    m->p->schedtick++;
    m->curg = next;
    next->m = m;
    atomic_store_relaxed(&next->status, G_RUNNING);
    gogo(gp, next);
}

EXPORT void gochan_yield(void)
{
    rt_m *m = rt_getm();
    if (m == NULL || m->curg == NULL) {
        thread_yield();
        return;
    }
    rt_g *gp = m->curg;
    rt_p *pp = m->p;
    /* Fast path: switch straight to the next local G, without the round
       trip through g0 (half the switches).  With none, g0's path: work
       may wait on the global queue, in a timer or on I/O, which only it
       looks at (a goroutine spinning on gochan_yield on one P must not
       starve them). */
    if (LIKELY(pp != NULL) && direct_ok(pp)) {
        rt_g *next = runqget(pp);
        if (next != NULL) {
            atomic_store_relaxed(&gp->status, G_RUNNABLE);
            m->yielded = gp;
            direct_switch(m, gp, next);
            return;
        }
    }
    gp->waitreason = WAIT_YIELD;
    mcall(m, gp, REQ_YIELD);
}

EXPORT void gochan_exit(void)
{
    rt_m *m = rt_getm();
    if (m == NULL || m->curg == NULL)
        gochan_panic("gochan_exit: not called from a goroutine");
    rt_g *gp = m->curg;
    rt_p *pp = m->p;
    /* Fast path: straight to the next local G, which frees this one as it
       resumes (after_switch).  Only when freeing it calls nothing big
       (no free() of a heap argument block, no segments given back by a
       full free list): that runs on the next G's small stack. */
    if (LIKELY(pp != NULL) && gp != g1 && gp->argheap == NULL &&
        pp->ngfree < 63 && direct_ok(pp)) {
        rt_g *next = runqget(pp);
        if (next != NULL) {
            m->exited = gp;
            direct_switch(m, gp, next);
            rt_throw("gochan_exit: dead goroutine resumed");
        }
    }
    mcall(m, gp, REQ_EXIT);
    rt_throw("gochan_exit: dead goroutine resumed");
}

EXPORT int64_t gochan_id(void)
{
    rt_m *m = rt_getm();
    if (m == NULL || m->curg == NULL)
        return 0;
    return m->curg->id;
}

EXPORT int gochan_maxprocs(void)
{
    ensure_started();
    return rt_sched.nprocs;
}

EXPORT int64_t gochan_num_goroutine(void)
{
    return gcount();
}

/* ---- parking ----------------------------------------------------------- */

bool rt_park_unlock_commit(rt_g *gp, void *arg)
{
    (void)gp;
    rt_lock_release((rt_lock *)arg);
    return true;
}

void rt_park(bool (*commit)(rt_g *, void *), void *arg, uint32_t reason)
{
    rt_m *m = rt_getm();
    if (m != NULL && m->curg != NULL) {
        rt_g *gp = m->curg;
        gp->waitreason = reason;
        m->park_commit = commit;
        m->park_arg = arg;
        mcall(m, gp, REQ_PARK);
        return;
    }
    if (m != NULL)
        rt_throw("rt_park on the scheduler stack");
    /* A plain thread: block it. */
    rt_g *gp = rt_getg();
    gp->waitreason = reason;
    atomic_store_relaxed(&gp->thread_wake, 0);
    atomic_store_rel(&gp->status, G_WAITING);
    if (commit != NULL && !commit(gp, arg)) {
        /* Not parked after all; nobody can have readied us. */
        atomic_store_relaxed(&gp->status, G_RUNNING);
        return;
    }
    while (atomic_load_acq(&gp->thread_wake) == 0)
        futex_wait(&gp->thread_wake, 0, NULL);
    atomic_store_relaxed(&gp->status, G_RUNNING);
}

void rt_park_direct(bool (*commit)(rt_g *, void *), void *arg,
                    uint32_t reason)
{
    rt_m *m = rt_getm();
    rt_p *pp = m != NULL && m->curg != NULL ? m->p : NULL;
    if (LIKELY(pp != NULL) && direct_ok(pp)) {
        rt_g *next = runqget(pp);
        if (next != NULL) {
            rt_g *gp = m->curg;
            gp->waitreason = reason;
            m->park_commit = commit;
            m->park_arg = arg;
            m->parked = gp;
            direct_switch(m, gp, next);
            return;
        }
    }
    rt_park(commit, arg, reason);
}

/* after_switch's half of rt_park_direct, on the stack of the G switched
   to: what handle_req does for REQ_PARK.  The commit only unlocks (no
   libc: this stack is small). */
static void after_park(rt_m *m, rt_g *gp)
{
    bool (*commit)(rt_g *, void *) = m->park_commit;
    void *arg = m->park_arg;
    m->parked = NULL;
    m->park_commit = NULL;
    m->park_arg = NULL;
    atomic_store_rel(&gp->status, G_WAITING);
    if (!commit(gp, arg))
        rt_throw("rt_park_direct: the commit refused to park");
    /* gp may already be running elsewhere: don't touch it. */
}

void rt_ready(rt_g *gp)
{
    if (gp->is_thread) {
        atomic_store_rel(&gp->thread_wake, 1);
        futex_wake(&gp->thread_wake, 1);
        return;
    }
    uint32_t st = atomic_load_acq(&gp->status);
    if (UNLIKELY(st != G_WAITING))
        rt_throw("rt_ready: goroutine is not waiting");
    atomic_store_relaxed(&gp->status, G_RUNNABLE);
    rt_m *m = rt_getm();
    if (m != NULL && m->p != NULL)
        runqput(m->p, gp, true);
    else
        globrunqput(gp);
    wakep();
}

void rt_systemstack(void (*fn)(void *), void *arg)
{
    rt_m *m = rt_getm();
    if (m == NULL || m->curg == NULL) {
        fn(arg);
        return;
    }
    m->sys_fn = fn;
    m->sys_arg = arg;
    mcall(m, m->curg, REQ_SYSTEMSTACK);
}

/* ---- system calls ------------------------------------------------------ */

EXPORT void gochan_syscall_enter(void)
{
    rt_m *m = rt_getm();
    if (m == NULL || m->curg == NULL || m->p == NULL)
        return;
    rt_p *pp = m->p;
    rt_g *gp = m->curg;
    atomic_store_relaxed(&gp->status, G_SYSCALL);
    rt_lock_acquire(&rt_sched.lock);
    m->p = NULL;
    m->in_syscall = true;
    atomic_store_relaxed(&rt_sched.nmsys, rt_sched.nmsys + 1);
    /* Work for the P: its queue, its timers, the global queue; or I/O
       waits that nobody polls for (an idle M may have stopped polling
       while every P was busy, stopm): the M given the P goes idle with
       it and polls. */
    bool work = !runqempty(pp) || atomic_load_relaxed(&pp->timer0) != 0 ||
                rt_sched.runqsize > 0 ||
                (rt_sched.poll_sleeper == NULL &&
                 atomic_load_relaxed(&rt_netpoll_waiters) != 0);
    if (!work) {
        pidleput(pp);
        rt_lock_release(&rt_sched.lock);
        return;
    }
    pp->m = NULL;
    rt_lock_release(&rt_sched.lock);
    startm(pp, false);
}

EXPORT void gochan_syscall_exit(void)
{
    rt_m *m = rt_getm();
    if (m == NULL || m->curg == NULL || !m->in_syscall)
        return;
    rt_g *gp = m->curg;
    rt_lock_acquire(&rt_sched.lock);
    m->in_syscall = false;
    atomic_store_relaxed(&rt_sched.nmsys, rt_sched.nmsys - 1);
    rt_p *pp = pidleget();
    rt_lock_release(&rt_sched.lock);
    if (pp != NULL) {
        m->p = pp;
        pp->m = m;
        atomic_store_relaxed(&gp->status, G_RUNNING);
        return;
    }
    /* No P: queue the G and let this M go idle. */
    mcall(m, gp, REQ_EXITSYSCALL);
}

/* ---- deadlock ---------------------------------------------------------- */

/* Threads in the process that are not Ms (from /proc; -1 if unknown). */
static int foreign_threads(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return -1;
    char line[128];
    int n = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "Threads:", 8) == 0) {
            n = atoi(line + 8);
            break;
        }
    }
    fclose(f);
    return n < 0 ? -1 : n - rt_sched.mcount - rt_sched.mcount_foreign_helpers;
}

/* Caller holds sched.lock and runs on a scheduler stack. */
static void checkdead(void)
{
    /* An M in a syscall counts as running: its goroutine comes back. */
    int run = rt_sched.mcount - rt_sched.nmidle;
    if (run > 0)
        return;
    if (rt_sched.runqsize > 0)
        return;
    for (int i = 0; i < rt_sched.nprocs; i++)
        if (!runqempty(&rt_sched.allp[i]))
            return;
    if (rt_timers_pending())
        return;
    /* A goroutine waiting on I/O may be readied by another process. */
    if (atomic_load_relaxed(&rt_netpoll_waiters) != 0)
        return;
    /* Any thread that is not the runtime's may call in and wake someone,
       even one parked in the runtime right now (another thread can wake
       it).  Counting parked threads raced with their wake-ups and gave a
       false report (gochan.chan/thread.c), so be conservative: with a
       foreign thread alive, a deadlocked program hangs instead. */
    if (foreign_threads() != 0)
        return;
    if (rt_sched.main_exited &&
        gcount() == 0)
        rt_fatal("no goroutines (main called gochan_exit) - deadlock!");
    rt_fatal("all goroutines are asleep - deadlock!");
}

/* ---- GOCHAN_DEBUG ------------------------------------------------------ */

/* GOCHAN_DEBUG=schedtrace=MS[,exitdump=1]: every MS milliseconds a plain
   thread (not an M: it must not disturb what it measures) prints one line
   like Go's schedtrace; exitdump lists the goroutines left at exit. */
static long debug_schedtrace_ms;
static int debug_exitdump;
/* The trace thread prints under debug_print_mu, and stops once the exit
   dump has begun (debug_exiting): a SCHED line in the middle of the dump
   split a goroutine's entry (seen under valgrind, where the dump takes a
   second). */
static pthread_mutex_t debug_print_mu = PTHREAD_MUTEX_INITIALIZER;
static bool debug_exiting;

static void *schedtrace_main(void *arg)
{
    (void)arg;
    int64_t start = rt_nanotime();
    for (;;) {
        struct timespec ts = { debug_schedtrace_ms / 1000,
                               (debug_schedtrace_ms % 1000) * 1000000 };
        nanosleep(&ts, NULL);
        char q[256];
        int n = 0;
        for (int i = 0; i < rt_sched.nprocs && n < (int)sizeof q - 16; i++) {
            rt_p *pp = &rt_sched.allp[i];
            uint32_t len = atomic_load_relaxed(&pp->runqtail) -
                           atomic_load_relaxed(&pp->runqhead);
            n += snprintf(q + n, sizeof q - (size_t)n, "%s%u",
                          i ? " " : "", len);
        }
        pthread_mutex_lock(&debug_print_mu);
        if (debug_exiting) {
            pthread_mutex_unlock(&debug_print_mu);
            return NULL;
        }
        fprintf(stderr,
                "SCHED %lldms: maxprocs=%d idleprocs=%u threads=%d "
                "spinningthreads=%u idlethreads=%d syscalls=%d "
                "goroutines=%lld runqueue=%d [%s]\n",
                (long long)((rt_nanotime() - start) / 1000000),
                rt_sched.nprocs, atomic_load_relaxed(&rt_sched.npidle),
                atomic_load_relaxed(&rt_sched.mcount),
                atomic_load_relaxed(&rt_sched.nmspinning),
                atomic_load_relaxed(&rt_sched.nmidle),
                atomic_load_relaxed(&rt_sched.nmsys),
                (long long)gcount(),
                atomic_load_relaxed(&rt_sched.runqsize), q);
        pthread_mutex_unlock(&debug_print_mu);
    }
    return NULL;
}

static void exitdump(void)
{
    pthread_mutex_lock(&debug_print_mu);
    debug_exiting = true;
    pthread_mutex_unlock(&debug_print_mu);
    fprintf(stderr, "gochan: %lld goroutines at exit:\n",
            (long long)gcount());
    fflush(stderr);
    rt_dump_goroutines(2);
}

static void debug_init(void)
{
    const char *s = getenv("GOCHAN_DEBUG");
    if (s == NULL || *s == 0)
        return;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        char *eq = strchr(tok, '=');
        long v = eq ? strtol(eq + 1, NULL, 10) : 1;
        if (eq)
            *eq = 0;
        if (strcmp(tok, "schedtrace") == 0 && v > 0)
            debug_schedtrace_ms = v;
        else if (strcmp(tok, "exitdump") == 0)
            debug_exitdump = v != 0;
        else
            fprintf(stderr, "gochan: unknown GOCHAN_DEBUG option %s\n", tok);
    }
    if (debug_schedtrace_ms > 0) {
        pthread_t th;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&th, &attr, schedtrace_main, NULL) == 0)
            rt_sched.mcount_foreign_helpers++;
        pthread_attr_destroy(&attr);
    }
    if (debug_exitdump)
        atexit(exitdump);
}

/* ---- start-up ---------------------------------------------------------- */

static int usable_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static void rt_init(void)
{
    rt_fault_init();
    int nprocs = rt_sched.ncpus = usable_cpus();
    const char *s = getenv("GOCHAN_MAXPROCS");
    if (s != NULL && *s) {
        char *end;
        long v = strtol(s, &end, 10);
        if (*end == 0 && v >= 1 && v <= 1024)
            nprocs = (int)v;
        else {
            fprintf(stderr, "gochan: ignoring bad GOCHAN_MAXPROCS=%s\n", s);
        }
    }
    rt_sched.nprocs = nprocs;
    runq_solo.on = nprocs == 1;
    rt_sched.allp = rt_fault(RT_FAULT_MALLOC)
                        ? NULL : calloc((size_t)nprocs, sizeof(rt_p));
    if (rt_sched.allp == NULL)
        rt_fatal("out of memory starting the runtime");
    for (int i = 0; i < nprocs; i++) {
        rt_p *pp = &rt_sched.allp[i];
        pp->id = i;
        pp->timerlock = (rt_lock)RT_LOCK_INIT;
    }
    pthread_key_create(&threadg_key, threadg_destroy);
    rt_stack_init();
    rt_panic_init();

    /* The main thread becomes M0 running G1 on its own stack, with P0. */
    rt_m *m = &m0;
    m->id = 0;
    m->rand = (uint64_t)rt_nanotime() ^ 0x5851f42d4c957f2dull;
    rt_sched.mcount = 1;
    rt_sched.allm = m;
    for (int i = nprocs - 1; i >= 1; i--)
        pidleput(&rt_sched.allp[i]);
    m->p = &rt_sched.allp[0];
    m->p->status = P_RUNNING;
    m->p->m = m;

    static rt_g g1_storage;
    g1 = &g1_storage;
    g1->id = atomic_xadd(&rt_sched.goidgen, 1) + 1;
    g1->status = G_RUNNING;
    g1->m = m;
#if RT_TSAN
    g1->tsan_fiber = __tsan_get_current_fiber();
    m->g0.tsan_fiber = __tsan_create_fiber(0);
#endif
    rt_sched.ngoroutines = 1;
    m->curg = g1;

    /* g0 for the main thread: a split-stack context of its own. */
    size_t sz = 0;
    rt_stack_making_context = true;    /* a failed mmap is ours: fatal */
    void *lo = __splitstack_makecontext(G0_STACK_SIZE, m->g0.ss_ctx, &sz);
    rt_stack_making_context = false;
    if (lo == NULL)
        rt_fatal("cannot allocate the scheduler stack");
    int zero = 0;
    __splitstack_block_signals_context(m->g0.ss_ctx, &zero, NULL);
    __splitstack_block_signals(&zero, NULL);
    m->g0.stack_lo = lo;
    m->g0.stack_hi = (char *)lo + sz;
    rt_stack_register(m->g0.stack_lo, m->g0.stack_hi);
    void **sp = (void **)(((uintptr_t)lo + sz) & ~(uintptr_t)15);
    *--sp = NULL;
    *--sp = (void *)rt_gostart;
    *--sp = NULL;                       /* rbp */
    *--sp = NULL;                       /* rbx */
    *--sp = &m->g0;                     /* r12: argument */
    *--sp = (void *)m0_g0_main;         /* r13: entry */
    *--sp = NULL;                       /* r14 */
    *--sp = NULL;                       /* r15 */
    m->g0.sp = sp;

    sigaltstack_new();
    rt_tls_m = m;
    atomic_store_rel(&rt_sched.started, true);
    debug_init();
}

SLOWPATH static void ensure_started_slow(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, rt_init);
}

static inline void ensure_started(void)
{
    if (UNLIKELY(!atomic_load_acq(&rt_sched.started)))
        ensure_started_slow();
}

/* Runs before main() (and before the program's default-priority
   constructors). */
__attribute__((constructor(101))) static void rt_constructor(void)
{
    ensure_started();
}

rt_g *rt_main_g(void)
{
    return g1;
}

/* ---- allocation on the scheduler stack --------------------------------- */

struct malloc_req {
    void *p;
    size_t n, size;
    int op;    /* 0 malloc, 1 calloc, 2 free */
};

SLOWPATH static void malloc_fn(void *arg)
{
    struct malloc_req *r = arg;
    switch (r->op) {
    case 0:
        r->p = rt_fault(RT_FAULT_MALLOC) ? NULL : malloc(r->n);
        break;
    case 1:
        r->p = rt_fault(RT_FAULT_MALLOC) ? NULL : calloc(r->n, r->size);
        break;
    default:
        free(r->p);
        break;
    }
}

/* malloc and friends reached through the scheduler stack, so that a
   goroutine's small stack never runs libc (see internal.h). */
void *rt_malloc(size_t n)
{
    struct malloc_req r = { NULL, n, 0, 0 };
    rt_systemstack(malloc_fn, &r);
    return r.p;
}

void *rt_calloc(size_t n, size_t size)
{
    struct malloc_req r = { NULL, n, size, 1 };
    rt_systemstack(malloc_fn, &r);
    return r.p;
}

void rt_free(void *p)
{
    if (p == NULL)
        return;
    struct malloc_req r = { p, 0, 0, 2 };
    rt_systemstack(malloc_fn, &r);
}
