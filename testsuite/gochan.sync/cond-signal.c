/* gochan_cond_signal (Go's TestCondSignal and TestCondSignalGenerations):
   each signal wakes exactly one waiter, never more; a signal wakes a
   goroutine that was waiting when it was sent, not one that started
   waiting later; waiters wake in the order they started waiting; a
   signal with no waiter is harmless.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_mutex m = GOCHAN_MUTEX_INIT;
static gochan_cond c = GOCHAN_COND_INIT (&m);
static int running, awake, order[100], norder;

static void
sleeper (void *arg)
{
  gochan_mutex_lock (&m);
  running++;
  gochan_cond_wait (&c);
  awake++;
  order[norder++] = (int) (long) arg;
  gochan_mutex_unlock (&m);
}

/* Wait until *p (read under m) reaches want.  */
static void
await (int *p, int want)
{
  for (;;)
    {
      gochan_mutex_lock (&m);
      int v = *p;
      gochan_mutex_unlock (&m);
      if (v >= want)
        return;
      gochan_sleep (100 * GOCHAN_US);
    }
}

int
main (void)
{
  enum { N = 2 };
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_go (sleeper, (void *) (long) i), 0);
  await (&running, N);                 /* all in wait (they hold m) */
  for (int i = 1; i <= N; i++)
    {
      gochan_mutex_lock (&m);
      CHECK_EQ (awake, i - 1);
      gochan_cond_signal (&c);
      gochan_mutex_unlock (&m);
      await (&awake, i);
      gochan_sleep (GOCHAN_MS);
      gochan_mutex_lock (&m);
      CHECK_EQ (awake, i);             /* not too many woke up */
      gochan_mutex_unlock (&m);
    }
  gochan_cond_signal (&c);

  /* Generations: start waiter i, then check that the signal sent
     before it started woke waiter i-1, not i; wait until i waits, and
     signal.  */
  running = awake = norder = 0;
  enum { G = 100 };
  for (int i = 0; i < G; i++)
    {
      CHECK_RC (gochan_go (sleeper, (void *) (long) i), 0);
      if (i > 0)
        {
          await (&awake, i);
          gochan_mutex_lock (&m);
          CHECK_EQ (order[i - 1], i - 1);
          gochan_mutex_unlock (&m);
        }
      await (&running, i + 1);
      gochan_mutex_lock (&m);
      gochan_cond_signal (&c);
      gochan_mutex_unlock (&m);
    }
  await (&awake, G);
  CHECK_EQ (order[G - 1], G - 1);

  /* FIFO: ten waiters queued in a known order wake in that order, one
     per signal.  */
  running = awake = norder = 0;
  for (int i = 0; i < 10; i++)
    {
      CHECK_RC (gochan_go (sleeper, (void *) (long) i), 0);
      await (&running, i + 1);
    }
  for (int i = 0; i < 10; i++)
    {
      gochan_mutex_lock (&m);
      gochan_cond_signal (&c);
      gochan_mutex_unlock (&m);
      await (&awake, i + 1);
      CHECK_EQ (order[i], i);
    }
  return 0;
}
