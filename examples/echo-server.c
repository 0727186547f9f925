/*
 * A TCP echo server: one goroutine per connection, each writing back what
 * its client sends.  gochan_accept, gochan_read and gochan_write park the
 * calling goroutine, not its thread, while the socket has nothing for it
 * (<gochan/io.h>), so a few threads serve any number of connections.
 *
 * Shutdown goes through a context, as in a Go server.  A signal handler
 * may only do async-signal-safe things, so the SIGINT handler writes one
 * byte to a pipe; a goroutine blocked in gochan_read on the other end
 * wakes and cancels the context.  Another goroutine, waiting on the
 * context's done channel, then gives the listener and every open
 * connection a deadline in the past (Go's SetDeadline(time.Now())): the
 * accept and the reads blocked on them return -ETIMEDOUT, each connection
 * goroutine closes its socket, and main waits for all of them.
 *
 *     echo-server PORT   serves 127.0.0.1:PORT until Ctrl-C (PORT 0: any
 *                        free port, printed)
 *     echo-server        tests itself: serves a free port, runs 8 clients
 *                        that each send 3 lines and check the echo, keeps
 *                        one more connection open and idle, then sends
 *                        itself SIGINT; the idle client sees the server
 *                        hang up
 *
 * Output:
 *   8 clients: 24 lines echoed, all intact
 *   idle client: connected
 *   interrupt: shutting down
 *   idle client: closed by the server
 *   served 9 connections, 414 bytes
 */
#define _GNU_SOURCE                     /* pipe2 */
#include <gochan.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct empty {};

/* One open connection, on the server's list. */
struct conn {
    int fd;
    struct conn *prev, *next;
};

struct server {
    int listener;
    gochan_waitgroup running;   /* connection goroutines */
    gochan_mutex mu;            /* guards the fields below */
    bool closing;               /* the context has ended */
    struct conn *conns;         /* open connections */
    long served;                /* connections accepted */
    long bytes;                 /* bytes echoed */
};

/* ---- the server ---------------------------------------------------- */

/* Serves one connection: echoes until the client hangs up or the
   shutdown deadline interrupts the read. */
static void echo(struct server *s, struct conn *c)
{
    char buf[512];
    ssize_t n;
    long total = 0;
    while ((n = gochan_read(c->fd, buf, sizeof buf)) > 0) {
        if (gochan_write(c->fd, buf, (size_t)n) < 0)
            break;
        total += n;
    }
    gochan_mutex_lock(&s->mu);
    s->bytes += total;
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        s->conns = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    gochan_mutex_unlock(&s->mu);
    gochan_close(c->fd);
    free(c);
    gochan_waitgroup_done(&s->running);
}

/* Waits for ctx to end, then interrupts every blocked accept, read and
   write of the server with a deadline that has already passed. */
static void shutdown_when_done(struct server *s, gochan_ctx *ctx)
{
    chan_recv(chan_from(struct empty, gochan_ctx_done(ctx)));
    gochan_mutex_lock(&s->mu);
    s->closing = true;
    int64_t now = gochan_now();
    gochan_fd_set_deadline(s->listener, GOCHAN_IO_READ, now);
    for (struct conn *c = s->conns; c != NULL; c = c->next)
        gochan_fd_set_deadline(c->fd, GOCHAN_IO_READ | GOCHAN_IO_WRITE, now);
    gochan_mutex_unlock(&s->mu);
}

/* Accepts connections until the shutdown deadline stops gochan_accept,
   then waits for the connections to finish. */
static void serve(struct server *s)
{
    for (;;) {
        int fd = gochan_accept(s->listener, NULL, NULL);
        if (fd == -ETIMEDOUT)
            break;                      /* shutting down */
        if (fd < 0) {
            /* Out of fds, or a client gone before we took it: wait a
               little and go on, as Go's http.Server does. */
            fprintf(stderr, "accept: %s\n", strerror(-fd));
            gochan_sleep(5 * GOCHAN_MS);
            continue;
        }
        struct conn *c = malloc(sizeof *c);
        gochan_mutex_lock(&s->mu);
        if (c == NULL || s->closing) {  /* accepted as the deadline fell */
            gochan_mutex_unlock(&s->mu);
            gochan_close(fd);
            free(c);
            continue;
        }
        *c = (struct conn){ .fd = fd, .next = s->conns };
        if (s->conns != NULL)
            s->conns->prev = c;
        s->conns = c;
        s->served++;
        gochan_mutex_unlock(&s->mu);
        gochan_waitgroup_add(&s->running, 1);
        __go echo(s, c);
    }
    gochan_waitgroup_wait(&s->running);
}

/* ---- SIGINT -------------------------------------------------------- */

static int sigint_pipe[2];

