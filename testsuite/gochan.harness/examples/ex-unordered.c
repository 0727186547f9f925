/* Harness fake example without "*" decoration: with "Unordered output:"
   the lines may come in any order.

   Unordered output:
   c
   a
   b
*/
#include <stdio.h>

int
main (void)
{
  printf ("a\nb\nc\n");
  return 0;
}
