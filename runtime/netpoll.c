/* SPDX-License-Identifier: MIT */
/*
 * netpoll.c: goroutine-aware I/O (include/gochan/io.h), after Go's
 * netpoller.
 *
 * One epoll instance for the process, created on first use.  Each fd that
 * a gochan call touches gets a poll descriptor (rt_pollfd) and one
 * edge-triggered registration for input, output and hang-up; the event's
 * data word carries the fd and the descriptor's generation (seq), so an
 * event that arrives after gochan_close (or for an earlier fd of the same
 * number) is recognised and dropped.
 *
 * A call tries the system call first and waits only on EAGAIN: it queues
 * a waiter record (waiter.h: deadlines and contexts come with it) on the
 * descriptor, tagged with the directions it waits for, and parks.  An
 * edge for a direction wakes every waiter of that direction; with nobody
 * waiting it is remembered in pd->ready and consumed by the next waiter,
 * which then retries without parking.  So an edge that comes between the
 * EAGAIN and the park is never lost: both sides hold the queue's lock.
 *
 * Who polls (sched.c): an idle M, the "poll sleeper", waits in
 * epoll_pwait2 with the earliest timer as timeout while anyone waits on
 * I/O (or while it is also the timer sleeper), as long as a P is idle to
 * run what it finds, a CPU is spare (fewer Ps than CPUs) or a plain
 * thread waits on I/O; rt_netpoll_break wakes it through an eventfd when
 * it must look at something else.  With every P busy and no CPU spare,
 * nobody blocks in epoll: a poller would only take turns with the busy
 * Ms on their CPUs.  A P handed back for a system call while nobody
 * polls goes to an M that will (gochan_syscall_enter).  A busy M polls
 * without blocking when its local and global queues are empty, and (every
 * 61st schedule) when nobody has polled for 10 ms; what that periodic
 * poll finds goes to the global queue.  Events found by an M with no P go
 * to the global run queue unless it can take an idle P and run them
 * itself.
 *
 * Descriptors are never freed: they live in a two-level table indexed by
 * fd (chunks of 1024 allocated on first use), and a late event may name
 * any of them.  fds from RT_NETPOLL_MAXFD up are refused with -EMFILE.
 *
 * Locking: pd->q's lock guards every field of the descriptor but seq's
 * lock-free reads by the poller (which re-checks under the lock).  It
 * has the rank of a sync object's queue lock (lock.h): taken before
 * p.timerlock (the park commit arms the deadline timer) and before
 * sched.lock (rt_netpoll_kick); never held while readying a goroutine.
 *
 * Everything on the goroutine side issues raw system calls: no libc, so
 * no 1 MiB stack segment for the caller (internal.h), and errno stays
 * untouched (a goroutine may resume on another thread).
 */
#include "waiter.h"
#include <gochan/io.h>
#include <gochan/sched.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>

#define CHUNK_BITS 10
#define CHUNK (1u << CHUNK_BITS)
#define RT_NETPOLL_MAXFD (CHUNK * CHUNK)        /* 1,048,576 */

enum { PD_NEW = 0, PD_POLLED, PD_BLOCKING };

typedef struct rt_pollfd {
    gochan_waitq_ q;                 /* waiters; its lock guards the rest */
    uint32_t seq;                    /* registration generation */
    uint8_t state;                   /* PD_* (read atomically) */
    uint8_t ready;                   /* edges seen with nobody waiting */
    bool closing;                    /* gochan_close has begun */
    bool is_socket;
    int64_t deadline[2];             /* read, write; 0: none */
} rt_pollfd;

static rt_pollfd *chunks[CHUNK];     /* published with release stores */
static rt_lock initlock = RT_LOCK_INIT;
int rt_netpoll_epfd = -1;            /* atomic; -1 until initialised */
static int breakfd = -1;
static uint32_t break_pending;       /* a wake-up sits in breakfd */
uint32_t rt_netpoll_waiters;         /* parked on I/O (atomic) */
uint32_t rt_netpoll_thread_waiters;  /* of them, plain threads (atomic) */
int64_t rt_netpoll_lastpoll;         /* when a poll last returned (atomic) */
static bool have_pwait2 = true;     /* atomic: cleared on ENOSYS */

#define BREAK_TAG UINT64_MAX

static inline rt_lock *pd_lock(rt_pollfd *pd)
{
    return rt_waitq_lock(&pd->q);
}

static inline long sys3(long n, long a, long b, long c)
{
    return raw_syscall6(n, a, b, c, 0, 0, 0);
}

