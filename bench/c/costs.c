/* SPDX-License-Identifier: MIT */
/*
 * costs.c: what the machine charges for the primitives the runtime is
 * made of, measured the way the suite measures everything else (median
 * of several timed loops).  The targets of DESIGN.md section 5 are a few
 * dozen nanoseconds; these figures say how many of them one atomic, one
 * split-stack context save, one page fault or one mmap take here.
 *
 * Output, one line per primitive:
 *
 *     COST <name> <ns> <what>
 *
 * Build: as bench.c, with -fsplit-stack and gold (../run does it); no
 * runtime calls, so nothing of gochan's is started.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../../runtime/splitstack.h"

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

enum { REPS = 7 };

/* Median over REPS runs of fn(n), in ns per op. */
static double median(double (*fn)(long), long n)
{
    double v[REPS];
    for (int i = 0; i < REPS; i++)
        v[i] = fn(n);
    qsort(v, REPS, sizeof v[0], cmp_d);
    return v[REPS / 2];
}

static volatile long word;

static double loop_empty(long n)
{
    int64_t t = now_ns();
    for (long i = 0; i < n; i++)
        __asm__ __volatile__("" ::: "memory");
    return (double)(now_ns() - t) / (double)n;
}

static double cas(long n)
{
    int64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        long old = i;
        __atomic_compare_exchange_n(&word, &old, i + 1, false,
                                    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
    }
    return (double)(now_ns() - t) / (double)n;
}

static double xchg(long n)
{
    int64_t t = now_ns();
    for (long i = 0; i < n; i++)
        __atomic_exchange_n(&word, i, __ATOMIC_ACQ_REL);
    return (double)(now_ns() - t) / (double)n;
}

/* An uncontended lock and unlock, as the runtime's rt_lock does it
   (runtime/lock.h): a CAS to take it, an exchange to drop it (the old
   value says whether a sleeper needs waking). */
static inline void lock_take(volatile long *w)
{
    long zero = 0;
    while (!__atomic_compare_exchange_n(w, &zero, 1, false, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED))
        zero = 0;
}

static inline void lock_drop(volatile long *w)
{
    (void)__atomic_exchange_n(w, 0, __ATOMIC_RELEASE);
}

static double lock_unlock(long n)
{
    word = 0;
    int64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        lock_take(&word);
        lock_drop(&word);
    }
    return (double)(now_ns() - t) / (double)n;
}

/* What a switch saves and restores of libgcc's split-stack state: the
   runtime's own inline code (runtime/splitstack.h). */
__attribute__((no_split_stack, noinline))
static void ss_swap(void *save[SS_NSLOTS], void *const load[SS_NSLOTS])
{
    ss_save(save);
    ss_restore(load);
}

__attribute__((no_split_stack, noinline))
static void ss_none(void *save[SS_NSLOTS], void *const load[SS_NSLOTS])
{
    __asm__ __volatile__("" : : "r"(save), "r"(load) : "memory");
}

__attribute__((no_split_stack))
static double ss_context(long n)
{
    void *a[SS_NSLOTS], *b[SS_NSLOTS] = { 0 };
    ss_swap(b, b);              /* b: the current context (read first) */
    memcpy(a, b, sizeof a);
    int64_t t = now_ns();
    for (long i = 0; i < n; i += 2) {
        ss_swap(b, a);
        ss_swap(a, b);
    }
    double with = (double)(now_ns() - t);
    t = now_ns();
    for (long i = 0; i < n; i += 2) {
        ss_none(b, a);
        ss_none(a, b);
    }
    double without = (double)(now_ns() - t);
    return (with - without) / (double)n;
}

/* A bare stackful switch: push the callee-saved registers, swap %rsp,
   pop, ret; no scheduler, no run queue, no split-stack context.  The
   floor under any stackful coroutine library's switch (libdill's and
   libmill's come to this plus their bookkeeping), and under gochan's
   yield (this + ss_context + the run queue's few dozen instructions). */
void costs_swap(void **save_sp, void *load_sp);
__asm__(".text\n"
        ".p2align 4\n"
        "costs_swap:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n"
        "  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n"
        "  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n");

static void *co_main_sp, *co_sp;

/* A coroutine that starts at entry, on a stack of its own (one for all:
   a coroutine left suspended there by an earlier loop is abandoned).
   Returns the stack pointer to swap to: the first swap pops six zeroed
   registers and returns into entry with %rsp as just after a call (8
   mod 16).  NULL if out of memory. */
static void *coroutine_new(void (*entry)(void))
{
    enum { STACK = 64 * 1024 };
    static char *stack;
    if (stack == NULL && (stack = aligned_alloc(64, STACK)) == NULL)
        return NULL;
    void **sp = (void **)(stack + STACK - 64);
    memset(sp, 0, 6 * sizeof *sp);
    sp[6] = (void *)entry;
    return sp;
}

/* The coroutine: its stack is no split-stack segment, so no prologue. */
__attribute__((no_split_stack, noreturn, used))
static void co_body(void)
{
    for (;;)
        costs_swap(&co_sp, co_main_sp);
}

