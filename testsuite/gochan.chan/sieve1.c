/* Go's test/chan/sieve1.go: the concurrent prime sieve, a growing chain of
   filter goroutines over unbuffered channels; the first 25 primes come
   out in order.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include "gochan-test.h"

static void
generate (void *p)
{
  for (int i = 2;; i++)
    CHECK_RC (gochan_chan_send (p, &i), 0);
}

struct filter { gochan_chan *in, *out; int prime; };

static void
filter (void *p)
{
  struct filter *a = p;
  int i;
  while (gochan_chan_recv (a->in, &i) == 0)
    if (i % a->prime != 0)
      CHECK_RC (gochan_chan_send (a->out, &i), 0);
}

static void
sieve (void *primes)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, 0);
  CHECK_RC (gochan_go (generate, ch), 0);
  for (;;)
    {
      int prime;
      CHECK_RC (gochan_chan_recv (ch, &prime), 0);
      CHECK_RC (gochan_chan_send (primes, &prime), 0);
      gochan_chan *ch1 = GOCHAN_CHAN_MAKE (int, 0);
      struct filter a = { ch, ch1, prime };
      CHECK_RC (gochan_go_copy (filter, &a, sizeof a, 0), 0);
      ch = ch1;
    }
}

int
main (void)
{
  static const int a[] = { 2,  3,  5,  7,  11, 13, 17, 19, 23,
                           29, 31, 37, 41, 43, 47, 53, 59, 61,
                           67, 71, 73, 79, 83, 89, 97 };
  gochan_chan *primes = GOCHAN_CHAN_MAKE (int, 0);
  CHECK_RC (gochan_go (sieve, primes), 0);
  for (unsigned i = 0; i < sizeof a / sizeof a[0]; i++)
    {
      int x;
      CHECK_RC (gochan_chan_recv (primes, &x), 0);
      CHECK_EQ (x, a[i]);
    }
  return 0;
}
