/* SPDX-License-Identifier: MIT */
/*
 * sched.h: the scheduler's data structures and the interface the rest of
 * the runtime (channels, select, sync, timers, I/O) builds on.
 *
 * G, M, P as in Go: a G is a goroutine, an M an OS thread, a P the right
 * to run goroutines (GOCHAN_MAXPROCS of them).  An M runs Gs only while it
 * holds a P.  Each M has a g0: the scheduler's own stack (the thread's
 * pthread stack, or for the main thread a stack of its own, since main's
 * stack belongs to goroutine 1).
 *
 * The interface for blocking:
 *
 *   gp = rt_getg();                       the calling goroutine
 *   ... enqueue a waiter record naming gp, under some lock ...
 *   rt_park(commit, lock, reason);        sleep; commit(gp, lock) runs on
 *                                         the scheduler stack once gp is
 *                                         fully switched out, typically to
 *                                         release the lock
 *   rt_ready(gp);                         (another goroutine) wake gp
 *
 * rt_park/rt_ready also work from plain threads that are not goroutines
 * (main before the runtime started, threads the program created itself):
 * rt_getg() then returns a per-thread record and rt_park blocks the
 * thread on a futex.  So channel and sync code need no special case.
 */
#ifndef GOCHAN_RT_SCHED_H
#define GOCHAN_RT_SCHED_H

#include "internal.h"
#include "lock.h"
#include "splitstack.h"
#include <gochan/abi.h>

typedef struct rt_g rt_g;
typedef struct rt_m rt_m;
typedef struct rt_p rt_p;
typedef struct rt_timer rt_timer;

/* Goroutine states (rt_g.status). */
enum {
    G_IDLE = 0,      /* on a free list */
    G_RUNNABLE,      /* on a run queue */
    G_RUNNING,       /* running on an M */
    G_WAITING,       /* parked; rt_ready makes it runnable */
    G_SYSCALL,       /* running on an M that gave up its P */
    G_DEAD,          /* finished, not yet on a free list */
};

/* Why a goroutine is parked (for dumps and traces). */
enum {
    WAIT_NONE = 0,
    WAIT_YIELD,
    WAIT_CHAN_SEND,
    WAIT_CHAN_RECV,
    WAIT_SELECT,
    WAIT_SELECT_NOCASES,
    WAIT_NIL_CHAN,
    WAIT_NIL_CHAN_RECV,
    WAIT_SLEEP,
    WAIT_SEMA,
    WAIT_SYNC,
    WAIT_IO,
    WAIT_TIMER,
    WAIT_NREASONS
};
extern const char *const rt_waitreason_names[WAIT_NREASONS];

/* Inline argument block size in the descriptor; larger blocks go to a
   separate allocation. */
#define G_INLINE_ARGS 64

/*
 * A goroutine.  Lives at the top of its first stack: one block from the G
 * pool holds [first stack ......... | rt_g], the stack growing down from
 * the descriptor.
 */
struct rt_g {
    /* Switch state; owned by whoever runs or resumes the G.  Known to
       switch-x86_64.S: sp must stay the first field. */
    void *sp;                        /* saved %rsp while switched out */
    void *ss_ctx[SS_NSLOTS];         /* saved split-stack context */

    /* Immutable while the G lives: */
    int64_t id;                      /* goroutine id; main is 1 */
    void (*fn)(void *);              /* entry */
    void *arg;                       /* its argument */
    const struct __gochan_site *site; /* where it was started, or NULL */
    char *stack_lo;                  /* first stack: [stack_lo, stack_hi) */
    char *stack_hi;

    /* Scheduling; written by the M that runs it or the one that readies
       it, with the hand-off ordered by the run queues' atomics. */
    uint32_t status;                 /* G_*; read atomically by dumps */
    uint32_t waitreason;             /* WAIT_* while G_WAITING */
    rt_g *schedlink;                 /* run queue / free list link */
    rt_m *m;                         /* M running it, or NULL */
    int64_t waitsince;               /* when it parked (ns), for dumps */

