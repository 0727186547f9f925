/* SPDX-License-Identifier: MIT */
/*
 * panic.c: panics, fatal errors, throws, goroutine dumps and signals.
 *
 * Three tiers (STYLE.md):
 *   gochan_panic  the program misused the API (send on closed channel...):
 *                 "panic: msg", the goroutine with a symbolized backtrace
 *                 (GCC's libbacktrace) and where it was started, exit 2.
 *   rt_fatal      the program cannot go on (deadlock, out of memory):
 *                 "fatal error: msg" and every goroutine, exit 2.
 *   rt_throw      the runtime is broken: "fatal error: msg" written raw,
 *                 no allocation, abort().
 * A panic cannot be recovered: C has no safe unwinding across split stacks.
 *
 * Signals.  Every handler the runtime installs runs on the thread's
 * sigaltstack (SA_ONSTACK), never on a goroutine's small stack.  The
 * handler entry must not split the stack, and sets the split-stack guard
 * (%fs:0x70) to 0 while the handler runs, so that nothing in it tries to
 * grow the interrupted goroutine's stack.  SIGQUIT dumps every goroutine
 * and exits 2, as Go does; SIGSEGV, SIGBUS, SIGFPE and SIGILL are reported
 * as panics with the faulting goroutine's backtrace.
 */
#include "proc.h"
#include <gochan/sched.h>
#include <backtrace.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int __sigaction(int, const struct sigaction *, struct sigaction *);

/* GDB auto-load.  GDB loads PROG-gdb.py files by the name of the object
   file, which works for a shared libgochan only; programs link the
   runtime statically.  So every program carries an entry of its own in
   .debug_gdb_scripts (GDB manual, "The .debug_gdb_scripts section"):
   type 1, a Python file, then the NUL-terminated name of the installed
   gdb/gochan-gdb.py (GOCHAN_GDB_SCRIPT, from runtime/Makefile.am).
   "gdb ./prog" then loads it when the auto-load safe-path allows.  No
   code refers to the section, and none needs to: it sits in panic.o,
   which every program links (rt_init calls rt_panic_init), and linkers
   never garbage-collect a section that is not allocated.  "MS" with
   entry size 1: the linker merges identical names. */
#ifdef GOCHAN_GDB_SCRIPT
__asm__(".pushsection \".debug_gdb_scripts\", \"MS\",@progbits,1\n"
        ".byte 1\n"
        ".asciz \"" GOCHAN_GDB_SCRIPT "\"\n"
        ".popsection\n");
#endif

static struct backtrace_state *bt_state;
static uint32_t panicking;

NORETURN void rt_throw(const char *msg)
{
    static const char pre[] = "fatal error: ";
    raw_write(2, pre, sizeof pre - 1);
    raw_write(2, msg, strlen(msg));
    raw_write(2, "\n", 1);
    abort();
}

static void bt_error(void *data, const char *msg, int errnum)
{
    (void)data;
    (void)errnum;
    dprintf(2, "\t(no backtrace: %s)\n", msg);
}

struct bt_ctx {
    int fd;
    int frames;
    bool done;
};

static void bt_syminfo(void *data, uintptr_t pc, const char *name,
                       uintptr_t val, uintptr_t size)
{
    (void)pc;
    (void)val;
    (void)size;
    *(const char **)data = name;
}

static void bt_quiet(void *data, const char *msg, int errnum)
{
    (void)data;
    (void)msg;
    (void)errnum;
}

static int bt_frame(void *data, uintptr_t pc, const char *file, int line,
                    const char *func)
{
    struct bt_ctx *c = data;
    if (c->done)
        return 1;
    if (func == NULL) {
        /* No debug info here: try the symbol table.  __morestack frames
           are where a stack split; they are not the program's. */
        backtrace_syminfo(bt_state, pc, bt_syminfo, bt_quiet, &func);
        if (func != NULL && strncmp(func, "__morestack", 11) == 0)
            return 0;
    }
    if (func != NULL && (strcmp(func, "g_main") == 0 ||
                         strcmp(func, "rt_gostart") == 0)) {
        c->done = true;
        return 1;
    }
    if (func == NULL && file == NULL) {
        dprintf(c->fd, "?()\n\t?:0 pc=%#lx\n", (unsigned long)pc);
    } else {
        dprintf(c->fd, "%s(...)\n\t%s:%d\n", func ? func : "?",
                file ? file : "?", line);
    }
    if (func != NULL && strcmp(func, "main") == 0)
        c->done = true;
    return ++c->frames >= 100;
}

/* Print the calling thread's stack, skipping skip frames of our own. */
NOINLINE void rt_print_backtrace(int fd, int skip)
{
    if (bt_state == NULL)
        return;
    struct bt_ctx c = { fd, 0, false };
    backtrace_full(bt_state, skip + 1, bt_frame, bt_error, &c);
}

static void print_site(int fd, rt_g *gp)
{
    const struct __gochan_site *s = gp->site;
    if (s != NULL) {
        dprintf(fd, "created by __go %s\n\t%s:%d\n", s->func ? s->func : "?",
                s->file ? s->file : "?", s->line);
    } else if (gp->fn != NULL) {
        const char *name = NULL;
        if (bt_state != NULL)
            backtrace_syminfo(bt_state, (uintptr_t)gp->fn, bt_syminfo,
                              bt_quiet, &name);
        dprintf(fd, "created by gochan_go(%s)\n", name ? name : "?");
    }
}

