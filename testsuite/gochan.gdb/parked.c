/* parked.c: goroutines parked in different ways, for gdb.exp.
 *
 * main starts one goroutine per way of blocking (channel receive and
 * send, select, sleep, mutex, a deep stack grown onto split-stack
 * segments, one started with gochan_go), waits until each has recorded its
 * id (id_recv, ...) and had time to park, then calls all_parked(), where
 * gdb.exp stops and runs "info goroutines" and "goroutine ID bt".  Run on
 * its own, it prints "parked" and exits.  gdb.exp builds it (not a dg
 * test).
 */
#include <gochan.h>
#include <stdio.h>

volatile int64_t id_recv, id_send, id_select, id_sleep, id_mutex, id_deep,
    id_plain;
static volatile int sink;
static gochan_mutex mu = GOCHAN_MUTEX_INIT;

__attribute__((noinline)) void all_parked(void)
{
    __asm__ __volatile__("" ::: "memory");
}

__attribute__((noinline)) void recv_forever(__chan(int) c)
{
    id_recv = gochan_id();
    int v = chan_recv(c);
    sink = v;
}

__attribute__((noinline)) void send_forever(__chan(int) c)
{
    id_send = gochan_id();
    chan_send(c, 42);
    sink = 1;
}

__attribute__((noinline)) void select_forever(__chan(int) a, __chan(int) b)
{
    int v = 0;
    id_select = gochan_id();
    __select {
    case __recv(a, v):
        sink = v;
    case __recv(b, v):
        sink = -v;
    }
}

__attribute__((noinline)) void sleep_forever(void)
{
    id_sleep = gochan_id();
    gochan_sleep(3600 * GOCHAN_S);
    sink = 2;
}

__attribute__((noinline)) void lock_forever(void)
{
    id_mutex = gochan_id();
    gochan_mutex_lock(&mu);
    sink = 3;
}

/* Frames of 1 KiB, 64 deep: well past the 2 KiB first stack, so the
   backtrace has to cross split-stack segments. */
__attribute__((noinline)) int deep(int n, __chan(int) c)
{
    volatile char buf[1024];
    buf[n % 1024] = (char)n;
    if (n == 0) {
        id_deep = gochan_id();
        return chan_recv(c);
    }
    return deep(n - 1, c) + buf[n % 1024];
}

__attribute__((noinline)) void deep_forever(__chan(int) c)
{
    sink = deep(64, c);
}

__attribute__((noinline)) static void plain_forever(void *arg)
{
    __chan(int) c = arg;
    id_plain = gochan_id();
    sink = chan_recv(c);
}

int main(void)
{
    __chan(int) never = chan_make(int, 0);   /* nobody sends or receives */
    __chan(int) nobody = chan_make(int, 0);

    gochan_mutex_lock(&mu);                  /* held by main for good */
    __go recv_forever(never);
    __go send_forever(nobody);
    __go select_forever(never, never);
    __go sleep_forever();
    __go lock_forever();
    __go deep_forever(never);
    gochan_go(plain_forever, never);

    volatile int64_t *ids[] = { &id_recv, &id_send, &id_select, &id_sleep,
                                &id_mutex, &id_deep, &id_plain };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        while (*ids[i] == 0)
            gochan_sleep(GOCHAN_MS);
    gochan_sleep(50 * GOCHAN_MS);            /* let the last ones park */
    all_parked();
    puts("parked");
    return 0;
}
