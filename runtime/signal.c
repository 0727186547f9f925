/* SPDX-License-Identifier: MIT */
/*
 * signal.c: the program's signal handlers, made safe for goroutines; and
 * channels that receive signals (gochan_signal_notify, Go's os/signal).
 *
 * ---- The program's handlers ------------------------------------------
 *
 * Two hazards (HACKING.md, "Signals"):
 *   1. A handler that runs on the interrupted goroutine's stack pushes a
 *      signal frame (several KiB with AVX-512 state) onto a 2 KiB first
 *      stack and overwrites its neighbour in the slab.
 *   2. A handler is split-stack code running with the interrupted
 *      goroutine's stack guard: it may "grow" that goroutine's stack from
 *      inside the signal, and if the signal hit __morestack itself (we
 *      turn off libgcc's signal blocking, which costs 4 system calls per
 *      split), the segment list is corrupted.
 *
 * So the runtime replaces sigaction(), signal(), bsd_signal() and
 * sysv_signal(): a handler the program installs is recorded here, and the
 * kernel is given signal_trampoline instead, always with SA_ONSTACK (every
 * M and the main thread have an alternate stack).  The trampoline must not
 * split the stack; it sets the guard to 0 ("no limit": nothing splits)
 * while the program's handler runs on the alternate stack, then restores
 * it.  sigaction() reports the program's own handler back, so the
 * replacement is invisible.  SIG_DFL and SIG_IGN go to the kernel as they
 * are.  Threads without an alternate stack (plain threads the program
 * made) run handlers on their own stacks, as before.
 *
 * ---- Signal channels ---------------------------------------------------
 *
 * gochan_signal_notify and gochan_signal_ignore "take over" a signal: its
 * kernel action before that is saved in sig_saved and restored when the
 * last channel stops watching it (or on gochan_signal_reset).  A
 * sigaction() call on a taken-over signal updates sig_saved, not the
 * kernel, so the program's change takes effect when gochan lets go.
 *
 * A watched signal's kernel handler is notify_handler.  It may interrupt
 * anything, a thread holding a runtime lock or one inside the scheduler,
 * so it takes no lock and touches no runtime structure.  It does three
 * things, all async-signal-safe: an atomic OR of the signal's bit into
 * sig_pending, an atomic increment of the futex word sig_wakeseq, and a
 * raw FUTEX_WAKE system call on that word.  Atomic read-modify-writes are
 * lock-free instructions on x86_64; futex(2) completes in the kernel
 * without waiting for user space; the raw system call does not touch
 * errno.  Like the other entries it is NOSPLIT and zeroes the split-stack
 * guard while it runs, so even an -O0 build (where futex_wake is a real
 * call) never enters __morestack from the handler.
 *
 * A delivery thread (sig_thread_main), a plain pthread started by the
 * first gochan_signal_notify with every signal blocked, sleeps on
 * sig_wakeseq.  Woken, it swaps sig_pending to zero and, under sig_lock,
 * sends each pending signal, without blocking, on every channel watching
 * it.  No wake-up is lost: the handler sets the bit before it bumps the
 * word, and the thread reads the word before it swaps the bits, so either
 * the swap sees the bit or futex_wait sees a changed word and returns.
 * Arrivals of one signal between two swaps are delivered once.
 *
 * Why a thread.  A handler cannot ready a goroutine (that takes locks the
 * interrupted thread may hold) and a goroutine cannot sleep on a futex
 * word without holding an M anyway.  Rejected: a self-pipe (a file
 * descriptor the program could close or run out of, and two system calls
 * per signal); signalfd (the signal would have to be blocked in every
 * thread, the program's own included); draining the mask in the scheduler
 * loop (an idle M sleeps without looking, and the netpoller must not be
 * relied on here).
 *
 * Deadlock detection (sched.c, checkdead) suppresses its report while a
 * thread that is neither an M nor a runtime helper exists.  While any
 * signal is watched the delivery thread is such a thread: a program whose
 * goroutines all wait for a signal is not deadlocked (a kill(1) may still
 * come, as Go reasons).  While none is watched the thread counts as a
 * runtime helper (rt_sched.mcount_foreign_helpers) and detection works
 * again.  The thread never exits.
 *
 * Locking: sig_lock protects user_action and everything about signal
 * channels except sig_pending and sig_wakeseq (atomics).  The delivery
 * thread holds it across its sends, so once gochan_signal_stop has taken
 * it, no send to that channel is in progress or to come.
 * Order: sig_lock < chan.lock < sched.lock (lock.h).  The functions that
 * change the kernel's actions run on the scheduler stack (libc).
 */
