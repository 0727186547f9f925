/* SPDX-License-Identifier: MIT */
/*
 * splitstack.h: libgcc's split-stack interface (generic-morestack.c).
 * libgcc installs no header for it; these are its documented entry points.
 *
 * A context is void *[10]; the slots we read or build by hand are named
 * below (their order is fixed by libgcc).  The per-thread guard lives at
 * %fs:0x70 (glibc's tcbhead_t.__private_ss).
 */
#ifndef GOCHAN_SPLITSTACK_H
#define GOCHAN_SPLITSTACK_H

#include <stddef.h>
#include <stdint.h>

enum {
    SS_MORESTACK_SEGMENTS = 0,  /* list of segments, or NULL */
    SS_CURRENT_SEGMENT = 1,     /* segment in use, NULL on the first stack */
    SS_CURRENT_STACK = 2,
    SS_STACK_GUARD = 3,         /* value of %fs:0x70 while running */
    SS_INITIAL_SP = 4,          /* top of the first stack */
    SS_INITIAL_SP_LEN = 5,      /* its length (see stack.c) */
    SS_BLOCK_SIGNALS = 6,       /* 1: don't block signals on a split */
    SS_NSLOTS = 10
};

/* __morestack backs off this much below the top of a new segment before
   calling the function again (config/i386/morestack.S, x86_64). */
#define SS_BACKOFF 3584

struct stack_segment_hdr {       /* generic-morestack.c struct stack_segment */
    struct stack_segment_hdr *prev, *next;
    size_t size;
    void *old_stack;
    void *dynamic_allocation, *free_dynamic_allocation, *extra;
};

/* The per-thread state behind a context (generic-morestack.c): three
   thread-locals of default visibility, which libgcc documents as shared
   by all split-stack code of a process.  ss_save and ss_restore below do
   what __splitstack_getcontext and _setcontext do, inline: the switch is
   the hottest path of the scheduler, and the two calls cost about 60
   instructions of the ~340 of a yield (callgrind).  rt_ss_check (stack.c)
   compares them with libgcc's at start-up and throws if libgcc ever
   changes the layout. */
struct ss_initial_sp {            /* generic-morestack.c struct initial_sp */
    void *sp;
    size_t len;
    unsigned long mask[1024 / (8 * sizeof(unsigned long))];   /* sigset_t */
    uintptr_t dont_block_signals;
    void *extra[4];
};
extern __thread void *__morestack_segments
    __attribute__((tls_model("initial-exec")));
extern __thread void *__morestack_current_segment
    __attribute__((tls_model("initial-exec")));
extern __thread struct ss_initial_sp __morestack_initial_sp
    __attribute__((tls_model("initial-exec")));

__attribute__((no_split_stack, always_inline))
static inline void ss_save(void *ctx[SS_NSLOTS])
{
    void *guard;
    __asm__ __volatile__("movq %%fs:0x70, %0" : "=r"(guard));
    ctx[SS_MORESTACK_SEGMENTS] = __morestack_segments;
    ctx[SS_CURRENT_SEGMENT] = __morestack_current_segment;
    ctx[SS_CURRENT_STACK] = __builtin_frame_address(0);
    ctx[SS_STACK_GUARD] = guard;
    ctx[SS_INITIAL_SP] = __morestack_initial_sp.sp;
    ctx[SS_INITIAL_SP_LEN] = (void *)__morestack_initial_sp.len;
    ctx[SS_BLOCK_SIGNALS] = (void *)__morestack_initial_sp.dont_block_signals;
}

__attribute__((no_split_stack, always_inline))
static inline void ss_restore(void *const ctx[SS_NSLOTS])
{
    __morestack_segments = ctx[SS_MORESTACK_SEGMENTS];
    __morestack_current_segment = ctx[SS_CURRENT_SEGMENT];
    __asm__ __volatile__("movq %0, %%fs:0x70"
                         : : "r"(ctx[SS_STACK_GUARD]) : "memory");
    __morestack_initial_sp.sp = ctx[SS_INITIAL_SP];
    __morestack_initial_sp.len = (size_t)ctx[SS_INITIAL_SP_LEN];
    __morestack_initial_sp.dont_block_signals =
        (uintptr_t)ctx[SS_BLOCK_SIGNALS];
}

void __splitstack_getcontext(void *ctx[SS_NSLOTS]);
void __splitstack_setcontext(void *ctx[SS_NSLOTS]);
void *__splitstack_makecontext(size_t, void *ctx[SS_NSLOTS], size_t *);
void *__splitstack_resetcontext(void *ctx[SS_NSLOTS], size_t *);
void __splitstack_releasecontext(void *ctx[SS_NSLOTS]);
void __splitstack_block_signals(int *, int *);
void __splitstack_block_signals_context(void *ctx[SS_NSLOTS], int *, int *);
void *__splitstack_find(void *, void *, size_t *, void **, void **, void **);
void *__splitstack_find_context(void *ctx[SS_NSLOTS], size_t *, void **,
                                void **, void **);

#endif /* GOCHAN_SPLITSTACK_H */
