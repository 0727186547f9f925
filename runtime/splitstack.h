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
