/*
 * Harness fake example whose output changes from run to run: only a clean
 * exit is checked.
 *
 * Output: (varies)
 */
#include <stdio.h>
#include <time.h>

int
main (void)
{
  printf ("%ld\n", (long) time (NULL));
  return 0;
}
