/* Elements of any size and alignment: odd sizes (1, 3, 7, 12, 24 bytes),
   a 1000-byte struct and a 64-byte-aligned struct, through buffered and
   unbuffered channels (direct hand-off both ways, buffer, and the
   buffer-full hand-off that keeps FIFO order), through select, and zeroed
   on a closed channel.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <stdint.h>
#include <string.h>
#include "gochan-test.h"

struct big { unsigned char b[1000]; };
struct aligned { _Alignas (64) uint32_t x[5]; };

static void
fill (unsigned char *p, size_t n, int seed)
{
  for (size_t i = 0; i < n; i++)
    p[i] = (unsigned char) (seed * 31 + i * 7 + 1);
}

static int
check_fill (const unsigned char *p, size_t n, int seed)
{
  for (size_t i = 0; i < n; i++)
    if (p[i] != (unsigned char) (seed * 31 + i * 7 + 1))
      return 0;
  return 1;
}

struct job { gochan_chan *c; size_t size; int n; };

static void
producer (void *p)
{
  struct job *j = p;
  unsigned char buf[1000];
  for (int i = 0; i < j->n; i++)
    {
      fill (buf, j->size, i);
      CHECK_RC (gochan_chan_send (j->c, buf), 0);
    }
  gochan_chan_close (j->c);
}

static void
run (size_t size, size_t align, size_t cap)
{
  gochan_chan *c = gochan_chan_make (size, align, cap);
  CHECK (c != NULL);
  struct job j = { c, size, 200 };
  CHECK_RC (gochan_go_copy (producer, &j, sizeof j, 0), 0);
  _Alignas (64) unsigned char buf[1024];
  for (int i = 0; i < j.n; i++)
    {
      memset (buf, 0xee, sizeof buf);
      if (i % 2)
        CHECK_RC (gochan_chan_recv (c, buf), 0);
      else
        {
          gochan_select_case cases[] = {
            GOCHAN_SELECT_RECV_CASE (c, buf),
            GOCHAN_SELECT_RECV_CASE (NULL, NULL),
          };
          CHECK_EQ (gochan_select (cases, 2), 0);
          CHECK (cases[0].ok);
        }
      CHECK (check_fill (buf, size, i));
      CHECK_EQ (buf[size], 0xee);          /* nothing written past it */
      if (i % 16 == 0)
        gochan_yield ();                   /* let the buffer fill */
    }
  memset (buf, 0xee, sizeof buf);
  CHECK_RC (gochan_chan_recv (c, buf), -EPIPE);
  for (size_t k = 0; k < size; k++)
    CHECK_EQ (buf[k], 0);
  CHECK_EQ (buf[size], 0xee);
  gochan_chan_release (c);
}

int
main (void)
{
  static const size_t sizes[] = { 1, 3, 7, 12, 24, sizeof (struct big) };
  for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    for (size_t cap = 0; cap <= 8; cap += 4)
      run (sizes[i], 1, cap);
  for (size_t cap = 0; cap <= 8; cap += 4)
    run (sizeof (struct big), _Alignof (struct big), cap);

  /* Alignment: every slot of the buffer is 64-byte aligned (checked by
     the address the hardware sees: elements land intact). */
  gochan_chan *c = GOCHAN_CHAN_MAKE (struct aligned, 3);
  CHECK (c != NULL);
  for (int round = 0; round < 5; round++)
    for (uint32_t i = 0; i < 3; i++)
      {
        struct aligned s = { { i, i + 1, i + 2, i + 3, i + 4 } };
        CHECK_RC (gochan_chan_send (c, &s), 0);
        if (i == 2)
          for (uint32_t k = 0; k < 3; k++)
            {
              struct aligned r;
              CHECK_RC (gochan_chan_recv (c, &r), 0);
              CHECK_EQ (r.x[0], k);
              CHECK_EQ (r.x[4], k + 4);
            }
      }
  gochan_chan_release (c);
  for (size_t cap = 0; cap <= 8; cap += 4)
    run (sizeof (struct aligned), 64, cap);
  return 0;
}
