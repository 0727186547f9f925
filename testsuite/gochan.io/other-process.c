/* Area:    io
   Purpose: waiting for I/O that only another process can satisfy is not
            a deadlock: main, the only goroutine, parks in gochan_read on
            a pipe whose writer is a child process that writes after
            100 ms (the deadlock detector must not fire, and the idle
            thread must wait in the poller, not sleep for good).  Then a
            plain thread (not a goroutine) blocks in gochan_read the same
            way and is woken by the next write from the child.  */
/* { dg-do run } */
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gochan-test.h"

static int fds[2];

static void *
thread_main (void *arg)
{
  (void) arg;
  char c = 0;
  CHECK_EQ (gochan_read (fds[0], &c, 1), 1);
  CHECK_EQ (c, 'b');
  return NULL;
}

int
main (void)
{
  CHECK (pipe (fds) == 0);
  pid_t pid = fork ();
  CHECK (pid >= 0);
  if (pid == 0)
    {
      close (fds[0]);
      usleep (100 * 1000);
      if (write (fds[1], "a", 1) != 1)
        _exit (1);
      usleep (100 * 1000);
      if (write (fds[1], "b", 1) != 1)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  char c = 0;
  CHECK_EQ (gochan_read (fds[0], &c, 1), 1);
  CHECK_EQ (c, 'a');
  pthread_t t;
  CHECK (pthread_create (&t, NULL, thread_main, NULL) == 0);
  CHECK (pthread_join (t, NULL) == 0);
  CHECK_EQ (gochan_read (fds[0], &c, 1), 0);
  int st;
  CHECK (waitpid (pid, &st, 0) == pid);
  CHECK (WIFEXITED (st) && WEXITSTATUS (st) == 0);
  return 0;
}