static void on_sigint(int sig)
{
    int saved = errno;
    char c = (char)sig;
    (void)!write(sigint_pipe[1], &c, 1);   /* full pipe: already told */
    errno = saved;
}

/* Cancels ctx at the first SIGINT. */
static void cancel_on_sigint(gochan_ctx *ctx)
{
    char c;
    if (gochan_read(sigint_pipe[0], &c, 1) == 1) {
        printf("interrupt: shutting down\n");
        fflush(stdout);
        gochan_ctx_cancel(ctx);
    }
}

/* ---- the self-test ------------------------------------------------- */

enum { CLIENTS = 8, LINES = 3 };

static int dial(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    struct sockaddr_in addr = { .sin_family = AF_INET,
                                .sin_port = htons((uint16_t)port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int rc = gochan_connect(fd, (struct sockaddr *)&addr, sizeof addr);
    if (rc < 0) {
        gochan_close(fd);
        return rc;
    }
    return fd;
}

/* Reads exactly n bytes: n, or 0 or a negated errno if the stream ends
   or fails first. */
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

/* Sends LINES lines and checks each comes back unchanged; sends the
   number of intact lines on result. */
static void client(int port, int id, __chan(int) result)
{
    int intact = 0;
    int fd = dial(port);
    for (int i = 1; fd >= 0 && i <= LINES; i++) {
        char line[64], back[64];
        int len = snprintf(line, sizeof line, "client %d: line %d\n", id, i);
        if (gochan_write(fd, line, (size_t)len) != len
            || read_full(fd, back, (size_t)len) != len)
            break;
        intact += memcmp(line, back, (size_t)len) == 0;
    }
    if (fd >= 0)
        gochan_close(fd);
    chan_send(result, intact);
}

/* Runs the clients, then interrupts the server while one connection is
   idle, and checks the server hangs up on it.  Sends 0 on done if all
   went as it should. */
static void self_test(int port, __chan(int) done)
{
    __chan(int) results = chan_make(int, CLIENTS);
    for (int i = 0; i < CLIENTS; i++)
        __go client(port, i, results);
    int intact = 0;
    for (int i = 0; i < CLIENTS; i++)
        intact += chan_recv(results);
    printf("%d clients: %d lines echoed, %s\n", CLIENTS, intact,
           intact == CLIENTS * LINES ? "all intact" : "SOME LOST");
    chan_release(results);

    int fd = dial(port);
    char buf[8];
    if (fd < 0 || gochan_write(fd, "hello\n", 6) != 6
        || read_full(fd, buf, 6) != 6) {
        printf("idle client: cannot connect\n");
        chan_send(done, 1);
        return;
    }
    printf("idle client: connected\n");
    fflush(stdout);

    kill(getpid(), SIGINT);             /* as Ctrl-C would */

    ssize_t n = gochan_read(fd, buf, sizeof buf);
    printf("idle client: %s\n", n == 0 ? "closed by the server"
                                       : "still open?");
    gochan_close(fd);
    chan_send(done, n == 0 && intact == CLIENTS * LINES ? 0 : 1);
}

/* ---- main ---------------------------------------------------------- */

static int listen_on(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    struct sockaddr_in addr = { .sin_family = AF_INET,
                                .sin_port = htons((uint16_t)port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (fd < 0
        || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
        || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0
        || listen(fd, 4096) < 0) {
        perror("listen");
        exit(1);
    }
    return fd;
}

static int port_of(int fd)
{
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &len);
    return ntohs(addr.sin_port);
}

int main(int argc, char **argv)
{
    bool testing = argc < 2;
    static struct server s;             /* the goroutines outlive no main */
    s.listener = listen_on(testing ? 0 : atoi(argv[1]));
    gochan_mutex_init(&s.mu);
    gochan_waitgroup_init(&s.running);
    int port = port_of(s.listener);

    gochan_ctx *ctx = gochan_ctx_with_cancel(gochan_ctx_background());
    struct sigaction sa = { .sa_handler = on_sigint };
    sigemptyset(&sa.sa_mask);
    if (pipe2(sigint_pipe, O_CLOEXEC | O_NONBLOCK) < 0
        || sigaction(SIGINT, &sa, NULL) < 0) {
        perror("SIGINT");
        return 1;
    }
    __go cancel_on_sigint(ctx);
    __go shutdown_when_done(&s, ctx);

    __chan(int) tested = chan_make(int, 1);
    if (testing) {
        __go self_test(port, tested);
    } else {
        printf("listening on 127.0.0.1:%d (Ctrl-C stops)\n", port);
        fflush(stdout);
    }

    serve(&s);                          /* until the context ends */

    int status = testing ? chan_recv(tested) : 0;
    printf("served %ld connections, %ld bytes\n", s.served, s.bytes);
    gochan_close(s.listener);
    gochan_ctx_release(ctx);
    return status;
}
