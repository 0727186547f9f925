/* SPDX-License-Identifier: MIT */
/*
 * signal.c: the program's signal handlers, made safe for goroutines.
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
 */
#include "proc.h"
#include <signal.h>
#include <string.h>

int __sigaction(int, const struct sigaction *, struct sigaction *);
sighandler_t bsd_signal(int, sighandler_t);

/* What the program asked for, per signal.  Written under sig_lock;
   read by the trampoline without it (each field is read once, and a
   handler being replaced may still be called once, as with the kernel). */
static struct sigaction user_action[NSIG];
static rt_lock sig_lock = RT_LOCK_INIT;

NOSPLIT static void *guard_get(void)
{
    void *g;
    __asm__ __volatile__("movq %%fs:0x70, %0" : "=r"(g));
    return g;
}

NOSPLIT static void guard_set(void *g)
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

static bool is_handler(const struct sigaction *sa)
{
    if (sa->sa_flags & SA_SIGINFO)
        return sa->sa_sigaction != NULL;
    return sa->sa_handler != SIG_DFL && sa->sa_handler != SIG_IGN;
}

EXPORT int sigaction(int sig, const struct sigaction *act,
                     struct sigaction *oldact)
{
    if (sig <= 0 || sig >= NSIG)
        return __sigaction(sig, act, oldact);
    rt_lock_acquire(&sig_lock);
    struct sigaction kold;
    struct sigaction prev_user = user_action[sig];
    int rc;
    if (act != NULL && is_handler(act)) {
        struct sigaction k = *act;
        k.sa_flags |= SA_ONSTACK | SA_SIGINFO;
        k.sa_sigaction = signal_trampoline;
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
static sighandler_t set_handler(int sig, sighandler_t h, int flags)
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

EXPORT sighandler_t signal(int sig, sighandler_t h)
{
    return set_handler(sig, h, SA_RESTART);
}

EXPORT sighandler_t bsd_signal(int sig, sighandler_t h)
{
    return set_handler(sig, h, SA_RESTART);
}

EXPORT sighandler_t sysv_signal(int sig, sighandler_t h)
{
    return set_handler(sig, h, SA_RESETHAND | SA_NODEFER);
}
