/* Area:    stress
   Purpose: message conservation under a random mix of operations.  On 2
            Ps, in rounds, producers send numbered messages through a
            random mix of buffered (cap 1..8) and unbuffered channels,
            using blocking selects that also watch the round's context,
            selects with a default, selects and sends with deadlines; each
            producer also owns a private channel that it closes at a random
            point; the round's context is cancelled at a random time by its
            deadline or by a canceller goroutine.  Consumers receive with
            blocking selects, selects with a default, and selects with a
            deadline, until every channel is closed.

            The rule: a message counts as sent when the call that sent it
            reported success (select returned the send case's index, or a
            send returned 0).  A send that did not complete (the context
            ended first, the deadline passed, the default was taken) leaves
            its message undelivered, and the producer never retries that
            number.  Every sent message must be received exactly once, and
            no undelivered one may be received; messages carry a check word
            against corruption.  After each round (all goroutines joined)
            every number issued is checked; the first lost, duplicated,
            phantom or corrupt message is printed and the test fails.

            Runs GOCHAN_SOAK_SECONDS seconds (default 60) and prints the
            throughput and the counts.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target stress } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "2" } */
/* { dg-torture once } */
/* { dg-timeout 400 } */

#include <gochan/chan.h>
#include <gochan/context.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/sync.h>
#include <gochan/time.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "gochan-test.h"
#include "stress.h"

#define NSHARED 6		/* shared channels per round */
#define NPROD 8			/* producers per round */
#define NCONS 4			/* consumers per round */
#define ROUND_MAX 200000	/* numbers issued per round, at most */
#define MS 1000000LL

struct msg
{
  uint64_t id;
  uint64_t check;
};

static inline uint64_t
check_of (uint64_t id)
{
  return (id * 0x9E3779B97F4A7C15ULL) ^ 0x5DEECE66DULL;
}

/* Per round.  sent[i] is written by the producer of number i, recvd[i]
   incremented by whichever consumer got it; both read after the join.  */
static unsigned char sent[ROUND_MAX];
static unsigned char recvd[ROUND_MAX];
static unsigned char corrupt[ROUND_MAX];
static uint64_t next_id;		/* numbers issued this round */
static uint64_t round_base;		/* global number of id 0 this round */

static gochan_chan *shared[NSHARED];
static gochan_chan *priv[NPROD];
static gochan_ctx *round_ctx;
static gochan_waitgroup prod_wg, cons_wg, cancel_wg;

/* Totals over the run.  */
static uint64_t n_issued, n_sent, n_undelivered, n_received;
static uint64_t n_ctx_ended, n_timedout, n_would_block, n_closed_seen;
static uint64_t n_rounds, n_rounds_cancelled;

struct prod
{
  int idx;
  uint64_t seed;
  uint64_t close_after;		/* close priv[idx] after this many sends */
  uint64_t ctx_ended, timedout, would_block;
};

struct cons
{
  uint64_t seed;
  uint64_t received, closed_seen;
};

static int
issue (uint64_t *id)
{
  uint64_t i = __atomic_fetch_add (&next_id, 1, __ATOMIC_RELAXED);

  if (i >= ROUND_MAX)
    return 0;
  *id = i;
  return 1;
}

