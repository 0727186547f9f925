/* Code that does not use the syntax is not touched, whether or not it
   includes <gochan.h>: no lowering, no ABI reference.  Channel macros
   that are plain function calls are not lowerings either.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

int
f (int x)
{
  __chan (int) c = chan_make (int, 1);
  chan_send (c, x);
  x = chan_recv (c);
  chan_close (c);
  switch (x)
    {
    case 1:
      return 2;
    default:
      return x;
    }
}

/* { dg-final { scan-gochan-dump-not {.} } } */
