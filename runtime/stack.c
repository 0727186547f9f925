/* SPDX-License-Identifier: MIT */
/*
 * stack.c: goroutine descriptors and their stacks.
 *
 * Each G is one block of GOCHAN_STACKSIZE bytes (default 2048) from a
 * pool: the descriptor (rt_g) at the top, the first stack below it.  Blocks
 * come from chunks mapped (and pre-faulted) 64 at a time and are never
 * returned to the system; a finished G goes back to a free list with its
 * block, so a warm spawn touches no fresh memory.
 *
 * The first stack is a hand-built libgcc split-stack context (see
 * research/splitstack-small): no segments, current segment NULL, guard at
 * stack_lo + STACK_MARGIN.  When a call needs more than is left above the
 * guard, libgcc's __morestack maps a segment (16 KiB or more; 1 MiB or
 * more for a function that calls libc, see HACKING.md) and continues there.
 * Segments stay attached to the G, and are reused by the next goroutine
 * that gets the block; the free lists keep them within bounds and give
 * back what nobody needs (sched.c, "free Gs and their kept stack
 * segments").
 *
 * STACK_MARGIN: space below the guard.  Frames under 256 bytes are not
 * checked exactly, so a function may call __morestack some 270 bytes
 * below the guard; a first split then runs __morestack,
 * __generic_morestack, syscall() and rt_stack_account further down,
 * before it switches: about 650 bytes below the guard in all (measured
 * with gochan.stack/split-neighbour.c).  768 covers that.  Under valgrind
 * syscall() also registers the segment (rt_stack_register, about 200
 * bytes more), so the margin grows by STACK_MARGIN_VALGRIND.  There is
 * no guard page between blocks; the margin is the protection: what runs
 * past it overwrites the top of the descriptor in the block below, its
 * argument block first.  What __morestack calls here is IN_MORESTACK
 * (internal.h): in a ThreadSanitizer build an instrumented call there ran
 * TSan's code on this stack and overwrote the descriptor of the block
 * below.
 *
 * The stack ceiling (GOCHAN_STACK_LIMIT, default 1 GiB like Go): libgcc
 * maps segments with syscall(SYS_mmap, ...).  syscall-x86_64.c replaces
 * libc's syscall() (same contract, errno included) and reports the
 * segments mapped while a goroutine runs to rt_stack_account; past the
 * ceiling the program stops with "fatal error: stack overflow".  That
 * runs inside __morestack, below the guard, so it and everything it calls
 * must not split the stack.
 */
#include "proc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#define VALGRIND_STACK_REGISTER(lo, hi) 0
#define VALGRIND_STACK_DEREGISTER(id) ((void)(id))
#endif

#define STACK_MARGIN 768
#define STACK_MARGIN_VALGRIND 256
#define CHUNK_BLOCKS 64

static size_t block_size = 2048;
static size_t stack_margin = STACK_MARGIN;    /* more under valgrind */
static size_t stack_limit = (size_t)1 << 30;

/* The most segment bytes the global free list keeps (sched.c, "free Gs
   and their kept stack segments"): as much address space as the machine
   has memory, a quarter of that under strict overcommit (where kept
   segments are committed memory), and at most an eighth of RLIMIT_AS.
   Address space, not memory: a 1 MiB segment of a goroutine that called
   libc has some 8 KiB resident.  (With 9,000 echo connections at P=2,
   18,000 such segments: a 4 GiB bound kept a fifth of them, and the
   rest cost 25 us per message against 17-20 us with all kept.) */
size_t rt_stack_keep_max = (size_t)4 << 30;   /* if memory is unknown */

/* A chunk of G blocks.  The list is only appended to, under chunk_lock,
   and read without it by dumps (next is published with a release). */
struct chunk {
    struct chunk *next;
    char *base;
    size_t nblocks;
};
static rt_lock chunk_lock = RT_LOCK_INIT;
static struct chunk *chunks;
static struct chunk *cur_chunk;
static size_t cur_used;

