/*
 * Goroutines: `__go f(x);` runs f(x) on a new goroutine, a lightweight
 * thread managed by the gochan runtime, and returns at once, as Go's
 * `go f(x)` does.  Here main says hello itself, then starts three
 * goroutines that each say hello with their own number, and waits until
 * all three have finished.  The goroutines run concurrently, so their
 * lines come in any order.
 *
 * Unordered output:
 *   hello from main
 *   hello from goroutine 0
 *   hello from goroutine 1
 *   hello from goroutine 2
 *   main: all 3 goroutines finished
 */
#include <gochan.h>
#include <stdio.h>

static void say_hello(int n, __chan(int) done)
{
    printf("hello from goroutine %d\n", n);
    chan_send(done, n);         /* tell main this goroutine is finished */
}

int main(void)
{
    /* A channel the goroutines use to say "finished": channels are the
       next example (channels.c, which also says when to chan_release). */
    __chan(int) done = chan_make(int, 0);

    printf("hello from main\n");

    /* The callee and the arguments are evaluated here, in main, by value:
       each goroutine gets the value i had when it was started (the
       classic bug of Go before 1.22, a loop variable shared by every
       closure, cannot happen). */
    for (int i = 0; i < 3; i++)
        __go say_hello(i, done);

    /* main is goroutine 1.  When main returns the program exits, whatever
       the other goroutines are doing, as in Go: so wait for all three. */
    for (int i = 0; i < 3; i++)
        chan_recv(done);
    printf("main: all 3 goroutines finished\n");
    chan_release(done);
    return 0;
}