/* ---- set-up -------------------------------------------------------------- */

/* Create the epoll instance and the break eventfd.  Returns 0 or -errno. */
static int netpoll_init(void)
{
    if (atomic_load_acq(&rt_netpoll_epfd) >= 0)
        return 0;
    rt_lock_acquire(&initlock);
    int rc = 0;
    if (rt_netpoll_epfd < 0) {
        long ep = sys3(SYS_epoll_create1, EPOLL_CLOEXEC, 0, 0);
        long ef = ep < 0 ? ep : sys3(SYS_eventfd2, 0,
                                     EFD_CLOEXEC | EFD_NONBLOCK, 0);
        if (ep < 0 || ef < 0) {
            if (ep >= 0)
                sys3(SYS_close, ep, 0, 0);
            rc = (int)(ep < 0 ? ep : ef);
        } else {
            struct epoll_event ev = { .events = EPOLLIN,
                                      .data.u64 = BREAK_TAG };
            rc = (int)raw_syscall6(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, ef,
                                   (long)&ev, 0, 0);
            if (rc == 0) {
                breakfd = (int)ef;
                atomic_store_rel(&rt_netpoll_epfd, (int)ep);
            } else {
                sys3(SYS_close, ep, 0, 0);
                sys3(SYS_close, ef, 0, 0);
            }
        }
    }
    rt_lock_release(&initlock);
    return rc;
}

/* The descriptor of fd, allocating its chunk on first use; NULL for a
   negative fd or one past the table, or out of memory (*err says). */
static rt_pollfd *pd_of(int fd, int *err)
{
    if (UNLIKELY(fd < 0)) {
        *err = -EBADF;
        return NULL;
    }
    if (UNLIKELY((unsigned)fd >= RT_NETPOLL_MAXFD)) {
        *err = -EMFILE;
        return NULL;
    }
    rt_pollfd *c = atomic_load_acq(&chunks[fd >> CHUNK_BITS]);
    if (UNLIKELY(c == NULL)) {
        rt_pollfd *nc = rt_calloc(CHUNK, sizeof *nc);
        if (nc == NULL) {
            *err = -ENOMEM;
            return NULL;
        }
        rt_pollfd *expect = NULL;
        if (atomic_cas(&chunks[fd >> CHUNK_BITS], &expect, nc)) {
            c = nc;
        } else {
            rt_free(nc);
            c = expect;
        }
    }
    return &c[fd & (CHUNK - 1)];
}

/* Register pd (for fd) if it is not yet.  Caller holds pd's lock.
   Returns 0 or -errno. */
static int pd_register_locked(rt_pollfd *pd, int fd)
{
    int rc = netpoll_init();
    if (rc < 0)
        return rc;
    struct stat st;
    rc = (int)sys3(SYS_fstat, fd, (long)&st, 0);
    if (rc < 0)
        return rc;
    atomic_store_relaxed(&pd->seq, pd->seq + 1);
    pd->ready = 0;
    atomic_store_relaxed(&pd->closing, false);
    pd->is_socket = S_ISSOCK(st.st_mode);
    pd->deadline[0] = pd->deadline[1] = 0;
    struct epoll_event ev = {
        .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
        .data.u64 = (uint64_t)(uint32_t)fd | (uint64_t)pd->seq << 32,
    };
    rc = (int)raw_syscall6(SYS_epoll_ctl, rt_netpoll_epfd, EPOLL_CTL_ADD, fd,
                           (long)&ev, 0, 0);
    if (rc == -EPERM) {
        /* A regular file or block device: always "ready", served by
           blocking calls with the processor handed off. */
        atomic_store_rel(&pd->state, PD_BLOCKING);
        return 0;
    }
    if (rc == -EEXIST) /* registered behind our back (dup'ed?) */
        rc = (int)raw_syscall6(SYS_epoll_ctl, rt_netpoll_epfd,
                               EPOLL_CTL_MOD, fd, (long)&ev, 0, 0);
    if (rc < 0)
        return rc;
    long fl = sys3(SYS_fcntl, fd, F_GETFL, 0);
    if (fl >= 0 && !(fl & O_NONBLOCK))
        fl = sys3(SYS_fcntl, fd, F_SETFL, fl | O_NONBLOCK);
    if (fl < 0) {
        raw_syscall6(SYS_epoll_ctl, rt_netpoll_epfd, EPOLL_CTL_DEL, fd, 0,
                     0, 0);
        return (int)fl;
    }
    atomic_store_rel(&pd->state, PD_POLLED);
    return 0;
}

