/* Go's test/chan/select.go: a select with a default sends on each ready
   buffered channel exactly once (a case whose channel is then set to nil
   is never chosen again), evaluating every send value before choosing:
   Send(a, b) sends 2 values and evaluates 4 (the last round evaluates
   both and takes the default), Send(a, nil) sends 1 and evaluates 2 (a
   nil channel's operand is still evaluated), 10 evaluations in all.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/select.h>
#include "gochan-test.h"

static unsigned counter, shift;

static unsigned
get_value (void)
{
  counter++;
  return 1u << shift;
}

static int
send (gochan_chan *a, gochan_chan *b)
{
  int i = 0;
  for (;;)
    {
      unsigned va = get_value (), vb = get_value ();
      gochan_select_case cases[] = {
        GOCHAN_SELECT_SEND_CASE (a, &va),
        GOCHAN_SELECT_SEND_CASE (b, &vb),
      };
      int r = gochan_select_try (cases, 2);
      if (r == 0)
        {
          i++;
          a = NULL;
        }
      else if (r == 1)
        {
          i++;
          b = NULL;
        }
      else
        {
          CHECK_RC (r, -EAGAIN);
          break;
        }
      shift++;
    }
  return i;
}

int
main (void)
{
  gochan_chan *a = GOCHAN_CHAN_MAKE (unsigned, 1);
  gochan_chan *b = GOCHAN_CHAN_MAKE (unsigned, 1);
  CHECK_EQ (send (a, b), 2);
  unsigned av = 0, bv = 0;
  CHECK_RC (gochan_chan_recv (a, &av), 0);
  CHECK_RC (gochan_chan_recv (b, &bv), 0);
  CHECK_EQ (av | bv, 3);
  CHECK_EQ (send (a, NULL), 1);
  CHECK_EQ (counter, 10);
  return 0;
}