    /* Protected by the lock of the object the G waits on: */
    void *param;                     /* waker -> sleeper hand-off */
    uint32_t selectdone;             /* select: a case already fired */
    bool is_thread;                  /* a plain thread's record, not a G */
    uint32_t thread_wake;            /* is_thread: futex word */

    /* Lists of all Gs, for dumps; protected by sched.allglock. */
    rt_g *allnext, *allprev;
    bool on_allg;

    /* The timer used by rt_sleep and deadlines; see timer.c. */
    rt_timer *sleeptimer;

    size_t segbytes;                 /* bytes of libgcc stack segments */
    void *tsan_fiber;                /* ThreadSanitizer's fiber, if any */
    uint32_t tsan_lives;             /* goroutines it has served */

    void *argheap;                   /* argument block if not inline */
    /* argowner sits just below argbuf: the word below every argument
       block names its G (see g_of_block in sched.c). */
    _Alignas(16) void *argpad;
    void *argowner;
    unsigned char argbuf[G_INLINE_ARGS];
};

/* A pending request from a G to its M's scheduler stack (see sched.c). */
enum {
    REQ_NONE = 0,
    REQ_PARK,        /* park the G, then run m->park_commit */
    REQ_YIELD,       /* put the G back on a run queue */
    REQ_EXIT,        /* the G is finished */
    REQ_SYSTEMSTACK, /* run m->sys_fn(m->sys_arg), then resume the G */
    REQ_EXITSYSCALL, /* no P for the G coming back from a syscall */
};

/* An OS thread.  Owned by that thread except where noted. */
struct rt_m {
    rt_g g0;                         /* the scheduler stack */
    rt_g *curg;                      /* G running, NULL on g0 */
    rt_p *p;                         /* P held, or NULL */
    int64_t id;
    bool spinning;                   /* looking for work; counted in
                                        sched.nmspinning */
    uint32_t req;                    /* REQ_* from curg to g0 */
    rt_g *yielded;                   /* switched out by a direct yield:
                                        the G switched to queues it */
    rt_g *parked;                    /* switched out by a direct park:
                                        the G switched to commits it */
    rt_g *exited;                    /* switched out by a direct exit:
                                        the G switched to frees it */
    bool (*park_commit)(rt_g *, void *);
    void *park_arg;
    void (*sys_fn)(void *);
    void *sys_arg;
    uint64_t rand;                   /* rt_fastrand state */

    /* Protected by sched.lock: */
    rt_m *schedlink;                 /* idle M list */
    rt_p *nextp;                     /* P handed to it while idle */
    uint32_t wake;                   /* futex word: 1 = woken */
    rt_m *allnext;                   /* all Ms, never freed */
    bool in_syscall;
    bool polling;                    /* idle in epoll (the poll sleeper):
                                        wake it with rt_netpoll_break */
};

#define RUNQ_SIZE 256
/* Scratch blocks a P keeps for large selects (select.c), and their
   size. */
#define RT_SELMEM_KEEP 4
#define RT_SELMEM_BYTES 4096

/* A processor. */
struct rt_p {
    int id;
    uint32_t status;                 /* P_* */
    rt_m *m;                         /* M holding it */
    uint64_t schedtick;              /* incremented each schedule */
    rt_p *link;                      /* idle P list; sched.lock */

    /* Local run queue: written at the tail by the owner only, consumed at
       the head by the owner and by thieves (CAS). */
    _Alignas(CACHELINE) uint32_t runqhead;
    uint32_t runqtail;
    rt_g *runq[RUNQ_SIZE];           /* slots: relaxed atomics (a thief
                                        reads one before its CAS on
                                        runqhead says if the read counts;
                                        the owner may reuse the slot) */
    rt_g *runnext;                   /* run next; owner writes, thieves CAS */

    /* Owner only: */
    rt_g *gfree;                     /* free Gs */
    int ngfree;
    int nfree_seg;                   /* of them, with stack segments
                                        (also read by others; sched.c,
                                        "kept stack segments") */
    int64_t goidcache, goidcacheend; /* ids [goidcache, goidcacheend)
                                        taken from sched.goidgen */
    int64_t ngdelta;                 /* Gs started minus Gs ended here
                                        (also read by others; sched.c,
                                        gcount) */
    void *selmem[RT_SELMEM_KEEP];    /* spare scratch blocks of selects
                                        over more cases than fit their
                                        frame (select.c, "Storage") */
    int nselmem;

