/* A channel may appear in several cases (it is locked once): three
   receive cases on one channel each receive sometimes and always the
   right values, in order; a select with both a send and a receive on one
   unbuffered channel pairs with other goroutines doing the same (never
   with itself), and every value sent is received exactly once.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <stdlib.h>
#include "gochan-test.h"

enum { N = 3000, NG = 4, PER = 2000 };

static void
sender (void *p)
{
  for (int i = 0; i < N; i++)
    CHECK_RC (gochan_chan_send (p, &i), 0);
}

static gochan_chan *x, *done;
static int *got;

/* Each of NG goroutines offers its PER values on x and receives from x
   in one select, until it has sent all of its own and received its share
   (the total received equals the total sent). */
static void
swapper (void *p)
{
  int id = (int) (intptr_t) p, next = 0, in;
  long received = 0;
  while (next < PER)
    {
      int out = id * PER + next;
      gochan_select_case cases[] = {
        GOCHAN_SELECT_SEND_CASE (x, &out),
        GOCHAN_SELECT_RECV_CASE (x, &in),
      };
      int k = gochan_select (cases, 2);
      if (k == 0)
        next++;
      else
        {
          CHECK_EQ (k, 1);
          CHECK (in >= 0 && in < NG * PER);
          CHECK (in / PER != id);          /* never from itself */
          __atomic_add_fetch (&got[in], 1, __ATOMIC_RELAXED);
          received++;
        }
    }
  CHECK_RC (gochan_chan_send (done, &received), 0);
}

static void
drain (void *p)
{
  (void) p;
  int in;
  long received = 0;
  while (gochan_chan_recv (x, &in) == 0)
    {
      __atomic_add_fetch (&got[in], 1, __ATOMIC_RELAXED);
      received++;
    }
  CHECK_RC (gochan_chan_send (done, &received), 0);
}

int
main (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 2);
  CHECK_RC (gochan_go (sender, c), 0);
  int v[3];
  long hits[3] = { 0 };
  for (int i = 0; i < N; i++)
    {
      gochan_select_case cases[] = {
        GOCHAN_SELECT_RECV_CASE (c, &v[0]),
        GOCHAN_SELECT_RECV_CASE (c, &v[1]),
        GOCHAN_SELECT_RECV_CASE (c, &v[2]),
      };
      int k = gochan_select (cases, 3);
      CHECK (k >= 0 && k < 3);
      CHECK_EQ (v[k], i);
      hits[k]++;
    }
  CHECK (hits[0] > 0 && hits[1] > 0 && hits[2] > 0);

  x = GOCHAN_CHAN_MAKE (int, 0);
  done = GOCHAN_CHAN_MAKE (long, 0);
  got = calloc (NG * PER, sizeof (int));
  CHECK (got != NULL);
  /* The last swapper would have values left for nobody: a plain
     receiver takes part too, until the close. */
  CHECK_RC (gochan_go (drain, NULL), 0);
  for (int g = 0; g < NG; g++)
    CHECK_RC (gochan_go (swapper, (void *) (intptr_t) g), 0);
  long total = 0, r;
  for (int g = 0; g < NG; g++)
    {
      CHECK_RC (gochan_chan_recv (done, &r), 0);
      total += r;
    }
  gochan_chan_close (x);
  CHECK_RC (gochan_chan_recv (done, &r), 0);
  total += r;
  CHECK_EQ (total, NG * PER);
  for (int i = 0; i < NG * PER; i++)
    CHECK_EQ (got[i], 1);
  return 0;
}
