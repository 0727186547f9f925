/* SPDX-License-Identifier: MIT */
/*
 * bench.c: the gochan side of the benchmark suite.  The same programs as
 * ../go/main.go, benchmark by benchmark, written with the plugin's syntax:
 * a change to one is made to the other.  Go's closures become functions
 * whose arguments are what the closure captured.
 *
 * Usage:
 *
 *     gochanbench <bench> [N [WARMUPS]]
 *     gochanbench list
 *
 * runs one benchmark WARMUPS times unmeasured (default 1; always 0 for the
 * memory benchmark, whose figure is the growth of a fresh process), then
 * once measured, and prints
 *
 *     INFO <bench> n=<N> procs=<GOCHAN_MAXPROCS>
 *     RESULT <bench> <value> <unit>
 *
 * where unit is ns/op or bytes/goroutine; echo prints a second figure
 * of the same run, RESULT echo_p99 <ns> ns.  A few benchmarks also print
 * CHECK <bench> <value>, a result the runner compares across systems.  A
 * benchmark that computes a wrong result says so on stderr and exits 1.
 *
 * Channels are never released, as the Go side leaves them to its garbage
 * collector: a release could race with a peer goroutine still returning
 * from its last operation on the channel, and a few leaked channels per
 * process cost nothing that is measured.
 *
 * Build: gcc -O2 -fsplit-stack -fplugin=gochan.so -Iinclude bench.c
 *        -fuse-ld=gold -Wl,-z,now libgochan.a -latomic -pthread
 * (../run does it).
 */
#include <gochan.h>
#include <gochan/io.h>
#include <gochan/sync.h>
#include <gochan/time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bench {
    const char *name;
    long def_n;           /* the suite's full-size N */
    const char *unit;     /* ns/op or bytes/goroutine */
    double (*run)(long n);/* one run: the value, in unit */
    const char *op;       /* what one op is */
    /* A second figure of the same run, printed as its own RESULT line
       (RESULT <extra> <extra_value> <extra_unit>) after the first. */
    const char *extra, *extra_unit;
};

/* The second figure of the last run of a benchmark that has one. */
static double extra_value;

static __attribute__((noreturn, format(printf, 2, 3)))
void fail(const char *name, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "gochanbench: %s: ", name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static double per_op(int64_t ns, long ops)
{
    return (double)ns / (double)ops;
}

/* chan_make, or fail: the benchmarks have no use for a nil channel. */
#define MAKE(T, cap, name) __extension__({                               \
    __chan(T) made_ = chan_make(T, cap);                                 \
    if (made_ == NULL)                                                   \
        fail(name, "chan_make: out of memory");                          \
    made_;                                                               \
})

/* spawn: N goroutines started, all alive at once: each blocks on a gate
   channel until main has started all of them and closed it, then
   finishes.  One op: a goroutine's start, one park and wake, its exit. */
static void spawn_child(__chan(int) gate, gochan_waitgroup *wg)
{
    (void)chan_recv(gate);
    gochan_waitgroup_done(wg);
}

static double bench_spawn(long n)
{
    static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
    __chan(int) gate = MAKE(int, 0, "spawn");
    int64_t start = gochan_now();

    gochan_waitgroup_add(&wg, (int)n);
    for (long i = 0; i < n; i++)
        __go spawn_child(gate, &wg);
    chan_close(gate);
    gochan_waitgroup_wait(&wg);
    return per_op(gochan_now() - start, n);
}

/* spawn_serial: start one goroutine and wait for it to finish, N times. */
static void serial_child(__chan(int) done)
{
    chan_send(done, 1);
}

static double bench_spawn_serial(long n)
{
    __chan(int) done = MAKE(int, 0, "spawn_serial");
    int64_t start = gochan_now();

    for (long i = 0; i < n; i++) {
        __go serial_child(done);
        (void)chan_recv(done);
    }
    return per_op(gochan_now() - start, n);
}

/* yield: two goroutines each call gochan_yield N/2 times. */
static void yield_child(long half, gochan_waitgroup *wg)
{
    for (long i = 0; i < half; i++)
        gochan_yield();
    gochan_waitgroup_done(wg);
}

