/* The interface of userlib.c, a program's own shared library built with
   the gochan plugin and split stacks (see shared.exp). */
#ifndef USERLIB_H
#define USERLIB_H
#include <gochan.h>

/* Starts n goroutines in the library; each recurses depth frames deep
   and sends the sum 1 + 2 + ... + depth on out. */
void userlib_start(int n, long depth, __chan(long) out);
/* The same sum, recursively, on the caller's stack. */
long userlib_sum(long depth);

#endif
