/* A random mix on 2 Ps for about a second: 12 goroutines pick at random
   among send_until, recv_until, trysend, tryrecv and selects of 1 to 5
   cases over 6 shared channels (buffered and unbuffered, some cases nil,
   some selects with a gochan_after case, try or deadline variants), with
   deadlines of 0 to 100 us racing against wakers.  Every value sent is
   received or still buffered at the end (none lost, none duplicated: sent
   == received + buffered).  A longer run of this mix found a timer-heap
   race in the scheduler (heap grown while another thread ran the
   timers).  */
/* { dg-do run } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS 2 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include <stdlib.h>
#include "gochan-test.h"

enum { NCH = 6, NG = 12 };

static gochan_chan *ch[NCH], *done;
static long sent[NG], recvd[NG];
static int stop;

static unsigned
rnd (unsigned *s)
{
  *s = *s * 1103515245 + 12345;
  return *s >> 8;
}

static void
worker (void *p)
{
  int id = (int) (intptr_t) p;
  unsigned s = id * 7919 + 1;
  long v;
  for (long iter = 0; !__atomic_load_n (&stop, __ATOMIC_RELAXED); iter++)
    {
      unsigned r = rnd (&s) % 10;
      gochan_chan *c = ch[rnd (&s) % NCH];
      if (iter % 64 == 0)
        gochan_yield ();
      switch (r)
        {
        case 0:
          v = 1;
          if (gochan_chan_send_until (c, &v, gochan_now () + rnd (&s) % 50000) == 0)
            sent[id]++;
          break;
        case 1:
          if (gochan_chan_recv_until (c, &v, gochan_now () + rnd (&s) % 50000) == 0)
            recvd[id]++;
          break;
        case 2:
          v = 1;
          if (gochan_chan_trysend (c, &v) == 0)
            sent[id]++;
          break;
        case 3:
          if (gochan_chan_tryrecv (c, &v) == 0)
            recvd[id]++;
          break;
        default:
          {
            int n = 1 + rnd (&s) % 5;
            gochan_select_case cs[6];
            long vals[6];
            gochan_chan *t = NULL;
            for (int i = 0; i < n; i++)
              {
                vals[i] = 1;
                gochan_chan *x = rnd (&s) % 7 == 0 ? NULL : ch[rnd (&s) % NCH];
                cs[i] = rnd (&s) % 2 ? gochan_select_send (x, &vals[i])
                                     : gochan_select_recv (x, &vals[i]);
              }
            if (r == 9)
              {
                t = gochan_after (rnd (&s) % 30000);
                cs[n++] = gochan_select_recv (t, NULL);
              }
            int k = r == 8 ? gochan_select_try (cs, n)
                           : gochan_select_until (cs, n, gochan_now () + rnd (&s) % 100000);
            CHECK (k >= 0 || k == -EAGAIN || k == -ETIMEDOUT);
            if (k >= 0 && cs[k].chan != t)
              {
                if (cs[k].dir == GOCHAN_SELECT_SEND)
                  sent[id]++;
                else
                  {
                    CHECK (cs[k].ok);
                    recvd[id]++;
                  }
              }
            gochan_chan_release (t);
          }
        }
    }
  CHECK_RC (gochan_chan_send (done, NULL), 0);
}

int
main (void)
{
  for (int i = 0; i < NCH; i++)
    ch[i] = GOCHAN_CHAN_MAKE (long, i % 3 == 0 ? 0 : i);
  done = gochan_chan_make (0, 1, NG);
  for (int i = 0; i < NG; i++)
    CHECK_RC (gochan_go (worker, (void *) (intptr_t) i), 0);
  gochan_sleep (GOCHAN_S);
  __atomic_store_n (&stop, 1, __ATOMIC_RELAXED);
  for (int i = 0; i < NG; i++)
    CHECK_RC (gochan_chan_recv (done, NULL), 0);
  long S = 0, R = 0, buffered = 0;
  for (int i = 0; i < NG; i++)
    {
      S += sent[i];
      R += recvd[i];
    }
  for (int i = 0; i < NCH; i++)
    buffered += gochan_chan_len (ch[i]);
  CHECK_EQ (S, R + buffered);
  CHECK (S > 1000);
  return 0;
}