static double bench_yield(long n)
{
    static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
    long half = n / 2;

    gochan_waitgroup_add(&wg, 1);
    int64_t start = gochan_now();
    __go yield_child(half, &wg);
    for (long i = 0; i < half; i++)
        gochan_yield();
    gochan_waitgroup_wait(&wg);
    return per_op(gochan_now() - start, 2 * half);
}

/* pingpong: N round trips: main sends on ping, an echo goroutine sends the
   value back on pong.  Both channels unbuffered. */
static void pingpong_echo(__chan(long) ping, __chan(long) pong)
{
    bool ok;

    for (;;) {
        long v = chan_recv_ok(ping, &ok);
        if (!ok)
            break;
        chan_send(pong, v);
    }
    chan_close(pong);
}

static double bench_pingpong(long n)
{
    __chan(long) ping = MAKE(long, 0, "pingpong");
    __chan(long) pong = MAKE(long, 0, "pingpong");
    bool ok;

    __go pingpong_echo(ping, pong);
    int64_t start = gochan_now();
    long sum = 0;
    for (long i = 0; i < n; i++) {
        chan_send(ping, i);
        sum += chan_recv(pong);
    }
    int64_t d = gochan_now() - start;
    chan_close(ping);
    (void)chan_recv_ok(pong, &ok);
    if (ok)
        fail("pingpong", "pong not closed");
    if (sum != n * (n - 1) / 2)
        fail("pingpong", "sum %ld, want %ld", sum, n * (n - 1) / 2);
    return per_op(d, n);
}

/* buffered: main sends N items into a channel of capacity 1024, one
   consumer goroutine sums them until the channel is closed. */
static void buffered_consumer(__chan(long) ch, __chan(long) done)
{
    long s = 0;
    bool ok;

    for (;;) {
        long v = chan_recv_ok(ch, &ok);
        if (!ok)
            break;
        s += v;
    }
    chan_send(done, s);
}

static double bench_buffered(long n)
{
    __chan(long) ch = MAKE(long, 1024, "buffered");
    __chan(long) done = MAKE(long, 0, "buffered");

    __go buffered_consumer(ch, done);
    int64_t start = gochan_now();
    for (long i = 0; i < n; i++)
        chan_send(ch, i);
    chan_close(ch);
    long sum = chan_recv(done);
    int64_t d = gochan_now() - start;
    if (sum != n * (n - 1) / 2)
        fail("buffered", "sum %ld, want %ld", sum, n * (n - 1) / 2);
    return per_op(d, n);
}

/* selectN: k producers, each sending N/k values on its own unbuffered
   channel; main receives all of them with a k-case __select. */
static void select_producer(__chan(long) c, long per)
{
    for (long j = 0; j < per; j++)
        chan_send(c, j);
}

static double bench_select_k(long n, int k, const char *name)
{
    long per = n / k;
    __chan(long) cs[8];

    for (int i = 0; i < k; i++)
        cs[i] = MAKE(long, 0, name);
    int64_t start = gochan_now();
    for (int i = 0; i < k; i++)
        __go select_producer(cs[i], per);
    long sum = 0, v = 0;
    long total = per * k;
    if (k == 2) {
        for (long got = 0; got < total; got++) {
            __select {
            case __recv(cs[0], v):
                sum += v;
            case __recv(cs[1], v):
                sum += v;
            }
        }
    } else {
        for (long got = 0; got < total; got++) {
            __select {
            case __recv(cs[0], v):
                sum += v;
            case __recv(cs[1], v):
                sum += v;
            case __recv(cs[2], v):
                sum += v;
            case __recv(cs[3], v):
                sum += v;
            case __recv(cs[4], v):
                sum += v;
            case __recv(cs[5], v):
                sum += v;
            case __recv(cs[6], v):
                sum += v;
            case __recv(cs[7], v):
                sum += v;
            }
        }
    }
    int64_t d = gochan_now() - start;
    long want = k * (per * (per - 1) / 2);
    if (sum != want)
        fail(name, "sum %ld, want %ld", sum, want);
    return per_op(d, total);
}

