/* Area:    io
   Purpose: TCP on loopback: a listener goroutine accepts (several
            acceptors share one listening socket), each connection is
            served by its own goroutine, 50 clients connect with
            gochan_connect and exchange 64 KiB each way (more than the
            socket buffers hold, so both sides park on writes and reads),
            checked byte for byte; accepted sockets are non-blocking and
            close-on-exec; connecting to a port with no listener gives
            -ECONNREFUSED; gochan_send/gochan_recv work; an fd that is not
            a socket gives -ENOTSOCK.  */
/* { dg-do run } */
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <unistd.h>
#include "gochan-test.h"

#define NCLIENT 50
#define LEN (64 * 1024)

static int lfd;
static struct sockaddr_in addr;
static gochan_waitgroup served = GOCHAN_WAITGROUP_INIT;
static gochan_waitgroup clients = GOCHAN_WAITGROUP_INIT;
static int accepted;

static void
serve (void *arg)
{
  int fd = (int) (intptr_t) arg;
  CHECK (fcntl (fd, F_GETFL) & O_NONBLOCK);
  CHECK (fcntl (fd, F_GETFD) & FD_CLOEXEC);
  char *buf = malloc (4096);
  /* Echo until the client shuts down its side.  */
  for (;;)
    {
      ssize_t n = gochan_read (fd, buf, 4096);
      CHECK (n >= 0);
      if (n == 0)
        break;
      CHECK_EQ (gochan_write (fd, buf, (size_t) n), n);
    }
  free (buf);
  CHECK_RC (gochan_close (fd), 0);
  gochan_waitgroup_done (&served);
}

static void
acceptor (void *arg)
{
  (void) arg;
  for (;;)
    {
      int fd = gochan_accept (lfd, NULL, NULL);
      if (fd == -EBADF)
        return;
      CHECK (fd >= 0);
      __atomic_fetch_add (&accepted, 1, __ATOMIC_SEQ_CST);
      gochan_go (serve, (void *) (intptr_t) fd);
    }
}

struct client
{
  int fd;
  unsigned seed;
};

static void
client_writer (void *arg)
{
  struct client *cl = arg;
  unsigned char *out = malloc (LEN);
  for (int i = 0; i < LEN; i++)
    out[i] = (unsigned char) (cl->seed * 31 + (unsigned) i * 7);
  CHECK_EQ (gochan_send (cl->fd, out, LEN, 0), LEN);
  CHECK (shutdown (cl->fd, SHUT_WR) == 0);
  free (out);
}

static void
client (void *arg)
{
  unsigned seed = (unsigned) (uintptr_t) arg;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  CHECK (fd >= 0);
  CHECK_RC (gochan_connect (fd, (struct sockaddr *) &addr, sizeof addr), 0);
  struct client cl = { fd, seed };
  /* Write from another goroutine while this one reads: the echo must
     flow both ways at once or the buffers fill.  */
  gochan_go (client_writer, &cl);
  unsigned char *in = malloc (LEN);
  size_t got = 0;
  while (got < LEN)
    {
      ssize_t n = gochan_recv (fd, in + got, LEN - got, 0);
      CHECK (n > 0);
      got += (size_t) n;
    }
  char c;
  CHECK_EQ (gochan_read (fd, &c, 1), 0);
  for (int i = 0; i < LEN; i++)
    CHECK_EQ (in[i], (unsigned char) (seed * 31 + (unsigned) i * 7));
  free (in);
  gochan_close (fd);
  gochan_waitgroup_done (&clients);
}

int
main (void)
{
  lfd = socket (AF_INET, SOCK_STREAM, 0);
  CHECK (lfd >= 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = 0;
  CHECK (bind (lfd, (struct sockaddr *) &addr, sizeof addr) == 0);
  socklen_t len = sizeof addr;
  CHECK (getsockname (lfd, (struct sockaddr *) &addr, &len) == 0);
  CHECK (listen (lfd, 128) == 0);
  for (int i = 0; i < 3; i++)
    gochan_go (acceptor, NULL);

  gochan_waitgroup_add (&served, NCLIENT);
  gochan_waitgroup_add (&clients, NCLIENT);
  for (int i = 0; i < NCLIENT; i++)
    gochan_go (client, (void *) (uintptr_t) (i + 1));
  gochan_waitgroup_wait (&clients);
  gochan_waitgroup_wait (&served);
  CHECK_EQ (accepted, NCLIENT);

  /* Closing the listener wakes the acceptors (they return).  */
  CHECK_RC (gochan_close (lfd), 0);

  /* Nobody listens there now.  */
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  CHECK_RC (gochan_connect (fd, (struct sockaddr *) &addr, sizeof addr),
            -ECONNREFUSED);
  close (fd);

  int p[2];
  CHECK (pipe (p) == 0);
  char c = 0;
  CHECK_RC ((int) gochan_recv (p[0], &c, 1, 0), -ENOTSOCK);
  gochan_close (p[0]);
  gochan_close (p[1]);
  return 0;
}
