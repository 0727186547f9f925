/* Load test of the poller: an echo server and its clients, both written
   with gochan, in one process, holding 10,000 TCP connections on
   127.0.0.1 at once.

   The server accepts in one goroutine and echoes each connection in its
   own.  Each client goroutine connects, then waits at a gate until every
   client is connected and the server has accepted all of them (so the
   10,000 connections are provably open together), then sends MESSAGES
   messages of seeded pseudo-random sizes (1..MAX_MSG bytes) and contents,
   one at a time, reading each echo back in full and checking it byte for
   byte; then it shuts its side down and checks that the echo stream ends
   exactly there.  Nothing lost (a read would wait: every client fd has
   a read deadline, and the test fails with -ETIMEDOUT), reordered or
   duplicated (the bytes or the end of the stream would differ).

   It prints ("stress: echo-10k: ..." lines, which make stress
   collects) the throughput of the exchange phase and the round-trip
   latency percentiles (p50, p99, max; one round trip is one message
   written and its echo read in full), which are reported, never
   asserted.

   File descriptors: 2 per connection; RLIMIT_NOFILE is raised (as root
   the hard limit can be).  If one process cannot have that many but can
   have one per connection, the server runs in a child process (forked
   before the runtime starts, a gochan program of its own) and tells the
   clients through a pipe when it has accepted every connection; the
   connections are open together all the same.  If even that does not
   fit, the test runs with as many connections as fit and says "scaled
   down" in its output.
   The listen backlog asks for 65535; net.core.somaxconn caps it (4096 by
   default) and is printed.  A connect that the backlog drops waits for
   SYN retransmission: it has a 10 s deadline and is retried (up to 8
   times, counted in the output) rather than left hanging.

   Usage: echo-10k [CONNECTIONS [MESSAGES]] (defaults 10000 and 20).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target stress } */
/* { dg-timeout 600 } */
/* { dg-torture once } */
#include <gochan/chan.h>
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gochan-test.h"

#define MAX_MSG 1024
#define CONNECT_TRIES 8

static int conns = 10000;
static int messages = 20;

static struct sockaddr_in addr;
static int listener;

/* ---- the server ---------------------------------------------------- */

static long accepted;                   /* atomic */
static gochan_waitgroup serving;        /* echo goroutines */

static void echo(void *arg)
{
    int fd = (int)(intptr_t)arg;
    char *buf = malloc(MAX_MSG);
    CHECK(buf != NULL);
    ssize_t n;
    while ((n = gochan_read(fd, buf, MAX_MSG)) > 0)
        CHECK_RC(gochan_write(fd, buf, (size_t)n), n);
    CHECK_RC(n, 0);                     /* the client shut down its side */
    free(buf);
    CHECK_RC(gochan_close(fd), 0);
    gochan_waitgroup_done(&serving);
}

/* Accepts until the listener's deadline (set once every client is done)
   stops it. */
static void acceptor(void *arg)
{
    gochan_chan *done = arg;
    for (;;) {
        int fd = gochan_accept(listener, NULL, NULL);
        if (fd == -ETIMEDOUT)
            break;
        if (fd == -ECONNABORTED)
            continue;
        CHECK(fd >= 0);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        __atomic_add_fetch(&accepted, 1, __ATOMIC_RELAXED);
        gochan_waitgroup_add(&serving, 1);
        CHECK_EQ(gochan_go(echo, (void *)(intptr_t)fd), 0);
    }
    gochan_chan_close(done);
}

/* ---- the clients --------------------------------------------------- */

static gochan_waitgroup connected;      /* clients connected */
static gochan_waitgroup finished;       /* clients done */
static gochan_chan *gate;               /* closed: start the exchange */
static long connect_retries;            /* atomic */
static int64_t *latency;                /* conns * messages round trips */

