/* Selects over more cases than fit their frame take a scratch block
   (orders and waiter records) from their P's few spares, and give it
   back to the P they end on (select.c, "Storage").  Here 8 goroutines
   on 4 Ps select over 5 to 100 cases (spares up to 60, malloc above)
   again and again: blocking selects parked at once (so several blocks
   are in use on one P), woken by a sender on a random case, often on
   another P; non-blocking selects that find nothing.  Each must get the
   value sent to it, and no record may outlive its select (a trysend on
   an unbuffered channel nobody waits on fails).  A block handed out
   twice would mix two selects' records.  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "4" } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/sync.h>
#include "gochan-test.h"

enum { WORKERS = 8, ROUNDS = 1000, MAXC = 100 };

static const int sizes[] = { 5, 8, 16, 33, 60, 61, 100 };
enum { NSIZES = sizeof sizes / sizeof sizes[0] };

struct worker {
  int id;
  gochan_chan *ch[MAXC];
  gochan_waitgroup *wg;
};

struct poke {
  gochan_chan *c;
  long val;
};

static void
poker (void *p)
{
  struct poke *k = p;
  CHECK_RC (gochan_chan_send (k->c, &k->val), 0);
}

static void
selector (void *p)
{
  struct worker *w = p;
  gochan_select_case cases[MAXC];
  long got[MAXC];
  uint32_t seed = 2654435761u * (uint32_t) (w->id + 1);
  for (int r = 0; r < ROUNDS; r++)
    {
      int n = sizes[(r + w->id) % NSIZES];
      for (int i = 0; i < n; i++)
        {
          got[i] = -1;
          cases[i] = (gochan_select_case) GOCHAN_SELECT_RECV_CASE (w->ch[i], &got[i]);
        }
      /* Nothing is ready: a non-blocking select takes no block for
         long, and leaves nothing queued.  */
      CHECK_RC (gochan_select_try (cases, n), -EAGAIN);
      seed = seed * 1103515245u + 12345u;
      int pick = (int) ((seed >> 8) % (uint32_t) n);
      struct poke k = { w->ch[pick], (long) w->id * 100000 + r };
      /* The poker runs once this select has parked (or finds it
         queued), perhaps on another P.  */
      CHECK_EQ (gochan_go (poker, &k), 0);
      int rc = gochan_select (cases, n);
      CHECK_EQ (rc, pick);
      CHECK_EQ (got[pick], k.val);
      for (int i = 0; i < n; i++)
        if (i != pick)
          CHECK_EQ (got[i], -1);
      /* No record left behind on any of the n channels.  */
      long v = 0;
      for (int i = 0; i < n; i++)
        CHECK_RC (gochan_chan_trysend (w->ch[i], &v), -EAGAIN);
    }
  gochan_waitgroup_done (w->wg);
}

int
main (void)
{
  static struct worker ws[WORKERS];
  gochan_waitgroup wg;
  gochan_waitgroup_init (&wg);
  gochan_waitgroup_add (&wg, WORKERS);
  for (int i = 0; i < WORKERS; i++)
    {
      ws[i].id = i;
      ws[i].wg = &wg;
      for (int j = 0; j < MAXC; j++)
        {
          ws[i].ch[j] = GOCHAN_CHAN_MAKE (long, 0);
          CHECK (ws[i].ch[j] != NULL);
        }
      CHECK_EQ (gochan_go (selector, &ws[i]), 0);
    }
  gochan_waitgroup_wait (&wg);
  for (int i = 0; i < WORKERS; i++)
    for (int j = 0; j < MAXC; j++)
      gochan_chan_release (ws[i].ch[j]);
  printf ("ok\n");
  return 0;
}
/* { dg-output "ok" } */
