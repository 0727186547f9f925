/*
 * Timeouts: to stop waiting after a while, select on the work and on a
 * timer.  gochan_after(d) is Go's time.After: a channel that receives the
 * time once, d nanoseconds from now.  Whichever comes first wins.
 *
 * The first call takes a second, far longer than its 20 ms budget, and
 * times out; the second takes 10 ms of its 500 ms budget and succeeds.
 * For a single receive, the deadline variant of the plain API does the
 * same without a select.
 *
 * Output:
 *   timeout 1
 *   result 2
 *   timeout 3
 */
#include <gochan.h>
#include <errno.h>
#include <stdio.h>

/* Stands for an external call that takes delay ns to answer.  The result
   channel has room for the answer, so that a call nobody waits for any
   more can still send it and finish instead of blocking forever.  It owns
   a reference to the channel and drops it when done. */
static void slow_call(__chan(int) result, int64_t delay, int answer)
{
    gochan_sleep(delay);
    chan_send(result, answer);
    chan_release(result);
}

/* Waits for an answer on result for at most budget ns. */
static void call_with_timeout(int n, int64_t delay, int64_t budget)
{
    __chan(int) result = chan_make(int, 1);
    __go slow_call(chan_retain(result), delay, n);

    __chan(int64_t) timeout = chan_from(int64_t, gochan_after(budget));
    int answer;
    __select {
    case __recv(result, answer):
        printf("result %d\n", answer);
        break;
    case __recv(timeout):
        printf("timeout %d\n", n);
        break;
    }
    /* In a function called over and over, drop the references taken here
       or they leak.  The slow call holds its own reference to result and
       the timer its own to timeout until it fires, so this is safe. */
    chan_release(result);
    chan_release(timeout);
}

int main(void)
{
    call_with_timeout(1, 1 * GOCHAN_S, 20 * GOCHAN_MS);
    call_with_timeout(2, 10 * GOCHAN_MS, 500 * GOCHAN_MS);

    /* gochan_chan_recv_until takes an absolute deadline and returns
       -ETIMEDOUT when it passes; chan_raw gives the plain API's handle. */
    __chan(int) result = chan_make(int, 1);
    __go slow_call(chan_retain(result), 1 * GOCHAN_S, 3);
    int answer;
    if (gochan_chan_recv_until(chan_raw(result), &answer,
                               gochan_now() + 20 * GOCHAN_MS) == -ETIMEDOUT)
        printf("timeout 3\n");
    else
        printf("result %d\n", answer);
    return 0;
}
