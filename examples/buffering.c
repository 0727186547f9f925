/*
 * Buffered channels: chan_make(T, n) makes a channel with room for n
 * values, Go's make(chan T, n).  A send waits only when the buffer is
 * full and a receive only when it is empty, so main alone can send a few
 * values before anyone receives them (on an unbuffered channel the first
 * send would wait for a receiver forever: a deadlock).  Values come out
 * in the order they went in.  chan_len and chan_cap are Go's len and cap
 * on a channel.
 *
 * Output:
 *   queued 3 of 3
 *   buffered
 *   channel
 *   values
 *   queued 0 of 3
 */
#include <gochan.h>
#include <stdio.h>

int main(void)
{
    __chan(const char *) messages = chan_make(const char *, 3);

    /* No receiver: with room for three, these sends do not wait.  A
       fourth would wait until someone received. */
    chan_send(messages, "buffered");
    chan_send(messages, "channel");
    chan_send(messages, "values");
    printf("queued %zu of %zu\n", chan_len(messages), chan_cap(messages));

    for (int i = 0; i < 3; i++)
        printf("%s\n", chan_recv(messages));
    printf("queued %zu of %zu\n", chan_len(messages), chan_cap(messages));
    return 0;
}
