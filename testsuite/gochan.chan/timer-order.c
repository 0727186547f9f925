/* Timers fire in order: eight gochan_after channels started in shuffled
   order with durations 5..40 ms fire no earlier than they are due, in
   the order of their durations unless the timer thread is late for
   several at once, and each channel delivers exactly one value
   (received through a select over all of them).  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/select.h>
#include <gochan/time.h>
#include <stdbool.h>
#include "gochan-test.h"

enum { N = 8 };

int
main (void)
{
  static const int order[N] = { 3, 7, 0, 5, 1, 6, 2, 4 };
  gochan_chan *ch[N];
  int64_t due[N], t[N];
  int64_t start = gochan_now ();
  for (int k = 0; k < N; k++)
    {
      int i = order[k];
      due[i] = gochan_now () + (i + 1) * 5 * GOCHAN_MS;
      ch[i] = gochan_after ((i + 1) * 5 * GOCHAN_MS);
      CHECK (ch[i] != NULL);
    }
  gochan_select_case cases[N];
  for (int i = 0; i < N; i++)
    cases[i] = gochan_select_recv (ch[i], &t[i]);
  bool got[N] = { false };
  for (int k = 0; k < N; k++)
    {
      /* When the receiver is late (a slow machine, a sanitizer), several
         timers are ready at once and select picks any of them: the
         order to check is that of the fire times, not of the picks.  */
      int i = gochan_select (cases, N);
      CHECK (i >= 0 && i < N && !got[i]);
      got[i] = true;
      CHECK (cases[i].ok);
      CHECK (t[i] >= due[i]);
      cases[i].chan = NULL;          /* done with it */
    }
  /* No check that t[] increases: timers late together fire in one pass
     of one thread, or of two, in no set order; and when they are not
     late, t[i] >= due[i] > t[i - 1] already says it.  */
  CHECK_DURATION (gochan_now () - start, N * 5 * GOCHAN_MS);
  for (int i = 0; i < N; i++)
    {
      int64_t v;
      CHECK_RC (gochan_chan_tryrecv (ch[i], &v), -EAGAIN);
      gochan_chan_release (ch[i]);
    }
  /* Releasing before the fire is safe: the timer keeps its own
     reference. */
  for (int i = 0; i < 100; i++)
    gochan_chan_release (gochan_after (i % 3 ? GOCHAN_MS : 0));
  gochan_sleep (5 * GOCHAN_MS);
  return 0;
}
