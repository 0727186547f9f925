/* A select without default (blocking), an empty select (blocks forever)
   and one with only default; a select nested in a case, a __go in a case
   and a select in a loop are all lowered, in source order.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -fplugin-arg-gochan-dump" } */

#include <gochan.h>

void work (int);

void
forms (__chan (int) a, __chan (int) b, int forever)
{
  int v = 0;
  __select {
  case __recv (a, v):
    __go work (v);
    __select {
    case __send (b, v):
      break;
    default:
      break;
    }
  }
  for (int i = 0; i < 3; i++)
    __select {
    default:
      continue;
    }
  if (forever)
    __select {}
}

/* { dg-final { scan-gochan-dump {^select forms:16 cases=1 default=no order=recv:int$} } } */
/* { dg-final { scan-gochan-dump {^go forms:18 thunk=forms\.gochan_go\.0 } } } */
/* { dg-final { scan-gochan-dump {^select forms:19 cases=1 default=yes order=send:int$} } } */
/* { dg-final { scan-gochan-dump {^select forms:27 cases=0 default=yes order=none$} } } */
/* { dg-final { scan-gochan-dump {^select forms:32 cases=0 default=no order=none$} } } */