#include "chan.h"
#include <gochan/sched.h>
#include <gochan/signal.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int __sigaction(int, const struct sigaction *, struct sigaction *);
sighandler_t bsd_signal(int, sighandler_t);

/* What the program asked for, per signal.  Written under sig_lock;
   read by the trampoline without it (each field is read once, and a
   handler being replaced may still be called once, as with the kernel). */
static struct sigaction user_action[NSIG];
static rt_lock sig_lock = RT_LOCK_INIT;

static RT_ALWAYS_INLINE void *guard_get(void)
{
    void *g;
    __asm__ __volatile__("movq %%fs:0x70, %0" : "=r"(g));
    return g;
}

static RT_ALWAYS_INLINE void guard_set(void *g)
{
    __asm__ __volatile__("movq %0, %%fs:0x70" : : "r"(g) : "memory");
}

NOSPLIT static void signal_trampoline(int sig, siginfo_t *info, void *uc)
{
    void *saved = guard_get();
    guard_set(NULL);
    struct sigaction *ua = &user_action[sig];
    int flags = __atomic_load_n(&ua->sa_flags, __ATOMIC_ACQUIRE);
    if (flags & SA_SIGINFO) {
        void (*fn)(int, siginfo_t *, void *) = ua->sa_sigaction;
        if (fn != NULL)
            fn(sig, info, uc);
    } else {
        void (*fn)(int) = ua->sa_handler;
        if (fn != SIG_DFL && fn != SIG_IGN && fn != NULL)
            fn(sig);
    }
    guard_set(saved);
}

static RT_ALWAYS_INLINE bool is_handler(const struct sigaction *sa)
{
    if (sa->sa_flags & SA_SIGINFO)
        return sa->sa_sigaction != NULL;
    return sa->sa_handler != SIG_DFL && sa->sa_handler != SIG_IGN;
}

/* Signal channels' state, under sig_lock (see the file head). */
enum { OWN_NONE = 0, OWN_NOTIFY, OWN_IGNORE };
static uint8_t sig_owner[NSIG];          /* who has the kernel's slot */
static struct sigaction sig_saved[NSIG]; /* owned: the action to restore */

EXPORT NO_TSAN int sigaction(int sig, const struct sigaction *act,
                             struct sigaction *oldact)
{
    if (sig <= 0 || sig >= NSIG)
        return __sigaction(sig, act, oldact);
    rt_lock_acquire(&sig_lock);
    struct sigaction kold, k;
    struct sigaction prev_user = user_action[sig];
    bool wrap = act != NULL && is_handler(act);
    if (wrap) {
        k = *act;
        k.sa_flags |= SA_ONSTACK | SA_SIGINFO;
        k.sa_sigaction = signal_trampoline;
    }
    int rc = 0;
    if (sig_owner[sig] != OWN_NONE) {
        /* gochan_signal_notify/ignore holds the kernel's slot: change
           what it restores when it lets go. */
        kold = sig_saved[sig];
        if (act != NULL) {
            sig_saved[sig] = wrap ? k : *act;
            if (wrap)
                user_action[sig] = *act;
        }
    } else if (wrap) {
        /* Record first: the trampoline may run as soon as it is in. */
        user_action[sig] = *act;
        rc = __sigaction(sig, &k, &kold);
        if (rc != 0)
            user_action[sig] = prev_user;
    } else {
        rc = __sigaction(sig, act, &kold);
    }
    if (rc == 0 && oldact != NULL) {
        if ((kold.sa_flags & SA_SIGINFO) &&
            kold.sa_sigaction == signal_trampoline)
            *oldact = prev_user;    /* the program's handler, as installed */
        else
            *oldact = kold;
    }
    rt_lock_release(&sig_lock);
    return rc;
}

