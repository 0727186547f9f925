/*
 * Channels: goroutines talk by sending values on channels.  `__chan(T)`
 * is the type of a channel of T and chan_make(T, 0) makes an unbuffered
 * one, Go's make(chan T).  On an unbuffered channel a send and a receive
 * wait for each other: the value passes hand to hand, so the send also
 * tells the sender that the receiver has got it.  Here a goroutine sends
 * "ping", main receives it and answers "pong" on a second channel.
 *
 * Output:
 *   main: received ping
 *   player: received pong
 *   main: done
 */
#include <gochan.h>
#include <stdio.h>

static void player(__chan(const char *) pings, __chan(const char *) pongs,
                   __chan(int) done)
{
    chan_send(pings, "ping");           /* pings <- "ping": waits for main */
    const char *msg = chan_recv(pongs); /* msg := <-pongs */
    printf("player: received %s\n", msg);
    chan_send(done, 1);
}

int main(void)
{
    __chan(const char *) pings = chan_make(const char *, 0);
    __chan(const char *) pongs = chan_make(const char *, 0);
    __chan(int) done = chan_make(int, 0);

    __go player(pings, pongs, done);

    /* chan_recv blocks until the player sends. */
    printf("main: received %s\n", chan_recv(pings));
    chan_send(pongs, "pong");

    /* Values go in "as by assignment": the compiler checks them against
       the element type, so chan_send(done, "x") would not compile. */
    chan_recv(done);
    printf("main: done\n");

    /* chan_make returns a channel holding one reference; chan_release
       drops it and frees the channel once nobody can use it any more.  A
       program about to exit need not bother; a loop that makes channels
       must. */
    chan_release(pings);
    chan_release(pongs);
    chan_release(done);
    return 0;
}
