/*
 * Closing channels and draining them: closing a channel tells receivers
 * that no more values will come.  Values already in its buffer are still
 * delivered; after them a receive returns at once with the zero value,
 * and chan_recv_ok reports false, Go's `v, ok := <-c`.  Looping until
 * that false is C's spelling of Go's `for v := range c`.  Only the sender
 * closes: a send on a closed channel panics.
 *
 * main queues three jobs, closes the channel, and only then starts the
 * worker, which still gets all three, and a fourth receive by main sees
 * the channel closed and drained.  Then a generator goroutine produces
 * squares on an unbuffered channel and closes it when done; main ranges
 * over it.
 *
 * Output:
 *   sent 3 jobs and closed the channel
 *   received job 1
 *   received job 2
 *   received job 3
 *   received all jobs
 *   another receive: value 0, ok false
 *   squares: 1 4 9 16 25
 */
#include <gochan.h>
#include <stdio.h>

static void worker(__chan(int) jobs, __chan(int) done)
{
    bool ok;
    for (int j = chan_recv_ok(jobs, &ok); ok; j = chan_recv_ok(jobs, &ok))
        printf("received job %d\n", j);
    printf("received all jobs\n");
    chan_send(done, 1);
}

/* The sender closes, once it knows it has nothing more to send. */
static void squares(int n, __chan(int) out)
{
    for (int i = 1; i <= n; i++)
        chan_send(out, i * i);
    chan_close(out);
}

int main(void)
{
    __chan(int) jobs = chan_make(int, 5);
    __chan(int) done = chan_make(int, 0);

    for (int j = 1; j <= 3; j++)
        chan_send(jobs, j);
    chan_close(jobs);
    printf("sent 3 jobs and closed the channel\n");

    __go worker(jobs, done);
    chan_recv(done);

    bool ok;
    int v = chan_recv_ok(jobs, &ok);
    printf("another receive: value %d, ok %s\n", v, ok ? "true" : "false");

    __chan(int) sq = chan_make(int, 0);
    __go squares(5, sq);
    printf("squares:");
    for (int s = chan_recv_ok(sq, &ok); ok; s = chan_recv_ok(sq, &ok))
        printf(" %d", s);
    printf("\n");
    return 0;
}