/* signal() with glibc's (BSD) semantics: SA_RESTART, handler stays. */
NO_TSAN static sighandler_t set_handler(int sig, sighandler_t h, int flags)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, &old) != 0)
        return SIG_ERR;
    return (old.sa_flags & SA_SIGINFO) ? (sighandler_t)(void (*)(void))old.sa_sigaction
                                       : old.sa_handler;
}

EXPORT NO_TSAN sighandler_t signal(int sig, sighandler_t h)
{
    return set_handler(sig, h, SA_RESTART);
}

EXPORT NO_TSAN sighandler_t bsd_signal(int sig, sighandler_t h)
{
    return set_handler(sig, h, SA_RESTART);
}

EXPORT NO_TSAN sighandler_t sysv_signal(int sig, sighandler_t h)
{
    return set_handler(sig, h, SA_RESETHAND | SA_NODEFER);
}

/* ---- signal channels ---------------------------------------------------- */

#define SIGWORDS ((NSIG + 63) / 64)

/* A channel that receives signals. */
struct sig_watch {
    gochan_chan *c;                  /* holds one reference */
    uint64_t mask[SIGWORDS];         /* the signals it receives */
    struct sig_watch *next;
};

/* Under sig_lock (with sig_owner and sig_saved above): */
static struct sig_watch *sig_watches;    /* every watching channel */
static uint32_t sig_nwatch[NSIG];        /* channels watching each signal;
                                            > 0 exactly when OWN_NOTIFY */
static int sig_nnotify;                  /* signals in OWN_NOTIFY */
static bool sig_thread_started;          /* the delivery thread exists */
static bool sig_thread_helper;           /* ... and counts as a runtime
                                            helper (sig_nnotify == 0) */

/* Written by notify_handler, atomically: */
static uint64_t sig_pending[SIGWORDS];   /* arrived, not yet delivered */
static uint32_t sig_wakeseq;             /* futex word: bumped per arrival */

static inline bool mask_has(const uint64_t *m, int sig)
{
    return (m[sig / 64] >> (sig % 64)) & 1;
}

static inline void mask_set(uint64_t *m, int sig)
{
    m[sig / 64] |= 1ull << (sig % 64);
}

static inline void mask_clear(uint64_t *m, int sig)
{
    m[sig / 64] &= ~(1ull << (sig % 64));
}

/* The kernel's entry for a watched signal.  Async-signal-safe: atomics
   and one raw system call, no lock, no runtime structure (file head).
   Must not split the stack, nor call ThreadSanitizer's hooks
   (IN_MORESTACK's attributes): a signal may arrive on a thread TSan has
   not set up yet (at the very start of a new thread), and its
   __tsan_func_entry then crashed (gochan.signal/storm.c under
   make check-tsan, about 1 run in 3). */
IN_MORESTACK static void notify_handler(int sig, siginfo_t *info, void *uc)
{
    (void)info;
    (void)uc;
    void *saved = guard_get();
    guard_set(NULL);
    __atomic_fetch_or(&sig_pending[sig / 64], 1ull << (sig % 64),
                      __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&sig_wakeseq, 1, __ATOMIC_SEQ_CST);
    futex_wake(&sig_wakeseq, 1);
    guard_set(saved);
}

/* Whether sig can be watched or ignored.  Runs on the scheduler stack
   (SIGRTMIN is a libc call). */
static bool sig_allowed(int sig)
{
    if (sig <= 0 || sig >= NSIG)
        return false;
    switch (sig) {
    case SIGKILL:
    case SIGSTOP:
    /* Faults of the running code: the handler would return into the
       faulting instruction.  panic.c reports them. */
    case SIGSEGV:
    case SIGBUS:
    case SIGFPE:
    case SIGILL:
    case SIGTRAP:
        return false;
    default:
        return sig < 32 || (sig >= SIGRTMIN && sig <= SIGRTMAX);
    }
}

