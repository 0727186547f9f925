/* Area:    signal
   Purpose: delivery never blocks: a channel whose buffer is full, and an
            unbuffered channel nobody receives from, miss the signal,
            while another channel still gets its own.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#include <gochan/chan.h>
#include <gochan/signal.h>
#include <gochan/time.h>
#include <signal.h>
#include "gochan-test.h"

int main(void)
{
    gochan_chan *full = GOCHAN_CHAN_MAKE(int, 1);
    gochan_chan *unbuf = GOCHAN_CHAN_MAKE(int, 0);
    gochan_chan *marker = GOCHAN_CHAN_MAKE(int, 1);
    CHECK_RC(gochan_signal_notify(full, SIGUSR1), 0);
    CHECK_RC(gochan_signal_notify(unbuf, SIGUSR1), 0);
    CHECK_RC(gochan_signal_notify(marker, SIGUSR2), 0);

    int v;
    for (int round = 0; round < 3; round++) {
        /* raise() runs the handler before it returns, so SIGUSR1 is
           recorded before SIGUSR2 and delivered no later: once the
           marker is in, every SIGUSR1 send has been tried. */
        for (int i = 0; i < 5; i++)
            CHECK_EQ(raise(SIGUSR1), 0);
        CHECK_EQ(raise(SIGUSR2), 0);
        CHECK_RC(gochan_chan_recv_until(marker, &v,
                                        gochan_now() + 30 * GOCHAN_S), 0);
        CHECK_EQ(v, SIGUSR2);
        CHECK_EQ(gochan_chan_len(full), 1);
        CHECK_RC(gochan_chan_tryrecv(unbuf, &v), -EAGAIN);
    }
    CHECK_RC(gochan_chan_tryrecv(full, &v), 0);
    CHECK_EQ(v, SIGUSR1);
    CHECK_RC(gochan_chan_tryrecv(full, &v), -EAGAIN);

    gochan_signal_stop(full);
    gochan_signal_stop(unbuf);
    gochan_signal_stop(marker);
    gochan_chan_release(full);
    gochan_chan_release(unbuf);
    gochan_chan_release(marker);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