/* The registered descriptor of fd, and its generation in *seq.  Returns
   NULL with *err set on failure. */
static rt_pollfd *pd_get(int fd, uint32_t *seq, int *err)
{
    rt_pollfd *pd = pd_of(fd, err);
    if (pd == NULL)
        return NULL;
    if (LIKELY(atomic_load_acq(&pd->state) != PD_NEW)) {
        *seq = atomic_load_relaxed(&pd->seq);
        return pd;
    }
    rt_lock_acquire(pd_lock(pd));
    int rc = 0;
    if (pd->state == PD_NEW)
        rc = pd_register_locked(pd, fd);
    *seq = pd->seq;
    rt_lock_release(pd_lock(pd));
    if (rc < 0) {
        *err = rc;
        return NULL;
    }
    return pd;
}

/* ---- waking -------------------------------------------------------------- */

static void pd_unlink(rt_waiter *w)
{
    rt_waitq_remove(w->q, w);
}

/* How pd_wake treats the waiters it wakes. */
enum {
    WAKE_READY,     /* mask is ready: each waiter gets its part of it;
                       the part nobody waits for is remembered */
    WAKE_RECHECK,   /* deadlines changed: waiters of mask get 0 and look
                       again */
    WAKE_ERROR,     /* every waiter gets res (< 0) */
};

/* Wake pd's waiters as how says.  Woken goroutines are linked on *list
   when list is not NULL (the poller injects them in a batch), else
   readied at once.  Takes and releases pd's lock. */
static void pd_wake(rt_pollfd *pd, uint32_t seq, int how, int mask, int res,
                    rt_g **list)
{
    rt_g *woken = NULL;
    rt_lock_acquire(pd_lock(pd));
    if (pd->seq != seq) {                     /* stale event */
        rt_lock_release(pd_lock(pd));
        return;
    }
    int taken = 0;
    for (rt_waiter *w = pd->q._head, *next; w != NULL; w = next) {
        next = w->next;
        int got;
        if (how == WAKE_ERROR) {
            got = res;
        } else {
            got = w->tag & mask;
            if (got == 0)
                continue;
            taken |= got;
            if (how == WAKE_RECHECK)
                got = 0;
        }
        pd_unlink(w);
        rt_g *gp = rt_waiter_claim(w, got);
        if (gp != NULL) {
            gp->schedlink = woken;
            woken = gp;
        }
    }
    if (how == WAKE_READY)
        pd->ready |= (uint8_t)(mask & ~taken);
    rt_lock_release(pd_lock(pd));
    while (woken != NULL) {
        rt_g *gp = woken;
        woken = gp->schedlink;
        if (list != NULL && !gp->is_thread) {
            gp->schedlink = *list;
            *list = gp;
        } else {
            rt_ready(gp);
        }
    }
}

/* ---- the poller (scheduler side) ---------------------------------------- */

void rt_netpoll_break(void)
{
    if (atomic_load_acq(&rt_netpoll_epfd) < 0)
        return;
    if (atomic_xchg(&break_pending, 1) != 0)
        return;
    uint64_t one = 1;
    raw_write(breakfd, &one, sizeof one);
}

/* rt_netpoll waits up to timeout_ns (< 0: forever, 0: not at all) for I/O
   events and links the goroutines they ready on *list (plain threads are
   woken directly).  Only the poll sleeper passes sleeper: it alone
   drains rt_netpoll_break's wake-ups (others leave them for it).
   Returns true if it was woken by rt_netpoll_break.  Runs on a scheduler
   stack with no lock held. */
