/* Many goroutines on many fds at once: 64 socketpairs carry a stream in
   each direction at the same time (four goroutines per pair: a writer and
   a reader per direction, sharing the fds) and 64 pipes one stream each,
   192 streams of 384 KiB.  The streams are larger than the kernel's
   buffers, so writers park on full buffers and readers on empty ones, on
   every fd, many at a time.  Each stream is a seeded pseudo-random byte
   sequence written in chunks of random sizes and read back with buffers
   of other random sizes; the reader regenerates the sequence and checks
   every byte, then end of file right after the last one: nothing lost,
   duplicated or reordered.  exchange-many-p1.c runs it with one P.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include "gochan-test.h"

#define PAIRS 64
#define PIPES 64
#define STREAMS (2 * PAIRS + PIPES)
#define STREAM_BYTES (384 * 1024)

/* xorshift64*: the byte sequence of a stream and the chunk sizes. */
static uint64_t next_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* An fd shared by a writer and a reader: the last to finish closes it. */
struct shared_fd {
    int fd;
    int users;                  /* atomic */
};

struct stream {
    uint64_t seed;
    struct shared_fd *wfd, *rfd;
    int pipe;                   /* 1: the write end is closed for EOF */
    long received;              /* bytes the reader checked */
};

static gochan_waitgroup wg;

static void put_fd(struct shared_fd *s)
{
    if (__atomic_sub_fetch(&s->users, 1, __ATOMIC_ACQ_REL) == 0)
        CHECK_RC(gochan_close(s->fd), 0);
}

static void writer(void *arg)
{
    struct stream *st = arg;
    uint64_t data = st->seed, sizes = st->seed ^ 0x5555;
    char *chunk = malloc(8192);         /* not on a small stack */
    CHECK(chunk != NULL);
    long sent = 0;
    while (sent < STREAM_BYTES) {
        long n = 1 + (long)(next_rand(&sizes) % 8192);
        if (n > STREAM_BYTES - sent)
            n = STREAM_BYTES - sent;
        for (long i = 0; i < n; i++)
            chunk[i] = (char)(next_rand(&data) >> 56);
        CHECK_RC(gochan_write(st->wfd->fd, chunk, (size_t)n), n);
        sent += n;
    }
    free(chunk);
    if (st->pipe)
        CHECK_EQ(st->wfd->users, 1);    /* the write end is ours alone */
    else
        CHECK_EQ(shutdown(st->wfd->fd, SHUT_WR), 0);
    put_fd(st->wfd);
    gochan_waitgroup_done(&wg);
}

static void reader(void *arg)
{
    struct stream *st = arg;
    uint64_t data = st->seed, sizes = st->seed ^ 0xaaaa;
    char *buf = malloc(8192);
    CHECK(buf != NULL);
    for (;;) {
        size_t want = 1 + (size_t)(next_rand(&sizes) % 8192);
        ssize_t n = gochan_read(st->rfd->fd, buf, want);
        CHECK(n >= 0);
        if (n == 0)
            break;
        CHECK(n <= (ssize_t)want);
        for (ssize_t i = 0; i < n; i++)
            if (buf[i] != (char)(next_rand(&data) >> 56)) {
                fprintf(stderr, "stream %p: byte %ld differs\n",
                        (void *)st, st->received + (long)i);
                CHECK(0);
            }
        st->received += n;
        CHECK(st->received <= STREAM_BYTES);
    }
    free(buf);
    put_fd(st->rfd);
    gochan_waitgroup_done(&wg);
}

int main(void)
{
    static struct stream streams[STREAMS];
    static struct shared_fd fds[2 * PAIRS + 2 * PIPES];
    int nfd = 0, ns = 0;

    for (int i = 0; i < PAIRS; i++) {
        int sv[2];
        CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
        struct shared_fd *a = &fds[nfd++], *b = &fds[nfd++];
        *a = (struct shared_fd){ sv[0], 2 };
        *b = (struct shared_fd){ sv[1], 2 };
        streams[ns++] = (struct stream){ .wfd = a, .rfd = b };
        streams[ns++] = (struct stream){ .wfd = b, .rfd = a };
    }
    for (int i = 0; i < PIPES; i++) {
        int p[2];
        CHECK_EQ(pipe(p), 0);
        struct shared_fd *r = &fds[nfd++], *w = &fds[nfd++];
        *r = (struct shared_fd){ p[0], 1 };
        *w = (struct shared_fd){ p[1], 1 };
        streams[ns++] = (struct stream){ .wfd = w, .rfd = r, .pipe = 1 };
    }
    CHECK_EQ(ns, STREAMS);

    gochan_waitgroup_init(&wg);
    gochan_waitgroup_add(&wg, 2 * STREAMS);
    for (int i = 0; i < STREAMS; i++) {
        streams[i].seed = 0x9E3779B97F4A7C15ULL * (uint64_t)(i + 1);
        CHECK_EQ(gochan_go(reader, &streams[i]), 0);
        CHECK_EQ(gochan_go(writer, &streams[i]), 0);
    }
    gochan_waitgroup_wait(&wg);

    long total = 0;
    for (int i = 0; i < STREAMS; i++) {
        CHECK_EQ(streams[i].received, STREAM_BYTES);
        total += streams[i].received;
    }
    for (int i = 0; i < nfd; i++)
        CHECK_EQ(fds[i].users, 0);
    printf("%d streams, %ld bytes, all intact\n", STREAMS, total);
    return 0;
}
/* { dg-output "192 streams, 75497472 bytes, all intact" } */
