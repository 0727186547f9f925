/* SPDX-License-Identifier: MIT */
/*
 * gochan/context.h: Go's context package for C: cancellation, deadlines
 * and request-scoped values that flow down a tree of contexts.
 *
 * A context is created from a parent and can end (be "done") in one of
 * two ways: it is cancelled (its own gochan_ctx_cancel, or its parent's
 * ending), or its deadline passes.  When it ends its done channel is
 * closed, so that a goroutine can wait for it in a select next to its
 * other work:
 *
 *     gochan_select_case cases[2] = { recv from work, recv from
 *                                     gochan_ctx_done(ctx) };
 *     if (gochan_select(cases, 2) == 1)
 *         return gochan_ctx_err(ctx);          -ECANCELED or -ETIMEDOUT
 *
 * and calls like gochan_mutex_lock_ctx or gochan_ctx_sleep give up with
 * the context's error.
 *
 * The tree.  Ending a context ends every context derived from it, at once
 * (before gochan_ctx_cancel returns), each exactly once; ending a child
 * never touches its parent.  A child's deadline is never later than its
 * parent's.  A context that ends is unlinked from its parent, so a
 * long-lived parent does not accumulate finished children.
 *
 * Ownership.  gochan_ctx_background() and gochan_ctx_todo() return
 * static contexts that need no release.  Every gochan_ctx_with_* call
 * returns a new context holding one reference, owned by the caller, or
 * NULL when out of memory.  gochan_ctx_retain adds a reference (to hand a
 * context to another goroutine that will release it), gochan_ctx_release
 * drops one.  A child holds a reference to its parent, so parents may be
 * released before their children.  Pointers a context returns (its done
 * channel, a value) stay valid while you hold a reference.
 *
 * Cancel and release are separate, as in Go where you "defer cancel()":
 * call gochan_ctx_cancel when the work the context governs is over, and
 * gochan_ctx_release when you no longer use it.  A context released without
 * being cancelled is freed at once unless something still needs it: its
 * pending deadline timer and its registered after-functions each hold a
 * reference until they fire (or are stopped), as Go's context leaks "until
 * the parent is canceled or the timer fires".
 *
 * Errors are negated <errno.h> codes: -ECANCELED (Go's Canceled),
 * -ETIMEDOUT (Go's DeadlineExceeded).  Causes are ints of your choosing
 * (nonzero; conventionally negated errno values).  Time is gochan_now()
 * nanoseconds.  Value keys are addresses, typically of a static object
 * (static const char user_key;), so that packages cannot collide.
 *
 * Thread safety: every call may be made concurrently from any goroutine or
 * thread, on the same context.  No call blocks except gochan_ctx_sleep.
 * Misuse panics: a NULL parent ("cannot create context from nil parent"),
 * a NULL value key ("nil key"), cancelling a context that is not
 * cancelable.
 */
#ifndef GOCHAN_CONTEXT_H
#define GOCHAN_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gochan_ctx gochan_ctx;
typedef struct gochan_chan gochan_chan;        /* <gochan/chan.h> */
typedef struct gochan_ctx_after gochan_ctx_after;

/* gochan_ctx_background returns the root context: never cancelled, no
   deadline, no values.  Its done channel is NULL (a nil channel: never
   ready in a select). */
gochan_ctx *gochan_ctx_background(void);

/* gochan_ctx_todo is like gochan_ctx_background, for code that has not
   decided which context to use yet. */
gochan_ctx *gochan_ctx_todo(void);

/* gochan_ctx_with_cancel returns a child of parent that ends when
   gochan_ctx_cancel is called on it or when parent ends. */
gochan_ctx *gochan_ctx_with_cancel(gochan_ctx *parent);

/* gochan_ctx_with_cancel_cause is gochan_ctx_with_cancel, for contexts
   meant to be cancelled with gochan_ctx_cancel_cause (any cancelable
   context accepts a cause; this name documents the intent). */
gochan_ctx *gochan_ctx_with_cancel_cause(gochan_ctx *parent);

/* gochan_ctx_with_deadline returns a cancelable child of parent that
   also ends, with -ETIMEDOUT, at deadline.  If parent's deadline is
   earlier, the child simply keeps parent's.  A deadline already past gives
   a context that has ended. */
