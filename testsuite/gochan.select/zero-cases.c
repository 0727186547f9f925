/* A select with no cases: with a default it returns the default at once
   (__gochan_select: -1; gochan_select_try: -EAGAIN); with a deadline it
   returns -ETIMEDOUT once the deadline has passed; the goroutine doing a
   plain gochan_select with no cases blocks forever (the others go on).  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

static int reached;

static void
block (void *p)
{
  (void) p;
  gochan_select (NULL, 0);
  reached = 1;
}

int
main (void)
{
  CHECK_EQ (__gochan_select (NULL, 0, 1), -1);
  CHECK_RC (gochan_select_try (NULL, 0), -EAGAIN);
  int64_t t0 = gochan_now ();
  CHECK_RC (gochan_select_until (NULL, 0, t0 + 10 * GOCHAN_MS), -ETIMEDOUT);
  CHECK_DURATION (gochan_now () - t0, 10 * GOCHAN_MS);
  CHECK_RC (gochan_select_until (NULL, 0, t0), -ETIMEDOUT);
  CHECK_RC (gochan_go (block, NULL), 0);
  gochan_sleep (20 * GOCHAN_MS);
  CHECK_EQ (reached, 0);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