__attribute__((no_split_stack))
static double switch_bare(long n)
{
    if ((co_sp = coroutine_new(co_body)) == NULL)
        return -1;
    int64_t t = now_ns();
    for (long i = 0; i < n; i += 2)
        costs_swap(&co_main_sp, co_sp);     /* and co_body swaps back */
    return (double)(now_ns() - t) / (double)n;
}

/* The floor of a lock-based unbuffered round trip: two coroutines, each
   hop what the runtime's hop cannot do without (chan.c): take and drop
   the lock of the channel it sends on, take the lock of the one it
   receives on, switch (split-stack context and registers), and the side
   switched to drops that lock as its park's commit.  No queues, no
   wake-up, no copy, no run queue: 8 locked instructions and 2 switches
   per round trip. */
static volatile long lock_ping, lock_pong;
static volatile long *rt_held;
static void *rt_main_sp, *rt_co_sp;
static void *rt_ss_main[SS_NSLOTS], *rt_ss_co[SS_NSLOTS];

__attribute__((no_split_stack, noinline))
static void rt_hop(volatile long *send_on, volatile long *recv_on,
                   void **save_sp, void *load_sp,
                   void *save_ss[SS_NSLOTS], void *const load_ss[SS_NSLOTS])
{
    lock_take(send_on);         /* the send: a receiver waits */
    lock_drop(send_on);
    lock_take(recv_on);         /* the receive: nobody sends, park */
    rt_held = recv_on;
    ss_swap(save_ss, load_ss);
    costs_swap(save_sp, load_sp);
    lock_drop(rt_held);         /* the other side's park commit */
}

__attribute__((no_split_stack, noreturn, used))
static void rt_co_body(void)
{
    lock_drop(rt_held);
    for (;;)
        rt_hop(&lock_pong, &lock_ping, &rt_co_sp, rt_main_sp, rt_ss_co,
               rt_ss_main);
}

__attribute__((no_split_stack))
static double roundtrip_floor(long n)
{
    if ((rt_co_sp = coroutine_new(rt_co_body)) == NULL)
        return -1;
    ss_swap(rt_ss_co, rt_ss_co);    /* the coroutine runs with ours */
    int64_t t = now_ns();
    for (long i = 0; i < n; i++)
        rt_hop(&lock_ping, &lock_pong, &rt_main_sp, rt_co_sp, rt_ss_main,
               rt_ss_co);
    return (double)(now_ns() - t) / (double)n;
}

static double syscall_min(long n)
{
    int64_t t = now_ns();
    for (long i = 0; i < n; i++)
        syscall(SYS_getppid);
    return (double)(now_ns() - t) / (double)n;
}

static double clock_read(long n)
{
    int64_t t = now_ns();
    for (long i = 0; i < n; i++)
        now_ns();
    return (double)(now_ns() - t) / (double)n;
}

/* A first touch of an anonymous page: the page fault and the zeroing. */
static double page_fault(long n)
{
    size_t len = (size_t)n * 4096;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    madvise(p, len, MADV_NOHUGEPAGE);
    int64_t t = now_ns();
    for (long i = 0; i < n; i++)
        p[(size_t)i * 4096] = 1;
    double d = (double)(now_ns() - t);
    munmap(p, len);
    return d / (double)n;
}

/* What a libc-calling goroutine's first split costs libgcc and the
   kernel, and giving the segment back: mmap 1 MiB + 4 KiB, touch its
   first page and its last (the segment header and the first frame),
   munmap. */
static double segment(long n)
{
    size_t len = (1 << 20) + 4096;
    int64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -1;
        p[0] = 1;
        p[len - 1] = 1;
        munmap(p, len);
    }
    return (double)(now_ns() - t) / (double)n;
}

int main(void)
{
    static const struct {
        const char *name;
        double (*fn)(long);
        long n;
        const char *what;
    } costs[] = {
        {"loop", loop_empty, 100000000, "an empty loop iteration"},
        {"cas", cas, 20000000, "lock cmpxchg, uncontended, cached line"},
        {"xchg", xchg, 20000000, "xchg with memory, uncontended"},
        {"lock_unlock", lock_unlock, 20000000,
         "CAS + xchg: an uncontended rt_lock round trip"},
        {"switch", switch_bare, 20000000,
         "bare stackful switch: 6 registers and %rsp, no scheduler"},
        {"roundtrip_floor", roundtrip_floor, 10000000,
         "8 lock ops + 2 switches: an unbuffered round trip's floor"},
        {"ss_context", ss_context, 20000000,
         "save + restore libgcc's split-stack context (7 TLS words)"},
        {"clock", clock_read, 5000000, "clock_gettime(CLOCK_MONOTONIC), vDSO"},
        {"syscall", syscall_min, 2000000, "getppid(), the cheapest system call"},
        {"page_fault", page_fault, 20000, "first touch of an anonymous page"},
        {"segment", segment, 20000,
         "mmap + 2 page faults + munmap of a 1 MiB stack segment"},
    };
    for (size_t i = 0; i < sizeof costs / sizeof costs[0]; i++)
        printf("COST %s %.2f %s\n", costs[i].name,
               median(costs[i].fn, costs[i].n), costs[i].what);
    return 0;
}
