/*
 * Non-blocking channel operations: a __select with a default case never
 * waits.  If no other case can proceed at once, default runs.  That gives
 * a receive that only takes a value already there, a send that only
 * happens if someone can take it, and a poll of several channels.  (For
 * one channel the plain API has gochan_chan_tryrecv and _trysend, which
 * return -EAGAIN instead of waiting.)
 *
 * Output:
 *   no message received
 *   no message sent
 *   sent hi
 *   received hi
 *   no activity
 */
#include <gochan.h>
#include <stdio.h>

int main(void)
{
    __chan(const char *) messages = chan_make(const char *, 0);
    __chan(int) signals = chan_make(int, 0);
    const char *msg;

    /* Nobody is sending: a plain receive would wait forever. */
    __select {
    case __recv(messages, msg):
        printf("received %s\n", msg);
        break;
    default:
        printf("no message received\n");
    }

    /* messages is unbuffered and nobody is receiving: no room. */
    __select {
    case __send(messages, "hi"):
        printf("sent hi\n");
        break;
    default:
        printf("no message sent\n");
    }

    /* With room in a buffer the send proceeds, and then the receive. */
    __chan(const char *) mailbox = chan_make(const char *, 1);
    __select {
    case __send(mailbox, "hi"):
        printf("sent hi\n");
        break;
    default:
        printf("no message sent\n");
    }
    __select {
    case __recv(mailbox, msg):
        printf("received %s\n", msg);
        break;
    default:
        printf("no message received\n");
    }

    /* A multi-way poll: whatever is ready now, else move on. */
    int sig;
    __select {
    case __recv(messages, msg):
        printf("received %s\n", msg);
        break;
    case __recv(signals, sig):
        printf("received signal %d\n", sig);
        break;
    case __recv(mailbox, msg):
        printf("received %s again\n", msg);
        break;
    default:
        printf("no activity\n");
    }
    return 0;
}