bool rt_netpoll(int64_t timeout_ns, bool sleeper, rt_g **list)
{
    int ep = atomic_load_acq(&rt_netpoll_epfd);
    if (ep < 0)
        return false;
    struct epoll_event evs[128];
    long n;
    if (timeout_ns == 0) {
        n = raw_syscall6(SYS_epoll_wait, ep, (long)evs, 128, 0, 0, 0);
    } else {
        n = -ENOSYS;
        if (atomic_load_relaxed(&have_pwait2)) {
            struct timespec ts = { timeout_ns / 1000000000,
                                   timeout_ns % 1000000000 };
            n = raw_syscall6(SYS_epoll_pwait2, ep, (long)evs, 128,
                             timeout_ns < 0 ? 0 : (long)&ts, 0,
                             8 /* sigset size */);
            if (n == -ENOSYS)
                atomic_store_relaxed(&have_pwait2, false);
        }
        if (n == -ENOSYS) {
            long ms = timeout_ns < 0 ? -1
                                     : (timeout_ns + 999999) / 1000000;
            n = raw_syscall6(SYS_epoll_wait, ep, (long)evs, 128, ms, 0, 0);
        }
    }
    atomic_store_relaxed(&rt_netpoll_lastpoll, rt_nanotime());
    bool broke = false;
    for (long i = 0; i < n; i++) {
        uint64_t d = evs[i].data.u64;
        if (d == BREAK_TAG) {
            if (sleeper) {
                uint64_t v;
                sys3(SYS_read, breakfd, (long)&v, sizeof v);
                atomic_store_rel(&break_pending, 0);
                broke = true;
            }
            continue;
        }
        int fd = (int)(uint32_t)d;
        uint32_t seq = (uint32_t)(d >> 32);
        rt_pollfd *c = atomic_load_acq(&chunks[fd >> CHUNK_BITS]);
        if (c == NULL)
            continue;
        rt_pollfd *pd = &c[fd & (CHUNK - 1)];
        if (atomic_load_relaxed(&pd->seq) != seq)
            continue;
        uint32_t e = evs[i].events;
        int mask = 0;
        if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
            mask |= GOCHAN_IO_READ;
        if (e & (EPOLLOUT | EPOLLHUP | EPOLLERR))
            mask |= GOCHAN_IO_WRITE;
        if (mask != 0)
            pd_wake(pd, seq, WAKE_READY, mask, 0, list);
    }
    return broke;
}

/* ---- waiting (goroutine side) -------------------------------------------- */

/* pd_wait parks until pd is ready for a direction in events, the earlier
   of deadline (0: none) and the fd's own deadlines passes (-ETIMEDOUT),
   ctx ends (its error), or the fd is closed (-EBADF).  Returns the ready
   directions, or 0 when woken to look again (a deadline was changed).
   May block. */
static int pd_wait(rt_pollfd *pd, uint32_t seq, int events, int64_t deadline,
                   gochan_ctx *ctx)
{
    rt_waiter w;
    rt_waiter_init(&w, &pd->q, pd_unlink, false, 0, ctx);
    int rc = rt_waiter_watch(&w);
    if (rc != 0)
        return rc;
    /* Counted (so that an M going idle polls) and kicked before the
       lock: the kick may start a thread. */
    bool thread = w.g->is_thread;
    if (thread)
        atomic_xadd(&rt_netpoll_thread_waiters, 1);
    atomic_xadd(&rt_netpoll_waiters, 1);
    rt_netpoll_kick();
    rt_lock_acquire(pd_lock(pd));
    if (pd->seq != seq || pd->closing) {
        rc = -EBADF;
        rt_lock_release(pd_lock(pd));
    } else if (pd->ready & events) {
        rc = pd->ready & events;
        pd->ready &= (uint8_t)~events;
        rt_lock_release(pd_lock(pd));
    } else if ((rc = rt_waiter_aborted(&w)) == 0) {
        int64_t dl = deadline;
        for (int d = 0; d < 2; d++) {
            int64_t fdl = pd->deadline[d];
            if ((events & (1 << d)) && fdl != 0 && (dl == 0 || fdl < dl))
                dl = fdl;
        }
        w.timed = dl != 0;
        w.deadline = dl;
        w.tag = (uint8_t)events;
        rt_waitq_push(&pd->q, &w, false);
        rt_waiter_park(&w, WAIT_IO);
        rc = w.result;
    } else {
        rt_lock_release(pd_lock(pd));
    }
    atomic_xadd(&rt_netpoll_waiters, (uint32_t)-1);
    if (thread)
        atomic_xadd(&rt_netpoll_thread_waiters, (uint32_t)-1);
    rt_waiter_unwatch(&w);
    return rc;
}

/* -ETIMEDOUT if the fd's deadline for direction d has passed. */
static int pd_deadline_passed(rt_pollfd *pd, int d)
{
    int64_t dl = __atomic_load_n(&pd->deadline[d], __ATOMIC_RELAXED);
    if (dl != 0 && rt_sync_now() >= dl)
        return -ETIMEDOUT;
    return 0;
}

/* Run system call nr with the processor handed off: for fds that epoll
   refuses (regular files). */
static long blocking_syscall(long nr, long a, long b, long c, long d,
                             long e, long f)
{
    gochan_syscall_enter();
    long r = raw_syscall6(nr, a, b, c, d, e, f);
    gochan_syscall_exit();
    return r;
}

