/* SPDX-License-Identifier: MIT */
/*
 * gochan/chan.h: channels, the plain C API.
 *
 * A channel carries elements of one fixed size.  Semantics are Go's:
 * unbuffered channels (cap 0) hand a value from sender to receiver
 * directly; a nil (NULL) channel blocks forever; send on a closed channel
 * panics; receive from a closed channel drains the buffer, then yields the
 * zero value and reports the close.
 *
 * Return codes: >= 0 success, < 0 a negated <errno.h> code.  -EPIPE: the
 * channel is closed (receive: and drained).  -EAGAIN: a try operation
 * would block.  -ETIMEDOUT: a deadline passed.  The API never touches
 * errno.  Deadlines are absolute, in gochan_now() nanoseconds.
 *
 * Ownership: gochan_chan_make returns a channel with one reference.
 * gochan_chan_retain adds one, gochan_chan_release drops one.  Whoever
 * sends, receives or closes must hold a reference, or know that someone
 * holds one, for the duration of the call; give a goroutine that may
 * outlive your use of the channel its own (gochan_chan_retain).  After the
 * last reference is dropped the memory is freed as soon as nobody can use
 * the channel any more: a goroutine blocked on it in a select or in a
 * deadline (_until) call keeps it alive until that call returns.  A
 * goroutine blocked in a plain send or receive on a channel that nobody
 * holds a reference to can never be woken; as in Go it stays blocked (a
 * leak), and the channel's memory is freed regardless.  Releasing right
 * after an operation that a peer completed (the receive that took the
 * peer's value) is safe: the peer touches the channel no more.
 */
#ifndef GOCHAN_CHAN_H
#define GOCHAN_CHAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <gochan/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gochan_chan gochan_chan;

/* gochan_chan_make creates a channel of cap elements of elemsize bytes,
   aligned to elemalign (a power of two; 0 means the natural maximum).
   elemsize may be 0.  Returns NULL when out of memory.  Panics if the
   buffer would exceed 128 TiB or cap 4,294,967,294 ("makechan: size out
   of range"). */
gochan_chan *gochan_chan_make(size_t elemsize, size_t elemalign, size_t cap);

/* Convenience for plain C: a channel of T. */
#define GOCHAN_CHAN_MAKE(T, cap) \
    gochan_chan_make(sizeof(T), _Alignof(T), (cap))

gochan_chan *gochan_chan_retain(gochan_chan *c);
void gochan_chan_release(gochan_chan *c);

/* Blocking operations.  May block. */
int gochan_chan_send(gochan_chan *c, const void *elem);   /* 0 */
int gochan_chan_recv(gochan_chan *c, void *elem);         /* 0, -EPIPE */

/* Non-blocking. */
int gochan_chan_trysend(gochan_chan *c, const void *elem); /* 0, -EAGAIN */
int gochan_chan_tryrecv(gochan_chan *c, void *elem);  /* 0, -EPIPE, -EAGAIN */

/* With an absolute deadline (gochan_now() nanoseconds). */
int gochan_chan_send_until(gochan_chan *c, const void *elem,
                           int64_t deadline);          /* 0, -ETIMEDOUT */
int gochan_chan_recv_until(gochan_chan *c, void *elem,
                           int64_t deadline);   /* 0, -EPIPE, -ETIMEDOUT */

/* Panics if c is NULL or already closed. */
void gochan_chan_close(gochan_chan *c);

size_t gochan_chan_len(gochan_chan *c);   /* 0 for NULL */
size_t gochan_chan_cap(gochan_chan *c);   /* 0 for NULL */

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_CHAN_H */
