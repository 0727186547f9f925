/* gochan_once (Go's TestOnce): 10 goroutines call once_do concurrently;
   the function runs exactly once, and every caller returns only after it
   has finished (it sleeps, so the others really wait), seeing its
   effect.  Later calls do nothing.  If the function panicked, the program
   would exit (every gochan panic does), so there is no Go TestOncePanic
   to port.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include "gochan-test.h"

enum { N = 10 };

static gochan_once once = GOCHAN_ONCE_INIT;
static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
static int calls, value;

static void
init_value (void *arg)
{
  __atomic_add_fetch (&calls, 1, __ATOMIC_SEQ_CST);
  gochan_sleep (10 * GOCHAN_MS);
  value = *(int *) arg;
}

static void
run (void *arg)
{
  gochan_once_do (&once, init_value, arg);
  CHECK_EQ (value, 42);
  gochan_waitgroup_done (&wg);
}

static void
never (void *arg)
{
  (void) arg;
  CHECK (!"once function called twice");
}

int
main (void)
{
  static int v = 42;
  gochan_waitgroup_add (&wg, N);
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_go (run, &v), 0);
  gochan_waitgroup_wait (&wg);
  CHECK_EQ (calls, 1);
  gochan_once_do (&once, never, NULL);
  CHECK_EQ (calls, 1);
  return 0;
}
