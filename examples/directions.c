/*
 * Channel directions: Go can say in a function's type that it only sends
 * on a channel (chan<- T) or only receives (<-chan T).  C has no such
 * types, so __chan(T) is both ways; the direction is a convention, kept
 * in the parameter's name and comment, and by calling only chan_send on
 * an "out" channel and only chan_recv on an "in" channel.  By the same
 * convention, whoever sends on a channel is the one that closes it.
 *
 * ping only sends; pong receives from one channel and sends on another;
 * main receives the message at the end of the chain.
 *
 * Output:
 *   pong got: passed message
 *   main got: passed message (via ping and pong)
 */
#include <gochan.h>
#include <stdio.h>
#include <string.h>

struct msg {
    char text[64];   /* arrays travel in a struct, copied by value */
};

/* out: send only (Go: pings chan<- struct msg). */
static void ping(__chan(struct msg) out, const char *text)
{
    struct msg m;
    snprintf(m.text, sizeof m.text, "%s", text);
    chan_send(out, m);
}

/* in: receive only (<-chan struct msg); out: send only. */
static void pong(__chan(struct msg) in, __chan(struct msg) out)
{
    struct msg m = chan_recv(in);
    printf("pong got: %s\n", m.text);
    size_t len = strlen(m.text);
    snprintf(m.text + len, sizeof m.text - len, " (via ping and pong)");
    chan_send(out, m);
}

int main(void)
{
    __chan(struct msg) pings = chan_make(struct msg, 1);
    __chan(struct msg) pongs = chan_make(struct msg, 1);

    __go ping(pings, "passed message");
    __go pong(pings, pongs);

    struct msg m = chan_recv(pongs);
    printf("main got: %s\n", m.text);
    return 0;
}
