/* SPDX-License-Identifier: MIT */
/*
 * gochan/time.h: time, sleeping, and (with channels) timers.
 *
 * Time is an int64_t count of nanoseconds of a monotonic clock
 * (CLOCK_MONOTONIC): gochan_now().  Durations are nanoseconds too; the
 * constants below make them readable: gochan_sleep(50 * GOCHAN_MS).
 */
#ifndef GOCHAN_TIME_H
#define GOCHAN_TIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GOCHAN_NS ((int64_t)1)
#define GOCHAN_US ((int64_t)1000)
#define GOCHAN_MS ((int64_t)1000000)
#define GOCHAN_S ((int64_t)1000000000)

/* gochan_now returns the monotonic time in nanoseconds. */
int64_t gochan_now(void);

/* gochan_sleep pauses the calling goroutine for at least ns nanoseconds;
   its thread runs other goroutines meanwhile.  ns <= 0 returns at once.
   From a plain thread, sleeps the thread.  May block. */
void gochan_sleep(int64_t ns);

/* gochan_sleep_until pauses until gochan_now() >= deadline. */
void gochan_sleep_until(int64_t deadline);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_TIME_H */
