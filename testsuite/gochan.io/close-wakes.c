/* Area:    io
   Purpose: gochan_close wakes every goroutine waiting on the fd: two
            readers parked on an empty pipe and a writer parked on a full
            one all return -EBADF, and a call made after the close fails
            with -EBADF too; then a new pipe that reuses the fd numbers
            works (stale registrations are dropped, not inherited).  */
/* { dg-do run } */
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <gochan/sync.h>
#include <fcntl.h>
#include <unistd.h>
#include "gochan-test.h"

static int rfd, wfd;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int nbadf;

static void
reader (void *arg)
{
  (void) arg;
  char c;
  ssize_t n = gochan_read (rfd, &c, 1);
  CHECK_RC ((int) n, -EBADF);
  __atomic_fetch_add (&nbadf, 1, __ATOMIC_SEQ_CST);
  gochan_waitgroup_done (&wg);
}

static void
writer (void *arg)
{
  int fd = *(int *) arg;
  static char big[1 << 16];
  /* Fill the pipe, then block.  */
  ssize_t n = gochan_write (fd, big, sizeof big);
  n = gochan_write (fd, big, sizeof big);
  CHECK_RC ((int) n, -EBADF);
  __atomic_fetch_add (&nbadf, 1, __ATOMIC_SEQ_CST);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  int p[2], q[2];
  CHECK (pipe (p) == 0);
  CHECK (pipe (q) == 0);
  rfd = p[0];
  wfd = q[1];
  gochan_waitgroup_add (&wg, 3);
  gochan_go (reader, NULL);
  gochan_go (reader, NULL);
  gochan_go (writer, &wfd);
  gochan_sleep (20 * GOCHAN_MS);
  CHECK_EQ (nbadf, 0);
  CHECK_RC (gochan_close (rfd), 0);
  CHECK_RC (gochan_close (wfd), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (nbadf, 3);
  char c;
  CHECK_RC ((int) gochan_read (rfd, &c, 1), -EBADF);
  CHECK_RC (gochan_close (rfd), -EBADF);

  /* The numbers come back for a new pipe, which must work.  */
  int r[2];
  CHECK (pipe (r) == 0);
  CHECK (r[0] == rfd || r[1] == rfd || r[0] == wfd || r[1] == wfd);
  CHECK_EQ (gochan_write (r[1], "k", 1), 1);
  CHECK_EQ (gochan_read (r[0], &c, 1), 1);
  CHECK_EQ (c, 'k');
  CHECK_EQ (gochan_fd_wait_until (r[0], GOCHAN_IO_READ,
                                  gochan_now () + 5 * GOCHAN_MS),
            -ETIMEDOUT);
  gochan_close (r[0]);
  gochan_close (r[1]);
  gochan_close (p[1]);
  gochan_close (q[0]);
  return 0;
}
