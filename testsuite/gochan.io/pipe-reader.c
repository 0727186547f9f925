/* Area:    io
   Purpose: a goroutine blocked in gochan_read on an empty pipe parks, and
            its only P runs the other goroutines meanwhile (with a thread
            blocked in read(2) the ticker could not run and the test would
            hang); the data written later arrives whole, a short read
            returns what is there, a second read waits again, and the end
            of file reads as 0.  The pipe is switched to non-blocking.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <gochan/sync.h>
#include <fcntl.h>
#include <unistd.h>
#include "gochan-test.h"

static int fds[2];
static int ticks;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void
reader (void *arg)
{
  (void) arg;
  char buf[64];
  ssize_t n = gochan_read (fds[0], buf, sizeof buf);
  CHECK_EQ (n, 5);
  CHECK (ticks >= 5);
  CHECK (memcmp (buf, "hello", 5) == 0);
  /* Only 3 of 6 bytes asked for are there: a short read.  */
  n = gochan_read (fds[0], buf, 6);
  CHECK_EQ (n, 3);
  CHECK (memcmp (buf, "abc", 3) == 0);
  /* Nothing left: waits again, then end of file.  */
  n = gochan_read (fds[0], buf, sizeof buf);
  CHECK_EQ (n, 0);
  gochan_waitgroup_done (&wg);
}

static void
ticker (void *arg)
{
  (void) arg;
  for (int i = 0; i < 5; i++)
    {
      gochan_yield ();
      gochan_sleep (GOCHAN_MS);
      ticks++;
    }
  CHECK_EQ (gochan_write (fds[1], "hello", 5), 5);
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_EQ (gochan_write (fds[1], "abc", 3), 3);
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_RC (gochan_close (fds[1]), 0);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  CHECK (pipe (fds) == 0);
  gochan_waitgroup_add (&wg, 2);
  gochan_go (reader, NULL);
  gochan_go (ticker, NULL);
  gochan_waitgroup_wait (&wg);
  CHECK (fcntl (fds[0], F_GETFL) & O_NONBLOCK);
  CHECK_RC (gochan_close (fds[0]), 0);
  /* Closed: the number is no longer an fd.  */
  char c;
  CHECK_RC ((int) gochan_read (fds[0], &c, 1), -EBADF);
  CHECK_RC ((int) gochan_read (-1, &c, 1), -EBADF);
  return 0;
}
