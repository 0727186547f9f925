/* Channels used from main and from plain pthreads (threads that are not
   goroutines): a thread and a goroutine ping-pong over unbuffered
   channels (both sides block: the thread on a futex, the goroutine
   parked), a thread blocks in select and is woken by a goroutine, a
   thread's recv_until times out, two threads exchange values with each
   other through a channel, and main waits for all of it.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include <pthread.h>
#include "gochan-test.h"

enum { ROUNDS = 2000 };

static gochan_chan *ping, *pong, *a, *b, *done;

static void
echo (void *p)
{
  (void) p;
  int v;
  while (gochan_chan_recv (ping, &v) == 0)
    {
      v++;
      CHECK_RC (gochan_chan_send (pong, &v), 0);
    }
}

static void *
thread_pingpong (void *p)
{
  (void) p;
  CHECK_EQ (gochan_id (), 0);
  for (int i = 0; i < ROUNDS; i++)
    {
      int v = i;
      CHECK_RC (gochan_chan_send (ping, &v), 0);
      CHECK_RC (gochan_chan_recv (pong, &v), 0);
      CHECK_EQ (v, i + 1);
    }
  /* Select from a thread: b is sent to by a goroutine later. */
  int x = 0, y = 0;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (a, &x),
    GOCHAN_SELECT_RECV_CASE (b, &y),
  };
  CHECK_EQ (gochan_select (cases, 2), 1);
  CHECK_EQ (y, 77);
  /* A deadline from a thread. */
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_chan_recv_until (a, &x, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
  return NULL;
}

static void
later (void *p)
{
  int v = 77;
  gochan_sleep (5 * GOCHAN_MS);
  CHECK_RC (gochan_chan_send (p, &v), 0);
}

static gochan_chan *tt;

static void *
thread_sender (void *p)
{
  (void) p;
  for (int i = 0; i < ROUNDS; i++)
    CHECK_RC (gochan_chan_send (tt, &i), 0);
  gochan_chan_close (tt);
  return NULL;
}

static void *
thread_receiver (void *p)
{
  (void) p;
  int v, n = 0;
  while (gochan_chan_recv (tt, &v) == 0)
    {
      CHECK_EQ (v, n);
      n++;
    }
  CHECK_EQ (n, ROUNDS);
  CHECK_RC (gochan_chan_send (done, NULL), 0);
  return NULL;
}

int
main (void)
{
  ping = GOCHAN_CHAN_MAKE (int, 0);
  pong = GOCHAN_CHAN_MAKE (int, 0);
  a = GOCHAN_CHAN_MAKE (int, 0);
  b = GOCHAN_CHAN_MAKE (int, 0);
  done = gochan_chan_make (0, 1, 0);
  tt = GOCHAN_CHAN_MAKE (int, 0);

  pthread_t t1, t2, t3;
  CHECK_RC (gochan_go (echo, NULL), 0);
  CHECK_EQ (pthread_create (&t1, NULL, thread_pingpong, NULL), 0);
  CHECK_RC (gochan_go (later, b), 0);
  CHECK_EQ (pthread_create (&t2, NULL, thread_sender, NULL), 0);
  CHECK_EQ (pthread_create (&t3, NULL, thread_receiver, NULL), 0);

  /* main receives from both threads. */
  CHECK_RC (gochan_chan_recv (done, NULL), 0);
  CHECK_RC (gochan_chan_recv (done, NULL), 0);
  CHECK_EQ (pthread_join (t1, NULL), 0);
  CHECK_EQ (pthread_join (t2, NULL), 0);
  CHECK_EQ (pthread_join (t3, NULL), 0);
  gochan_chan_close (ping);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
