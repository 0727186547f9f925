/* Area:    run
   Purpose: fork from a goroutine program, then exec in the child, works;
            so does a child that only writes and _exits.  On 2 Ps, four
            goroutines keep two channels busy (ping-pong) while other
            goroutines, and main, fork 20 times each: half the children
            exec /bin/true or /bin/sh -c that writes a line to a pipe
            and exits with 7 (the line and the status must come back),
            the other half write a line to a pipe and _exit with a
            known status.  Each parent waits for its child with waitpid
            inside gochan_syscall_enter/exit and checks the status; the
            ping-pong must keep its count exact throughout.  The child
            makes no runtime call: after fork only the forking thread
            exists, so only async-signal-safe calls are allowed there
            until exec or _exit (the manual's rule, as for any
            multithreaded program).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
/* { dg-timeout 120 } */

#define _GNU_SOURCE 1
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/sync.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gochan-test.h"

#define FORKS 20
#define ROUNDS 20000

static gochan_chan *ping, *pong;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static long forks_ok;

static void
pinger (void *arg)
{
  (void) arg;
  for (int i = 0; i < ROUNDS; i++)
    {
      int v = i, w = -1;
      gochan_chan_send (ping, &v);
      gochan_chan_recv (pong, &w);
      if (w != i + 1)
	gochan_panic ("ping-pong: sent %d, got back %d", i, w);
    }
  gochan_waitgroup_done (&wg);
}

static void
ponger (void *arg)
{
  (void) arg;
  for (int i = 0; i < ROUNDS; i++)
    {
      int v;
      gochan_chan_recv (ping, &v);
      v++;
      gochan_chan_send (pong, &v);
    }
  gochan_waitgroup_done (&wg);
}

/* Forks once; the child does job k.  Returns after checking the child's
   exit status.  */
static void
fork_one (int k)
{
  int fds[2];
  int want_status;

  /* Close-on-exec: the other forkers' children must not keep this pipe
     open past their exec.  */
  CHECK (pipe2 (fds, O_CLOEXEC) == 0);
  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      /* Only async-signal-safe calls from here on.  */
      close (fds[0]);
      switch (k % 4)
	{
	case 0:
	  execl ("/bin/true", "true", (char *) NULL);
	  _exit (126);
	case 1:
	  if (dup2 (fds[1], 3) != 3)
	    _exit (124);
	  execl ("/bin/sh", "sh", "-c", "echo child-exec-ok >&3; exit 7",
		 (char *) NULL);
	  _exit (126);
	default:
	  {
	    static const char msg[] = "child-exit-ok\n";
	    if (write (fds[1], msg, sizeof msg - 1) != sizeof msg - 1)
	      _exit (125);
	    _exit (k % 4 == 2 ? 0 : 3);
	  }
	}
    }
  close (fds[1]);
  want_status = k % 4 == 0 ? 0 : k % 4 == 1 ? 7 : k % 4 == 2 ? 0 : 3;

  /* Waiting blocks the thread: hand the P over meanwhile.  */
  int status = 0;
  pid_t r;
  gochan_syscall_enter ();
  do
    r = waitpid (pid, &status, 0);
  while (r < 0 && errno == EINTR);
  gochan_syscall_exit ();
  CHECK_EQ (r, pid);
  CHECK (WIFEXITED (status));
  CHECK_EQ (WEXITSTATUS (status), want_status);

  if (k % 4 != 0)
    {
      /* The child wrote its line before it exited: no blocking.  */
      char buf[64] = "";
      ssize_t n = read (fds[0], buf, sizeof buf - 1);
      CHECK (n > 0);
      CHECK_STREQ (buf, k % 4 == 1 ? "child-exec-ok\n" : "child-exit-ok\n");
    }
  close (fds[0]);
  __atomic_fetch_add (&forks_ok, 1, __ATOMIC_RELAXED);
}

static void
forker (void *arg)
{
  int base = (int) (intptr_t) arg;

  for (int k = 0; k < FORKS; k++)
    {
      fork_one (base + k);
      gochan_yield ();
    }
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  ping = GOCHAN_CHAN_MAKE (int, 0);
  pong = GOCHAN_CHAN_MAKE (int, 1);
  CHECK (ping != NULL && pong != NULL);
  gochan_waitgroup_add (&wg, 2 + 2);
  CHECK_RC (gochan_go (pinger, NULL), 0);
  CHECK_RC (gochan_go (ponger, NULL), 0);
  CHECK_RC (gochan_go (forker, (void *) (intptr_t) 0), 0);
  CHECK_RC (gochan_go (forker, (void *) (intptr_t) 1), 0);
  for (int k = 0; k < FORKS; k++)
    fork_one (2 + k);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (forks_ok, 3 * FORKS);
  printf ("forks %ld, ping-pong rounds %d\n", forks_ok, ROUNDS);
  return 0;
}
/* { dg-output "forks 60, ping-pong rounds 20000" } */
