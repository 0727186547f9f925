/* exchange-many.c with one P: every writer and reader of the 192 streams
   shares one processor, so a goroutine that blocked its thread on a full
   or empty buffer would stop the test (the harness timeout fails it).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-set-target-env-var GOCHAN_MAXPROCS "1" } */
#include "exchange-many.c"
/* { dg-output "192 streams, 75497472 bytes, all intact" } */
