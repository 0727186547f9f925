/* Area:    fault
   Purpose: the program that fault.exp runs once per injected failure
            (GOCHAN_FAULT=KIND:N, for every N the run reaches): it uses
            what allocates in the runtime (goroutines past one stack
            chunk, deep recursion into split-stack segments, buffered and
            unbuffered channels, a 40-case select, timers, gochan_after,
            contexts with timeouts, I/O registration, a second thread of
            the scheduler) and handles every failure an API reports: it
            then prints "enomem: WHAT" and exits 0.  A failure that has no
            error return must end in "fatal error: ..." (exit 2); any
            crash, hang or other exit fails the sweep.  Run alone (no
            GOCHAN_FAULT) it prints "sweep: ok".  */
#include <gochan/chan.h>
#include <gochan/context.h>
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define NG 70
#define NSEL 40

static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;

static void
enomem (const char *what)
{
  printf ("enomem: %s\n", what);
  fflush (stdout);
  _exit (0);
}

static int __attribute__ ((noinline))
deep (int n)
{
  volatile char pad[512];
  pad[0] = (char) n;
  if (n == 0)
    return pad[0];
  return deep (n - 1) + pad[0];
}

struct pair
{
  gochan_chan *in, *out;
};

static void
relay (void *arg)
{
  struct pair *p = arg;
  int v;
  while (gochan_chan_recv (p->in, &v) == 0)
    if (gochan_chan_send (p->out, &v) != 0)
      break;
  gochan_chan_close (p->out);
  (void) deep (40);
  gochan_waitgroup_done (&wg);
}

static void
sleeper (void *arg)
{
  (void) arg;
  gochan_sleep (GOCHAN_MS);
  gochan_waitgroup_done (&wg);
}

int
main (void)
{
  /* A chain of relays through unbuffered and buffered channels.  */
  static gochan_chan *chans[NG + 1];
  static struct pair pairs[NG];
  for (int i = 0; i <= NG; i++)
    if ((chans[i] = gochan_chan_make (sizeof (int), _Alignof (int),
                                      i % 2 ? 4 : 0)) == NULL)
      enomem ("chan_make");
  gochan_waitgroup_add (&wg, NG);
  for (int i = 0; i < NG; i++)
    {
      pairs[i].in = chans[i];
      pairs[i].out = chans[i + 1];
      if (gochan_go (relay, &pairs[i]) == -ENOMEM)
        enomem ("go");
    }
  for (int v = 0; v < 20; v++)
    {
      if (gochan_chan_send (chans[0], &v) != 0)
        abort ();
      int got;
      if (gochan_chan_recv (chans[NG], &got) != 0 || got != v)
        abort ();
    }
  gochan_chan_close (chans[0]);
  gochan_waitgroup_wait (&wg);

  /* Sleepers: timers on several Ps.  */
  gochan_waitgroup_add (&wg, 20);
  for (int i = 0; i < 20; i++)
    if (gochan_go (sleeper, NULL) == -ENOMEM)
      enomem ("go");
  gochan_waitgroup_wait (&wg);

  /* A big select: its arrays come from the heap.  */
  gochan_select_case cases[NSEL];
  int vals[NSEL];
  for (int i = 0; i < NSEL; i++)
    cases[i] = gochan_select_recv (chans[1 + i % NG], &vals[i]);
  gochan_chan *after = gochan_after (GOCHAN_MS);
  if (after == NULL)
    enomem ("after");
  int64_t t;
  gochan_select_case two[NSEL + 1];
  for (int i = 0; i < NSEL; i++)
    two[i] = cases[i];
  two[NSEL] = gochan_select_recv (after, &t);
  (void) gochan_select (two, NSEL + 1);
  gochan_chan_release (after);

  /* Contexts with timeouts.  */
  gochan_ctx *ctx = gochan_ctx_with_timeout (gochan_ctx_background (),
                                             GOCHAN_MS);
  if (ctx == NULL)
    enomem ("ctx");
  gochan_ctx *child = gochan_ctx_with_cancel (ctx);
  if (child == NULL)
    enomem ("ctx");
  (void) gochan_chan_recv (gochan_ctx_done (child), NULL);
  gochan_ctx_release (child);
  gochan_ctx_release (ctx);

  /* I/O registration.  */
  int fds[2];
  if (pipe (fds) != 0)
    abort ();
  ssize_t n = gochan_write (fds[1], "x", 1);
  if (n == -ENOMEM)
    enomem ("io");
  char c;
  n = gochan_read (fds[0], &c, 1);
  if (n == -ENOMEM)
    enomem ("io");
  if (n != 1)
    abort ();

  puts ("sweep: ok");
  return 0;
}