/* The loop every call shares: try the system call; on EAGAIN wait for
   direction dir and try again.  dir is 0 (read) or 1 (write). */
static long io_call(int fd, int dir, long nr, long a1, long a2, long a3,
                    long a4, long a5)
{
    int err;
    uint32_t seq;
    rt_pollfd *pd = pd_get(fd, &seq, &err);
    if (pd == NULL)
        return err;
    if (atomic_load_relaxed(&pd->state) == PD_BLOCKING)
        return blocking_syscall(nr, fd, a1, a2, a3, a4, a5);
    for (;;) {
        if (UNLIKELY(atomic_load_relaxed(&pd->closing)))
            return -EBADF;
        long rc = pd_deadline_passed(pd, dir);
        if (rc != 0)
            return rc;
        rc = raw_syscall6(nr, fd, a1, a2, a3, a4, a5);
        if (rc == -EINTR)
            continue;
        if (rc != -EAGAIN)
            return rc;
        rc = pd_wait(pd, seq, 1 << dir, 0, NULL);
        if (rc < 0)
            return rc;
    }
}

/* ---- the API ------------------------------------------------------------- */

static int fd_wait(int fd, int events, int64_t deadline, gochan_ctx *ctx)
{
    if (events <= 0 || events > (GOCHAN_IO_READ | GOCHAN_IO_WRITE))
        return -EINVAL;
    int err;
    uint32_t seq;
    rt_pollfd *pd = pd_get(fd, &seq, &err);
    if (pd == NULL)
        return err;
    if (atomic_load_relaxed(&pd->state) == PD_BLOCKING)
        return events;
    for (;;) {
        if (atomic_load_relaxed(&pd->closing))
            return -EBADF;
        /* The edge for what is already there may have been consumed:
           ask the kernel first. */
        struct pollfd p = { fd, 0, 0 };
        if (events & GOCHAN_IO_READ)
            p.events |= POLLIN | POLLRDHUP;
        if (events & GOCHAN_IO_WRITE)
            p.events |= POLLOUT;
        struct timespec zero = { 0, 0 };
        long n = raw_syscall6(SYS_ppoll, (long)&p, 1, (long)&zero, 0, 0, 0);
        if (n < 0 && n != -EINTR)
            return (int)n;
        if (n > 0) {
            if (p.revents & POLLNVAL)
                return -EBADF;
            int got = 0;
            if (p.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR))
                got |= GOCHAN_IO_READ;
            if (p.revents & (POLLOUT | POLLHUP | POLLERR))
                got |= GOCHAN_IO_WRITE;
            got &= events;
            if (got != 0)
                return got;
        }
        for (int d = 0; d < 2; d++)
            if ((events & (1 << d)) && (n = pd_deadline_passed(pd, d)) != 0)
                return (int)n;
        if (deadline != 0 && rt_sync_now() >= deadline)
            return -ETIMEDOUT;
        int rc = pd_wait(pd, seq, events, deadline, ctx);
        if (rc != 0)
            return rc;
    }
}

EXPORT int gochan_fd_wait(int fd, int events)
{
    return fd_wait(fd, events, 0, NULL);
}

EXPORT int gochan_fd_wait_until(int fd, int events, int64_t deadline)
{
    return fd_wait(fd, events, deadline == 0 ? 1 : deadline, NULL);
}

EXPORT int gochan_fd_wait_ctx(int fd, int events, gochan_ctx *ctx)
{
    if (ctx == NULL)
        gochan_panic("gochan_fd_wait_ctx: nil context");
    return fd_wait(fd, events, 0, ctx);
}

EXPORT int gochan_fd_set_deadline(int fd, int events, int64_t deadline)
{
    if (events <= 0 || events > (GOCHAN_IO_READ | GOCHAN_IO_WRITE) ||
        deadline < 0)
        return -EINVAL;
    int err;
    uint32_t seq;
    rt_pollfd *pd = pd_get(fd, &seq, &err);
    if (pd == NULL)
        return err;
    rt_lock_acquire(pd_lock(pd));
    bool ok = pd->seq == seq && !pd->closing;
    if (ok)
        for (int d = 0; d < 2; d++)
            if (events & (1 << d))
                __atomic_store_n(&pd->deadline[d], deadline,
                                 __ATOMIC_RELAXED);
    rt_lock_release(pd_lock(pd));
    if (!ok)
        return -EBADF;
    /* Parked waiters re-read the deadlines: wake them to look again. */
    pd_wake(pd, seq, WAKE_RECHECK, events, 0, NULL);
    return 0;
}