static void
producer (void *arg)
{
  struct prod *p = arg;
  gochan_chan *done = gochan_ctx_done (round_ctx);
  gochan_chan *mine = priv[p->idx];
  uint64_t nsent = 0, id;
  int stop = 0;

  while (!stop && issue (&id))
    {
      struct msg m = { round_base + id, check_of (round_base + id) };
      gochan_chan *c = shared[stress_rand (&p->seed) % NSHARED];
      int r, ok = 0;

      if (mine != NULL && stress_rand (&p->seed) % 4 == 0)
	c = mine;
      switch (stress_rand (&p->seed) % 5)
	{
	case 0:
	case 1:
	  {
	    /* Blocking select: the send, or the round's end.  */
	    gochan_select_case cs[2] = {
	      GOCHAN_SELECT_SEND_CASE (c, &m),
	      GOCHAN_SELECT_RECV_CASE (done, NULL),
	    };
	    r = gochan_select (cs, 2);
	    CHECK (r == 0 || r == 1);
	    if (r == 0)
	      ok = 1;
	    else
	      {
		p->ctx_ended++;
		stop = 1;
	      }
	    break;
	  }
	case 2:
	  {
	    /* Select with a default, over two channels.  */
	    gochan_chan *c2 = shared[stress_rand (&p->seed) % NSHARED];
	    gochan_select_case cs[2] = {
	      GOCHAN_SELECT_SEND_CASE (c, &m),
	      GOCHAN_SELECT_SEND_CASE (c2, &m),
	    };
	    r = gochan_select_try (cs, 2);
	    if (r >= 0)
	      ok = 1;
	    else
	      {
		CHECK_RC (r, -EAGAIN);
		p->would_block++;
		gochan_yield ();
	      }
	    break;
	  }
	case 3:
	  {
	    /* Select with a timeout: the send, the round's end, or a
	       deadline 0..2 ms away.  */
	    int64_t dl = gochan_now ()
	      + (int64_t) (stress_rand (&p->seed) % (2 * MS));
	    gochan_select_case cs[2] = {
	      GOCHAN_SELECT_SEND_CASE (c, &m),
	      GOCHAN_SELECT_RECV_CASE (done, NULL),
	    };
	    r = gochan_select_until (cs, 2, dl);
	    if (r == 0)
	      ok = 1;
	    else if (r == 1)
	      {
		p->ctx_ended++;
		stop = 1;
	      }
	    else
	      {
		CHECK_RC (r, -ETIMEDOUT);
		p->timedout++;
	      }
	    break;
	  }
	default:
	  /* A send with a deadline.  */
	  r = gochan_chan_send_until (c, &m, gochan_now () + MS);
	  if (r == 0)
	    ok = 1;
	  else
	    {
	      CHECK_RC (r, -ETIMEDOUT);
	      p->timedout++;
	    }
	  break;
	}
      if (ok)
	{
	  sent[id] = 1;
	  if (c == mine && ++nsent >= p->close_after)
	    {
	      /* Only this producer sends on its channel: closing it here
		 is safe, and whatever it buffered must still arrive.  */
	      gochan_chan_close (mine);
	      mine = NULL;
	    }
	}
    }
  if (mine != NULL)
    gochan_chan_close (mine);
  gochan_waitgroup_done (&prod_wg);
}

static void
consumer (void *arg)
{
  struct cons *k = arg;
  gochan_chan *live[NSHARED + NPROD];
  int nlive = NSHARED + NPROD;

  for (int i = 0; i < NSHARED; i++)
    live[i] = shared[i];
  for (int i = 0; i < NPROD; i++)
    live[NSHARED + i] = priv[i];

  while (nlive > 0)
    {
      struct msg m[NSHARED + NPROD];
      gochan_select_case cs[NSHARED + NPROD];
      int n = 0, r;

      for (int i = 0; i < NSHARED + NPROD; i++)
	if (live[i] != NULL)
	  {
	    cs[n] = gochan_select_recv (live[i], &m[n]);
	    n++;
	  }
      switch (stress_rand (&k->seed) % 4)
	{
	case 0:
	  r = gochan_select_try (cs, n);
	  if (r == -EAGAIN)
	    {
	      gochan_yield ();
	      continue;
	    }
	  break;
	case 1:
	  r = gochan_select_until (cs, n, gochan_now ()
				   + (int64_t) (stress_rand (&k->seed)
						% MS));
	  if (r == -ETIMEDOUT)
	    continue;
	  break;
	default:
	  r = gochan_select (cs, n);
	  break;
	}
      CHECK (r >= 0 && r < n);
      if (!cs[r].ok)
	{
	  /* Closed and drained: stop watching it, as Go code sets a
	     channel variable to nil.  */
	  for (int i = 0; i < NSHARED + NPROD; i++)
	    if (live[i] == cs[r].chan)
	      live[i] = NULL;
	  nlive--;
	  k->closed_seen++;
	  continue;
	}
      uint64_t gid = m[r].id, id = gid - round_base;
      if (gid < round_base || id >= ROUND_MAX
	  || m[r].check != check_of (gid))
	{
	  __atomic_store_n (&corrupt[gid < round_base || id >= ROUND_MAX
				     ? 0 : id], 1, __ATOMIC_RELAXED);
	  printf ("stress: soak: corrupt message id %llu check %llx\n",
		  (unsigned long long) gid, (unsigned long long) m[r].check);
	  continue;
	}
      __atomic_fetch_add (&recvd[id], 1, __ATOMIC_RELAXED);
      k->received++;
    }
  gochan_waitgroup_done (&cons_wg);
}

