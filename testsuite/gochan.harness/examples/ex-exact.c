/*
 * Harness fake example: the examples driver compares the program's output
 * with this block, line for line, as literal text ("[x]" and "." are not
 * regexps here).
 *
 * Output:
 *   ping [x]
 *     pong.
 *
 *   done
 */
#include <stdio.h>

int
main (void)
{
  printf ("ping [x]\n");
  printf ("pong.   \n\n");
  fprintf (stderr, "done\n");
  return 0;
}
