/* __select follows Go: channel operands and send values are evaluated
   once, in source order, before the select; only the chosen case's
   targets are assigned (and their lvalues evaluated); there is no
   fall-through; break leaves the select; continue and return act on the
   enclosing code; default makes it non-blocking; __recv(c, v, ok) sees a
   closed channel; __recv(c) drops the value; a nested select and a __go
   in a case work.  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */

#include <gochan.h>
#include <gochan-test.h>
#include <stdio.h>
#include <string.h>

static char trace[256];

static void
note (const char *s)
{
  strcat (trace, s);
}

static __chan (int)
chan_of (const char *name, __chan (int) c)
{
  note (name);
  return c;
}

static int
value_of (const char *name, int v)
{
  note (name);
  return v;
}

static int slots[4];

static int *
slot (const char *name, int i)
{
  note (name);
  return &slots[i];
}

static int
first_ready (__chan (int) a, __chan (int) b)
{
  int v = -1;
  for (;;)
    {
      __select {
      case __recv (a, v):
	return v;		/* return from inside a select */
      case __recv (b, v):
	continue;		/* the enclosing loop */
      }
    }
}

static void
reply (__chan (int) out, int v)
{
  chan_send (out, v);
}

int
main (void)
{
  __chan (int) a = chan_make (int, 1);
  __chan (int) b = chan_make (int, 1);
  __chan (int) full = chan_make (int, 1);
  __chan (int) nil = NULL;
  chan_send (full, 0);
  chan_send (a, 5);

  /* Operands once, in order; the chosen case (a: the only one ready)
     assigns its target; the other cases' targets are left alone.  */
  slots[0] = slots[1] = slots[2] = -1;
  __select {
  case __recv (chan_of ("A", nil), *slot ("x", 0)):
    note ("!");
    break;
  case __send (chan_of ("B", full), value_of ("C", 9)):
    note ("!");
    break;
  case __recv (chan_of ("D", a), *slot ("y", 1)):
    note ("[y]");
  case __recv (chan_of ("E", nil), *slot ("z", 2)):	/* no fall-through */
    note ("!");
  }
  printf ("trace %s slots %d %d %d\n", trace, slots[0], slots[1], slots[2]);

  /* default: nothing is ready.  break leaves the select only.  */
  int v = 0, rounds = 0;
  for (int i = 0; i < 3; i++)
    {
      __select {
      case __recv (a, v):
	note ("?");
	break;
      default:
	rounds++;
	break;
	note ("!");
      }
      rounds += 10;
    }
  printf ("default rounds %d\n", rounds);

  /* __send converts like an assignment; __recv into a wider type.  */
  __chan (double) d = chan_make (double, 1);
  long l = 0;
  __select {
  case __send (d, 1.5f):
    break;
  }
  double dv = 0;
  __select {
  case __recv (d, dv):
    break;
  }
  chan_send (a, 7);
  __select {
  case __recv (a, l):
    break;
  }
  printf ("converted %.1f %ld\n", dv, l);

  /* ok is false once a channel is closed and drained; __recv (c) drops
     the value.  */
  bool ok = true;
  chan_send (b, 3);
  chan_close (b);
  __select {
  case __recv (b):
    break;
  }
  v = 99;
  __select {
  case __recv (b, v, ok):
    break;
  }
  printf ("closed %d %d\n", v, ok);

  /* continue and return.  */
  __chan (int) c1 = chan_make (int, 1);
  __chan (int) c2 = chan_make (int, 1);
  chan_send (c1, 11);
  chan_send (c2, 22);
  printf ("first %d\n", first_ready (c1, c2));

  /* A nested select and a __go in a case.  */
  __chan (int) out = chan_make (int, 0);
  chan_send (a, 1);
  __select {
  case __recv (a, v):
    __go reply (out, v + 100);
    __select {
    case __recv (out, v):
      break;
    }
    break;
  }
  printf ("nested %d\n", v);

  /* An empty select with default is a no-op.  */
  __select {
  default:
    break;
  }
  return 0;
}

/* { dg-output "trace ABCDEy\\\[y\\\] slots -1 5 -1\n" } */
/* { dg-output "default rounds 33\n" } */
/* { dg-output "converted 1.5 7\n" } */
/* { dg-output "closed 0 0\n" } */
/* { dg-output "first 11\n" } */
/* { dg-output "nested 101\n" } */