/* Cancels the round's context after a random delay, unless its own
   deadline ended it first.  */
static void
canceller (void *arg)
{
  int64_t delay = (int64_t) (uintptr_t) arg;

  gochan_ctx_sleep (round_ctx, delay);
  gochan_ctx_cancel (round_ctx);
  gochan_waitgroup_done (&cancel_wg);
}

static void
run_round (uint64_t *seed)
{
  static struct prod prods[NPROD];
  static struct cons conss[NCONS];

  memset (sent, 0, sizeof sent);
  memset (recvd, 0, sizeof recvd);
  memset (corrupt, 0, sizeof corrupt);
  next_id = 0;

  for (int i = 0; i < NSHARED; i++)
    {
      /* About a third unbuffered.  */
      size_t cap = stress_rand (seed) % 3 == 0 ? 0 : 1 + stress_rand (seed) % 8;
      shared[i] = GOCHAN_CHAN_MAKE (struct msg, cap);
      CHECK (shared[i] != NULL);
    }
  for (int i = 0; i < NPROD; i++)
    {
      priv[i] = GOCHAN_CHAN_MAKE (struct msg, stress_rand (seed) % 4);
      CHECK (priv[i] != NULL);
    }
  /* The round ends by its deadline (5..100 ms) or by the canceller
     (5..100 ms), whichever comes first.  */
  round_ctx = gochan_ctx_with_timeout (gochan_ctx_background (),
				       (int64_t) (5 + stress_rand (seed) % 96)
				       * MS);
  CHECK (round_ctx != NULL);

  gochan_waitgroup_add (&prod_wg, NPROD);
  gochan_waitgroup_add (&cons_wg, NCONS);
  gochan_waitgroup_add (&cancel_wg, 1);
  for (int i = 0; i < NCONS; i++)
    {
      conss[i] = (struct cons) { stress_rand (seed) | 1, 0, 0 };
      CHECK_RC (gochan_go (consumer, &conss[i]), 0);
    }
  for (int i = 0; i < NPROD; i++)
    {
      prods[i] = (struct prod) { i, stress_rand (seed) | 1,
				 1 + stress_rand (seed) % 2000, 0, 0, 0 };
      CHECK_RC (gochan_go (producer, &prods[i]), 0);
    }
  CHECK_RC (gochan_go (canceller, (void *) (uintptr_t)
		       ((5 + stress_rand (seed) % 96) * MS)), 0);

  /* Producers first; then nobody sends on the shared channels, so they
     may be closed; consumers drain them and stop.  */
  gochan_waitgroup_wait (&prod_wg);
  for (int i = 0; i < NSHARED; i++)
    gochan_chan_close (shared[i]);
  gochan_waitgroup_wait (&cons_wg);
  gochan_waitgroup_wait (&cancel_wg);

  /* Account.  */
  uint64_t issued = next_id < ROUND_MAX ? next_id : ROUND_MAX;
  uint64_t rs = 0, rr = 0;
  for (uint64_t i = 0; i < issued; i++)
    {
      const char *what = NULL;
      if (corrupt[i])
	what = "corrupt";
      else if (sent[i] && recvd[i] == 0)
	what = "lost";
      else if (recvd[i] > 1)
	what = "duplicated";
      else if (!sent[i] && recvd[i] != 0)
	what = "received although its send did not complete";
      if (what != NULL)
	{
	  printf ("stress: soak: FAIL: message %llu (round %llu, index %llu)"
		  " %s: sent %d, received %d times\n",
		  (unsigned long long) (round_base + i),
		  (unsigned long long) n_rounds, (unsigned long long) i,
		  what, sent[i], recvd[i]);
	  fflush (stdout);
	  exit (1);
	}
      rs += sent[i];
      rr += recvd[i];
    }
  for (int i = 0; i < NCONS; i++)
    {
      n_received += conss[i].received;
      n_closed_seen += conss[i].closed_seen;
    }
  for (int i = 0; i < NPROD; i++)
    {
      n_ctx_ended += prods[i].ctx_ended;
      n_timedout += prods[i].timedout;
      n_would_block += prods[i].would_block;
    }
  CHECK_EQ (rs, rr);
  n_issued += issued;
  n_sent += rs;
  n_undelivered += issued - rs;
  n_rounds++;
  if (gochan_ctx_err (round_ctx) != 0 && issued < ROUND_MAX)
    n_rounds_cancelled++;
  round_base += issued;

  gochan_ctx_release (round_ctx);
  for (int i = 0; i < NSHARED; i++)
    gochan_chan_release (shared[i]);
  for (int i = 0; i < NPROD; i++)
    gochan_chan_release (priv[i]);
}

