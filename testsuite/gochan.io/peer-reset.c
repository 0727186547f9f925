/* A TCP peer that resets the connection (SO_LINGER 0, then close: the
   kernel sends RST), on 127.0.0.1, with SIGPIPE left at its default
   action, which kills the process if anything raises it:
     1. a reader parked in gochan_read is woken with -ECONNRESET, and a
        gochan_write after that fails with -EPIPE or -ECONNRESET;
     2. a writer parked in gochan_write on full buffers (both kept small)
        returns -ECONNRESET or -EPIPE, never n;
     3. gochan_send on a connection whose peer closed normally and then
        answered with RST fails with -EPIPE or -ECONNRESET within a few
        tries, and gochan_read there returns 0 or -ECONNRESET.
   Plain close() by the peer would be a FIN; a read then returns 0, which
   case 3 also accepts before the reset arrives.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include "gochan-test.h"

static int listener;
static struct sockaddr_in addr;

/* A connected pair: *client from gochan_connect, *server from
   gochan_accept.  With small != 0, both buffers are kept small. */
static void connect_pair(int *client, int *server, int small)
{
    int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(c >= 0);
    if (small) {
        int sz = 16384;
        CHECK_EQ(setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz), 0);
    }
    CHECK_RC(gochan_connect(c, (struct sockaddr *)&addr, sizeof addr), 0);
    int s = gochan_accept(listener, NULL, NULL);
    CHECK(s >= 0);
    *client = c;
    *server = s;
}

/* Closes fd with an RST instead of a FIN. */
static void reset(int fd)
{
    struct linger lg = { .l_onoff = 1, .l_linger = 0 };
    CHECK_EQ(setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), 0);
    CHECK_RC(gochan_close(fd), 0);
}

struct op {
    int fd;
    size_t n;                   /* bytes to write; 0: read instead */
    volatile int started;
    volatile long rc;
    volatile int done;
};

static void do_op(void *arg)
{
    struct op *op = arg;
    __atomic_store_n(&op->started, 1, __ATOMIC_RELEASE);
    if (op->n == 0) {
        char c;
        op->rc = gochan_read(op->fd, &c, 1);
    } else {
        char *buf = calloc(1, op->n);
        CHECK(buf != NULL);
        op->rc = gochan_write(op->fd, buf, op->n);
        free(buf);
    }
    __atomic_store_n(&op->done, 1, __ATOMIC_RELEASE);
}

static void wait_done(struct op *op)
{
    for (int i = 0; !__atomic_load_n(&op->done, __ATOMIC_ACQUIRE); i++) {
        CHECK(i < 10000);               /* 10 s */
        gochan_sleep(GOCHAN_MS);
    }
}

static int is_reset(long rc)
{
    return rc == -ECONNRESET || rc == -EPIPE;
}

int main(void)
{
    CHECK(signal(SIGPIPE, SIG_DFL) != SIG_ERR);

    listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(listener >= 0);
    int small = 16384;
    /* Inherited by accepted sockets. */
    CHECK_EQ(setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &small,
                        sizeof small), 0);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(bind(listener, (struct sockaddr *)&addr, sizeof addr), 0);
    socklen_t len = sizeof addr;
    CHECK_EQ(getsockname(listener, (struct sockaddr *)&addr, &len), 0);
    CHECK_EQ(listen(listener, 16), 0);

    /* 1. A parked reader. */
    int c, s;
    connect_pair(&c, &s, 0);
    struct op rd = { .fd = c };
    CHECK_EQ(gochan_go(do_op, &rd), 0);
    while (!__atomic_load_n(&rd.started, __ATOMIC_ACQUIRE))
        gochan_yield();
    gochan_sleep(20 * GOCHAN_MS);       /* let it park (either way, the
                                           result must be the same) */
    CHECK(!__atomic_load_n(&rd.done, __ATOMIC_ACQUIRE));
    reset(s);
    wait_done(&rd);
    CHECK_RC(rd.rc, -ECONNRESET);
    long w = gochan_write(c, "x", 1);
    if (!is_reset(w))
        CHECK_RC(w, -EPIPE);
    CHECK_RC(gochan_close(c), 0);
    printf("parked reader: -ECONNRESET\n");

    /* 2. A parked writer: 4 MiB cannot fit in 16 KiB buffers. */
    connect_pair(&c, &s, 1);
    struct op wr = { .fd = c, .n = 4 << 20 };
    CHECK_EQ(gochan_go(do_op, &wr), 0);
    while (!__atomic_load_n(&wr.started, __ATOMIC_ACQUIRE))
        gochan_yield();
    gochan_sleep(20 * GOCHAN_MS);
    CHECK(!__atomic_load_n(&wr.done, __ATOMIC_ACQUIRE));
    reset(s);
    wait_done(&wr);
    if (!is_reset(wr.rc))
        CHECK_RC(wr.rc, -ECONNRESET);
    CHECK_RC(gochan_close(c), 0);
    printf("parked writer: reset reported\n");

    /* 3. Peer closed normally, then answers our data with RST. */
    connect_pair(&c, &s, 0);
    CHECK_RC(gochan_close(s), 0);
    long rc = 0;
    int tries = 0;
    while (rc >= 0) {
        CHECK(++tries <= 100);
        rc = gochan_send(c, "y", 1, 0);
        if (rc >= 0)
            gochan_sleep(GOCHAN_MS);
    }
    if (!is_reset(rc))
        CHECK_RC(rc, -EPIPE);
    char ch;
    rc = gochan_read(c, &ch, 1);
    if (rc != 0)
        CHECK_RC(rc, -ECONNRESET);
    CHECK_RC(gochan_close(c), 0);
    printf("closed peer: send fails without SIGPIPE\n");

    CHECK_RC(gochan_close(listener), 0);
    return 0;
}
/* { dg-output "parked reader: -ECONNRESET\r?\n" } */
/* { dg-output "parked writer: reset reported\r?\n" } */
/* { dg-output "closed peer: send fails without SIGPIPE" } */
