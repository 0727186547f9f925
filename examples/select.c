/*
 * Select: __select waits on several channel operations at once and
 * performs exactly one of them: the first that can proceed (a random one
 * if several can), as Go's select statement does.  A case is a send,
 * __send(c, x), or a receive, __recv(c, v) or __recv(c) to drop the value.
 *
 * fibonacci sends numbers on c until it can receive on quit, offering
 * both in one select: it never knows in advance which will happen next.
 * A goroutine takes ten numbers and then says quit.
 *
 * Output:
 *   0 1 1 2 3 5 8 13 21 34
 *   quit after 10 numbers
 */
#include <gochan.h>
#include <stdio.h>

static int fibonacci(__chan(int) c, __chan(int) quit)
{
    int x = 0, y = 1, n = 0;
    for (;;) {
        __select {
        case __send(c, x):
            /* The send happened: x, y = y, x+y. */
            y = x + y;
            x = y - x;
            n++;
            break;              /* leaves the __select, not the loop */
        case __recv(quit):
            return n;           /* return works from inside a case */
        }
    }
}

static void take_ten(__chan(int) c, __chan(int) quit)
{
    for (int i = 0; i < 10; i++)
        printf("%d%s", chan_recv(c), i < 9 ? " " : "\n");
    chan_send(quit, 0);
}

int main(void)
{
    __chan(int) c = chan_make(int, 0);
    __chan(int) quit = chan_make(int, 0);

    __go take_ten(c, quit);
    printf("quit after %d numbers\n", fibonacci(c, quit));
    return 0;
}
