/* Selects larger than the in-frame limit: 100 cases over 100 channels
   (and over 10 channels appearing 10 times each); a blocked select is
   woken by a send on any one case, receives the right value, and leaves
   no record behind on the other 99 (later sends to them are not taken by
   a stale record: trysend on an unbuffered channel with no receiver
   fails); a non-blocking select finds the one ready case.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include "gochan-test.h"

enum { N = 100 };

static gochan_chan *ch[N];

struct poke { int idx, val; };

static void
poker (void *p)
{
  struct poke *k = p;
  gochan_sleep (GOCHAN_MS);
  CHECK_RC (gochan_chan_send (ch[k->idx], &k->val), 0);
}

int
main (void)
{
  for (int i = 0; i < N; i++)
    ch[i] = GOCHAN_CHAN_MAKE (int, 0);
  int v[N];
  gochan_select_case cases[N];
  for (int round = 0; round < 30; round++)
    {
      int target = (round * 37) % N;
      for (int i = 0; i < N; i++)
        {
          v[i] = -1;
          cases[i] = gochan_select_recv (ch[i], &v[i]);
        }
      struct poke k = { target, round };
      CHECK_RC (gochan_go_copy (poker, &k, sizeof k, 0), 0);
      CHECK_EQ (gochan_select (cases, N), target);
      CHECK_EQ (v[target], round);
      for (int i = 0; i < N; i++)
        {
          CHECK (i == target || v[i] == -1);
          CHECK_RC (gochan_chan_trysend (ch[i], &i), -EAGAIN);
        }
    }

  /* 10 channels, each in 10 cases; a buffered one ready. */
  gochan_chan *few[10];
  for (int i = 0; i < 10; i++)
    few[i] = GOCHAN_CHAN_MAKE (int, 1);
  for (int i = 0; i < N; i++)
    cases[i] = gochan_select_recv (few[i % 10], &v[i]);
  CHECK_RC (gochan_select_try (cases, N), -EAGAIN);
  int seven = 7;
  CHECK_RC (gochan_chan_send (few[7], &seven), 0);
  int k = gochan_select_try (cases, N);
  CHECK_EQ (k % 10, 7);
  CHECK_EQ (v[k], 7);
  CHECK_RC (gochan_select_until (cases, N, gochan_now () + GOCHAN_MS), -ETIMEDOUT);
  return 0;
}
