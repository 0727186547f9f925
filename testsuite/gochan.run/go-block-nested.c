/* __go_block inside a __go_block captures from the outer block's copies
   (and through them from the function); __go, __select and loops work
   inside a block (break and continue aimed inside it); a block in a
   __select case, in a GNU nested function and in a statement expression
   works; gochan_exit ends a block's goroutine early; a block may
   declare variables, labels and compound literals of its own.  An
   assignment to a captured variable warns, and changes only the copy.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <gochan-test.h>
#include <stdio.h>

struct pair { int a, b; };

static void
add (__chan (int) out, int a, int b)
{
  chan_send (out, a + b);
}

int
main (void)
{
  __chan (int) c = chan_make (int, 0);
  __chan (int) d = chan_make (int, 1);
  __chan (int) e = chan_make (int, 0);
  int base = 1000;		/* { dg-message "note: to share 'base' with the goroutine" } */

  /* Nested blocks: each level captures at its own spawn.  */
  for (int i = 0; i < 3; i++)
    __go_block
      {
	int twice = 2 * i;
	__go_block { chan_send (c, base + twice); }
	base = -1;		/* { dg-warning "assignment to 'base' changes only the goroutine's copy" } */
	__go_block { chan_send (c, base); }
      }
  int sum = 0, minus = 0;
  for (int i = 0; i < 6; i++)
    {
      int v = chan_recv (c);
      if (v == -1)
	minus++;
      else
	sum += v;
    }
  CHECK_EQ (sum, 3000 + 0 + 2 + 4);
  CHECK_EQ (minus, 3);

  /* __select, loops, break, continue, labels, compound literals and
     __go inside a block.  */
  __go_block
    {
      int got = 0;
      for (int round = 0;; round++)
	{
	  __select
	    {
	    case __recv (d, got):
	      break;		/* leaves the __select */
	    default:
	      gochan_yield ();
	      continue;		/* the block's own loop */
	    }
	  if (got < 0)
	    goto done;
	  struct pair p = (struct pair) { got, round };
	  __go add (e, p.a, 0);
	  if (got > 100)
	    break;
	}
      chan_send (c, -5);
    done:
      chan_send (c, -10);
    }
  chan_send (d, 7);
  CHECK_EQ (chan_recv (e), 7);
  chan_send (d, 200);
  CHECK_EQ (chan_recv (e), 200);
  CHECK_EQ (chan_recv (c), -5);
  CHECK_EQ (chan_recv (c), -10);

  /* A block in a __select case.  */
  chan_send (d, 3);
  __select
    {
    case __recv (d, base):
      __go_block { chan_send (c, base * 3); }
    }
  CHECK_EQ (chan_recv (c), 9);

  /* A block in a GNU nested function captures the nested function's
     variables and its parent's.  */
  int outer = 40;
  void spawn (int k)
  {
    __go_block { chan_send (c, outer + k); }
  }
  spawn (2);
  CHECK_EQ (chan_recv (c), 42);

  /* A block in a statement expression.  */
  int r = ({ __go_block { chan_send (c, outer * 2); } 1; });
  CHECK_EQ (chan_recv (c), 80);
  CHECK_EQ (r, 1);

  /* gochan_exit ends the goroutine early.  */
  __go_block
    {
      chan_send (c, 1);
      gochan_exit ();
      chan_send (c, 2);
    }
  CHECK_EQ (chan_recv (c), 1);
  bool ok;
  __select
    {
    case __recv (c, r, ok):
      CHECK (!"a goroutine went on after gochan_exit");
    case __recv (chan_from (int64_t, gochan_after (20 * GOCHAN_MS))):
      break;
    }
  (void) ok;

  printf ("nested ok\n");
  return 0;
}

/* { dg-output "^nested ok\n$" } */
