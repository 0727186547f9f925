/* SPDX-License-Identifier: MIT */
/*
 * gochan/sync.h: Go's sync package for C: Mutex, RWMutex, WaitGroup, Once,
 * Cond, and a counting semaphore.
 *
 * Every object lives in storage the caller owns (static, automatic or
 * inside a struct) and starts from its static initializer or its _init
 * function; none needs destroying and none allocates.  Do not copy an
 * object once it is in use: waiters are linked to its address.
 *
 * Blocking.  A call that says "May block" parks the calling goroutine,
 * never its thread: the processor runs other goroutines meanwhile.  Called
 * from main or from a plain thread that is not a goroutine, it blocks the
 * thread.  All objects work across goroutines and threads alike.
 *
 * Deadlines and contexts.  The _until variants take an absolute deadline
 * in gochan_now() nanoseconds and return -ETIMEDOUT when it passes; the
 * _ctx variants return gochan_ctx_err(ctx) (-ECANCELED or -ETIMEDOUT) when
 * the context ends first.  If the context is already done on entry they
 * fail at once, without trying.  A wait that fails leaves the object as if
 * it had never been called.
 *
 * Return codes: 0 for success or a negated <errno.h> code; try functions
 * return bool (true: acquired), as Go's TryLock does.  errno is never
 * touched.  Misuse panics as Go's does (message, goroutine, backtrace,
 * exit status 2): the messages are given under each call.
 *
 * Cost: uncontended lock and unlock are one atomic compare-and-swap each;
 * waitgroup add/done are one atomic add; once_do after the first call is
 * one load.
 */
#ifndef GOCHAN_SYNC_H
#define GOCHAN_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gochan_ctx gochan_ctx;   /* <gochan/context.h> */

/* Private to the runtime: a lock and a queue of parked waiters.  The
   fields are here only so that objects can be initialized statically. */
struct gochan_waiter_;
typedef struct gochan_waitq_ {
    uint32_t _lock;
    uint32_t _n;
    struct gochan_waiter_ *_head;
    struct gochan_waiter_ *_tail;
} gochan_waitq_;
#define GOCHAN_WAITQ_INIT_ { 0, 0, 0, 0 }

/* ---- Mutex ------------------------------------------------------------ */

/*
 * gochan_mutex is a mutual exclusion lock (Go's sync.Mutex).  The zero
 * value (GOCHAN_MUTEX_INIT) is unlocked.  A mutex is not tied to the
 * goroutine that locked it: another goroutine may unlock it.
 *
 * Fairness is Go's: normally a woken waiter competes with newly arriving
 * goroutines (which win often, as they are already running); a waiter that
 * fails to get the lock for more than 1 ms switches the mutex to
 * starvation mode, where unlock hands the lock directly to the oldest
 * waiter and newcomers queue behind.  So no waiter starves.
 */
typedef struct gochan_mutex {
    uint32_t _state;
    gochan_waitq_ _q;
} gochan_mutex;
#define GOCHAN_MUTEX_INIT { 0, GOCHAN_WAITQ_INIT_ }

/* gochan_mutex_init makes m an unlocked mutex (same as GOCHAN_MUTEX_INIT). */
void gochan_mutex_init(gochan_mutex *m);

/* gochan_mutex_lock locks m, waiting until it is available.  May block. */
void gochan_mutex_lock(gochan_mutex *m);

/* gochan_mutex_trylock locks m if it is free and returns true; returns
   false at once otherwise. */
bool gochan_mutex_trylock(gochan_mutex *m);

/* gochan_mutex_lock_until is gochan_mutex_lock with a deadline.  Returns
   0 (locked) or -ETIMEDOUT.  May block. */
int gochan_mutex_lock_until(gochan_mutex *m, int64_t deadline);

/* gochan_mutex_lock_ctx is gochan_mutex_lock abandoned when ctx ends.
   Returns 0 (locked), -ECANCELED or -ETIMEDOUT (ctx's error).  May
   block. */
