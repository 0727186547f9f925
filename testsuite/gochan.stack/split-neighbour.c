/* Area:    stack
   Purpose: a goroutine's first split runs libgcc's __morestack, and the
            runtime's syscall() under it, below the stack guard; all of
            that must fit in the margin left under the guard, because
            below the first stack lies the descriptor of the goroutine
            in the neighbouring block.  Each probe here is started in the
            block just above a victim whose argument block (the top of
            its descriptor) holds a pattern; the probe reaches the guard
            at a different depth each time, with a frame close to the
            largest that the split-stack prologue lets run below the
            guard unchecked, and splits for the first time there.  Every
            victim must then find its pattern intact.  (The margin was
            once too small: the argument block of the neighbour was
            overwritten, by more under valgrind.)  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"

#define NPAIRS 48
#define ARGSIZE 64          /* the runtime's inline argument block */

static gochan_chan *go_ahead, *verdict, *probed, *hold;

struct pattern {
    unsigned char b[ARGSIZE];
};

static unsigned char
pattern_byte (int i)
{
    return (unsigned char) (0xa5 ^ (i * 29));
}

/* Waits until its neighbour has split, then checks its own argument
   block, which the runtime keeps at the top of the descriptor.  */
static void
victim (void *arg)
{
    const struct pattern *p = arg;
    int x, bad = 0;
    CHECK_RC (gochan_chan_recv (go_ahead, &x), 0);
    for (int i = 0; i < ARGSIZE; i++)
        if (p->b[i] != pattern_byte (i))
            bad++;
    CHECK_RC (gochan_chan_send (verdict, &bad), 0);
    gochan_chan_recv (hold, &x);     /* stay: keep the blocks in use */
}

/* A small leaf: its check fails first when mid ran below the guard.  */
__attribute__ ((noinline)) static int
leaf (volatile char *p)
{
    volatile char small[8];
    small[0] = p[0];
    return small[0];
}

/* A frame just under the size that the prologue checks exactly (256
   bytes at -O2 on x86_64): it may run entirely below the guard.  */
__attribute__ ((noinline)) static int
mid (int n)
{
    volatile char pad[232];
    pad[0] = (char) n;
    return leaf (pad);
}

/* Small frames, to reach mid at every depth in turn.  */
__attribute__ ((noinline)) static int
step (int k)
{
    volatile int x = k;
    if (k == 0)
        return mid (x);
    return step (k - 1) + x;
}

static void
probe (void *arg)
{
    int one = step ((int) (long) arg) >= 0, x;
    gochan_chan_send (probed, &one);
    gochan_chan_recv (hold, &x);
}

int
main (void)
{
    go_ahead = GOCHAN_CHAN_MAKE (int, 0);
    verdict = GOCHAN_CHAN_MAKE (int, 0);
    probed = GOCHAN_CHAN_MAKE (int, 0);
    hold = GOCHAN_CHAN_MAKE (int, 0);
    CHECK (go_ahead && verdict && probed && hold);
    struct pattern pat;
    for (int i = 0; i < ARGSIZE; i++)
        pat.b[i] = pattern_byte (i);
    /* Nothing exits before the end, so the blocks come from the pool in
       order: each probe sits right above its victim.  */
    for (int k = 0; k < NPAIRS; k++) {
        int x, bad;
        CHECK_RC (gochan_go_copy (victim, &pat, sizeof pat, 0), 0);
        CHECK_RC (gochan_go (probe, (void *) (long) k), 0);
        CHECK_RC (gochan_chan_recv (probed, &x), 0);
        CHECK_RC (gochan_chan_send (go_ahead, &x), 0);
        CHECK_RC (gochan_chan_recv (verdict, &bad), 0);
        if (bad != 0)
            printf ("probe at depth %d: %d bytes of its neighbour's "
                    "argument block overwritten\n", k, bad);
        CHECK_EQ (bad, 0);
    }
    gochan_chan_close (hold);
    printf ("neighbours intact\n");
    return 0;
}
/* { dg-output "neighbours intact" } */
