/* __select: one __gochan_select per select, its cases in source order
   with their element types; the four case forms and default.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

struct point { int x, y; };

int
choose (__chan (int) a, __chan (struct point) p, __chan (double) d,
	__chan (__chan (int)) cc)
{
  int v = 0;
  long l = 0;
  bool ok = false;
  struct point pt = { 0, 0 };
  __select {
  case __recv (a, v):
    break;
  case __send (d, 1.5f):
    break;
  case __recv (p, pt, ok):
    break;
  case __recv (cc):
    break;
  case __recv_ok (a, l, ok):
    break;
  default:
    break;
  }
  return v + (int) l + ok + pt.x;
}

/* { dg-final { scan-gochan-dump {^select choose:19 cases=5 default=yes order=recv:int,send:double,recv-ok:struct point,recv-drop:__chan\(int\),recv-ok:int$} } } */
/* { dg-final { scan-gochan-dump-times {^select } 1 } } */
