/* Go's concurrent prime sieve, in the syntax: a generator goroutine and
   one filter goroutine per prime, chained by unbuffered channels.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <stdio.h>

static void
generate (__chan (int) ch)
{
  for (int i = 2;; i++)
    chan_send (ch, i);
}

static void
filter (__chan (int) in, __chan (int) out, int prime)
{
  for (;;)
    {
      int i = chan_recv (in);
      if (i % prime != 0)
	chan_send (out, i);
    }
}

int
main (void)
{
  __chan (int) ch = chan_make (int, 0);
  __go generate (ch);
  for (int i = 0; i < 25; i++)
    {
      int prime = chan_recv (ch);
      printf ("%d%c", prime, i == 24 ? '\n' : ' ');
      __chan (int) ch1 = chan_make (int, 0);
      __go filter (ch, ch1, prime);
      ch = ch1;
    }
  return 0;
}

/* { dg-output "^2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71 73 79 83 89 97\n$" } */