    /* Timers: a 4-ary min-heap on when.  Protected by timerlock; timer0
       (the earliest when, 0 if none) is also read atomically by others. */
    _Alignas(CACHELINE) rt_lock timerlock;
    rt_timer **timers;
    int ntimers, timercap;
    int64_t timer0;
};

enum { P_IDLE = 0, P_RUNNING, P_SYSCALL };

/* Global scheduler state. */
struct rt_sched {
    rt_lock lock;                    /* protects the fields below it;
                                        nmidle, mcount, nmsys and
                                        poll_sleeper are also read
                                        without it (atomically: written
                                        with atomic stores) */
    rt_m *midle;                     /* idle Ms */
    int nmidle;
    int mcount;                      /* Ms created */
    int mcount_foreign_helpers;      /* runtime threads that are not Ms
                                        (GOCHAN_DEBUG=schedtrace; the
                                        signal thread while no signal
                                        is watched, signal.c) */
    int nmsys;                       /* Ms in a syscall without a P */
    rt_p *pidle;                     /* idle Ps */
    rt_g *runqhead, *runqtail;       /* global run queue */
    int runqsize;
    rt_m *timer_sleeper;             /* idle M sleeping until a timer */
    int64_t sleep_until;             /* its deadline */
    rt_m *poll_sleeper;              /* idle M waiting in epoll (may be
                                        the timer sleeper as well) */
    int nthreads_active;             /* plain threads outside the runtime */
    bool main_exited;                /* main goroutine called gochan_exit */

    /* Accessed atomically: */
    uint32_t npidle;
    uint32_t nmspinning;
    int64_t goidgen;                 /* handed out to Ps in batches */
    int64_t ngoroutines;             /* live Gs, less the Ps' ngdelta
                                        (read it with gcount) */

    rt_lock gflock;                  /* global free G lists: */
    rt_g *gfree;                     /* Gs without stack segments */
    rt_g *gfree_seg;                 /* Gs that kept theirs */
    int ngfree;                      /* on both lists */
    /* Kept stack segments (sched.c, "free Gs and their kept stack
       segments"); under gflock, gfree_segbytes and gfree_trimmed also
       read without it (atomically). */
    size_t gfree_segbytes;           /* segment bytes on gfree_seg */
    size_t gfree_seglow;             /* its least since the last trim */
    int64_t gfree_trimmed;           /* when the last trim ran */

    rt_lock allglock;                /* list of all live Gs */
    rt_g *allg;
    rt_m *allm;                      /* all Ms (sched.lock to add) */

    int nprocs;                      /* GOCHAN_MAXPROCS */
    int ncpus;                       /* CPUs this process may use */
    rt_p *allp;                      /* array of nprocs Ps */
    bool started;
};
extern struct rt_sched rt_sched;

/* The current M, or NULL on a thread that is not an M.  Not inlined and
   never cached across a call that may switch: a G can resume on another
   thread. */
rt_m *rt_getm(void);

/* The current goroutine, or the calling thread's record when it is not
   running a goroutine.  Never NULL.  Throws on a scheduler stack. */
rt_g *rt_getg(void);

/* rt_park parks the calling goroutine (or plain thread).  Once the G is
   switched out, commit(gp, arg) runs on the scheduler stack; if it returns
   false the G resumes at once.  commit may be NULL.  May block. */
void rt_park(bool (*commit)(rt_g *, void *), void *arg, uint32_t reason);

/* rt_park_unlock_commit is a commit function that releases the rt_lock
   passed as arg. */
bool rt_park_unlock_commit(rt_g *gp, void *arg);

/* rt_park_direct: rt_park for a commit that only releases locks (no
   libc, no clock, no timers, always true).  When this P has another G
   ready, switches straight to it, and commit runs on that G's stack as
   it resumes, instead of on the scheduler stack: one switch, not two
   (an unbuffered channel's round trip, a select's wait). */