int
main (void)
{
  long seconds = stress_env_long ("GOCHAN_SOAK_SECONDS", 60);
  uint64_t seed = (uint64_t) stress_env_long ("GOCHAN_SOAK_SEED", 12345);
  int64_t start = gochan_now (), end = start + seconds * 1000 * MS;

  gochan_waitgroup_init (&prod_wg);
  gochan_waitgroup_init (&cons_wg);
  gochan_waitgroup_init (&cancel_wg);
  printf ("stress: soak: %ld s, seed %llu, %d Ps, %d producers, "
	  "%d consumers, %d shared channels per round\n", seconds,
	  (unsigned long long) seed, gochan_maxprocs (), NPROD, NCONS,
	  NSHARED);
  long rss0 = stress_rss_kb ();
  while (gochan_now () < end)
    run_round (&seed);
  double secs = (double) (gochan_now () - start) / 1e9;

  CHECK_EQ (n_sent, n_received);
  CHECK (n_sent > 0);
  CHECK (n_undelivered > 0);	/* the mix did exercise the rule */
  CHECK_EQ (n_undelivered, n_ctx_ended + n_timedout + n_would_block);
  printf ("stress: soak: %llu rounds (%llu ended by their context), "
	  "%llu messages issued, %llu sent and received exactly once, "
	  "%llu undelivered\n",
	  (unsigned long long) n_rounds,
	  (unsigned long long) n_rounds_cancelled,
	  (unsigned long long) n_issued, (unsigned long long) n_sent,
	  (unsigned long long) n_undelivered);
  printf ("stress: soak: undelivered because: context ended %llu, "
	  "deadline passed %llu, default taken %llu; closes seen by "
	  "consumers %llu\n",
	  (unsigned long long) n_ctx_ended, (unsigned long long) n_timedout,
	  (unsigned long long) n_would_block,
	  (unsigned long long) n_closed_seen);
  printf ("stress: soak: %.0f messages/s delivered over %.1f s; "
	  "RSS %ld KiB at start, %ld KiB at end\n",
	  (double) n_sent / secs, secs, rss0, stress_rss_kb ());
  printf ("soak: ok\n");
  return 0;
}
/* { dg-output "soak: ok" } */
