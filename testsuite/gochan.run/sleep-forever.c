/* Area:    run
   Purpose: gochan_sleep(INT64_MAX) and gochan_sleep_until(INT64_MAX) sleep
            (for all practical purposes) forever.  (Regression: now + ns
            overflowed and they returned after about a millisecond.)  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdint.h>
#include <stdio.h>
#include "gochan-test.h"

static int woke;

static void sleeper(void *arg)
{
    if (arg)
        gochan_sleep(INT64_MAX);
    else
        gochan_sleep_until(INT64_MAX);
    __atomic_store_n(&woke, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    gochan_go(sleeper, (void *)1);
    gochan_go(sleeper, NULL);
    gochan_sleep(100 * GOCHAN_MS);
    CHECK_EQ(__atomic_load_n(&woke, __ATOMIC_SEQ_CST), 0);
    printf("still asleep\n");
    return 0;
}
/* { dg-output "still asleep" } */
