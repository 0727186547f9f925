/* Area:    stack
   Purpose: libc-heavy work (printf to a buffer, qsort with a callback,
            malloc/free, strtod) from 2,000 goroutines at once on all Ps:
            calls from split-stack code into libc get a big enough segment
            (gold/lld rewrite), nothing is corrupted.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gochan-test.h"

static int cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static long ok;

static void work(void *arg)
{
    long id = (long)arg;
    int n = 500 + (int)(id % 300);
    int *v = malloc((size_t)n * sizeof *v);
    CHECK(v != NULL);
    for (int i = 0; i < n; i++)
        v[i] = (int)((i * 7919L + id) % n);
    qsort(v, (size_t)n, sizeof *v, cmp);
    for (int i = 1; i < n; i++)
        CHECK(v[i - 1] <= v[i]);
    char buf[128];
    snprintf(buf, sizeof buf, "%ld:%.3f:%s", id, id / 8.0, "goroutine");
    char *end;
    CHECK_EQ(strtol(buf, &end, 10), id);
    CHECK(*end == ':');
    CHECK(strtod(end + 1, NULL) == id / 8.0);
    free(v);
    __atomic_fetch_add(&ok, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    for (long i = 0; i < 2000; i++)
        gochan_go(work, (void *)i);
    while (__atomic_load_n(&ok, __ATOMIC_SEQ_CST) != 2000)
        gochan_yield();
    printf("libc from 2000 goroutines ok\n");
    return 0;
}
/* { dg-output "libc from 2000 goroutines ok" } */