/* Send sig on c without blocking: a channel with no room misses it.
   Caller holds sig_lock, not c->lock. */
static void sig_send(gochan_chan *c, int sig)
{
    /* c's elements are int-sized (notify_check); the union only keeps
       GCC from warning about the copies for other sizes it can't rule
       out. */
    union {
        int sig;
        uint64_t pad[2];
    } v = { .sig = sig };
    if (UNLIKELY(atomic_load_acq(&c->closed)))
        gochan_panic("send on closed channel: a channel watching signal %d "
                     "was closed before gochan_signal_stop", sig);
    /* A closed channel here (closed since) panics as any send would. */
    (void)rt_chansend(c, &v, false, RT_NO_DEADLINE);
}

static void sig_deliver(const uint64_t *got)
{
    rt_lock_acquire(&sig_lock);
    for (int sig = 1; sig < NSIG; sig++) {
        if (!mask_has(got, sig) || sig_nwatch[sig] == 0)
            continue;
        for (struct sig_watch *w = sig_watches; w != NULL; w = w->next)
            if (mask_has(w->mask, sig))
                sig_send(w->c, sig);
    }
    rt_lock_release(&sig_lock);
}

NORETURN static void sig_thread_main(void)
{
    int zero = 0;
    __splitstack_block_signals(&zero, NULL);
    for (;;) {
        uint32_t seq = atomic_load_acq(&sig_wakeseq);
        uint64_t got[SIGWORDS];
        bool any = false;
        for (int i = 0; i < SIGWORDS; i++) {
            got[i] = atomic_xchg(&sig_pending[i], 0);
            any |= got[i] != 0;
        }
        if (any)
            sig_deliver(got);
        else
            futex_wait(&sig_wakeseq, seq, NULL);
    }
}

#define SIG_THREAD_STACK (2u << 20)

/* The delivery thread's entry.  libgcc sets a new thread's split-stack
   guard for a 16 KiB stack; set it from the real one (as sched.c's
   mstart_entry does) so that code calling libc does not split at once.
   Must not split: it runs before the guard is right. */
NOSPLIT static void *sig_thread_entry(void *arg)
{
    (void)arg;
    pthread_attr_t attr;
    void *lo;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        if (pthread_attr_getstack(&attr, &lo, &size) == 0 &&
            size >= SIG_THREAD_STACK / 2)
            guard_set((char *)lo + 64 * 1024);
        pthread_attr_destroy(&attr);
    }
    sig_thread_main();
}

/* Start the delivery thread if needed, with every signal blocked (so that
   no handler, ours or the program's, ever runs on it).  Caller holds
   sig_lock, on the scheduler stack.  0 or -EAGAIN. */
static int sig_thread_start(void)
{
    if (sig_thread_started)
        return 0;
    sigset_t all, old;
    sigfillset(&all);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, SIG_THREAD_STACK);
    pthread_t th;
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&th, &attr, sig_thread_entry, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        return -EAGAIN;
    sig_thread_started = true;
    return 0;
}

/* Keep the delivery thread's standing with checkdead right (file head).
   Caller holds sig_lock. */
static void sig_account(void)
{
    bool helper = sig_thread_started && sig_nnotify == 0;
    if (helper == sig_thread_helper)
        return;
    rt_lock_acquire(&rt_sched.lock);
    rt_sched.mcount_foreign_helpers += helper ? 1 : -1;
    rt_lock_release(&rt_sched.lock);
    sig_thread_helper = helper;
}

/* Give the kernel act for sig, saving what it had if gochan did not own
   sig yet.  Caller holds sig_lock. */
static int sig_take(int sig, const struct sigaction *act)
{
    if (sig_owner[sig] == OWN_NONE &&
        __sigaction(sig, NULL, &sig_saved[sig]) != 0)
        return -EINVAL;
    return __sigaction(sig, act, NULL) == 0 ? 0 : -EINVAL;
}

/* Let go of sig: no channel watches it, its saved action is back.
   Caller holds sig_lock. */
