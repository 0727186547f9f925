/* The Go tour's select example: fibonacci sends on c until it can
   receive on quit; a goroutine prints ten numbers and then quits it.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <stdio.h>

static void
fibonacci (__chan (int) c, __chan (int) quit)
{
  int x = 0, y = 1;
  for (;;)
    {
      __select {
      case __send (c, x):
	{
	  int t = x + y;
	  x = y;
	  y = t;
	}
	break;
      case __recv (quit):
	puts ("quit");
	return;
      }
    }
}

static void
consume (__chan (int) c, __chan (int) quit)
{
  for (int i = 0; i < 10; i++)
    printf ("%d\n", chan_recv (c));
  chan_send (quit, 0);
}

int
main (void)
{
  __chan (int) c = chan_make (int, 0);
  __chan (int) quit = chan_make (int, 0);
  __go consume (c, quit);
  fibonacci (c, quit);
  return 0;
}

/* { dg-output "^0\n1\n1\n2\n3\n5\n8\n13\n21\n34\nquit\n$" } */