static double bench_select2(long n)
{
    return bench_select_k(n, 2, "select2");
}

static double bench_select8(long n)
{
    return bench_select_k(n, 8, "select8");
}

/* mutex4: 4 goroutines each lock and unlock one mutex N/4 times,
   counting. */
enum { MUTEX_WORKERS = 4 };

static void mutex4_worker(long per, gochan_mutex *mu, long *counter,
                          gochan_waitgroup *wg)
{
    for (long i = 0; i < per; i++) {
        gochan_mutex_lock(mu);
        (*counter)++;
        gochan_mutex_unlock(mu);
    }
    gochan_waitgroup_done(wg);
}

static double bench_mutex4(long n)
{
    static gochan_mutex mu = GOCHAN_MUTEX_INIT;
    static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
    static long counter;
    long per = n / MUTEX_WORKERS;

    counter = 0;
    int64_t start = gochan_now();
    gochan_waitgroup_add(&wg, MUTEX_WORKERS);
    for (int w = 0; w < MUTEX_WORKERS; w++)
        __go mutex4_worker(per, &mu, &counter, &wg);
    gochan_waitgroup_wait(&wg);
    int64_t d = gochan_now() - start;
    if (counter != per * MUTEX_WORKERS)
        fail("mutex4", "counter %ld, want %ld", counter, per * MUTEX_WORKERS);
    return per_op(d, per * MUTEX_WORKERS);
}

/* waitgroup: one WaitGroup.  main adds 4 and waits; 4 goroutines each do
   N/4 add(1)+done pairs on it, then one done.  The counter reaches zero
   only at the end, so wait blocks once and is woken once. */
enum { WG_WORKERS = 4 };

static void waitgroup_worker(long per, gochan_waitgroup *wg)
{
    for (long i = 0; i < per; i++) {
        gochan_waitgroup_add(wg, 1);
        gochan_waitgroup_done(wg);
    }
    gochan_waitgroup_done(wg);
}

static double bench_waitgroup(long n)
{
    static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
    long per = n / WG_WORKERS;
    int64_t start = gochan_now();

    gochan_waitgroup_add(&wg, WG_WORKERS);
    for (int w = 0; w < WG_WORKERS; w++)
        __go waitgroup_worker(per, &wg);
    gochan_waitgroup_wait(&wg);
    return per_op(gochan_now() - start, per * WG_WORKERS);
}

/* sieve: the classic concurrent prime sieve (a generator and a chain of
   filter goroutines, one per prime found, all unbuffered) run to the Nth
   prime.  The goroutines are left blocked; the process exits after. */
static void sieve_generate(__chan(long) ch)
{
    for (long i = 2;; i++)
        chan_send(ch, i);
}

static void sieve_filter(__chan(long) in, __chan(long) out, long prime)
{
    for (;;) {
        long i = chan_recv(in);
        if (i % prime != 0)
            chan_send(out, i);
    }
}

/* nth_prime, by trial division: the check for sieve. */
static long nth_prime(long n)
{
    long found = 0;

    for (long p = 2;; p++) {
        bool prime = true;
        for (long d = 2; d * d <= p; d++) {
            if (p % d == 0) {
                prime = false;
                break;
            }
        }
        if (prime && ++found == n)
            return p;
    }
}

static double bench_sieve(long n)
{
    int64_t start = gochan_now();
    __chan(long) ch = MAKE(long, 0, "sieve");
    long prime = 0;

    __go sieve_generate(ch);
    for (long i = 0; i < n; i++) {
        prime = chan_recv(ch);
        __chan(long) ch1 = MAKE(long, 0, "sieve");
        __go sieve_filter(ch, ch1, prime);
        ch = ch1;
    }
    int64_t d = gochan_now() - start;
    if (prime != nth_prime(n))
        fail("sieve", "prime #%ld is %ld, want %ld", n, prime, nth_prime(n));
    printf("CHECK sieve %ld\n", prime);
    return per_op(d, n);
}

/* FANOUT_ITERS sets the size of one fan-out job (about 50 us here).  Same
   constant, same arithmetic in ../go/main.go, so both do the same work. */
enum { FANOUT_ITERS = 20000, FANOUT_WORKERS = 8 };