/* Chunk headers are carved from pages of their own, 170 to a page: a
   page per chunk (it used to follow the chunk's blocks) cost every G 64
   bytes of RSS, 2,112 per parked goroutine instead of 2,048. */
static struct chunk *hdr_page;
static size_t hdr_used;
#define HDRS_PER_PAGE (4096 / sizeof(struct chunk))

/* Once a program has had THP_AFTER blocks (128 MiB of them at 2 KiB),
   further chunks are carved from 2 MiB-aligned arenas marked
   MADV_HUGEPAGE and touched on first use instead of populated at mmap:
   one TLB entry for 1,024 goroutines instead of one per two.  A burst
   of 1M goroutines started again and again ran at 652 ns each at P=2
   with small pages and 402 with huge ones (their blocks, reused in the
   free lists' scattered order, missed the TLB).  Below the threshold
   small pages stay: a huge page is resident whole, and rounding to 2
   MiB would add up to 100 bytes per goroutine to a program of 20,000
   (gochan.run/park-rss.c); above it, at most 32.  With THP off the
   madvise fails and nothing else changes.  Under chunk_lock. */
#define THP_SIZE ((size_t)2 << 20)
#define THP_AFTER 65536
static size_t blocks_mapped;
static char *arena_next, *arena_end;

/* Address space for a chunk of len bytes, or NULL.  chunk_lock held. */
static char *chunk_map(size_t len)
{
    if (blocks_mapped >= THP_AFTER && len <= THP_SIZE / 2) {
        if (arena_next == NULL || (size_t)(arena_end - arena_next) < len) {
            long r = rt_fault(RT_FAULT_MMAP)
                         ? -ENOMEM
                         : raw_syscall6(SYS_mmap, 0, (long)(2 * THP_SIZE),
                                        PROT_READ | PROT_WRITE,
                                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (r < 0 && r > -4096)
                return NULL;
            uintptr_t lo = (uintptr_t)r;
            uintptr_t a = (lo + THP_SIZE - 1) & ~(uintptr_t)(THP_SIZE - 1);
            if (a > lo)
                raw_syscall6(SYS_munmap, (long)lo, (long)(a - lo), 0, 0, 0, 0);
            if (lo + 2 * THP_SIZE > a + THP_SIZE)
                raw_syscall6(SYS_munmap, (long)(a + THP_SIZE),
                             (long)(lo + 2 * THP_SIZE - a - THP_SIZE), 0, 0,
                             0, 0);
            raw_syscall6(SYS_madvise, (long)a, (long)THP_SIZE, MADV_HUGEPAGE,
                         0, 0, 0);
            arena_next = (char *)a;
            arena_end = (char *)a + THP_SIZE;
        }
        char *p = arena_next;
        arena_next += len;
        return p;
    }
    long r = rt_fault(RT_FAULT_MMAP)
                 ? -ENOMEM
                 : raw_syscall6(SYS_mmap, 0, (long)len, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
                                -1, 0);
    if (r < 0 && r > -4096)
        return NULL;
    return (char *)r;
}

extern __thread rt_m *rt_tls_m;

size_t rt_stack_block_size(void)
{
    return block_size;
}

static rt_g *block_g(char *block)
{
    uintptr_t top = (uintptr_t)block + block_size - sizeof(rt_g);
    return (rt_g *)(top & ~(uintptr_t)63);
}

rt_g *rt_stack_new_g(void)
{
    rt_lock_acquire(&chunk_lock);
    if (cur_chunk == NULL || cur_used == cur_chunk->nblocks) {
        if (hdr_page == NULL || hdr_used == HDRS_PER_PAGE) {
            long h = rt_fault(RT_FAULT_MMAP)
                         ? -ENOMEM
                         : raw_syscall6(SYS_mmap, 0, 4096,
                                        PROT_READ | PROT_WRITE,
                                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (h < 0 && h > -4096) {
                rt_lock_release(&chunk_lock);
                return NULL;
            }
            hdr_page = (struct chunk *)h;
            hdr_used = 0;
        }
        size_t len = CHUNK_BLOCKS * block_size;
        char *base = chunk_map(len);
        if (base == NULL) {
            rt_lock_release(&chunk_lock);
            return NULL;
        }
        blocks_mapped += CHUNK_BLOCKS;
        struct chunk *c = &hdr_page[hdr_used++];
        c->base = base;
        c->nblocks = CHUNK_BLOCKS;
        c->next = NULL;
        if (cur_chunk != NULL)
            atomic_store_rel(&cur_chunk->next, c);
        else
            atomic_store_rel(&chunks, c);
        cur_chunk = c;
        cur_used = 0;
    }
    char *block = cur_chunk->base + cur_used * block_size;
    cur_used++;
    rt_lock_release(&chunk_lock);

    rt_g *gp = block_g(block);
    gp->stack_lo = block;
    gp->stack_hi = (char *)((uintptr_t)gp & ~(uintptr_t)15);
    gp->status = G_IDLE;
    rt_stack_register(gp->stack_lo, gp->stack_hi);
    return gp;
}

/* Visit every G block ever allocated (dumps, debugger). */
void rt_stack_foreach_g(void (*fn)(rt_g *, void *), void *arg)
{
    for (struct chunk *c = atomic_load_acq(&chunks); c != NULL;
         c = atomic_load_acq(&c->next)) {
        size_t n = c == cur_chunk ? atomic_load_relaxed(&cur_used) : c->nblocks;
        for (size_t i = 0; i < n; i++)
            fn(block_g(c->base + i * block_size), arg);
    }
}

/* Reset gp's split-stack context and build the frame that the first
   switch into it returns through: rt_gostart calls boot(gp). */
void rt_stack_prepare(rt_g *gp, void (*boot)(void))
{
    void **ctx = gp->ss_ctx;
    void *segs = ctx[SS_MORESTACK_SEGMENTS];
    memset(ctx, 0, sizeof gp->ss_ctx);
    ctx[SS_MORESTACK_SEGMENTS] = segs;        /* reuse retained segments */
    ctx[SS_CURRENT_SEGMENT] = NULL;           /* on the first stack */
    ctx[SS_STACK_GUARD] = gp->stack_lo + stack_margin;
    ctx[SS_INITIAL_SP] = gp->stack_hi;
    /* libgcc recomputes the guard, on return to the first stack, as
       INITIAL_SP - INITIAL_SP_LEN + BACKOFF: make that stack_lo + margin. */
    ctx[SS_INITIAL_SP_LEN] =
        (void *)(uintptr_t)((size_t)(gp->stack_hi - gp->stack_lo) -
                            stack_margin + SS_BACKOFF);
    ctx[SS_BLOCK_SIGNALS] = (void *)(uintptr_t)1;   /* don't block */

    void **sp = (void **)gp->stack_hi;
    *--sp = NULL;                       /* keeps %rsp 16-aligned at entry */
    *--sp = (void *)rt_gostart;         /* rt_switch_regs returns here */
    *--sp = NULL;                       /* rbp */
    *--sp = NULL;                       /* rbx */
    *--sp = gp;                         /* r12: argument */
    *--sp = (void *)boot;               /* r13: entry */
    *--sp = NULL;                       /* r14 */
    *--sp = NULL;                       /* r15 */
    gp->sp = sp;
}

/* Unmap gp's segments.  gp must not be running. */
void rt_stack_release_segments(rt_g *gp)
{
    if (gp->ss_ctx[SS_MORESTACK_SEGMENTS] == NULL)
        return;
    gp->ss_ctx[SS_CURRENT_SEGMENT] = NULL;
    __splitstack_releasecontext(gp->ss_ctx);
    gp->ss_ctx[SS_MORESTACK_SEGMENTS] = NULL;
    gp->segbytes = 0;
}

/* ss_save and ss_restore (splitstack.h) must agree with libgcc's
   __splitstack_getcontext and _setcontext.  Runs once, on the main
   thread, before any switch. */
NOSPLIT static void ss_check(void)
{
    static const int slots[] = {
        SS_MORESTACK_SEGMENTS, SS_CURRENT_SEGMENT, SS_STACK_GUARD,
        SS_INITIAL_SP, SS_INITIAL_SP_LEN, SS_BLOCK_SIGNALS,
    };
    void *lib[SS_NSLOTS], *ours[SS_NSLOTS], *probe[SS_NSLOTS];
    __splitstack_getcontext(lib);
    ss_save(ours);
    /* Restore a context that differs in every slot, read it back with
       libgcc, then put the real one back. */
    for (int i = 0; i < SS_NSLOTS; i++)
        probe[i] = (void *)(uintptr_t)(0x1000 * (i + 1));
    ss_restore(probe);
    void *back[SS_NSLOTS];
    __splitstack_getcontext(back);
    ss_restore(ours);
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        int s = slots[i];
        if (lib[s] != ours[s] || back[s] != probe[s])
            rt_throw("libgcc's split-stack context is not laid out as "
                     "splitstack.h expects");
    }
}

/* vm.overcommit_memory is 2: every private writable mapping counts
   against the commit limit. */
static bool strict_overcommit(void)
{
    char c = 0;
    int fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    if (read(fd, &c, 1) != 1)
        c = 0;
    close(fd);
    return c == '2';
}

void rt_stack_init(void)
{
    ss_check();
    if (RUNNING_ON_VALGRIND)
        stack_margin = STACK_MARGIN + STACK_MARGIN_VALGRIND;
    extern const char rt_syscall_anchor;
    RT_ASSERT(*(volatile const char *)&rt_syscall_anchor == 1);
    const char *s = getenv("GOCHAN_STACKSIZE");
    if (s != NULL && *s) {
        char *end;
        unsigned long v = strtoul(s, &end, 0);
        if (*end == 0 && v >= 1536 && v <= (1ul << 24))
            block_size = (v + 63) & ~63ul;
    }
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && psize > 0) {
        rt_stack_keep_max = (size_t)pages * (size_t)psize;
        if (strict_overcommit())
            rt_stack_keep_max /= 4;
    }
    struct rlimit as;
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY &&
        as.rlim_cur / 8 < rt_stack_keep_max)
        rt_stack_keep_max = (size_t)(as.rlim_cur / 8);
    s = getenv("GOCHAN_STACK_LIMIT");
    if (s != NULL && *s) {
        char *end;
        unsigned long long v = strtoull(s, &end, 0);
        if (*end == 0 && v >= 65536)
            stack_limit = (size_t)v;
    }
}

