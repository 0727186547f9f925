/* hello.c: the README's first program, built by install.exp against the
 * installed gochan only (pkg-config, then -specs=gochan.specs).  Prints
 * 285. */
#include <gochan.h>
#include <stdio.h>

void worker(__chan(int) jobs, __chan(int) results)
{
    bool ok;
    for (int j = chan_recv_ok(jobs, &ok); ok; j = chan_recv_ok(jobs, &ok))
        chan_send(results, j * j);
}

int main(void)
{
    __chan(int) jobs = chan_make(int, 16);
    __chan(int) results = chan_make(int, 16);
    for (int w = 0; w < 4; w++)
        __go worker(jobs, results);        /* start a goroutine */
    for (int i = 1; i <= 9; i++)
        chan_send(jobs, i);
    chan_close(jobs);
    int sum = 0;
    for (int i = 1; i <= 9; i++)
        sum += chan_recv(results);
    printf("%d\n", sum);                   /* 285 */
}
