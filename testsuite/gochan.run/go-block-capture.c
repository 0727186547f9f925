/* __go_block captures by value, at the spawn point: a variable changed
   after the __go_block (before the goroutine reads it) keeps its old
   value in the goroutine; a loop variable is captured per iteration;
   a struct is copied whole; an array is shared (captured by address);
   a pointer is copied, so what it points to is shared; parameters and
   volatile and const variables are captured like the rest; an
   assignment in the block changes only the goroutine's copy (the
   warning is off here: -fplugin-arg-gochan-no-capture-warning).  */
/* { dg-do run } */
/* { dg-require-effective-target plugin } */
/* { dg-require-effective-target runtime } */
/* { dg-additional-options "-fplugin-arg-gochan-no-capture-warning" } */

#include <gochan.h>
#include <gochan-test.h>
#include <stdio.h>

struct pt { int x, y; char tag[8]; };

static int
spawn_param (int n, __chan (int) out)
{
  __go_block { chan_send (out, n * 10); };
  n = -1;
  return n;
}

int
main (void)
{
  __chan (int) c = chan_make (int, 0);
  __chan (bool) go = chan_make (bool, 0);

  /* 1. By value at the spawn point: the goroutine waits until the
     variable has changed, then reports what it captured.  */
  int x = 1;
  struct pt p = { 3, 4, "before" };
  volatile int vol = 5;
  const int k = 6;
  __go_block
    {
      chan_recv (go);
      chan_send (c, x);
      chan_send (c, p.x + p.y);
      chan_send (c, p.tag[0] == 'b');
      chan_send (c, vol + k);
    }
  x = 2;
  p.x = 30;
  p.tag[0] = 'a';
  vol = 50;
  chan_send (go, true);
  CHECK_EQ (chan_recv (c), 1);
  CHECK_EQ (chan_recv (c), 7);
  CHECK_EQ (chan_recv (c), 1);
  CHECK_EQ (chan_recv (c), 11);

  /* 2. A loop variable per iteration: every value arrives once.  */
  enum { N = 50 };
  unsigned long long seen = 0;
  for (int i = 0; i < N; i++)
    __go_block { chan_send (c, i); }
  for (int i = 0; i < N; i++)
    {
      int v = chan_recv (c);
      CHECK (v >= 0 && v < N);
      CHECK ((seen & (1ULL << v)) == 0);
      seen |= 1ULL << v;
    }
  CHECK_EQ (seen, (1ULL << N) - 1);

  /* 3. Arrays are shared: the goroutines fill the spawner's array.  */
  int squares[N];
  for (int i = 0; i < N; i++)
    __go_block { squares[i] = i * i; chan_send (c, 1); }
  for (int i = 0; i < N; i++)
    chan_recv (c);
  for (int i = 0; i < N; i++)
    CHECK_EQ (squares[i], i * i);

  /* 4. A pointer is copied; what it points to is shared.  */
  int total = 0;
  int *tp = &total;
  for (int i = 1; i <= 10; i++)
    __go_block { __atomic_add_fetch (tp, i, __ATOMIC_SEQ_CST); chan_send (c, 0); }
  for (int i = 1; i <= 10; i++)
    chan_recv (c);
  CHECK_EQ (total, 55);

  /* 5. Assignments change the goroutine's copy only.  */
  int y = 100;
  __go_block { y++; p.x = -7; chan_send (c, y + p.x); }
  CHECK_EQ (chan_recv (c), 101 - 7);
  CHECK_EQ (y, 100);
  CHECK_EQ (p.x, 30);

  /* 6. Parameters are captured at the spawn too.  */
  CHECK_EQ (spawn_param (4, c), -1);
  CHECK_EQ (chan_recv (c), 40);

  printf ("captures ok\n");
  return 0;
}

/* { dg-output "^captures ok\n$" } */