/* ---- the stack ceiling ------------------------------------------------- */

IN_MORESTACK static size_t fmt_u64(char *buf, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

/* Not inlined: its message buffer would widen rt_stack_account's frame,
   which runs below the stack guard on every first split (STACK_MARGIN). */
IN_MORESTACK NOINLINE NORETURN static void stack_overflow(rt_g *gp)
{
    char msg[160];
    size_t n = 0;
    static const char a[] = "runtime: goroutine ";
    static const char b[] = " stack exceeds ";
    static const char c[] = "-byte limit\nfatal error: stack overflow\n";
    for (size_t i = 0; a[i]; i++)
        msg[n++] = a[i];
    n += fmt_u64(msg + n, (uint64_t)gp->id);
    for (size_t i = 0; b[i]; i++)
        msg[n++] = b[i];
    n += fmt_u64(msg + n, stack_limit);
    for (size_t i = 0; c[i]; i++)
        msg[n++] = c[i];
    raw_write(2, msg, n);
    raw_syscall6(SYS_exit_group, 2, 0, 0, 0, 0, 0);
    __builtin_unreachable();
}

/* ---- valgrind ---------------------------------------------------------- */

/* Under valgrind every stack is registered, or each switch looks like a
   wild stack pointer.  G blocks are registered once, when made; libgcc's
   segments when mapped and deregistered when unmapped (both seen by
   syscall()), through this small open-addressing table of ids.  All of it
   costs a few instructions when not under valgrind, and none in a
   ThreadSanitizer build, which valgrind cannot run: there the lock calls
   below, which are instrumented, never run inside __morestack. */
#define VG_SLOTS 65536
static struct vg_slot {
    void *addr;
    unsigned id;
} vg_table[VG_SLOTS];
static rt_lock vg_lock = RT_LOCK_INIT;

IN_MORESTACK void rt_stack_register(void *lo, void *hi)
{
    if (RT_TSAN || !RUNNING_ON_VALGRIND)
        return;
    /* valgrind looks each new stack pointer up in these ranges to tell
       a stack switch from a frame, so register the values %rsp takes on
       the stack [lo, hi): (lo, hi].  hi itself is the pointer of the
       empty stack: libgcc enters a fresh segment with %rsp at its very
       end.  (Left out, that switch was taken for a jump to nowhere, the
       old stack stayed current, the segment's next frame looked like a
       switch back and was left unaddressable: false "Invalid write ...
       is on thread 1's stack" reports whenever a segment was reused.)
       lo is left out because it is the pointer of the empty stack of
       whatever is mapped just below: libgcc's segments are often
       adjacent. */
    unsigned id = VALGRIND_STACK_REGISTER((char *)lo + 1, hi);
    uintptr_t h = ((uintptr_t)lo >> 12) % VG_SLOTS;
    rt_lock_acquire(&vg_lock);
    for (unsigned i = 0; i < VG_SLOTS; i++) {
        struct vg_slot *s = &vg_table[(h + i) % VG_SLOTS];
        if (s->addr == NULL || s->addr == (void *)1) {
            s->addr = lo;
            s->id = id;
            break;
        }
    }
    rt_lock_release(&vg_lock);
}

IN_MORESTACK void rt_stack_unmapped(void *addr)
{
    if (RT_TSAN || !RUNNING_ON_VALGRIND)
        return;
    uintptr_t h = ((uintptr_t)addr >> 12) % VG_SLOTS;
    rt_lock_acquire(&vg_lock);
    for (unsigned i = 0; i < VG_SLOTS; i++) {
        struct vg_slot *s = &vg_table[(h + i) % VG_SLOTS];
        if (s->addr == NULL)
            break;
        if (s->addr == addr) {
            VALGRIND_STACK_DEREGISTER(s->id);
            s->addr = (void *)1;    /* tombstone */
            break;
        }
    }
    rt_lock_release(&vg_lock);
}

/* Called by syscall() (syscall-x86_64.c) after an anonymous mapping,
   which while a goroutine runs is libgcc mapping a stack segment.  Runs
   inside __morestack. */
/* An anonymous mmap through syscall() failed.  On a goroutine that is
   libgcc asking for a stack segment (so it is while the runtime makes
   main's scheduler stack, rt_stack_making_context); libgcc would print
   "unable to allocate stack space" and abort(), a crash.  End the
   program cleanly instead.
   (A goroutine's own syscall(SYS_mmap, ...) that fails ends the same
   way: the price of not knowing the caller here.) */
bool rt_stack_making_context;

IN_MORESTACK void rt_stack_map_failed(long err)
{
    (void)err;
    rt_m *m = rt_tls_m;
    if (!rt_stack_making_context && (m == NULL || m->curg == NULL))
        return;
    static const char msg[] =
        "fatal error: out of memory allocating goroutine stack\n";
    raw_write(2, msg, sizeof msg - 1);
    raw_syscall6(SYS_exit_group, 2, 0, 0, 0, 0, 0);
    __builtin_unreachable();
}

IN_MORESTACK void rt_stack_account(void *addr, size_t len)
{
    rt_m *m = rt_tls_m;
    rt_g *gp = m != NULL ? m->curg : NULL;
    if (gp != NULL) {
        gp->segbytes += len;
        if (gp->segbytes > stack_limit)
            stack_overflow(gp);
    }
    if (RUNNING_ON_VALGRIND)
        rt_stack_register(addr, (char *)addr + len);
}
