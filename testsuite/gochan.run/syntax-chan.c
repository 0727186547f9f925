/* The channel macros of <gochan.h>: chan_make, chan_send, chan_recv,
   chan_recv_ok, chan_close, chan_len, chan_cap, chan_retain,
   chan_release, chan_raw and chan_from; values converted as by
   assignment; a buffered channel is FIFO; a closed channel drains, then
   yields zero and ok == false; channels of channels and of structs.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <gochan-test.h>
#include <stdio.h>

struct point { int x, y; };

static int evals;

static __chan (int)
counted (__chan (int) c)
{
  evals++;
  return c;
}

int
main (void)
{
  __chan (int) c = chan_make (int, 3);
  CHECK_EQ (chan_cap (c), 3);
  CHECK_EQ (chan_len (c), 0);
  chan_send (c, 1);
  chan_send (c, 2.9);			/* converted to int: 2 */
  chan_send (counted (c), 3);		/* the channel is evaluated once */
  CHECK_EQ (evals, 1);
  CHECK_EQ (chan_len (c), 3);
  int a = chan_recv (c);
  int b = chan_recv (counted (c));
  CHECK_EQ (evals, 2);
  bool ok = false;
  long l = chan_recv_ok (c, &ok);	/* converted to long */
  printf ("fifo %d %d %ld %d\n", a, b, l, ok);

  chan_send (c, 4);
  chan_close (c);
  int v = chan_recv_ok (c, &ok);
  printf ("drain %d %d\n", v, ok);
  v = chan_recv_ok (c, &ok);
  printf ("closed %d %d\n", v, ok);
  CHECK_EQ (chan_recv (c), 0);

  __chan (struct point) cp = chan_make (struct point, 1);
  chan_send (cp, ((struct point) { 3, 4 }));
  struct point p = chan_recv (cp);
  printf ("point %d %d\n", p.x, p.y);

  __chan (__chan (int)) cc = chan_make (__chan (int), 1);
  __chan (int) inner = chan_make (int, 1);
  chan_send (cc, inner);
  chan_send (chan_recv (cc), 42);
  printf ("chan of chan %d\n", chan_recv (inner));

  __chan (int) same = chan_retain (inner);
  CHECK (same == inner);
  chan_release (same);
  gochan_chan *raw = chan_raw (inner);
  __chan (int) back = chan_from (int, raw);
  CHECK (back == inner);
  chan_send (back, 7);
  printf ("raw %d\n", chan_recv (inner));
  chan_release (inner);

  __chan (int) nil = NULL;
  CHECK_EQ (chan_len (nil), 0);
  CHECK_EQ (chan_cap (nil), 0);
  return 0;
}

/* { dg-output "fifo 1 2 3 1\n" } */
/* { dg-output "drain 4 1\n" } */
/* { dg-output "closed 0 0\n" } */
/* { dg-output "point 3 4\n" } */
/* { dg-output "chan of chan 42\n" } */
/* { dg-output "raw 7\n" } */
