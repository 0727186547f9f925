/* Area:    shared
   Purpose: a program's own shared library that starts goroutines and
            grows their stacks.  Its copy of libgcc's split-stack code is
            the third in the process (program, libgochan.so, this one);
            all three must keep one per-thread segment list.  Built by
            shared.exp with -shared -fPIC, not run by itself.  */
#include "userlib.h"
#include <gochan/sched.h>

__attribute__((noinline)) long userlib_sum(long depth)
{
    volatile long pad[8] = { depth };   /* a real frame at every level */
    if (depth == 0)
        return 0;
    if (depth % 1000 == 0)
        gochan_yield();     /* others grow their stacks meanwhile */
    return userlib_sum(depth - 1) + pad[0];
}

static void worker(long depth, __chan(long) out)
{
    chan_send(out, userlib_sum(depth));
}

void userlib_start(int n, long depth, __chan(long) out)
{
    for (int i = 0; i < n; i++)
        __go worker(depth + i, out);
}
