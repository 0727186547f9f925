/* <gochan.h> and every form of the syntax compile without a warning of
   their own under -Wall -Wextra -pedantic (and more), in GNU C and ISO C
   modes: the header is a system header and marks its GNU extensions.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -Wall -Wextra -pedantic -Wshadow -Wconversion -Wcast-qual -Wstrict-prototypes -Wmissing-prototypes -Wredundant-decls" } */

#include <gochan.h>

struct pair { int a; double b; };

static void
worker (__chan (__chan (int)) cc, struct pair p)
{
  __chan (int) c = chan_recv (cc);
  chan_send (c, p.a);
}

int answer (void);

int
answer (void)
{
  __chan (__chan (int)) cc = chan_make (__chan (int), 1);
  __chan (int) c = chan_make (int, 1);
  __chan (struct pair) cp = chan_make (struct pair, 2);
  struct pair p = { 1, 2.0 };
  bool ok = false;
  int i = 0;

  chan_send (cc, c);
  __go worker (cc, p);
  i = chan_recv (c);
  chan_send (cp, p);
  p = chan_recv_ok (cp, &ok);
  chan_send (c, chan_recv (c) + 1);
  __select {
  case __recv (c, i):
    break;
  case __recv (cp, p, ok):
    break;
  case __recv_ok (cp, p, ok):
    break;
  case __recv (cc):
    break;
  case __send (cp, p):
    break;
  default:
    break;
  }
  i += (int) (chan_len (cp) + chan_cap (cp));
  c = chan_retain (c);
  chan_release (c);
  gochan_chan *raw = chan_raw (c);
  c = chan_from (int, raw);
  chan_close (c);
  return i + ok;
}