int gochan_mutex_lock_ctx(gochan_mutex *m, gochan_ctx *ctx);

/* gochan_mutex_unlock unlocks m, waking a waiter if there is one.
   Panics: "sync: unlock of unlocked mutex". */
void gochan_mutex_unlock(gochan_mutex *m);

/* ---- RWMutex ---------------------------------------------------------- */

/*
 * gochan_rwmutex is a reader/writer lock (Go's sync.RWMutex): any number
 * of readers or one writer.  Once a writer is waiting, new readers wait
 * behind it, so a stream of readers cannot starve writers; a writer's
 * unlock lets the readers that queued meanwhile in before the next writer.
 * Hence a goroutine must not rlock recursively (a waiting writer between
 * the two rlocks deadlocks it), as in Go.
 */
typedef struct gochan_rwmutex {
    gochan_mutex _w;         /* held by the writer, or the pending one */
    int32_t _readers;        /* active readers; minus 2^30 with a writer */
    int32_t _rwait;          /* readers the pending writer waits for */
    uint32_t _wsem;          /* wake-ups for the writer */
    uint32_t _rsem;          /* wake-ups for readers */
    gochan_waitq_ _q;        /* parked readers and writer */
} gochan_rwmutex;
#define GOCHAN_RWMUTEX_INIT \
    { GOCHAN_MUTEX_INIT, 0, 0, 0, 0, GOCHAN_WAITQ_INIT_ }

void gochan_rwmutex_init(gochan_rwmutex *rw);

/* gochan_rwmutex_lock locks rw for writing.  May block. */
void gochan_rwmutex_lock(gochan_rwmutex *rw);

/* gochan_rwmutex_unlock releases a write lock.
   Panics: "sync: Unlock of unlocked RWMutex". */
void gochan_rwmutex_unlock(gochan_rwmutex *rw);

/* gochan_rwmutex_rlock locks rw for reading.  May block. */
void gochan_rwmutex_rlock(gochan_rwmutex *rw);

/* gochan_rwmutex_runlock releases one read lock.
   Panics: "sync: RUnlock of unlocked RWMutex". */
void gochan_rwmutex_runlock(gochan_rwmutex *rw);

/* gochan_rwmutex_trylock / _tryrlock take the lock if that needs no
   waiting and return true; false otherwise. */
bool gochan_rwmutex_trylock(gochan_rwmutex *rw);
bool gochan_rwmutex_tryrlock(gochan_rwmutex *rw);

/* ---- WaitGroup -------------------------------------------------------- */

/*
 * gochan_waitgroup waits for a collection of goroutines to finish (Go's
 * sync.WaitGroup).  The main goroutine adds the number to wait for, each
 * goroutine calls done when finished, and wait blocks until the counter is
 * zero.  Adds that start from zero must happen before wait; a waitgroup is
 * reusable once every wait of the previous round has returned.
 */
typedef struct gochan_waitgroup {
    uint64_t _state;         /* counter << 32 | waiters */
    gochan_waitq_ _q;
} gochan_waitgroup;
#define GOCHAN_WAITGROUP_INIT { 0, GOCHAN_WAITQ_INIT_ }

void gochan_waitgroup_init(gochan_waitgroup *wg);

/* gochan_waitgroup_add adds delta (which may be negative) to the counter.
   When it reaches zero every waiter is released.
   Panics: "sync: negative WaitGroup counter"; "sync: WaitGroup misuse: Add
   called concurrently with Wait" (a positive add from zero while waiters
   are being released). */
void gochan_waitgroup_add(gochan_waitgroup *wg, int delta);

/* gochan_waitgroup_done is gochan_waitgroup_add(wg, -1). */
void gochan_waitgroup_done(gochan_waitgroup *wg);

/* gochan_waitgroup_wait blocks until the counter is zero.  May block.
   Panics: "sync: WaitGroup is reused before previous Wait has returned". */
void gochan_waitgroup_wait(gochan_waitgroup *wg);

