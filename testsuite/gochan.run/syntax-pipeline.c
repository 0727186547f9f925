/* The Go blog's pipeline, in the syntax: gen emits numbers on a channel,
   sq squares them, main prints them in order; then fan-out to two sq
   stages and fan-in with merge, whose sum is order-independent.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <stdio.h>

static void
gen_loop (__chan (int) out, int from, int to)
{
  for (int n = from; n <= to; n++)
    chan_send (out, n);
  chan_close (out);
}

static __chan (int)
gen (int from, int to)
{
  __chan (int) out = chan_make (int, 0);
  __go gen_loop (out, from, to);
  return out;
}

static void
sq_loop (__chan (int) in, __chan (int) out)
{
  bool ok;
  for (int n = chan_recv_ok (in, &ok); ok; n = chan_recv_ok (in, &ok))
    chan_send (out, n * n);
  chan_close (out);
}

static __chan (int)
sq (__chan (int) in)
{
  __chan (int) out = chan_make (int, 0);
  __go sq_loop (in, out);
  return out;
}

static void
forward (__chan (int) in, __chan (int) out, __chan (bool) done)
{
  bool ok;
  for (int n = chan_recv_ok (in, &ok); ok; n = chan_recv_ok (in, &ok))
    chan_send (out, n);
  chan_send (done, true);
}

static void
closer (__chan (bool) done, int count, __chan (int) out)
{
  while (count--)
    chan_recv (done);
  chan_close (out);
}

static __chan (int)
merge (__chan (int) a, __chan (int) b)
{
  __chan (int) out = chan_make (int, 0);
  __chan (bool) done = chan_make (bool, 2);
  __go forward (a, out, done);
  __go forward (b, out, done);
  __go closer (done, 2, out);
  return out;
}

int
main (void)
{
  bool ok;
  __chan (int) c = sq (gen (2, 5));
  for (int n = chan_recv_ok (c, &ok); ok; n = chan_recv_ok (c, &ok))
    printf ("%d\n", n);

  __chan (int) in = gen (1, 10);
  __chan (int) m = merge (sq (in), sq (in));
  int sum = 0, count = 0;
  for (int n = chan_recv_ok (m, &ok); ok; n = chan_recv_ok (m, &ok))
    sum += n, count++;
  printf ("merged %d values, sum %d\n", count, sum);
  return 0;
}

/* { dg-output "^4\n9\n16\n25\nmerged 10 values, sum 385\n$" } */
