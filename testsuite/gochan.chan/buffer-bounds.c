/* A buffered channel's slots stay inside its allocation, for element
   sizes and alignments whose stride does not divide the header's size
   (the buffer starts at the next multiple of the alignment after the
   header: 32-byte elements once ran 8 bytes past the end, which malloc
   caught later as "free(): invalid pointer").  Channels are filled to
   capacity with a pattern next to each other on the heap, drained and
   checked, and released; corruption of a neighbour or of malloc's
   bookkeeping fails the check or aborts.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <stdlib.h>
#include <string.h>
#include "gochan-test.h"

#define NCHAN 64

static void
fill_and_check (size_t size, size_t align, size_t cap)
{
  gochan_chan *cs[NCHAN];
  unsigned char *e = aligned_alloc (64, (size + 63) & ~(size_t) 63);
  CHECK (e != NULL);
  for (int i = 0; i < NCHAN; i++)
    {
      cs[i] = gochan_chan_make (size, align, cap);
      CHECK (cs[i] != NULL);
    }
  for (int i = 0; i < NCHAN; i++)
    for (size_t k = 0; k < cap; k++)
      {
        memset (e, (int) (i * 7 + k + 1), size);
        CHECK_RC (gochan_chan_trysend (cs[i], e), 0);
      }
  for (int i = 0; i < NCHAN; i++)
    {
      CHECK_RC (gochan_chan_trysend (cs[i], e), -EAGAIN);
      for (size_t k = 0; k < cap; k++)
        {
          memset (e, 0, size);
          CHECK_RC (gochan_chan_tryrecv (cs[i], e), 0);
          for (size_t b = 0; b < size; b++)
            CHECK_EQ (e[b], (unsigned char) (i * 7 + k + 1));
        }
    }
  for (int i = 0; i < NCHAN; i++)
    gochan_chan_release (cs[i]);
  free (e);
}

int
main (void)
{
  static const size_t sizes[] = { 1, 3, 8, 12, 16, 24, 32, 40, 48, 64, 100 };
  static const size_t aligns[] = { 0, 1, 4, 8, 16, 32, 64 };
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
    for (size_t a = 0; a < sizeof aligns / sizeof aligns[0]; a++)
      for (size_t cap = 1; cap <= 9; cap += 4)
        fill_and_check (sizes[s], aligns[a], cap);
  /* malloc checks its chunks when asked to trim: corruption aborts.  */
  void *p = malloc (1 << 20);
  free (p);
  return 0;
}