gochan_ctx *gochan_ctx_with_deadline(gochan_ctx *parent, int64_t deadline);

/* gochan_ctx_with_timeout is gochan_ctx_with_deadline(parent,
   gochan_now() + ns). */
gochan_ctx *gochan_ctx_with_timeout(gochan_ctx *parent, int64_t ns);

/* gochan_ctx_with_value returns a child of parent whose value for key is
   val; other keys are looked up in parent.  It is cancelled with parent
   and is not itself cancelable.  Panics: "nil key". */
gochan_ctx *gochan_ctx_with_value(gochan_ctx *parent, const void *key,
                                  void *val);

/* gochan_ctx_without_cancel returns a child of parent that keeps parent's
   values but is never cancelled and has no deadline, even when parent
   ends. */
gochan_ctx *gochan_ctx_without_cancel(gochan_ctx *parent);

/* gochan_ctx_cancel ends ctx and all its descendants with -ECANCELED, if
   it has not ended yet, and unlinks it from its parent.  Does not wait
   for the work it governs to stop; calling it again does nothing.  ctx
   must come from gochan_ctx_with_cancel, _with_cancel_cause,
   _with_deadline or _with_timeout; any other panics: "gochan_ctx_cancel:
   context is not cancelable". */
void gochan_ctx_cancel(gochan_ctx *ctx);

/* gochan_ctx_cancel_cause is gochan_ctx_cancel that also records cause
   (0 means -ECANCELED), which gochan_ctx_cause then reports for ctx and
   for the descendants it cancels.  Same panic. */
void gochan_ctx_cancel_cause(gochan_ctx *ctx, int cause);

/* gochan_ctx_done returns a channel that is closed when ctx ends, or NULL
   if ctx can never end.  Successive calls return the same channel.  It is
   borrowed: do not release or close it. */
gochan_chan *gochan_ctx_done(gochan_ctx *ctx);

/* gochan_ctx_err returns 0 while ctx has not ended, then -ECANCELED or
   -ETIMEDOUT for ever. */
int gochan_ctx_err(gochan_ctx *ctx);

/* gochan_ctx_cause returns why ctx ended: the cause given to
   gochan_ctx_cancel_cause on ctx or on the ancestor that ended it, else
   the same as gochan_ctx_err.  0 while ctx has not ended. */
int gochan_ctx_cause(gochan_ctx *ctx);

/* gochan_ctx_deadline stores ctx's deadline in *deadline and returns true,
   or returns false if it has none. */
bool gochan_ctx_deadline(gochan_ctx *ctx, int64_t *deadline);

/* gochan_ctx_value returns the value of the nearest gochan_ctx_with_value
   ancestor (ctx included) for key, or NULL. */
void *gochan_ctx_value(gochan_ctx *ctx, const void *key);

/* gochan_ctx_after_func arranges for fn(arg) to run in its own goroutine
   once ctx ends (at once if it already has; never if ctx cannot end).
   Returns 0, or -ENOMEM.  With stop non-NULL, *stop receives a handle that
   must be passed to gochan_ctx_after_stop exactly once.  The registration
   holds a reference to ctx until fn has run or is stopped. */
int gochan_ctx_after_func(gochan_ctx *ctx, void (*fn)(void *), void *arg,
                          gochan_ctx_after **stop);

/* gochan_ctx_after_stop stops fn from running and frees the handle.
   Returns true if that stopped it, false if fn has already been started
   (it is not waited for). */
bool gochan_ctx_after_stop(gochan_ctx_after *stop);

/* gochan_ctx_retain adds a reference and returns ctx. */
gochan_ctx *gochan_ctx_retain(gochan_ctx *ctx);

/* gochan_ctx_release drops a reference; the last one frees ctx.  NULL is
   ignored. */
void gochan_ctx_release(gochan_ctx *ctx);

/* gochan_ctx_sleep pauses for ns nanoseconds unless ctx ends first.
   Returns 0, or ctx's error (at once if ctx has already ended).  May
   block. */
int gochan_ctx_sleep(gochan_ctx *ctx, int64_t ns);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_CONTEXT_H */