static void sig_let_go(int sig)
{
    for (struct sig_watch *w = sig_watches; w != NULL; w = w->next)
        mask_clear(w->mask, sig);
    sig_nwatch[sig] = 0;
    if (sig_owner[sig] == OWN_NOTIFY)
        sig_nnotify--;
    if (sig_owner[sig] != OWN_NONE)
        __sigaction(sig, &sig_saved[sig], NULL);
    sig_owner[sig] = OWN_NONE;
}

enum { OP_NOTIFY, OP_NOTIFY_SET, OP_STOP, OP_IGNORE, OP_RESET, OP_IGNORED };

/* One request to sig_op, which runs it on the scheduler stack. */
struct sig_req {
    int op;
    gochan_chan *c;                  /* notify, stop */
    uint64_t mask[SIGWORDS];         /* the signals named */
    bool bad;                        /* a number out of range was named */
    bool all;                        /* every signal (set NULL, reset(0)) */
    bool any;                        /* notify_set(NULL): skip signals
                                        the system refuses */
    const sigset_t *set;             /* OP_NOTIFY_SET */
    int sig;                         /* OP_IGNORED */
    int rc;
    gochan_chan *drop;               /* OP_STOP: the reference to drop */
};

static int sig_notify_locked(struct sig_req *r)
{
    struct sig_watch *w;
    for (w = sig_watches; w != NULL; w = w->next)
        if (w->c == r->c)
            break;
    if (w == NULL) {
        w = calloc(1, sizeof *w);
        if (w == NULL)
            return -ENOMEM;
        int rc = sig_thread_start();
        if (rc != 0) {
            free(w);
            return rc;
        }
        w->c = gochan_chan_retain(r->c);
        w->next = sig_watches;
        sig_watches = w;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = notify_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigfillset(&sa.sa_mask);
    for (int sig = 1; sig < NSIG; sig++) {
        if (!mask_has(r->mask, sig) || mask_has(w->mask, sig))
            continue;
        if (sig_nwatch[sig] == 0) {
            if (sig_take(sig, &sa) != 0) {
                /* Refused (valgrind reserves one for itself): "every
                   signal that can be watched" leaves it out. */
                if (r->any)
                    continue;
                return -EINVAL;
            }
            if (sig_owner[sig] != OWN_NOTIFY)
                sig_nnotify++;
            sig_owner[sig] = OWN_NOTIFY;
        }
        sig_nwatch[sig]++;
        mask_set(w->mask, sig);
    }
    return 0;
}

SLOWPATH static void sig_op(void *arg)
{
    struct sig_req *r = arg;
    r->rc = 0;
    if (r->op == OP_IGNORED) {
        rt_lock_acquire(&sig_lock);
        struct sigaction k;
        if (!sig_allowed(r->sig))
            r->rc = 0;
        else if (sig_owner[r->sig] != OWN_NONE)
            r->rc = sig_owner[r->sig] == OWN_IGNORE;
        else
            r->rc = __sigaction(r->sig, NULL, &k) == 0 &&
                    !(k.sa_flags & SA_SIGINFO) && k.sa_handler == SIG_IGN;
        rt_lock_release(&sig_lock);
        return;
    }
    if (r->op == OP_NOTIFY_SET) {
        for (int sig = 1; sig < NSIG; sig++)
            if (r->set == NULL ? sig_allowed(sig)
                               : sigismember(r->set, sig) == 1)
                mask_set(r->mask, sig);
    }
    if (r->all) {
        for (int sig = 1; sig < NSIG; sig++)
            mask_set(r->mask, sig);
    }
    bool none = true;
    for (int sig = 1; sig < NSIG; sig++) {
        if (!mask_has(r->mask, sig))
            continue;
        none = false;
        if (!sig_allowed(sig) && !r->all)
            r->bad = true;
    }
    if (r->op != OP_STOP && (r->bad || none)) {
        r->rc = -EINVAL;
        return;
    }

    rt_lock_acquire(&sig_lock);
    switch (r->op) {
    case OP_NOTIFY:
    case OP_NOTIFY_SET:
        r->rc = sig_notify_locked(r);
        break;
    case OP_STOP: {
        struct sig_watch **pw = &sig_watches;
        while (*pw != NULL && (*pw)->c != r->c)
            pw = &(*pw)->next;
        struct sig_watch *w = *pw;
        if (w == NULL)
            break;
        *pw = w->next;
        for (int sig = 1; sig < NSIG; sig++)
            if (mask_has(w->mask, sig) && --sig_nwatch[sig] == 0)
                sig_let_go(sig);
        r->drop = w->c;
        free(w);                        /* on this stack: libc */
        break;
    }
    case OP_IGNORE: {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_IGN;
        sigemptyset(&sa.sa_mask);
        for (int sig = 1; sig < NSIG; sig++) {
            if (!mask_has(r->mask, sig))
                continue;
            if (sig_take(sig, &sa) != 0) {
                r->rc = -EINVAL;        /* not expected: sig_allowed */
                continue;
            }
            for (struct sig_watch *w = sig_watches; w != NULL; w = w->next)
                mask_clear(w->mask, sig);
            sig_nwatch[sig] = 0;
            if (sig_owner[sig] == OWN_NOTIFY)
                sig_nnotify--;
            sig_owner[sig] = OWN_IGNORE;
        }
        break;
    }
    case OP_RESET:
        for (int sig = 1; sig < NSIG; sig++)
            if (mask_has(r->mask, sig))
                sig_let_go(sig);
        break;
    }
    sig_account();
    rt_lock_release(&sig_lock);
}

/* Collect a 0-terminated list of signal numbers. */
static void sig_collect(struct sig_req *r, int first, va_list ap)
{
    for (int sig = first; sig != 0; sig = va_arg(ap, int)) {
        if (sig < 0 || sig >= NSIG)
            r->bad = true;
        else
            mask_set(r->mask, sig);
    }
}

static void notify_check(gochan_chan *c, const char *fn)
{
    if (c == NULL)
        gochan_panic("%s: nil channel", fn);
    if (c->elemsize != sizeof(int))
        gochan_panic("%s: the channel's elements are %zu bytes, not an int",
                     fn, c->elemsize);
}

EXPORT int (gochan_signal_notify)(gochan_chan *c, int sig, ...)
{
    notify_check(c, "gochan_signal_notify");
    struct sig_req r = { .op = OP_NOTIFY, .c = c };
    va_list ap;
    va_start(ap, sig);
    sig_collect(&r, sig, ap);
    va_end(ap);
    rt_systemstack(sig_op, &r);
    return r.rc;
}

EXPORT int gochan_signal_notify_set(gochan_chan *c, const sigset_t *set)
{
    notify_check(c, "gochan_signal_notify_set");
    struct sig_req r = { .op = OP_NOTIFY_SET, .c = c, .set = set,
                         .any = set == NULL };
    rt_systemstack(sig_op, &r);
    return r.rc;
}

EXPORT void gochan_signal_stop(gochan_chan *c)
{
    if (c == NULL)
        return;
    struct sig_req r = { .op = OP_STOP, .c = c };
    rt_systemstack(sig_op, &r);
    if (r.drop != NULL)
        gochan_chan_release(r.drop);    /* after sig_lock: may free c */
}

EXPORT int (gochan_signal_ignore)(int sig, ...)
{
    struct sig_req r = { .op = OP_IGNORE };
    va_list ap;
    va_start(ap, sig);
    sig_collect(&r, sig, ap);
    va_end(ap);
    rt_systemstack(sig_op, &r);
    return r.rc;
}

EXPORT int (gochan_signal_reset)(int sig, ...)
{
    struct sig_req r = { .op = OP_RESET, .all = sig == 0 };
    va_list ap;
    va_start(ap, sig);
    sig_collect(&r, sig, ap);
    va_end(ap);
    rt_systemstack(sig_op, &r);
    return r.rc;
}

EXPORT bool gochan_signal_ignored(int sig)
{
    struct sig_req r = { .op = OP_IGNORED, .sig = sig };
    rt_systemstack(sig_op, &r);
    return r.rc > 0;
}