static uint64_t fanout_work(uint64_t x)
{
    for (int i = 0; i < FANOUT_ITERS; i++) {
        x ^= x >> 29;
        x *= UINT64_C(0xbf58476d1ce4e5b9);
        x ^= x >> 32;
    }
    return x;
}

static void fanout_worker(__chan(uint64_t) jobs, __chan(uint64_t) results)
{
    bool ok;

    for (;;) {
        uint64_t j = chan_recv_ok(jobs, &ok);
        if (!ok)
            break;
        chan_send(results, fanout_work(j));
    }
}

static void fanout_feeder(__chan(uint64_t) jobs, long n)
{
    for (long i = 0; i < n; i++)
        chan_send(jobs, (uint64_t)i + 1);
    chan_close(jobs);
}

/* fanout: a feeder goroutine sends N job seeds into a buffered channel,
   8 workers compute and send results into another, main sums them.  The
   suite runs it at 1 and 2 procs; the ratio of the two is the scaling. */
static double bench_fanout(long n)
{
    __chan(uint64_t) jobs = MAKE(uint64_t, 64, "fanout");
    __chan(uint64_t) results = MAKE(uint64_t, 64, "fanout");
    int64_t start = gochan_now();

    for (int w = 0; w < FANOUT_WORKERS; w++)
        __go fanout_worker(jobs, results);
    __go fanout_feeder(jobs, n);
    uint64_t sum = 0;
    for (long i = 0; i < n; i++)
        sum += chan_recv(results);
    int64_t d = gochan_now() - start;
    printf("CHECK fanout %" PRIu64 "\n", sum);
    return per_op(d, n);
}

/* vm_rss returns the process's resident set size in bytes. */
static long vm_rss(void)
{
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");

    if (f == NULL)
        fail("park", "cannot open /proc/self/status");
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            if (sscanf(line + 6, "%ld", &kb) != 1)
                fail("park", "bad VmRSS line: %s", line);
            break;
        }
    }
    fclose(f);
    if (kb < 0)
        fail("park", "no VmRSS in /proc/self/status");
    return kb * 1024;
}

/* park: RSS growth per goroutine with N goroutines blocked on one
   channel.  Each goroutine runs (so its stack is in use), says so, and
   parks. */
static void park_child(__chan(int) gate, gochan_waitgroup *started)
{
    gochan_waitgroup_done(started);
    (void)chan_recv(gate);
}

static double bench_park(long n)
{
    static gochan_waitgroup started = GOCHAN_WAITGROUP_INIT;
    long before = vm_rss();
    __chan(int) gate = MAKE(int, 0, "park");

    gochan_waitgroup_add(&started, (int)n);
    for (long i = 0; i < n; i++)
        __go park_child(gate, &started);
    gochan_waitgroup_wait(&started);
    long after = vm_rss();
    if (gochan_num_goroutine() < n)
        fail("park", "%" PRId64 " goroutines, want at least %ld",
             gochan_num_goroutine(), n);
    return (double)(after - before) / (double)n;
}

/* echo: a TCP echo server and N clients on 127.0.0.1, in one process, one
   goroutine per connection on each side.  Every client connects and waits
   at a gate until all N are connected and accepted; then each sends
   ECHO_MSGS messages of ECHO_SIZE bytes, one at a time, reads each echo
   back in full and checks it; then it shuts its side down for writing and
   checks that the echo ends there.  One op: one message round trip, timed
   from the gate's opening to the last client's end.  The p99 of the round
   trips (write to last byte read) is the second figure.  Both sides set
   TCP_NODELAY, as Go's net package does by default, and the backlog is
   somaxconn's, as Go's. */
enum { ECHO_MSGS = 20, ECHO_SIZE = 64 };

static void echo_fill(unsigned char *b, long id, int m)
{
    for (int i = 0; i < ECHO_SIZE; i++)
        b[i] = (unsigned char)(id * 131 + m * 31 + i);
}

