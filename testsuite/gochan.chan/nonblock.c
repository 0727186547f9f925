/* Go's test/chan/nonblock.go: non-blocking send and receive (a select of
   one case plus default, and the try calls) on unbuffered and 1-buffered
   channels of int32, int64, bool and strings: a receive with nobody
   sending never proceeds; a send to a goroutine that is receiving
   eventually proceeds, as does a receive from one that is sending; values
   arrive intact.  Between tries the main goroutine waits on a 10 us
   ticker and yields, as the Go test does.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "gochan-test.h"

enum { MAX_TRIES = 10000 };

static gochan_ticker *ticker;
static gochan_chan *sync_ch;

static void
pause_a_bit (void)
{
  int64_t t;
  CHECK_RC (gochan_chan_recv (gochan_ticker_chan (ticker), &t), 0);
  CHECK_RC (gochan_chan_recv (gochan_ticker_chan (ticker), &t), 0);
  gochan_yield ();
  gochan_yield ();
  gochan_yield ();
}

struct type {
  const char *name;
  size_t size, align;
  const void *to_receiver, *from_sender;
  bool (*eq) (const void *, const void *);
};

struct args { gochan_chan *c; const struct type *t; };

static bool eq_i32 (const void *a, const void *b) { return *(const int32_t *) a == *(const int32_t *) b; }
static bool eq_i64 (const void *a, const void *b) { return *(const int64_t *) a == *(const int64_t *) b; }
static bool eq_bool (const void *a, const void *b) { return *(const bool *) a == *(const bool *) b; }
static bool eq_str (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b) == 0;
}

static void
receiver (void *p)
{
  struct args *a = p;
  _Alignas (16) unsigned char buf[16];
  bool yes = true;
  CHECK_RC (gochan_chan_recv (a->c, buf), 0);
  if (!a->t->eq (buf, a->t->to_receiver))
    {
      fprintf (stderr, "%s value\n", a->t->name);
      CHECK (0);
    }
  CHECK_RC (gochan_chan_send (sync_ch, &yes), 0);
}

static void
sender (void *p)
{
  struct args *a = p;
  bool yes = true;
  CHECK_RC (gochan_chan_send (a->c, a->t->from_sender), 0);
  CHECK_RC (gochan_chan_send (sync_ch, &yes), 0);
}

static void
run (const struct type *t, int buffer)
{
  gochan_chan *c = gochan_chan_make (t->size, t->align, buffer);
  _Alignas (16) unsigned char buf[16];
  bool b;
  struct args a = { c, t };

  /* select { case v = <-c: panic("blocked sender"); default: } */
  gochan_select_case rc[] = { GOCHAN_SELECT_RECV_CASE (c, buf) };
  CHECK_RC (gochan_select_try (rc, 1), -EAGAIN);
  CHECK_RC (gochan_chan_tryrecv (c, buf), -EAGAIN);

  CHECK_RC (gochan_go_copy (receiver, &a, sizeof a, 0), 0);
  gochan_select_case sc[] = { GOCHAN_SELECT_SEND_CASE (c, t->to_receiver) };
  for (int try = 0; gochan_select_try (sc, 1) != 0; try++)
    {
      if (try > MAX_TRIES)
        {
          fprintf (stderr, "%s receiver buffer=%d\n", t->name, buffer);
          CHECK (0);
        }
      pause_a_bit ();
    }
  CHECK_RC (gochan_chan_recv (sync_ch, &b), 0);

  CHECK_RC (gochan_go_copy (sender, &a, sizeof a, 0), 0);
  if (buffer > 0)
    CHECK_RC (gochan_chan_recv (sync_ch, &b), 0);
  for (int try = 0; gochan_select_try (rc, 1) != 0; try++)
    {
      if (try > MAX_TRIES)
        {
          fprintf (stderr, "%s sender buffer=%d\n", t->name, buffer);
          CHECK (0);
        }
      pause_a_bit ();
    }
  CHECK (rc[0].ok);
  if (!t->eq (buf, t->from_sender))
    {
      fprintf (stderr, "%s sender value\n", t->name);
      CHECK (0);
    }
  if (buffer == 0)
    CHECK_RC (gochan_chan_recv (sync_ch, &b), 0);
  gochan_chan_release (c);
}

int
main (void)
{
  static const int32_t i32a = 123, i32b = 234;
  static const int64_t i64a = 123456, i64b = 234567;
  static const bool ba = true, bb = true;
  static const char *const sa = "hello", *const sb = "hello again";
  const struct type types[] = {
    { "i32", sizeof (int32_t), _Alignof (int32_t), &i32a, &i32b, eq_i32 },
    { "i64", sizeof (int64_t), _Alignof (int64_t), &i64a, &i64b, eq_i64 },
    { "bool", sizeof (bool), _Alignof (bool), &ba, &bb, eq_bool },
    { "string", sizeof (char *), _Alignof (char *), &sa, &sb, eq_str },
  };

  ticker = gochan_ticker_new (10 * GOCHAN_US);
  sync_ch = GOCHAN_CHAN_MAKE (bool, 0);
  for (int buffer = 0; buffer < 2; buffer++)
    for (unsigned i = 0; i < sizeof types / sizeof types[0]; i++)
      run (&types[i], buffer);
  gochan_ticker_free (ticker);
  return 0;
}
