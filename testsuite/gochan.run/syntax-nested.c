/* The syntax inside GNU nested functions and statement expressions: a
   __go and a __select in a nested function (which may read its parent's
   variables, evaluated in the spawning goroutine), a __go in a
   statement expression.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <stdio.h>

static void
add (__chan (int) out, int a, int b)
{
  chan_send (out, a + b);
}

int
main (void)
{
  __chan (int) out = chan_make (int, 0);
  int base = 40;

  void spawn (int k)
  {
    __go add (out, base, k);	/* base is read here, by the parent's frame */
  }
  int wait (void)
  {
    int v = -1;
    __select {
    case __recv (out, v):
      break;
    }
    return v;
  }

  spawn (2);
  printf ("nested %d\n", wait ());
  int r = ({ __go add (out, 1, 2); 5; });
  printf ("stmt-expr %d %d\n", r, chan_recv (out));
  return 0;
}

/* { dg-output "^nested 42\nstmt-expr 5 3\n$" } */
