/* Area:    io
   Purpose: regular files cannot be polled (epoll refuses them): the I/O
            calls still work on them, as blocking calls with the processor
            handed off, and gochan_fd_wait reports them ready at once.
            gochan_blocking runs a blocking function the same way while
            another goroutine keeps running on the only P, and returns
            its result.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <gochan/sync.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "gochan-test.h"

static int ticks;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void
ticker (void *arg)
{
  (void) arg;
  for (int i = 0; i < 10; i++)
    {
      gochan_sleep (2 * GOCHAN_MS);
      __atomic_fetch_add (&ticks, 1, __ATOMIC_SEQ_CST);
    }
  gochan_waitgroup_done (&wg);
}

static void *
slow (void *arg)
{
  /* Blocks the thread (not a gochan call) until the ticker has run.  */
  while (__atomic_load_n (&ticks, __ATOMIC_SEQ_CST) < 10)
    usleep (1000);
  return arg;
}

int
main (void)
{
  char path[] = "/tmp/gochan-io-XXXXXX";
  int fd = mkstemp (path);
  CHECK (fd >= 0);
  unlink (path);
  CHECK_EQ (gochan_write (fd, "file data", 9), 9);
  CHECK_EQ (gochan_fd_wait (fd, GOCHAN_IO_READ | GOCHAN_IO_WRITE),
            GOCHAN_IO_READ | GOCHAN_IO_WRITE);
  CHECK (lseek (fd, 0, SEEK_SET) == 0);
  char buf[16] = { 0 };
  CHECK_EQ (gochan_read (fd, buf, sizeof buf), 9);
  CHECK (memcmp (buf, "file data", 9) == 0);
  CHECK_EQ (gochan_read (fd, buf, sizeof buf), 0);
  CHECK_RC (gochan_close (fd), 0);

  gochan_waitgroup_add (&wg, 1);
  gochan_go (ticker, NULL);
  int token;
  CHECK (gochan_blocking (slow, &token) == &token);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (ticks, 10);
  return 0;
}
