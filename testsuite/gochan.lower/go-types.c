/* Arguments of every kind travel by value in the block: structs, unions,
   over-aligned structs, complex, long double, __int128, vectors and
   channels.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11 -Wno-psabi -fplugin-arg-gochan-dump" } */

#include <gochan.h>

struct big { char bytes[100]; };
union u { int i; float f; };
struct aligned { _Alignas (64) int v; };
typedef int v4si __attribute__ ((vector_size (16)));

void take (struct big, union u, struct aligned, _Complex double,
	   long double, __int128, v4si, __chan (struct big));

void
spawn (struct big b, union u u, struct aligned a, _Complex double z,
       long double ld, __int128 w, v4si v, __chan (struct big) c)
{
  __go take (b, u, a, z, ld, w, v, c);
}

/* { dg-final { scan-gochan-dump {^go spawn:22 thunk=spawn\.gochan_go\.0 callee=take fields=a0:struct big,a1:union u,a2:struct aligned,a3:complex double,a4:long double,a5:__int128,a6:__vector\(4\) int,a7:__chan\(struct big\) early=none$} } } */