/* Deadline and context variants: 0 when the counter reached zero,
   -ETIMEDOUT, or ctx's error.  May block. */
int gochan_waitgroup_wait_until(gochan_waitgroup *wg, int64_t deadline);
int gochan_waitgroup_wait_ctx(gochan_waitgroup *wg, gochan_ctx *ctx);

/* ---- Once ------------------------------------------------------------- */

/*
 * gochan_once runs a function exactly once (Go's sync.Once).  Concurrent
 * callers of gochan_once_do wait until the first call's function has
 * returned, so all of them see its effects.
 *
 * If fn panics the program exits, as every gochan panic does: there is no
 * "once.Do returned after a panic" state to observe.  If fn calls
 * gochan_once_do on the same once, it deadlocks, as in Go.
 */
typedef struct gochan_once {
    uint32_t _done;
    gochan_mutex _m;
} gochan_once;
#define GOCHAN_ONCE_INIT { 0, GOCHAN_MUTEX_INIT }

/* gochan_once_do calls fn(arg) if and only if no call on once has done so
   before.  May block (while another caller runs fn). */
void gochan_once_do(gochan_once *once, void (*fn)(void *), void *arg);

/* ---- Cond ------------------------------------------------------------- */

/*
 * gochan_cond is a condition variable (Go's sync.Cond) associated with a
 * mutex, which must be held when calling wait and may be held when
 * signalling.  Waiters are woken in the order they started waiting.
 */
typedef struct gochan_cond {
    gochan_mutex *_L;
    gochan_waitq_ _q;
} gochan_cond;
#define GOCHAN_COND_INIT(m) { (m), GOCHAN_WAITQ_INIT_ }

/* gochan_cond_init associates c with mutex m. */
void gochan_cond_init(gochan_cond *c, gochan_mutex *m);

/* gochan_cond_wait atomically unlocks c's mutex and parks; woken by
   signal or broadcast, it locks the mutex again before returning.  As in
   Go, wait in a loop that re-checks the condition.  May block.
   Panics: "sync: unlock of unlocked mutex" if the mutex is not held;
   "sync: gochan_cond has no mutex" if c was never initialized. */
void gochan_cond_wait(gochan_cond *c);

/* Deadline and context variants: 0 when signalled, -ETIMEDOUT, or ctx's
   error.  The mutex is held again on return in every case.  May block. */
int gochan_cond_wait_until(gochan_cond *c, int64_t deadline);
int gochan_cond_wait_ctx(gochan_cond *c, gochan_ctx *ctx);

/* gochan_cond_signal wakes the longest-waiting goroutine, if any. */
void gochan_cond_signal(gochan_cond *c);

/* gochan_cond_broadcast wakes every waiting goroutine. */
void gochan_cond_broadcast(gochan_cond *c);

/* ---- Semaphore -------------------------------------------------------- */

/*
 * gochan_sema is a counting semaphore.  acquire takes one unit, waiting
 * while there are none; release returns one, handing it straight to the
 * longest waiter if there is one.
 */
typedef struct gochan_sema {
    uint32_t _count;
    gochan_waitq_ _q;
} gochan_sema;
#define GOCHAN_SEMA_INIT(n) { (n), GOCHAN_WAITQ_INIT_ }

/* gochan_sema_init makes s a semaphore holding n units. */
void gochan_sema_init(gochan_sema *s, uint32_t n);

/* gochan_sema_acquire takes a unit.  May block. */
void gochan_sema_acquire(gochan_sema *s);

/* gochan_sema_tryacquire takes a unit if one is available at once. */
bool gochan_sema_tryacquire(gochan_sema *s);

/* 0 (acquired), -ETIMEDOUT, or ctx's error.  May block. */
int gochan_sema_acquire_until(gochan_sema *s, int64_t deadline);
int gochan_sema_acquire_ctx(gochan_sema *s, gochan_ctx *ctx);

/* gochan_sema_release returns a unit. */
void gochan_sema_release(gochan_sema *s);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_SYNC_H */
