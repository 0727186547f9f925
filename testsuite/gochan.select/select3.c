/* Go's test/chan/select3.go: which operations block and which do not.
   Blocks (forever): send and receive on a nil channel, receive on an empty
   unbuffered channel, a select with no cases, selects whose only cases
   are on nil channels, a select on an empty channel, a select that sends
   and receives on the same unbuffered channel (it cannot rendezvous with
   itself).  Does not block: a send into a free buffer slot, receives from
   a closed channel (zero value, ok false), selects with a default, with a
   ready buffered case, or on a closed channel.  The Go test's expected
   panics (send on a closed channel, also in select) are separate
   expected-crash tests here: send-closed*.c.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include <stdbool.h>
#include "gochan-test.h"

static gochan_chan *nilch;      /* stays NULL */
static gochan_chan *closedch;

static void
unreachable (void)
{
  fprintf (stderr, "control flow shouldn't reach here\n");
  CHECK (0);
}

struct run { void (*f) (void); gochan_chan *c; };

static void
runner (void *p)
{
  struct run *r = p;
  bool did_not_block = true;
  r->f ();
  CHECK_RC (gochan_chan_send (r->c, &did_not_block), 0);
}

/* Run f in a goroutine; check that it blocks (for 10 ms) or returns (in
   10 s at most).  A blocked goroutine stays blocked. */
static void
test_block (bool blocks, void (*f) (void), const char *name)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (bool, 1);
  struct run r = { f, c };
  CHECK_RC (gochan_go_copy (runner, &r, sizeof r, 0), 0);
  gochan_chan *timeout = gochan_after (blocks ? 10 * GOCHAN_MS : 10 * GOCHAN_S);
  bool b;
  int64_t t;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (c, &b),
    GOCHAN_SELECT_RECV_CASE (timeout, &t),
  };
  int i = gochan_select (cases, 2);
  if (i != (blocks ? 1 : 0))
    {
      fprintf (stderr, "%s: function %s\n", name, blocks ? "did not block" : "blocked");
      CHECK (0);
    }
  gochan_chan_release (timeout);
}

static void send_nil (void) { int v = 7; gochan_chan_send (nilch, &v); }
static void recv_nil (void) { int v; gochan_chan_recv (nilch, &v); }

static void
send_buffered (void)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, 1);
  int v = 7;
  CHECK_RC (gochan_chan_send (ch, &v), 0);
}

static void
recv_closed (void)
{
  for (int i = 0; i < 10; i++)
    {
      int x = 1;
      CHECK_RC (gochan_chan_recv (closedch, &x), -EPIPE);
      CHECK_EQ (x, 0);
      gochan_select_case cases[] = { GOCHAN_SELECT_RECV_CASE (closedch, &x) };
      cases[0].ok = true;
      x = 1;
      CHECK_RC (gochan_select (cases, 1), 0);
      CHECK_EQ (x, 0);
      CHECK (!cases[0].ok);
    }
}

static void
recv_empty (void)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, 0);
  int v;
  gochan_chan_recv (ch, &v);
}

static void select_none (void) { gochan_select (NULL, 0); }

static void
select_recv_nil (void)
{
  int v;
  gochan_select_case cases[] = { GOCHAN_SELECT_RECV_CASE (nilch, &v) };
  gochan_select (cases, 1);
  unreachable ();
}

static void
select_send_nil (void)
{
  int v = 7;
  gochan_select_case cases[] = { GOCHAN_SELECT_SEND_CASE (nilch, &v) };
  gochan_select (cases, 1);
  unreachable ();
}

static void
select_both_nil (void)
{
  int v = 7, w;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_RECV_CASE (nilch, &w),
    GOCHAN_SELECT_SEND_CASE (nilch, &v),
  };
  gochan_select (cases, 2);
  unreachable ();
}

static void
select_recv_empty (void)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, 0);
  int v;
  gochan_select_case cases[] = { GOCHAN_SELECT_RECV_CASE (ch, &v) };
  gochan_select (cases, 1);
  unreachable ();
}

static void
select_default (void)
{
  CHECK_EQ (__gochan_select (NULL, 0, 1), -1);
  CHECK_RC (gochan_select_try (NULL, 0), -EAGAIN);
}

static void
select_nil_default (void)
{
  int v = 7;
  gochan_select_case r[] = { GOCHAN_SELECT_RECV_CASE (nilch, &v) };
  gochan_select_case s[] = { GOCHAN_SELECT_SEND_CASE (nilch, &v) };
  CHECK_EQ (__gochan_select (r, 1, 1), -1);
  CHECK_EQ (__gochan_select (s, 1, 1), -1);
}

static void
select_send_buffered_default (void)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, 1);
  int v = 7;
  gochan_select_case s[] = { GOCHAN_SELECT_SEND_CASE (ch, &v) };
  if (__gochan_select (s, 1, 1) != 0)
    unreachable ();
}

static void
select_recv_buffered_default (void)
{
  gochan_chan *ch = GOCHAN_CHAN_MAKE (int, 1);
  int v = 7, w = 0;
  CHECK_RC (gochan_chan_send (ch, &v), 0);
  gochan_select_case r[] = { GOCHAN_SELECT_RECV_CASE (ch, &w) };
  if (__gochan_select (r, 1, 1) != 0)
    unreachable ();
  CHECK_EQ (w, 7);
  CHECK (r[0].ok);
}

static void
select_recv_closed (void)
{
  gochan_select_case r[] = { GOCHAN_SELECT_RECV_CASE (closedch, NULL) };
  CHECK_EQ (gochan_select (r, 1), 0);
  int x = 5;
  gochan_select_case r2[] = { GOCHAN_SELECT_RECV_CASE (closedch, &x) };
  r2[0].ok = true;
  CHECK_EQ (gochan_select (r2, 1), 0);
  CHECK_EQ (x, 0);
  CHECK (!r2[0].ok);
}

static void
select_send_recv_same (void)
{
  gochan_chan *c = GOCHAN_CHAN_MAKE (int, 0);
  int one = 1, v;
  gochan_select_case cases[] = {
    GOCHAN_SELECT_SEND_CASE (c, &one),
    GOCHAN_SELECT_RECV_CASE (c, &v),
  };
  gochan_select (cases, 2);
}

int
main (void)
{
  closedch = GOCHAN_CHAN_MAKE (int, 0);
  gochan_chan_close (closedch);

  test_block (true, send_nil, "send nil");
  test_block (true, recv_nil, "recv nil");
  select_nil_default ();                 /* testPanic(never, ...) */
  test_block (false, send_buffered, "send buffered");
  test_block (false, recv_closed, "recv closed");
  test_block (true, recv_empty, "recv empty");
  test_block (true, select_none, "select {}");
  test_block (true, select_recv_nil, "select recv nil");
  test_block (true, select_send_nil, "select send nil");
  test_block (true, select_both_nil, "select both nil");
  test_block (true, select_recv_empty, "select recv empty");
  test_block (false, select_default, "select default");
  test_block (false, select_nil_default, "select nil default");
  test_block (false, select_send_buffered_default, "select send default");
  test_block (false, select_recv_buffered_default, "select recv default");
  test_block (false, select_recv_closed, "select recv closed");
  test_block (true, select_send_recv_same, "select send recv same");
  return 0;
}
