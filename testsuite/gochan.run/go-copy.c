/* Area:    run
   Purpose: gochan_go_copy gives each goroutine its own copy of an argument
            block: small blocks (inline in the descriptor), large ones, and
            over-aligned ones; the caller may reuse its buffer at once.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/sched.h>
#include <stdint.h>
#include <stdio.h>
#include "gochan-test.h"

struct small { int id; char tag[8]; };
struct big { int id; unsigned char bytes[300]; };
struct aligned { _Alignas(64) int id; double d; };

static int ok_small, ok_big, ok_aligned;

static void run_small(void *p)
{
    struct small *s = p;
    CHECK(s->tag[0] == 's' && s->tag[1] == (char)('0' + s->id % 10));
    __atomic_fetch_add(&ok_small, 1, __ATOMIC_SEQ_CST);
}

static void run_big(void *p)
{
    struct big *b = p;
    for (int i = 0; i < 300; i++)
        CHECK_EQ(b->bytes[i], (unsigned char)(b->id + i));
    __atomic_fetch_add(&ok_big, 1, __ATOMIC_SEQ_CST);
}

static void run_aligned(void *p)
{
    struct aligned *a = p;
    CHECK_EQ((uintptr_t)p % 64, 0);
    CHECK(a->d == a->id * 0.5);
    __atomic_fetch_add(&ok_aligned, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    enum { N = 200 };
    for (int i = 0; i < N; i++) {
        struct small s = { i, { 's', (char)('0' + i % 10) } };
        CHECK_RC(gochan_go_copy(run_small, &s, sizeof s, _Alignof(struct small)), 0);
        struct big b = { .id = i };
        for (int k = 0; k < 300; k++)
            b.bytes[k] = (unsigned char)(i + k);
        CHECK_RC(gochan_go_copy(run_big, &b, sizeof b, 0), 0);
        struct aligned a = { i, i * 0.5 };
        CHECK_RC(gochan_go_copy(run_aligned, &a, sizeof a, 64), 0);
        /* the buffers die here: each goroutine must have its own copy */
    }
    while (__atomic_load_n(&ok_small, __ATOMIC_SEQ_CST) +
               __atomic_load_n(&ok_big, __ATOMIC_SEQ_CST) +
               __atomic_load_n(&ok_aligned, __ATOMIC_SEQ_CST) != 3 * N)
        gochan_yield();
    printf("copies ok\n");
    return 0;
}
/* { dg-output "copies ok" } */
