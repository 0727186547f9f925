/*
 * The prime sieve from Go's early days: a daisy chain of goroutines.  A
 * generator sends 2, 3, 4, ...; each prime found gets a filter goroutine
 * that passes on only the numbers it does not divide.  Whatever comes out
 * of the end of the chain is the next prime, and a new filter for it is
 * added there.  Each goroutine has its own small stack, so a chain of
 * thousands would cost little.
 *
 * Output:
 *   2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71 73 79 83 89 97
 *   1 main + 1 generator + 25 filters = 27 goroutines
 */
#include <gochan.h>
#include <stdio.h>

/* Sends 2, 3, 4, ... on out (send only). */
static void generate(__chan(int) out)
{
    for (int i = 2;; i++)
        chan_send(out, i);
}

/* Copies the values from in (receive only) to out (send only), dropping
   the multiples of prime. */
static void filter(__chan(int) in, __chan(int) out, int prime)
{
    for (;;) {
        int i = chan_recv(in);
        if (i % prime != 0)
            chan_send(out, i);
    }
}

int main(void)
{
    __chan(int) ch = chan_make(int, 0);
    __go generate(ch);

    int n = 0;
    for (int prime = chan_recv(ch); prime < 100; prime = chan_recv(ch)) {
        printf("%s%d", n++ ? " " : "", prime);
        __chan(int) next = chan_make(int, 0);
        __go filter(ch, next, prime);
        ch = next;
    }
    printf("\n");

    /* The goroutines are all still there, each blocked on a channel. */
    printf("1 main + 1 generator + %d filters = %lld goroutines\n", n,
           (long long)gochan_num_goroutine());
    return 0;
}
