/* SPDX-License-Identifier: MIT */
/*
 * gochan/io.h: I/O that parks the goroutine, not the thread (Go's
 * netpoller, for C).
 *
 * A goroutine that calls gochan_read on a socket with no data waiting is
 * parked; its processor runs other goroutines; when the kernel reports the
 * socket readable (epoll, edge-triggered, one registration per fd) the
 * goroutine is readied and the read is retried.  An idle thread waits for
 * I/O and for the next timer in the same epoll_wait, so no thread is
 * dedicated to polling; busy threads poll without blocking now and then.
 *
 * Which fds.  Anything epoll accepts: sockets, pipes, FIFOs, terminals,
 * eventfds, timerfds, signalfds, inotify.  The first gochan call on an fd
 * registers it and switches it to non-blocking mode (O_NONBLOCK is set on
 * the open file description, so it is seen through dup'ed fds and by
 * another process sharing it).  Regular files and block devices cannot be
 * polled: the calls below still work on them, as blocking calls made with
 * the processor handed to another thread (gochan_syscall_enter), so they
 * do not stall other goroutines either.
 *
 * Closing.  An fd used here must be closed with gochan_close: it wakes
 * every goroutine waiting on the fd (their calls return -EBADF), drops
 * the registration, then closes.  A plain close() leaves the runtime
 * believing the number is registered, and a later fd given the same
 * number will not be polled correctly.
 *
 * Deadlines (Go's SetDeadline).  gochan_fd_set_deadline gives the fd an
 * absolute deadline (gochan_now() ns) for reads, writes or both: every
 * call below that would wait past it returns -ETIMEDOUT instead, and so
 * does a call that starts after it, until the deadline is moved (0: none).
 * Waiters already parked see a changed deadline at once.  The _until and
 * _ctx waits take their own deadline or context besides.
 *
 * Return codes: a count or 0 for success, else a negated <errno.h> code.
 * errno is never read or set: it is a thread-local, and a goroutine may
 * resume on another thread (see the manual, "errno and TLS").
 *
 * Several goroutines may wait on one fd in the same direction (accepting
 * on one listener, say); a readiness edge wakes all of them and they
 * retry.  Calls work from plain threads too (the thread blocks).  Every
 * call that may park says "May block".
 */
#ifndef GOCHAN_IO_H
#define GOCHAN_IO_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gochan_ctx gochan_ctx;

/* Directions, for the waits and the deadlines. */
#define GOCHAN_IO_READ 1
#define GOCHAN_IO_WRITE 2

/* gochan_fd_wait waits until fd is ready for the directions in events
   (GOCHAN_IO_READ, GOCHAN_IO_WRITE or both: either one suffices) and
   returns the ready directions, or -EBADF (closed by gochan_close, or
   not an fd), -ETIMEDOUT (the fd's deadline), -EINVAL (bad events).
   Readiness can be spurious: retry the operation and wait again on
   EAGAIN.  Regular files are always ready.  May block. */
int gochan_fd_wait(int fd, int events);

/* gochan_fd_wait_until is gochan_fd_wait with an absolute deadline
   (gochan_now() ns): -ETIMEDOUT when it passes first.  May block. */
int gochan_fd_wait_until(int fd, int events, int64_t deadline);

/* gochan_fd_wait_ctx is gochan_fd_wait that gives up with
   gochan_ctx_err(ctx) (-ECANCELED or -ETIMEDOUT) when ctx ends first.
   May block. */
int gochan_fd_wait_ctx(int fd, int events, gochan_ctx *ctx);

/* gochan_fd_set_deadline sets fd's deadline for the directions in events
   to deadline (absolute gochan_now() ns; 0 removes it).  Returns 0,
   -EBADF or -EINVAL; -ENOMEM if fd cannot be registered. */
int gochan_fd_set_deadline(int fd, int events, int64_t deadline);

/* gochan_read reads up to n bytes, like read(2), waiting for data if
   there is none.  Returns the count (0 at end of file) or a negated
   errno.  May block. */
ssize_t gochan_read(int fd, void *buf, size_t n);

/* gochan_write writes all n bytes (as Go's Write does), waiting for room
   as often as needed.  Returns n, or a negated errno if an error stops it
   (bytes before the error may have been written).  On a socket it never
   raises SIGPIPE: a closed peer gives -EPIPE.  May block. */
ssize_t gochan_write(int fd, const void *buf, size_t n);

/* gochan_recv and gochan_send are recv(2) and send(2) that wait; send
   writes all n bytes, as gochan_write does, and adds MSG_NOSIGNAL.  May
   block. */
ssize_t gochan_recv(int fd, void *buf, size_t n, int flags);
ssize_t gochan_send(int fd, const void *buf, size_t n, int flags);

/* gochan_accept waits for a connection on the listening socket fd and
   returns the new socket (non-blocking, close-on-exec), or a negated
   errno.  addr and addrlen as for accept(2) (may be NULL).  May block. */
int gochan_accept(int fd, struct sockaddr *addr, socklen_t *addrlen);

/* gochan_connect connects the socket fd and waits until the connection
   is made or fails: 0, or a negated errno (-ECONNREFUSED, -ETIMEDOUT from
   the fd's write deadline...).  May block. */
int gochan_connect(int fd, const struct sockaddr *addr, socklen_t addrlen);

/* gochan_close wakes every goroutine waiting on fd (their calls return
   -EBADF), forgets the registration and closes fd.  Returns 0 or a
   negated errno from close(2). */
int gochan_close(int fd);

/* gochan_blocking runs fn(arg) with the calling goroutine's processor
   handed to another thread for the duration (gochan_syscall_enter /
   exit), for blocking work the poller cannot wait on: file I/O,
   getaddrinfo, a blocking library.  fn may call libc but no gochan
   function that parks.  Returns fn's result.  May block. */
void *gochan_blocking(void *(*fn)(void *), void *arg);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_IO_H */
