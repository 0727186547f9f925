/* Area:    shared
   Purpose: goroutines whose stacks grow in the program, in the program's
            own shared library (userlib.c), and from one into the other
            (a goroutine of the program recursing through the library),
            all at once, linked with libgochan.so; five rounds, so that
            stacks released by one round are reused by the next.  Sums
            exact.  Built and run by shared.exp.  */
#include <gochan.h>
#include <gochan/sched.h>
#include <stdio.h>
#include "gochan-test.h"
#include "userlib.h"

/* userlib_sum's twin, compiled into the program: the recursion must run
   on the program's copy of libgcc's split-stack code as well as the
   library's. */
__attribute__((noinline)) static long own_sum(long depth)
{
    volatile long pad[8] = { depth };
    if (depth == 0)
        return 0;
    if (depth % 1000 == 0)
        gochan_yield();     /* others grow their stacks meanwhile */
    return own_sum(depth - 1) + pad[0];
}

static void mine(long depth, __chan(long) out)
{
    chan_send(out, own_sum(depth));
}

static void crossing(long depth, __chan(long) out)
{
    /* Half the depth here, half in the library, on one goroutine. */
    chan_send(out, own_sum(depth / 2) + userlib_sum(depth - depth / 2));
}

static long tri(long n) { return n * (n + 1) / 2; }

int main(void)
{
    enum { N = 16, ROUNDS = 5 };
    const long depth = 20000;       /* ~1.6 MB of frames per goroutine */
    __chan(long) out = chan_make(long, 0);
    for (int round = 0; round < ROUNDS; round++) {
        userlib_start(N, depth, out);
        for (int i = 0; i < N; i++) {
            __go mine(depth + i, out);
            __go crossing(2 * depth, out);
        }
        /* Library and mine: tri(depth + i) each; crossing: own_sum(depth)
           + userlib_sum(depth) = 2 * tri(depth). */
        long got = 0, want = 0;
        for (int i = 0; i < N; i++)
            want += 2 * tri(depth + i) + 2 * tri(depth);
        for (int i = 0; i < 3 * N; i++)
            got += chan_recv(out);
        CHECK_EQ(got, want);
    }
    /* And main itself (goroutine 1) through the library. */
    CHECK_EQ(userlib_sum(depth), tri(depth));
    chan_close(out);
    printf("ok %d goroutines\n", 3 * N * ROUNDS);
    return 0;
}