static const char *gstate(rt_g *gp)
{
    switch (atomic_load_relaxed(&gp->status)) {
    case G_RUNNABLE:
        return "runnable";
    case G_RUNNING:
        return "running";
    case G_SYSCALL:
        return "syscall";
    case G_WAITING: {
        uint32_t r = gp->waitreason;
        return r < WAIT_NREASONS && rt_waitreason_names[r]
                   ? rt_waitreason_names[r] : "waiting";
    }
    default:
        return NULL;
    }
}

struct dump_ctx {
    int fd;
    rt_g *self;
};

static void dump_one(rt_g *gp, void *arg)
{
    struct dump_ctx *d = arg;
    const char *st = gstate(gp);
    if (st == NULL || gp == d->self)
        return;
    dprintf(d->fd, "\ngoroutine %lld [%s]:\n", (long long)gp->id, st);
    print_site(d->fd, gp);
}

/* Print every goroutine but the current one (which the caller printed
   with its backtrace). */
void rt_dump_goroutines(int fd)
{
    rt_m *m = rt_getm();
    struct dump_ctx d = { fd, m ? m->curg : NULL };
    rt_g *g1 = rt_main_g();
    if (g1 != NULL)
        dump_one(g1, &d);
    rt_stack_foreach_g(dump_one, &d);
}

static void flush_stdio(void)
{
    /* Output the program wrote before the panic should not be lost. */
    fflush(stdout);
}

static void print_current(int fd, int skip)
{
    rt_m *m = rt_getm();
    rt_g *gp = m ? m->curg : NULL;
    if (gp != NULL) {
        dprintf(fd, "\ngoroutine %lld [running]:\n", (long long)gp->id);
        rt_print_backtrace(fd, skip + 1);
        print_site(fd, gp);
    } else if (m != NULL) {
        dprintf(fd, "\nscheduler stack of thread %lld:\n", (long long)m->id);
        rt_print_backtrace(fd, skip + 1);
    } else {
        dprintf(fd, "\nthread (not a goroutine):\n");
        rt_print_backtrace(fd, skip + 1);
    }
}

/* Only the first panic or fatal error prints; others wait to die. */
static void enter_panic(void)
{
    if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST) != 0) {
        for (;;)
            pause();
    }
}

EXPORT NORETURN NOINLINE void gochan_panic(const char *fmt, ...)
{
    enter_panic();
    flush_stdio();
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dprintf(2, "panic: %s\n", msg);
    print_current(2, 1);
    if (getenv("GOCHAN_TRACEBACK") && strcmp(getenv("GOCHAN_TRACEBACK"), "all") == 0)
        rt_dump_goroutines(2);
    _exit(2);
}

NORETURN NOINLINE void rt_fatal(const char *msg)
{
    enter_panic();
    flush_stdio();
    dprintf(2, "fatal error: %s\n", msg);
    rt_m *m = rt_getm();
    if (m != NULL && m->curg != NULL)
        print_current(2, 1);
    rt_dump_goroutines(2);
    _exit(2);
}

/* ---- signals ----------------------------------------------------------- */

NOSPLIT static inline void *get_guard(void)
{
    void *g;
    __asm__ __volatile__("movq %%fs:0x70, %0" : "=r"(g));
    return g;
}

NOSPLIT static inline void set_guard(void *g)
{
    __asm__ __volatile__("movq %0, %%fs:0x70" : : "r"(g) : "memory");
}

static const char *signame(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV: segmentation violation";
    case SIGBUS: return "SIGBUS: bus error";
    case SIGFPE: return "SIGFPE: floating-point exception";
    case SIGILL: return "SIGILL: illegal instruction";
    case SIGQUIT: return "SIGQUIT: quit";
    default: return "signal";
    }
}

static void handle_signal(int sig, siginfo_t *info)
{
    enter_panic();
    flush_stdio();
    if (sig == SIGQUIT) {
        dprintf(2, "%s\n", signame(sig));
        print_current(2, 2);
        rt_dump_goroutines(2);
        _exit(2);
    }
    dprintf(2, "panic: runtime error: %s\n[signal %d code=%d addr=%p]\n",
            signame(sig), sig, info ? info->si_code : 0,
            info ? info->si_addr : NULL);
    print_current(2, 2);
    _exit(2);
}

/* The entry point the kernel calls, on the sigaltstack. */
NOSPLIT static void signal_entry(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    void *saved = get_guard();
    set_guard(NULL);
    handle_signal(sig, info);
    set_guard(saved);
}

void rt_panic_init(void)
{
    bt_state = backtrace_create_state(NULL, 1, NULL, NULL);
    const char *s = getenv("GOCHAN_NOSIGNALS");
    if (s != NULL && *s == '1')
        return;
    static const int sigs[] = { SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = signal_entry;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigfillset(&sa.sa_mask);
        struct sigaction old;
        if (__sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_DFL)
            continue;   /* the program or a library already handles it */
        __sigaction(sigs[i], &sa, NULL);
    }
}
