/* SPDX-License-Identifier: MIT */
/*
 * syscall-x86_64.c: syscall(2), replacing glibc's.
 *
 * Why: libgcc maps goroutine stack segments with syscall(SYS_mmap, ...),
 * and this is the one place the runtime can see them, to enforce the stack
 * ceiling (stack.c).  The contract is glibc's: up to six arguments, -1 and
 * errno on failure.
 *
 * Defined with seven fixed parameters instead of "..."; on x86_64 a
 * variadic call of integer arguments passes them exactly as a fixed one
 * does (the seventh on the stack), so callers built against unistd.h's
 * variadic prototype are served correctly.  This file must not include
 * <unistd.h>, whose prototype would clash.
 *
 * Runs inside __morestack below the stack guard: no split-stack calls,
 * and in a ThreadSanitizer build no instrumentation (IN_MORESTACK, as in
 * internal.h, which this file does not include).
 */
#include "config.h"
#include <errno.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define IN_MORESTACK __attribute__((no_split_stack, no_sanitize_thread))

long rt_raw_syscall6(long n, long a, long b, long c, long d, long e, long f);
void rt_stack_account(void *addr, size_t len);
void rt_stack_map_failed(long err);
#ifdef GOCHAN_FAULT_INJECTION
extern unsigned rt_fault_on;
_Bool rt_fault_hit(int kind);
#define RT_FAULT_MMAP 1       /* as internal.h's enum */
#endif
void rt_stack_unmapped(void *addr);
long syscall(long number, long a, long b, long c, long d, long e, long f);

#if defined(__SANITIZE_THREAD__)
/* Room enough for TSan's munmap interceptor, which takes up to about
   3 KiB of stack (measured): 8 KiB above the guard, and the guard has
   at least STACK_MARGIN (768) bytes below it (stack.c). */
#define TSAN_ROOM 8192

IN_MORESTACK static int tsan_room(void)
{
    char *guard;
    __asm__("mov %%fs:0x70, %0" : "=r"(guard)); /* libgcc's stack guard */
    return (char *)__builtin_frame_address(0) - guard >= TSAN_ROOM;
}
#endif

IN_MORESTACK __attribute__((visibility("default")))
long syscall(long number, long a, long b, long c, long d, long e, long f)
{
    /* Arguments passed as int (flags, fd) arrive zero-extended. */
    /* b != 0: libgcc's constructor maps zero bytes once (it only wants
       mmap resolved early) and expects EINVAL; in a program linked with
       the shared libgochan that runs after the runtime has started. */
    int anon = number == SYS_mmap && a == 0 && b != 0 &&
               ((int)d & MAP_ANONYMOUS) && (int)e == -1;
    long r;
#if defined(__SANITIZE_THREAD__)
    /* ThreadSanitizer sees libc's munmap, not this raw one: unmapping a
       stack segment through it clears TSan's record of the accesses
       there, so the next segment mapped at that address (another
       goroutine's or thread's) does not seem to race with them.  Most
       unmaps run when the runtime releases a G's segments, on an
       ordinary stack; libgcc also unmaps inside __morestack, when a
       retained segment is too small for the frame it must hold.  In a
       TSan build both run far from the guard (every instrumented
       function asks for 1 MiB up front, HACKING.md; of libc-many.c's
       1,921 unmaps none had under 15 KiB above it, measured).  Should
       one run close to the guard, it is raw: TSan then keeps its record
       and may later report a false race on that stack memory, instead
       of overrunning it. */
    if (number == SYS_munmap && tsan_room()) {
        rt_stack_unmapped((void *)a);
        if (munmap((void *)a, (size_t)b) != 0)
            return -1;                  /* errno set by munmap */
        return 0;
    }
#endif
#ifdef GOCHAN_FAULT_INJECTION
    if (anon && __atomic_load_n(&rt_fault_on, __ATOMIC_RELAXED) &&
        rt_fault_hit(RT_FAULT_MMAP))
        r = -ENOMEM;
    else
#endif
        r = rt_raw_syscall6(number, a, b, c, d, e, f);
    if ((unsigned long)r > -4096ul) {
        if (anon)
            rt_stack_map_failed(r);   /* fatal if it was a stack segment */
        errno = (int)-r;
        return -1;
    }
    if (anon)
        rt_stack_account((void *)r, (size_t)b);
    else if (number == SYS_munmap)
        rt_stack_unmapped((void *)a);
    return r;
}

/* Referenced by stack.c so that a static link always takes this file:
   libgcc.a, which calls syscall(), comes after libgochan.a on the link
   line, too late to pull it in by itself. */
__attribute__((visibility("hidden"))) const char rt_syscall_anchor = 1;
