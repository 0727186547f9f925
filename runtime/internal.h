/* SPDX-License-Identifier: MIT */
/*
 * internal.h: what every runtime file shares.  Export and split-stack
 * attributes, throw/assert, raw system calls, atomics.
 *
 * Raw system calls: the runtime's own paths that run on a goroutine's
 * small first stack must not call into libc.  Any split-stack function
 * that calls a non-split function (all of libc) has its prologue rewritten
 * by gold/lld to demand about 1 MiB of stack, which costs a 1 MiB segment
 * the first time it runs on a goroutine.  So futex and the like are issued
 * here with inline `syscall` instructions, which also leaves errno alone.
 * Code that must call libc runs on the scheduler stack (rt_systemstack).
 */
#ifndef GOCHAN_INTERNAL_H
#define GOCHAN_INTERNAL_H

#include "config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <linux/futex.h>

#define EXPORT __attribute__((visibility("default")))
/* Thread-locals: initial-exec, so that reading one is a %fs-relative load
   and not a call to __tls_get_addr (which gold treats as non-split code,
   see below). */
#define RT_TLS __thread __attribute__((tls_model("initial-exec")))
/* A function that calls libc and runs on the scheduler stack (through
   rt_systemstack) or on a slow path: never inlined into a hot caller,
   whose prologue would then be rewritten too. */
#define SLOWPATH __attribute__((noinline, cold))
#define NOSPLIT __attribute__((no_split_stack))
/* Runs inside libgcc's __morestack, on what is left of the stack being
   outgrown: on a goroutine's first stack, about 1.6 KiB in all (stack.c).
   So no split, and no ThreadSanitizer instrumentation either: its hooks
   run TSan's own code on the same stack, up to about 3 KiB of it (a
   trace switch in __tsan_func_entry, measured).  GCC inlines into such a
   function only always_inline helpers (it does not mix sanitizer
   attributes), hence RT_ALWAYS_INLINE. */
#define IN_MORESTACK __attribute__((no_split_stack, no_sanitize_thread))
/* Not instrumented by ThreadSanitizer, for code TSan itself may call
   before it is set up: the sigaction() and signal() the runtime
   interposes (libtsan calls sigaction while it initializes; with the
   shared libgochan.so that call reaches ours). */
#define NO_TSAN __attribute__((no_sanitize_thread))
#define RT_ALWAYS_INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))
#define NORETURN __attribute__((noreturn))
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define CACHELINE 64

/* Atomics: sequentially consistent unless the name says otherwise. */
#define atomic_load_relaxed(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define atomic_load_acq(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define atomic_store_rel(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define atomic_store_relaxed(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define atomic_xadd(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
#define atomic_xchg(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define atomic_cas(p, oldp, v) \
    __atomic_compare_exchange_n((p), (oldp), (v), false, __ATOMIC_SEQ_CST, \
                                __ATOMIC_RELAXED)

static inline void cpu_relax(void) { __asm__ __volatile__("pause"); }

/* Raw system calls (x86_64).  Return -errno on failure, never touch errno. */
static RT_ALWAYS_INLINE long raw_syscall6(long n, long a, long b, long c,
                                          long d, long e, long f)
{
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ __volatile__("syscall"
                         : "=a"(ret)
                         : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10),
                           "r"(r8), "r"(r9)
                         : "rcx", "r11", "memory");
    return ret;
}

/* futex_wait sleeps while *addr == val, for at most ns nanoseconds (< 0:
   forever).  Spurious wake-ups happen: callers loop. */
struct timespec;
static inline long futex_wait(uint32_t *addr, uint32_t val,
                              const struct timespec *rel)
{
    return raw_syscall6(SYS_futex, (long)addr, FUTEX_WAIT_PRIVATE, val,
                        (long)rel, 0, 0);
}

static RT_ALWAYS_INLINE long futex_wake(uint32_t *addr, int n)
{
    return raw_syscall6(SYS_futex, (long)addr, FUTEX_WAKE_PRIVATE, n, 0, 0, 0);
}

static RT_ALWAYS_INLINE long raw_write(int fd, const void *buf, size_t n)
{
    return raw_syscall6(SYS_write, fd, (long)buf, (long)n, 0, 0, 0);
}

/* Fault injection (fault.c): GOCHAN_FAULT=malloc:N makes the Nth
   runtime allocation fail, and so on.  rt_fault(kind) says whether this
   attempt must fail; call it once per attempt, just before it. */
enum { RT_FAULT_MALLOC, RT_FAULT_MMAP, RT_FAULT_THREAD, RT_FAULT_NKINDS };
void rt_fault_init(void);
#ifdef GOCHAN_FAULT_INJECTION
extern uint32_t rt_fault_on;
IN_MORESTACK bool rt_fault_hit(int kind);
#endif
static inline bool rt_fault(int kind)
{
#ifdef GOCHAN_FAULT_INJECTION
    if (UNLIKELY(__atomic_load_n(&rt_fault_on, __ATOMIC_RELAXED)))
        return rt_fault_hit(kind);
#endif
    (void)kind;
    return false;
}

/* rt_throw: the runtime is broken.  Writes "fatal error: msg" raw to fd 2
   and aborts; allocates nothing, formats nothing.  Safe on any stack. */
NORETURN void rt_throw(const char *msg);

/* rt_fatal: the program cannot go on (out of memory, deadlock, stack
   ceiling): "fatal error: msg", goroutine dump where useful, exit 2. */
NORETURN void rt_fatal(const char *msg);

/* Always-on cheap assertion: a failure is a runtime bug. */
#define RT_ASSERT(x)                                                       \
    do {                                                                   \
        if (UNLIKELY(!(x)))                                                \
            rt_throw("assertion failed: " #x " at " __FILE__ ":"           \
                     RT_STR(__LINE__));                                    \
    } while (0)
#define RT_STR(x) RT_STR_(x)
#define RT_STR_(x) #x

/* ThreadSanitizer (a build with -fsanitize=thread, make check-tsan): each
   goroutine is a TSan fiber, announced at every switch. */
#if defined(__SANITIZE_THREAD__)
#define RT_TSAN 1
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
void __tsan_set_fiber_name(void *fiber, const char *name);
#else
#define RT_TSAN 0
#endif

#ifdef GOCHAN_DEBUG_CHECKS
#define RT_DEBUG 1
#else
#define RT_DEBUG 0
#endif
#define RT_DEBUG_ASSERT(x)                                                 \
    do {                                                                   \
        if (RT_DEBUG)                                                      \
            RT_ASSERT(x);                                                  \
    } while (0)

/* Monotonic clock in nanoseconds.  Must not split the stack: it calls
   clock_gettime (the vDSO, a few hundred bytes of stack at most, covered
   by the stack margin) without a split-stack prologue, so it is usable on
   a goroutine's first stack. */
int64_t rt_nanotime(void);

/* Copy n bytes without calling libc's memcpy (see above). */
static inline void rt_memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n >= 8) {
        uint64_t w;
        __builtin_memcpy(&w, s, 8);
        __builtin_memcpy(d, &w, 8);
        d += 8;
        s += 8;
        n -= 8;
    }
    while (n--)
        *d++ = *s++;
}

/* Fast per-M random numbers (wyrand). */
uint32_t rt_fastrand(void);
static inline uint32_t rt_fastrandn(uint32_t n)
{
    return (uint32_t)(((uint64_t)rt_fastrand() * n) >> 32);
}

#endif /* GOCHAN_INTERNAL_H */