EXPORT ssize_t gochan_read(int fd, void *buf, size_t n)
{
    return io_call(fd, 0, SYS_read, (long)buf, (long)n, 0, 0, 0);
}

EXPORT ssize_t gochan_recv(int fd, void *buf, size_t n, int flags)
{
    return io_call(fd, 0, SYS_recvfrom, (long)buf, (long)n, flags, 0, 0);
}

/* Write all of buf, with write(2), or send(2) with flags on a socket. */
static ssize_t write_all(int fd, const void *buf, size_t n, bool send,
                         int flags)
{
    int err;
    uint32_t seq;
    rt_pollfd *pd = pd_get(fd, &seq, &err);
    if (pd == NULL)
        return err;
    if (pd->is_socket) {
        send = true;
        flags |= MSG_NOSIGNAL;
    }
    const char *p = buf;
    size_t left = n;
    do {
        long rc = send ? io_call(fd, 1, SYS_sendto, (long)p, (long)left,
                                 flags, 0, 0)
                       : io_call(fd, 1, SYS_write, (long)p, (long)left, 0,
                                 0, 0);
        if (rc < 0)
            return rc;
        p += rc;
        left -= (size_t)rc;
    } while (left > 0);
    return (ssize_t)n;
}

EXPORT ssize_t gochan_write(int fd, const void *buf, size_t n)
{
    return write_all(fd, buf, n, false, 0);
}

EXPORT ssize_t gochan_send(int fd, const void *buf, size_t n, int flags)
{
    return write_all(fd, buf, n, true, flags);
}

EXPORT int gochan_accept(int fd, struct sockaddr *addr, socklen_t *addrlen)
{
    for (;;) {
        long rc = io_call(fd, 0, SYS_accept4, (long)addr, (long)addrlen,
                          SOCK_NONBLOCK | SOCK_CLOEXEC, 0, 0);
        /* The connection died in the backlog: wait for the next. */
        if (rc != -ECONNABORTED)
            return (int)rc;
    }
}

EXPORT int gochan_connect(int fd, const struct sockaddr *addr,
                          socklen_t addrlen)
{
    /* Register (and make non-blocking) before connecting. */
    int err;
    uint32_t seq;
    if (pd_get(fd, &seq, &err) == NULL)
        return err;
    long rc = raw_syscall6(SYS_connect, fd, (long)addr, addrlen, 0, 0, 0);
    if (rc != -EINPROGRESS && rc != -EINTR)
        return (int)rc;
    /* In progress: it is done when the socket turns writable. */
    for (;;) {
        rc = fd_wait(fd, GOCHAN_IO_WRITE, 0, NULL);
        if (rc < 0)
            return (int)rc;
        int soerr = 0;
        socklen_t len = sizeof soerr;
        rc = raw_syscall6(SYS_getsockopt, fd, SOL_SOCKET, SO_ERROR,
                          (long)&soerr, (long)&len, 0);
        if (rc < 0)
            return (int)rc;
        if (soerr != EINPROGRESS && soerr != EALREADY && soerr != EINTR)
            return -soerr;
    }
}

EXPORT int gochan_close(int fd)
{
    int err;
    rt_pollfd *pd = fd >= 0 && (unsigned)fd < RT_NETPOLL_MAXFD
                        ? pd_of(fd, &err) : NULL;
    if (pd != NULL && atomic_load_acq(&pd->state) != PD_NEW) {
        rt_lock_acquire(pd_lock(pd));
        uint32_t seq = pd->seq;
        bool polled = pd->state == PD_POLLED;
        atomic_store_relaxed(&pd->closing, true);
        rt_lock_release(pd_lock(pd));
        pd_wake(pd, seq, WAKE_ERROR, 0, -EBADF, NULL);
        if (polled)
            raw_syscall6(SYS_epoll_ctl, rt_netpoll_epfd, EPOLL_CTL_DEL, fd,
                         0, 0, 0);
        rt_lock_acquire(pd_lock(pd));
        atomic_store_relaxed(&pd->seq, pd->seq + 1);  /* late events are
                                                         stale now */
        atomic_store_rel(&pd->state, PD_NEW);
        rt_lock_release(pd_lock(pd));
    }
    return (int)sys3(SYS_close, fd, 0, 0);
}

EXPORT void *gochan_blocking(void *(*fn)(void *), void *arg)
{
    gochan_syscall_enter();
    void *r = fn(arg);
    gochan_syscall_exit();
    return r;
}
