/* Area:    io
   Purpose: deadlines and contexts on I/O waits.  gochan_fd_wait_until on
            an empty pipe times out (and a deadline already past fails at
            once); an fd deadline (gochan_fd_set_deadline) makes
            gochan_read return -ETIMEDOUT, also for a call that starts
            after it, until it is moved; moving it while a reader is
            parked takes effect at once (here: removed, so the reader
            then gets the data), for gochan_read and for
            gochan_fd_wait alike; gochan_fd_wait_ctx returns the context's
            error on cancel and on timeout; write readiness of an empty
            pipe is immediate; bad arguments give -EINVAL.  */
/* { dg-do run } */
#include <gochan/io.h>
#include <gochan/context.h>
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <gochan/sync.h>
#include <unistd.h>
#include "gochan-test.h"

static int fds[2];
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int reader_rc;

static void
reader (void *arg)
{
  (void) arg;
  char c = 0;
  reader_rc = (int) gochan_read (fds[0], &c, 1);
  if (reader_rc == 1)
    CHECK_EQ (c, 'z');
  gochan_waitgroup_done (&wg);
}

static void
waiter (void *arg)
{
  (void) arg;
  reader_rc = gochan_fd_wait (fds[0], GOCHAN_IO_READ);
  gochan_waitgroup_done (&wg);
}

static void
canceller (void *arg)
{
  gochan_sleep (10 * GOCHAN_MS);
  gochan_ctx_cancel ((gochan_ctx *) arg);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  CHECK (pipe (fds) == 0);

  /* Explicit deadlines.  */
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_fd_wait_until (fds[0], GOCHAN_IO_READ,
                                  t0 + 20 * GOCHAN_MS), -ETIMEDOUT);
  CHECK (gochan_now () - t0 >= 20 * GOCHAN_MS);
  CHECK_RC (gochan_fd_wait_until (fds[0], GOCHAN_IO_READ, t0), -ETIMEDOUT);
  CHECK_EQ (gochan_fd_wait (fds[1], GOCHAN_IO_WRITE), GOCHAN_IO_WRITE);
  CHECK_EQ (gochan_fd_wait (fds[1], GOCHAN_IO_READ | GOCHAN_IO_WRITE),
            GOCHAN_IO_WRITE);
  CHECK_RC (gochan_fd_wait (fds[0], 0), -EINVAL);
  CHECK_RC (gochan_fd_wait (fds[0], 4), -EINVAL);
  CHECK_RC (gochan_fd_set_deadline (fds[0], 0, 0), -EINVAL);

  /* The fd's read deadline.  */
  char c;
  t0 = gochan_now ();
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ,
                                    t0 + 20 * GOCHAN_MS), 0);
  CHECK_RC ((int) gochan_read (fds[0], &c, 1), -ETIMEDOUT);
  CHECK (gochan_now () - t0 >= 20 * GOCHAN_MS);
  /* Data is there, but the deadline has passed: still a timeout.  */
  CHECK_EQ (gochan_write (fds[1], "y", 1), 1);
  CHECK_RC ((int) gochan_read (fds[0], &c, 1), -ETIMEDOUT);
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ, 0), 0);
  CHECK_EQ (gochan_read (fds[0], &c, 1), 1);
  CHECK_EQ (c, 'y');

  /* A reader parked with a far deadline; the deadline is moved to the
     past: it times out at once.  */
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ,
                                    gochan_now () + 100 * GOCHAN_S), 0);
  gochan_waitgroup_add (&wg, 1);
  gochan_go (reader, NULL);
  gochan_sleep (10 * GOCHAN_MS);
  t0 = gochan_now ();
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ, 1), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_RC (reader_rc, -ETIMEDOUT);
  CHECK (gochan_now () - t0 < 50 * GOCHAN_S);

  /* The same for a readiness wait: a moved deadline is a timeout, not
     a (spurious) readiness.  */
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ, 0), 0);
  gochan_waitgroup_add (&wg, 1);
  gochan_go (waiter, NULL);
  gochan_sleep (10 * GOCHAN_MS);
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ, 1), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_RC (reader_rc, -ETIMEDOUT);

  /* A reader parked with a near deadline; the deadline is removed: it
     waits for the data instead.  */
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ,
                                    gochan_now () + 30 * GOCHAN_MS), 0);
  gochan_waitgroup_add (&wg, 1);
  gochan_go (reader, NULL);
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_RC (gochan_fd_set_deadline (fds[0], GOCHAN_IO_READ, 0), 0);
  gochan_sleep (60 * GOCHAN_MS);
  CHECK_EQ (gochan_write (fds[1], "z", 1), 1);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (reader_rc, 1);

  /* Contexts.  */
  gochan_ctx *ctx = gochan_ctx_with_cancel (gochan_ctx_background ());
  gochan_waitgroup_add (&wg, 1);
  gochan_go (canceller, ctx);
  CHECK_RC (gochan_fd_wait_ctx (fds[0], GOCHAN_IO_READ, ctx), -ECANCELED);
  CHECK_RC (gochan_fd_wait_ctx (fds[0], GOCHAN_IO_READ, ctx), -ECANCELED);
  gochan_waitgroup_wait (&wg);
  gochan_ctx_release (ctx);
  ctx = gochan_ctx_with_timeout (gochan_ctx_background (), 10 * GOCHAN_MS);
  CHECK_RC (gochan_fd_wait_ctx (fds[0], GOCHAN_IO_READ, ctx), -ETIMEDOUT);
  gochan_ctx_release (ctx);
  ctx = gochan_ctx_with_cancel (gochan_ctx_background ());
  CHECK_EQ (gochan_write (fds[1], "w", 1), 1);
  CHECK_EQ (gochan_fd_wait_ctx (fds[0], GOCHAN_IO_READ, ctx),
            GOCHAN_IO_READ);
  gochan_ctx_cancel (ctx);
  gochan_ctx_release (ctx);
  return 0;
}