static void set_nodelay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void echo_serve_conn(int fd, gochan_waitgroup *serving)
{
    unsigned char buf[ECHO_SIZE];
    ssize_t k;
    while ((k = gochan_read(fd, buf, sizeof buf)) > 0) {
        ssize_t w = gochan_write(fd, buf, (size_t)k);
        if (w < 0)
            fail("echo", "server write: %s", strerror((int)-w));
    }
    gochan_close(fd);
    gochan_waitgroup_done(serving);
}

static void echo_accept(int listener, long *accepted,
                        gochan_waitgroup *serving)
{
    for (;;) {
        int fd = gochan_accept(listener, NULL, NULL);
        if (fd == -EBADF)
            return;             /* the listener was closed */
        if (fd < 0)
            fail("echo", "accept: %s", strerror(-fd));
        set_nodelay(fd);
        __atomic_add_fetch(accepted, 1, __ATOMIC_RELAXED);
        gochan_waitgroup_add(serving, 1);
        __go echo_serve_conn(fd, serving);
    }
}

static ssize_t echo_read_full(int fd, unsigned char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = gochan_read(fd, buf + got, n - got);
        if (r <= 0)
            return r;
        got += (size_t)r;
    }
    return (ssize_t)n;
}

static void echo_client(const struct sockaddr_in *addr, long id,
                        int64_t *lat, __chan(int) gate,
                        gochan_waitgroup *connected,
                        gochan_waitgroup *finished)
{
    unsigned char out[ECHO_SIZE], in[ECHO_SIZE];
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        fail("echo", "socket: %s", strerror(errno));
    int rc = gochan_connect(fd, (const struct sockaddr *)addr, sizeof *addr);
    if (rc < 0)
        fail("echo", "connect: %s", strerror(-rc));
    set_nodelay(fd);
    gochan_waitgroup_done(connected);
    (void)chan_recv(gate);
    for (int m = 0; m < ECHO_MSGS; m++) {
        echo_fill(out, id, m);
        int64_t t0 = gochan_now();
        ssize_t k = gochan_write(fd, out, sizeof out);
        if (k < 0)
            fail("echo", "client write: %s", strerror((int)-k));
        k = echo_read_full(fd, in, sizeof in);
        if (k != (ssize_t)sizeof in)
            fail("echo", "client read: %s", k < 0 ? strerror((int)-k)
                                                  : "early end");
        lat[id * ECHO_MSGS + m] = gochan_now() - t0;
        if (memcmp(in, out, sizeof in) != 0)
            fail("echo", "connection %ld message %d: echo differs", id, m);
    }
    shutdown(fd, SHUT_WR);
    ssize_t k = gochan_read(fd, in, sizeof in);
    if (k != 0)
        fail("echo", "connection %ld: %zd after the end", id, k);
    gochan_close(fd);
    gochan_waitgroup_done(finished);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static double bench_echo(long n)
{
    static struct sockaddr_in addr;     /* read by the clients */
    addr = (struct sockaddr_in){ .sin_family = AF_INET,
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof addr;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0
        || bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0
        || getsockname(listener, (struct sockaddr *)&addr, &len) < 0
        || listen(listener, SOMAXCONN > 65535 ? SOMAXCONN : 65535) < 0)
        fail("echo", "listen: %s", strerror(errno));

    static gochan_waitgroup serving, connected, finished;
    static long accepted;
    gochan_waitgroup_init(&serving);
    gochan_waitgroup_init(&connected);
    gochan_waitgroup_init(&finished);
    accepted = 0;
    __go echo_accept(listener, &accepted, &serving);

    int64_t *lat = malloc(sizeof *lat * (size_t)n * ECHO_MSGS);
    if (lat == NULL)
        fail("echo", "out of memory");
    __chan(int) gate = MAKE(int, 0, "echo");
    gochan_waitgroup_add(&connected, (int)n);
    gochan_waitgroup_add(&finished, (int)n);
    for (long i = 0; i < n; i++)
        __go echo_client(&addr, i, lat, gate, &connected, &finished);
    gochan_waitgroup_wait(&connected);
    while (__atomic_load_n(&accepted, __ATOMIC_RELAXED) < n)
        gochan_sleep(GOCHAN_MS);
    int64_t start = gochan_now();
    chan_close(gate);
    gochan_waitgroup_wait(&finished);
    int64_t d = gochan_now() - start;
    gochan_close(listener);
    gochan_waitgroup_wait(&serving);
    qsort(lat, (size_t)n * ECHO_MSGS, sizeof *lat, cmp_i64);
    extra_value = (double)lat[n * ECHO_MSGS * 99 / 100];
    free(lat);
    return per_op(d, n * ECHO_MSGS);
}

/* The soft RLIMIT_NOFILE up to the hard one, as Go's runtime does by
   itself since 1.19. */
static void raise_file_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static const struct bench benches[] = {
    {"spawn", 1000000, "ns/op", bench_spawn,
     "start N goroutines that wait on a gate, open it, wait for all", NULL, NULL},
    {"spawn_serial", 1000000, "ns/op", bench_spawn_serial,
     "start one goroutine and wait for it, N times", NULL, NULL},
    {"yield", 10000000, "ns/op", bench_yield,
     "one gochan_yield, two goroutines yielding", NULL, NULL},
    {"pingpong", 1000000, "ns/op", bench_pingpong,
     "one round trip over two unbuffered channels", NULL, NULL},
    {"buffered", 10000000, "ns/op", bench_buffered,
     "one item through a channel of capacity 1024", NULL, NULL},
    {"select2", 1000000, "ns/op", bench_select2,
     "one select receiving from 2 unbuffered channels", NULL, NULL},
    {"select8", 1000000, "ns/op", bench_select8,
     "one select receiving from 8 unbuffered channels", NULL, NULL},
    {"mutex4", 10000000, "ns/op", bench_mutex4,
     "one lock+unlock, 4 goroutines contending", NULL, NULL},
    {"waitgroup", 10000000, "ns/op", bench_waitgroup,
     "one add(1)+done, 4 goroutines on one WaitGroup", NULL, NULL},
    {"sieve", 5000, "ns/op", bench_sieve,
     "one prime out of the chain of filter goroutines", NULL, NULL},
    {"fanout", 10000, "ns/op", bench_fanout,
     "one CPU-bound job through 8 workers", NULL, NULL},
    {"park", 100000, "bytes/goroutine", bench_park,
     "RSS growth per goroutine parked on a channel", NULL, NULL},
    {"echo", 1000, "ns/op", bench_echo,
     "one 64-byte message echoed over TCP, N connections at once",
     "echo_p99", "ns"},
};

enum { NBENCH = sizeof benches / sizeof benches[0] };

static long parse_count(const char *s, long min, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < min) {
        fprintf(stderr, "gochanbench: bad %s \"%s\"\n", what, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    const struct bench *b = NULL;

    if (argc < 2) {
        fprintf(stderr, "usage: gochanbench <bench> [N [WARMUPS]] | list\n");
        return 2;
    }
    if (strcmp(argv[1], "list") == 0) {
        for (int i = 0; i < NBENCH; i++)
            printf("%-13s N=%-9ld %-16s %s\n", benches[i].name,
                   benches[i].def_n, benches[i].unit, benches[i].op);
        return 0;
    }
    for (int i = 0; i < NBENCH; i++)
        if (strcmp(benches[i].name, argv[1]) == 0)
            b = &benches[i];
    if (b == NULL) {
        fprintf(stderr, "gochanbench: unknown benchmark \"%s\" (try: list)\n",
                argv[1]);
        return 2;
    }
    long n = argc > 2 ? parse_count(argv[2], 1, "N") : b->def_n;
    long warm = argc > 3 ? parse_count(argv[3], 0, "WARMUPS") : 1;
    if (strcmp(b->unit, "ns/op") != 0)
        warm = 0;

    printf("INFO %s n=%ld procs=%d\n", b->name, n, gochan_maxprocs());
    if (strcmp(b->name, "echo") == 0)
        raise_file_limit();
    for (long i = 0; i < warm; i++)
        b->run(n);
    printf("RESULT %s %.2f %s\n", b->name, b->run(n), b->unit);
    if (b->extra != NULL)
        printf("RESULT %s %.2f %s\n", b->extra, extra_value, b->extra_unit);
    return 0;
}