void rt_park_direct(bool (*commit)(rt_g *, void *), void *arg,
                    uint32_t reason);

/* rt_ready makes a parked G runnable (it runs next on this P). */
void rt_ready(rt_g *gp);

/* rt_systemstack runs fn(arg) on the scheduler stack (at once when
   already there or not on a goroutine).  For code that calls libc. */
void rt_systemstack(void (*fn)(void *), void *arg);

/* Wake an idle M to run timers (timer.c calls it when a new earliest
   timer is added). */
void rt_wake_timer_sleeper(int64_t when);

/* The poller (netpoll.c).  rt_netpoll waits up to timeout_ns (< 0:
   forever, 0: not at all) and links the goroutines that I/O readied on
   *list through schedlink, still G_WAITING (plain threads it wakes
   itself).  Only the poll sleeper passes sleeper; returns true if
   rt_netpoll_break woke it.  rt_netpoll_break wakes the poll sleeper.
   rt_netpoll_epfd is -1 until the first fd is registered;
   rt_netpoll_waiters counts goroutines and threads parked on I/O,
   rt_netpoll_thread_waiters the plain threads among them (readied
   without a P: they need a poller even while every P is busy).  All are
   read atomically. */
bool rt_netpoll(int64_t timeout_ns, bool sleeper, rt_g **list);
void rt_netpoll_break(void);
extern int rt_netpoll_epfd;
extern uint32_t rt_netpoll_waiters;
extern uint32_t rt_netpoll_thread_waiters;
extern int64_t rt_netpoll_lastpoll;   /* rt_nanotime() of the last poll */

/* rt_netpoll_kick (sched.c): someone has just queued to wait on I/O; make
   sure an idle M polls if one may be needed (a plain thread waits, or a
   processor is idle).  Caller may hold an I/O descriptor's lock. */
void rt_netpoll_kick(void);

/* For timer.c and the idle loop. */
rt_p *rt_currentp(void);

/* Allocation on the scheduler stack (malloc/free and friends). */
void *rt_malloc(size_t n);
void *rt_calloc(size_t n, size_t size);
void rt_free(void *p);

/* Stacks (stack.c). */
size_t rt_stack_block_size(void);
rt_g *rt_stack_new_g(void);
void rt_stack_prepare(rt_g *gp, void (*boot)(void));
void rt_stack_release_segments(rt_g *gp);
static inline bool rt_stack_has_segments(rt_g *gp)
{
    return gp->ss_ctx[SS_MORESTACK_SEGMENTS] != NULL;
}
extern size_t rt_stack_keep_max;      /* segment bytes the free list keeps */
void rt_stack_init(void);
void rt_stack_account(void *addr, size_t len); /* NOSPLIT; see syscall-x86_64.c */
void rt_stack_map_failed(long err);            /* NOSPLIT; ditto */
extern bool rt_stack_making_context;  /* in __splitstack_makecontext */
void rt_stack_unmapped(void *addr);            /* NOSPLIT */
void rt_stack_register(void *lo, void *hi);    /* for valgrind */

/* The switch (switch-x86_64.S): save callee-saved registers and %rsp in
   from->sp, load to->sp, restore, return on the new stack.  The split-stack
   context is switched by rt_gogo in stack.c. */
void rt_switch_regs(void **from_sp, void *to_sp);
void rt_gostart(void);

/* Panics (panic.c). */
void rt_print_backtrace(int fd, int skip);
void rt_dump_goroutines(int fd);
void rt_panic_init(void);

/* Timers (timer.c). */
int64_t rt_timers_run(rt_p *pp, int64_t now);
int64_t rt_timers_next(void);
bool rt_timers_pending(void);



/* The M of this thread.  Read it directly only in no_split_stack code
   that cannot switch (stack.c's syscall); everyone else uses rt_getm(). */
extern __thread rt_m *rt_tls_m;

/* Main's goroutine, which is not in the G pool (sched.c), for dumps. */
rt_g *rt_main_g(void);

/* Visit every G block ever allocated (stack.c), for dumps. */
void rt_stack_foreach_g(void (*fn)(rt_g *, void *), void *arg);
#endif /* GOCHAN_RT_SCHED_H */