static uint64_t next_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static int dial(void)
{
    for (int try = 0;; try++) {
        CHECK(try < CONNECT_TRIES);
        if (try > 0) {
            __atomic_add_fetch(&connect_retries, 1, __ATOMIC_RELAXED);
            gochan_sleep(try * 10 * GOCHAN_MS);
        }
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        CHECK(fd >= 0);
        CHECK_RC(gochan_fd_set_deadline(fd, GOCHAN_IO_WRITE,
                                        gochan_now() + 10 * GOCHAN_S), 0);
        int rc = gochan_connect(fd, (struct sockaddr *)&addr, sizeof addr);
        if (rc == 0) {
            CHECK_RC(gochan_fd_set_deadline(fd, GOCHAN_IO_WRITE, 0), 0);
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        CHECK_RC(gochan_close(fd), 0);
        if (rc != -ETIMEDOUT && rc != -ECONNREFUSED && rc != -EAGAIN
            && rc != -EADDRNOTAVAIL && rc != -ECONNRESET)
            CHECK_RC(rc, 0);            /* unexpected: fail with its name */
    }
}

static ssize_t read_full(int fd, char *buf, size_t n)
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

static void client(void *arg)
{
    int id = (int)(intptr_t)arg;
    int fd = dial();
    gochan_waitgroup_done(&connected);
    CHECK_RC(gochan_chan_recv(gate, NULL), -EPIPE);     /* closed */

    /* A lost byte must fail the test, not hang it. */
    CHECK_RC(gochan_fd_set_deadline(fd, GOCHAN_IO_READ,
                                    gochan_now() + 120 * GOCHAN_S), 0);
    char *out = malloc(MAX_MSG), *in = malloc(MAX_MSG);
    CHECK(out != NULL && in != NULL);
    uint64_t seed = 0x9E3779B97F4A7C15ULL * (uint64_t)(id + 1);
    for (int m = 0; m < messages; m++) {
        size_t n = 1 + (size_t)(next_rand(&seed) % MAX_MSG);
        for (size_t i = 0; i < n; i++)
            out[i] = (char)(next_rand(&seed) >> 56);
        int64_t t0 = gochan_now();
        CHECK_RC(gochan_write(fd, out, n), (long)n);
        CHECK_RC(read_full(fd, in, n), (long)n);
        latency[(size_t)id * (size_t)messages + (size_t)m] = gochan_now() - t0;
        if (memcmp(in, out, n) != 0) {
            fprintf(stderr, "connection %d, message %d: echo differs\n",
                    id, m);
            CHECK(0);
        }
    }
    CHECK_EQ(shutdown(fd, SHUT_WR), 0);
    CHECK_RC(gochan_read(fd, in, 1), 0);        /* nothing more, ever */
    free(out);
    free(in);
    CHECK_RC(gochan_close(fd), 0);
    gochan_waitgroup_done(&finished);
}

/* ---- main ---------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The number of connections the fd limit allows, after raising it; sets
   *split when that takes a process for each side. */
static int fit_fd_limit(int want, bool *split)
{
    *split = false;
    rlim_t need = (rlim_t)want * 2 + 64;
    struct rlimit rl;
    CHECK_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
    if (rl.rlim_cur < need) {
        struct rlimit up = { need, rl.rlim_max > need ? rl.rlim_max : need };
        if (setrlimit(RLIMIT_NOFILE, &up) != 0) {
            up.rlim_max = rl.rlim_max;  /* not root: the hard limit */
            up.rlim_cur = rl.rlim_max < need ? rl.rlim_max : need;
            setrlimit(RLIMIT_NOFILE, &up);
        }
        CHECK_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
    }
    if (rl.rlim_cur >= need)
        return want;
    *split = true;
    if (rl.rlim_cur >= (rlim_t)want + 64) {
        printf("stress: echo-10k: RLIMIT_NOFILE is %llu: server and clients in two "
               "processes\n", (unsigned long long)rl.rlim_cur);
        return want;
    }
    int fit = rl.rlim_cur > 64 ? (int)(rl.rlim_cur - 64) : 0;
    printf("stress: echo-10k: scaled down: RLIMIT_NOFILE is %llu and cannot be raised to "
           "%llu; %d connections instead of %d\n",
           (unsigned long long)rl.rlim_cur, (unsigned long long)need, fit,
           want);
    return fit;
}

static long read_long_file(const char *path)
{
    FILE *f = fopen(path, "r");
    long v = -1;
    if (f != NULL) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

/* The server process of the split mode: accept every connection, say so
   on ready, echo until every client is done, then stop. */
static int server_main(int ready)
{
    gochan_chan *acceptor_done = gochan_chan_make(1, 1, 0);
    CHECK(acceptor_done != NULL);
    gochan_waitgroup_init(&serving);
    CHECK_EQ(gochan_go(acceptor, acceptor_done), 0);
    while (__atomic_load_n(&accepted, __ATOMIC_RELAXED) < conns)
        gochan_sleep(GOCHAN_MS);
    CHECK_RC(gochan_write(ready, "A", 1), 1);
    gochan_waitgroup_wait(&serving);
    CHECK_RC(gochan_fd_set_deadline(listener, GOCHAN_IO_READ, gochan_now()),
             0);
    CHECK_RC(gochan_chan_recv(acceptor_done, NULL), -EPIPE);
    CHECK_EQ(__atomic_load_n(&accepted, __ATOMIC_RELAXED), conns);
    return 0;
}

static void *wait_child(void *arg)
{
    pid_t pid = *(pid_t *)arg;
    int st = -1;
    if (waitpid(pid, &st, 0) != pid)
        st = -1;
    return (void *)(intptr_t)st;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        conns = atoi(argv[1]);
    if (argc > 2)
        messages = atoi(argv[2]);
    CHECK(conns > 0 && messages > 0);
    int want = conns;
    bool split;
    conns = fit_fd_limit(conns, &split);
    CHECK(conns >= 100);

    listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(listener >= 0);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(bind(listener, (struct sockaddr *)&addr, sizeof addr), 0);
    socklen_t len = sizeof addr;
    CHECK_EQ(getsockname(listener, (struct sockaddr *)&addr, &len), 0);
    CHECK_EQ(listen(listener, 65535), 0);
    printf("stress: echo-10k: backlog: asked 65535, net.core.somaxconn %ld\n",
           read_long_file("/proc/sys/net/core/somaxconn"));
    fflush(stdout);

    /* Split mode: fork before the runtime starts (no gochan call yet). */
    pid_t server = 0;
    int ready[2] = { -1, -1 };
    if (split) {
        CHECK_EQ(pipe(ready), 0);
        server = fork();
        CHECK(server >= 0);
        if (server == 0) {
            close(ready[0]);
            exit(server_main(ready[1]));
        }
        close(ready[1]);
        close(listener);
    }

    latency = calloc((size_t)conns * (size_t)messages, sizeof *latency);
    CHECK(latency != NULL);
    gate = gochan_chan_make(1, 1, 0);
    gochan_chan *acceptor_done = gochan_chan_make(1, 1, 0);
    CHECK(gate != NULL && acceptor_done != NULL);
    gochan_waitgroup_init(&serving);
    gochan_waitgroup_init(&connected);
    gochan_waitgroup_init(&finished);
    if (!split)
        CHECK_EQ(gochan_go(acceptor, acceptor_done), 0);

    /* Phase 1: every client connects and waits at the gate. */
    int64_t t0 = gochan_now();
    gochan_waitgroup_add(&connected, conns);
    gochan_waitgroup_add(&finished, conns);
    for (int i = 0; i < conns; i++)
        CHECK_EQ(gochan_go(client, (void *)(intptr_t)i), 0);
    gochan_waitgroup_wait(&connected);
    if (split) {
        char c;
        CHECK_RC(gochan_read(ready[0], &c, 1), 1);   /* all accepted */
    } else {
        while (__atomic_load_n(&accepted, __ATOMIC_RELAXED) < conns)
            gochan_sleep(GOCHAN_MS);
        CHECK_EQ(__atomic_load_n(&accepted, __ATOMIC_RELAXED), conns);
    }
    int64_t t1 = gochan_now();
    printf("stress: echo-10k: %d connections held at once (connected in %.2f s, "
           "%ld connect retries)\n", conns, (double)(t1 - t0) / 1e9,
           __atomic_load_n(&connect_retries, __ATOMIC_RELAXED));

    /* Phase 2: the exchange. */
    gochan_chan_close(gate);
    gochan_waitgroup_wait(&finished);
    int64_t t2 = gochan_now();
    if (split) {
        /* The server checks its side and exits 0. */
        int st = (int)(intptr_t)gochan_blocking(wait_child, &server);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
        gochan_close(ready[0]);
    } else {
        gochan_waitgroup_wait(&serving);
        /* Stop the acceptor and check nothing else came in. */
        CHECK_RC(gochan_fd_set_deadline(listener, GOCHAN_IO_READ,
                                        gochan_now()), 0);
        CHECK_RC(gochan_chan_recv(acceptor_done, NULL), -EPIPE);
        CHECK_EQ(__atomic_load_n(&accepted, __ATOMIC_RELAXED), conns);
        CHECK_RC(gochan_close(listener), 0);
    }

    size_t total = (size_t)conns * (size_t)messages;
    long bytes = 0;
    for (int id = 0; id < conns; id++) {
        uint64_t seed = 0x9E3779B97F4A7C15ULL * (uint64_t)(id + 1);
        for (int m = 0; m < messages; m++) {
            size_t n = 1 + (size_t)(next_rand(&seed) % MAX_MSG);
            for (size_t i = 0; i < n; i++)
                next_rand(&seed);
            bytes += (long)n;
        }
    }
    for (size_t i = 0; i < total; i++)
        CHECK(latency[i] > 0);          /* every round trip was made */
    qsort(latency, total, sizeof *latency, cmp_i64);
    double secs = (double)(t2 - t1) / 1e9;
    printf("stress: echo-10k: %zu messages echoed on %d connections, %ld bytes each way: "
           "nothing lost, reordered or duplicated\n", total, conns, bytes);
    printf("stress: echo-10k: throughput: %.0f messages/s, %.1f MB/s each way (%.2f s, "
           "%d procs)\n", (double)total / secs, (double)bytes / secs / 1e6,
           secs, gochan_maxprocs());
    printf("stress: echo-10k: round trip: p50 %.1f us, p99 %.1f us, max %.1f us\n",
           (double)latency[total / 2] / 1e3,
           (double)latency[total * 99 / 100] / 1e3,
           (double)latency[total - 1] / 1e3);
    if (conns < want)
        printf("stress: echo-10k: (scaled down from %d connections)\n", want);
    free(latency);
    return 0;
}
/* { dg-output "connections held at once.*nothing lost, reordered or duplicated.*throughput: .*round trip: p50" } */
