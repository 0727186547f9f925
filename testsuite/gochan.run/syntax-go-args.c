/* __go passes its arguments by value, evaluated in the spawning goroutine
   when the __go runs, in order (callee first), each exactly once: scalars,
   structs, unions, over-aligned structs, complex, long double, __int128,
   channels, a variadic callee (printf) and callees reached through a
   function pointer, a struct member and a call.  Each goroutine reports
   back on a channel, one at a time, so the output order is fixed.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */
/* { dg-options "-std=gnu11 -Wall -Wno-psabi" } */

#include <gochan.h>
#include <gochan-test.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

struct big { int v[16]; char tag[8]; };
union num { long i; double d; };
struct aligned { _Alignas (64) int v; };

static __chan (int) done;
static char trace[64];
static int ntrace;

static int
note (char c, int v)
{
  trace[ntrace++] = c;
  return v;
}

static void
scalars (int a, long b, double c, char d, const char *s)
{
  printf ("scalars %d %ld %.2f %c %s\n", a, b, c, d, s);
  chan_send (done, 1);
}

static void
aggregates (struct big b, union num n, struct aligned al, _Complex double z,
	    long double ld, __int128 w)
{
  CHECK_EQ ((long) ((unsigned long) &al % 64), 0);
  printf ("aggregates %d %d %s %ld %.1f%+.1fi %.1Lf %d\n", b.v[0], b.v[15],
	  b.tag, n.i, __real__ z, __imag__ z, ld, (int) (w >> 64));
  chan_send (done, 1);
}

static void
copy_of (struct big b, int expect0)
{
  CHECK_EQ (b.v[0], expect0);
  printf ("copy %d\n", b.v[0]);
  chan_send (done, 1);
}

static void
on_chan (__chan (__chan (int)) cc, int v)
{
  __chan (int) c = chan_recv (cc);
  chan_send (c, v * 10);
}

typedef void handler_fn (int);
struct server { handler_fn *handle; };

static void
handle (int v)
{
  printf ("handle %d\n", v);
  chan_send (done, 1);
}

static handler_fn *
pick (int v)
{
  (void) note ('p', v);
  return handle;
}

static void
ordered (int a, int b, int c)
{
  printf ("ordered %d %d %d\n", a, b, c);
  chan_send (done, 1);
}

static void
nothing (void)
{
  puts ("nothing");
  chan_send (done, 1);
}

__attribute__ ((format (printf, 2, 3))) static void
say (__chan (int) d, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  chan_send (d, 1);
}

int
main (void)
{
  done = chan_make (int, 0);

  __go scalars (1, 2L, 3.25, 'x', "str");
  chan_recv (done);

  struct big b;
  memset (&b, 0, sizeof b);
  b.v[0] = 7;
  b.v[15] = 9;
  strcpy (b.tag, "big");
  union num n = { .i = 42 };
  struct aligned al = { 5 };
  __int128 w = (__int128) 3 << 64;
  __go aggregates (b, n, al, 1.0 + 2.0i, 2.5L, w);
  chan_recv (done);

  /* The goroutine gets the value at the __go, not a later one.  */
  b.v[0] = 100;
  __go copy_of (b, 100);
  b.v[0] = 200;
  chan_recv (done);

  __chan (__chan (int)) cc = chan_make (__chan (int), 1);
  __chan (int) c = chan_make (int, 1);
  __go on_chan (cc, 4);
  chan_send (cc, c);
  printf ("on_chan %d\n", chan_recv (c));

  char ch = 'c';
  short sh = 6;
  __go say (done, "variadic %d %s %.1f %c %d\n", 5, "five", 5.0f, ch, sh);
  chan_recv (done);
  __go nothing ();
  chan_recv (done);

  struct server srv = { handle };
  struct server *sp = &srv;
  __go sp->handle (1);
  chan_recv (done);
  __go srv.handle (2);
  chan_recv (done);

  /* Callee, then arguments, left to right, each once (C leaves the
     order of a call's arguments unspecified; __go does not).  */
  __go pick (3) (note ('a', 10));
  chan_recv (done);
  __go ordered (note ('b', 1), note ('c', 2), note ('d', 3));
  chan_recv (done);
  trace[ntrace] = '\0';
  printf ("trace %s\n", trace);
  CHECK_STREQ (trace, "pabcd");
  return 0;
}

/* { dg-output "scalars 1 2 3.25 x str\n" } */
/* { dg-output "aggregates 7 9 big 42 1.0\\+2.0i 2.5 3\n" } */
/* { dg-output "copy 100\n" } */
/* { dg-output "on_chan 40\n" } */
/* { dg-output "variadic 5 five 5.0 c 6\n" } */
/* { dg-output "nothing\n" } */
/* { dg-output "handle 1\nhandle 2\nhandle 10\nordered 1 2 3\n" } */
/* { dg-output "trace pabcd\n" } */
