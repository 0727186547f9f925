/* Select chooses uniformly among ready cases: with N = 2, 3, 5 and 8
   buffered channels always ready (kept full), each case is chosen about
   1/N of 40000 times (within 20% of the expected count: far beyond
   chance).  Same for a mix of ready sends and ready receives, and for
   the single-case-plus-nil-cases shape.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/select.h>
#include "gochan-test.h"

enum { ROUNDS = 40000, MAXN = 8 };

static void
check_counts (const long *count, int n)
{
  double expect = (double) ROUNDS / n;
  for (int i = 0; i < n; i++)
    if (count[i] < expect * 0.8 || count[i] > expect * 1.2)
      {
        fprintf (stderr, "n=%d case %d chosen %ld times, expected about %.0f\n",
                 n, i, count[i], expect);
        CHECK (0);
      }
}

static void
recv_cases (int n)
{
  gochan_chan *c[MAXN];
  gochan_select_case cases[MAXN];
  int v[MAXN];
  long count[MAXN] = { 0 };
  for (int i = 0; i < n; i++)
    {
      c[i] = GOCHAN_CHAN_MAKE (int, 1);
      CHECK_RC (gochan_chan_send (c[i], &i), 0);
      cases[i] = gochan_select_recv (c[i], &v[i]);
    }
  for (int r = 0; r < ROUNDS; r++)
    {
      int k = gochan_select (cases, n);
      CHECK (k >= 0 && k < n);
      CHECK_EQ (v[k], k);
      count[k]++;
      CHECK_RC (gochan_chan_send (c[k], &k), 0);     /* ready again */
    }
  check_counts (count, n);
  for (int i = 0; i < n; i++)
    gochan_chan_release (c[i]);
}

static void
mixed_cases (void)
{
  /* Cases 0, 2: receives from full channels; 1, 3: sends into empty
     ones; 4: a nil channel, never chosen. */
  enum { N = 4 };
  gochan_chan *c[N];
  gochan_select_case cases[N + 1];
  int v[N];
  long count[N] = { 0 };
  for (int i = 0; i < N; i++)
    {
      c[i] = GOCHAN_CHAN_MAKE (int, 1);
      v[i] = i;
      if (i % 2 == 0)
        {
          CHECK_RC (gochan_chan_send (c[i], &i), 0);
          cases[i] = gochan_select_recv (c[i], &v[i]);
        }
      else
        cases[i] = gochan_select_send (c[i], &v[i]);
    }
  cases[N] = gochan_select_recv (NULL, NULL);
  for (int r = 0; r < ROUNDS; r++)
    {
      int k = gochan_select_try (cases, N + 1);
      CHECK (k >= 0 && k < N);
      count[k]++;
      int x = k;
      if (k % 2 == 0)
        CHECK_RC (gochan_chan_send (c[k], &x), 0);
      else
        CHECK_RC (gochan_chan_recv (c[k], &x), 0);
    }
  check_counts (count, N);
  for (int i = 0; i < N; i++)
    gochan_chan_release (c[i]);
}

int
main (void)
{
  recv_cases (2);
  recv_cases (3);
  recv_cases (5);
  recv_cases (8);
  mixed_cases ();
  return 0;
}
