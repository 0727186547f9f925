/* SPDX-License-Identifier: MIT */
/*
 * context.c: contexts (Go's context package).
 *
 * One struct, four kinds.  ROOT: the static Background and TODO.  CANCEL:
 * from with_cancel, with_cancel_cause, with_deadline and with_timeout
 * (Go's cancelCtx and timerCtx); it has a lock, an error, a lazily made
 * done channel, and a list of children and watchers.  VALUE: one key and
 * value.  WITHOUT: without_cancel, which hides its parent's cancellation.
 * Value and without nodes are allocated without the CANCEL fields.
 *
 * Ending a cancelable context c (cancel, deadline, or its owner ending):
 *   1. under c->mu: set err and cause (once: a second cancel finds err set
 *      and returns), take the whole list of children and watchers,
 *      and stop the deadline timer;
 *   2. with no lock held: close the done channel, cancel each child (with
 *      c's error and cause), run each watcher;
 *   3. unless c's owner is the one ending it, unlink c from its owner.
 * Closing the channel and running watchers readies goroutines, which must
 * not happen under a context lock (lock.h), and cancelling children after
 * unlocking means a context lock is never held with another one.
 *
 * The owner of a cancelable context is its nearest cancelable ancestor
 * (through value nodes; none past a root or a without node).  A child
 * created under an owner that has already ended is cancelled at once.
 *
 * References.  A context is freed when its count reaches zero.  Counted:
 * the creator's reference and gochan_ctx_retain's; one per child (a child
 * holds its parent); the pending deadline timer; each after-function
 * registration.  Not counted: the owner's list entry for a child (a weak
 * link, removed when the child is freed or ends) and in-call watchers
 * (the caller holds a reference for the call).  So a context that reaches
 * zero has no children, no watchers and no pending timer.
 *
 * The weak list link races with the child's last release: the canceller,
 * under the owner's lock, takes a reference to each child with a CAS that
 * fails on zero; a child that is already dying is dropped from the list
 * there and then (marked unlinked), and its free, which takes the owner's
 * lock to unlink itself, finds it gone.
 *
 * The done channel: made on the first gochan_ctx_done (allocated outside
 * the lock, installed under it); a context cancelled before anyone asked
 * gets one shared, already-closed channel (Go's closedchan), which is made
 * before the first cancelable context exists and never freed.
 *
 * Invariants (under c->mu): err != 0 iff c has ended; once it has, the
 * list is empty and stays empty (registration checks err under the same
 * lock); timer_armed implies the timer holds a reference.
 *
 * Locking: c->mu (rank ctx.mu) protects done, err, cause, the list of c's
 * children and watchers (including their nodes' links and linked flags)
 * and timer_armed.  Held alone, except with p.timerlock (adding or
 * deleting the timer).  err and done are also read atomically without it.
 *
 * Rejected: Go's goroutine per foreign context (we have one concrete
 * type); cancelling children under the parent's lock as Go does (it
 * would nest ctx locks and close channels under them); a done channel
 * made eagerly (most contexts are never selected on: with lazy channels
 * create/cancel/release is two allocations).
 */
#include "waiter.h"
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <errno.h>

enum { CTX_ROOT, CTX_CANCEL, CTX_VALUE, CTX_WITHOUT };
enum { CTXNODE_CHILD, CTXNODE_WATCH };

struct gochan_ctx {
    /* Immutable after creation: */
    uint8_t kind;                    /* CTX_* */
    bool has_deadline;               /* CANCEL with a deadline of its own */
    uint32_t magic;                  /* CTX_LIVE until freed, then CTX_DEAD
                                        (or the allocator's bytes): the
                                        entry points check it */
    gochan_ctx *parent;              /* holds a reference; NULL for roots */
    const void *key;                 /* VALUE */
    void *val;                       /* VALUE */
    int64_t deadline;                /* if has_deadline */
    uint32_t refs;                   /* atomic; unused for roots */

    /* CANCEL only (value and without nodes stop here): */
    gochan_ctx *owner;               /* nearest cancelable ancestor, or
                                        NULL; immutable */
    struct rt_ctxnode node;          /* our entry in owner's list;
                                        protected by owner->mu */
    rt_lock mu;
    /* Protected by mu: */
    gochan_chan *done;               /* made lazily; closedchan if ended
                                        first; also read atomically */
    int err;                         /* 0, then set once by the first
                                        cancel; also read atomically */
    int cause;                       /* set with err */
    struct rt_ctxnode list;          /* sentinel: children and watchers;
                                        emptied by the first cancel */
    bool timer_armed;                /* timer pending, holding a ref */
    rt_timer timer;                  /* the deadline */
};

#define CTX_SMALL offsetof(gochan_ctx, owner)

struct gochan_ctx_after {
    rt_ctxwatch watch;
    void (*fn)(void *);
    void *arg;
    gochan_ctx *ctx;                 /* reference held by the
                                        registration */
    uint32_t refs;                   /* the handle's and the
                                        registration's */
    uint32_t fired;                  /* fn has been started */
};

/* Misuse checks.  The magic word sits in the first 8 bytes, which
   glibc's free overwrites, so a context used after its last release
   panics naming the call, as long as the memory has not been handed out
   again; debug builds (--enable-debug) never free a context, which makes
   the check exact. */
#define CTX_LIVE 0x63747821u        /* "ctx!" */
#define CTX_DEAD 0x64656164u        /* "dead" */

static NORETURN NOINLINE void ctx_panic_bad(const gochan_ctx *ctx,
                                            const char *what)
{
    if (ctx == NULL)
        gochan_panic("%s: nil context", what);
    gochan_panic("%s: use of a released context (its last reference was "
                 "dropped) or of a pointer that is not a context", what);
}

/* ctx_check: panics unless ctx is a live context. */
static inline void ctx_check(const gochan_ctx *ctx, const char *what)
{
    if (UNLIKELY(ctx == NULL || ctx->magic != CTX_LIVE))
        ctx_panic_bad(ctx, what);
}

static gochan_ctx background = { .kind = CTX_ROOT, .magic = CTX_LIVE };
static gochan_ctx todo = { .kind = CTX_ROOT, .magic = CTX_LIVE };

static gochan_chan *closedchan;      /* set once, never freed */
static int64_t live;                 /* contexts allocated, not freed */

/* ---- lists ------------------------------------------------------------- */

/* Caller holds the list owner's mu. */
static void node_link(struct rt_ctxnode *head, struct rt_ctxnode *n)
{
    n->prev = head->prev;
    n->next = head;
    head->prev->next = n;
    head->prev = n;
    n->linked = true;
}

/* Caller holds the list owner's mu; n is linked. */
static void node_unlink(struct rt_ctxnode *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = NULL;
    n->linked = false;
}

/* ---- references -------------------------------------------------------- */

/* A reference, unless the count is already zero (the context is being
   freed). */
static bool ctx_tryretain(gochan_ctx *c)
{
    uint32_t r = atomic_load_relaxed(&c->refs);
    while (r != 0)
        if (atomic_cas(&c->refs, &r, r + 1))
            return true;
    return false;
}

/* The nearest context at or above c whose list decides when c ends. */
static gochan_ctx *cancel_owner(gochan_ctx *c)
{
    for (;;) {
        switch (c->kind) {
        case CTX_CANCEL:
            return c;
        case CTX_VALUE:
            c = c->parent;
            break;
        default:
            return NULL;
        }
    }
}

/* Unlink c from its owner's list if it is still there. */
static void ctx_detach(gochan_ctx *c)
{
    gochan_ctx *o = c->owner;
    if (o == NULL)
        return;
    rt_lock_acquire(&o->mu);
    if (c->node.linked)
        node_unlink(&c->node);
    rt_lock_release(&o->mu);
}

/* Free c, whose count has reached zero.  Returns its parent, whose
   reference c held. */
static gochan_ctx *ctx_free(gochan_ctx *c)
{
    gochan_ctx *parent = c->parent;
    if (c->kind == CTX_CANCEL) {
        ctx_detach(c);
        RT_ASSERT(c->list.next == &c->list && !c->timer_armed);
        if (c->done != NULL && c->done != closedchan)
            gochan_chan_release(c->done);
    }
    c->magic = CTX_DEAD;
    if (!RT_DEBUG)
        rt_free(c);
    atomic_xadd(&live, -1);
    return parent;
}

EXPORT gochan_ctx *gochan_ctx_retain(gochan_ctx *ctx)
{
    ctx_check(ctx, "gochan_ctx_retain");
    if (ctx->kind != CTX_ROOT)
        atomic_xadd(&ctx->refs, 1);
    return ctx;
}

EXPORT void gochan_ctx_release(gochan_ctx *ctx)
{
    /* A loop rather than recursion: a long chain of contexts whose last
       references go together would otherwise recurse once per level. */
    if (ctx != NULL)
        ctx_check(ctx, "gochan_ctx_release");
    while (ctx != NULL && ctx->kind != CTX_ROOT) {
        if (atomic_xadd(&ctx->refs, (uint32_t)-1) != 1)
            return;
        ctx = ctx_free(ctx);
    }
}

/* ---- cancellation ------------------------------------------------------- */

static void ctx_cancel(gochan_ctx *c, bool detach, int err, int cause)
{
    rt_lock_acquire(&c->mu);
    if (c->err != 0) {
        rt_lock_release(&c->mu);
        return;
    }
    c->cause = cause != 0 ? cause : err;
    atomic_store_rel(&c->err, err);
    gochan_chan *done = c->done;
    if (done == NULL)
        atomic_store_rel(&c->done, closedchan);

    /* Take the list, chaining what we keep through next. */
    struct rt_ctxnode *todo_list = NULL, **tail = &todo_list;
    struct rt_ctxnode *n = c->list.next;
    while (n != &c->list) {
        struct rt_ctxnode *next = n->next;
        n->linked = false;
        if (n->kind == CTXNODE_WATCH ||
            ctx_tryretain(container_of(n, gochan_ctx, node))) {
            *tail = n;
            tail = &n->next;
        }
        n = next;
    }
    *tail = NULL;
    c->list.next = c->list.prev = &c->list;

    bool timer_ref = c->timer_armed && rt_timer_del(&c->timer);
    c->timer_armed = false;
    int ccause = c->cause;
    rt_lock_release(&c->mu);

    if (done != NULL)
        gochan_chan_close(done);
    for (n = todo_list; n != NULL;) {
        struct rt_ctxnode *next = n->next;
        if (n->kind == CTXNODE_CHILD) {
            gochan_ctx *child = container_of(n, gochan_ctx, node);
            ctx_cancel(child, false, err, ccause);
            gochan_ctx_release(child);
        } else {
            rt_ctxwatch *w = container_of(n, rt_ctxwatch, node);
            w->fn(w, err);          /* w may be gone after this */
        }
        n = next;
    }
    if (detach)
        ctx_detach(c);
    if (timer_ref)
        gochan_ctx_release(c);
}

/* Runs on a scheduler stack when the deadline passes (timer.h). */
static void ctx_timer_fn(void *arg, int64_t now)
{
    (void)now;
    gochan_ctx *c = arg;
    ctx_cancel(c, true, -ETIMEDOUT, -ETIMEDOUT);
    gochan_ctx_release(c);          /* the timer's reference */
}

EXPORT void gochan_ctx_cancel_cause(gochan_ctx *ctx, int cause)
{
    if (ctx != NULL)
        ctx_check(ctx, "gochan_ctx_cancel");
    if (ctx == NULL || ctx->kind != CTX_CANCEL)
        gochan_panic("gochan_ctx_cancel: context is not cancelable");
    /* Hold ctx for the whole cancel: a goroutine that the cancel wakes
       may release its last reference (and free ctx) while the cancel is
       still detaching ctx from its parent (found by TSan). */
    gochan_ctx_retain(ctx);
    ctx_cancel(ctx, true, -ECANCELED, cause);
    gochan_ctx_release(ctx);
}

EXPORT void gochan_ctx_cancel(gochan_ctx *ctx)
{
    gochan_ctx_cancel_cause(ctx, 0);
}

/* ---- creation ----------------------------------------------------------- */

static void make_closedchan(void)
{
    if (atomic_load_acq(&closedchan) != NULL)
        return;
    gochan_chan *ch = gochan_chan_make(0, 0, 0);
    if (ch == NULL)
        rt_fatal("out of memory making a context's done channel");
    gochan_chan_close(ch);
    gochan_chan *none = NULL;
    if (!atomic_cas(&closedchan, &none, ch))
        gochan_chan_release(ch);
}

static gochan_ctx *ctx_alloc(uint8_t kind, gochan_ctx *parent)
{
    if (parent == NULL)
        gochan_panic("cannot create context from nil parent");
    ctx_check(parent, "gochan_ctx_with_*");
    gochan_ctx *c = rt_calloc(1, kind == CTX_CANCEL ? sizeof *c : CTX_SMALL);
    if (c == NULL)
        return NULL;
    atomic_xadd(&live, 1);
    c->kind = kind;
    c->magic = CTX_LIVE;
    c->refs = 1;
    c->parent = gochan_ctx_retain(parent);
    return c;
}

static gochan_ctx *new_cancel(gochan_ctx *parent, bool has_deadline,
                              int64_t deadline)
{
    if (parent == NULL)
        gochan_panic("cannot create context from nil parent");
    ctx_check(parent, "gochan_ctx_with_*");
    make_closedchan();
    gochan_ctx *c = ctx_alloc(CTX_CANCEL, parent);
    if (c == NULL)
        return NULL;
    c->has_deadline = has_deadline;
    c->deadline = deadline;
    c->list.next = c->list.prev = &c->list;
    c->node.kind = CTXNODE_CHILD;

    gochan_ctx *o = cancel_owner(parent);
    if (o != NULL) {
        rt_lock_acquire(&o->mu);
        int err = o->err, cause = o->cause;
        if (err == 0) {
            c->owner = o;
            node_link(&o->list, &c->node);
        }
        rt_lock_release(&o->mu);
        if (err != 0)
            ctx_cancel(c, false, err, cause);
    }
    return c;
}

EXPORT gochan_ctx *gochan_ctx_background(void)
{
    return &background;
}

EXPORT gochan_ctx *gochan_ctx_todo(void)
{
    return &todo;
}

EXPORT gochan_ctx *gochan_ctx_with_cancel(gochan_ctx *parent)
{
    if (parent != NULL)
        ctx_check(parent, "gochan_ctx_with_cancel");
    return new_cancel(parent, false, 0);
}

EXPORT gochan_ctx *gochan_ctx_with_cancel_cause(gochan_ctx *parent)
{
    if (parent != NULL)
        ctx_check(parent, "gochan_ctx_with_cancel_cause");
    return new_cancel(parent, false, 0);
}

EXPORT gochan_ctx *gochan_ctx_with_deadline(gochan_ctx *parent,
                                            int64_t deadline)
{
    if (parent == NULL)
        gochan_panic("cannot create context from nil parent");
    ctx_check(parent, "gochan_ctx_with_deadline");
    int64_t pd;
    if (gochan_ctx_deadline(parent, &pd) && pd <= deadline)
        return new_cancel(parent, false, 0);    /* parent's comes first */
    gochan_ctx *c = new_cancel(parent, true, deadline);
    if (c == NULL)
        return NULL;
    if (deadline <= rt_sync_now()) {
        ctx_cancel(c, true, -ETIMEDOUT, -ETIMEDOUT);
        return c;
    }
    rt_lock_acquire(&c->mu);
    if (c->err == 0) {
        c->timer.when = deadline;
        c->timer.period = 0;
        c->timer.fn = ctx_timer_fn;
        c->timer.arg = c;
        c->timer.pp = NULL;
        atomic_xadd(&c->refs, 1);           /* the timer's */
        c->timer_armed = true;
        if (rt_timer_add(&c->timer) != 0)
            rt_fatal("out of memory adding a timer");
    }
    rt_lock_release(&c->mu);
    return c;
}

EXPORT gochan_ctx *gochan_ctx_with_timeout(gochan_ctx *parent, int64_t ns)
{
    if (parent == NULL)
        gochan_panic("cannot create context from nil parent");
    ctx_check(parent, "gochan_ctx_with_timeout");
    int64_t now = rt_sync_now();
    int64_t deadline = ns > INT64_MAX - now ? INT64_MAX : now + ns;
    return gochan_ctx_with_deadline(parent, deadline);
}

EXPORT gochan_ctx *gochan_ctx_with_value(gochan_ctx *parent, const void *key,
                                         void *val)
{
    if (parent == NULL)
        gochan_panic("cannot create context from nil parent");
    ctx_check(parent, "gochan_ctx_with_value");
    if (key == NULL)
        gochan_panic("nil key");
    gochan_ctx *c = ctx_alloc(CTX_VALUE, parent);
    if (c == NULL)
        return NULL;
    c->key = key;
    c->val = val;
    return c;
}

EXPORT gochan_ctx *gochan_ctx_without_cancel(gochan_ctx *parent)
{
    if (parent != NULL)
        ctx_check(parent, "gochan_ctx_without_cancel");
    return ctx_alloc(CTX_WITHOUT, parent);
}

/* ---- queries ------------------------------------------------------------ */

EXPORT gochan_chan *gochan_ctx_done(gochan_ctx *ctx)
{
    ctx_check(ctx, "gochan_ctx_done");
    gochan_ctx *c = cancel_owner(ctx);
    if (c == NULL)
        return NULL;
    gochan_chan *d = atomic_load_acq(&c->done);
    if (d != NULL)
        return d;
    gochan_chan *ch = gochan_chan_make(0, 0, 0);
    if (ch == NULL)
        rt_fatal("out of memory making a context's done channel");
    rt_lock_acquire(&c->mu);
    d = c->done;
    if (d == NULL) {
        /* Not ended (an ended context always has a done channel). */
        atomic_store_rel(&c->done, ch);
        d = ch;
        ch = NULL;
    }
    rt_lock_release(&c->mu);
    if (ch != NULL)
        gochan_chan_release(ch);
    return d;
}

EXPORT int gochan_ctx_err(gochan_ctx *ctx)
{
    ctx_check(ctx, "gochan_ctx_err");
    gochan_ctx *c = cancel_owner(ctx);
    return c != NULL ? atomic_load_acq(&c->err) : 0;
}

EXPORT int gochan_ctx_cause(gochan_ctx *ctx)
{
    ctx_check(ctx, "gochan_ctx_cause");
    gochan_ctx *c = cancel_owner(ctx);
    if (c == NULL || atomic_load_acq(&c->err) == 0)
        return 0;
    return c->cause;                /* written before err, never after */
}

EXPORT bool gochan_ctx_deadline(gochan_ctx *ctx, int64_t *deadline)
{
    ctx_check(ctx, "gochan_ctx_deadline");
    for (gochan_ctx *c = ctx;;) {
        switch (c->kind) {
        case CTX_CANCEL:
            if (c->has_deadline) {
                *deadline = c->deadline;
                return true;
            }
            /* fall through */
        case CTX_VALUE:
            c = c->parent;
            break;
        default:
            return false;
        }
    }
}

EXPORT void *gochan_ctx_value(gochan_ctx *ctx, const void *key)
{
    ctx_check(ctx, "gochan_ctx_value");
    for (gochan_ctx *c = ctx; c != NULL; c = c->parent)
        if (c->kind == CTX_VALUE && c->key == key)
            return c->val;
    return NULL;
}

/* ---- watchers ----------------------------------------------------------- */

int rt_ctx_watch(gochan_ctx *ctx, rt_ctxwatch *w)
{
    gochan_ctx *o = cancel_owner(ctx);
    if (o == NULL)
        return 1;
    rt_lock_acquire(&o->mu);
    int err = o->err;
    if (err == 0) {
        w->node.kind = CTXNODE_WATCH;
        w->owner = o;
        node_link(&o->list, &w->node);
    }
    rt_lock_release(&o->mu);
    return err;
}

bool rt_ctx_unwatch(rt_ctxwatch *w)
{
    gochan_ctx *o = w->owner;
    rt_lock_acquire(&o->mu);
    bool linked = w->node.linked;
    if (linked)
        node_unlink(&w->node);
    rt_lock_release(&o->mu);
    return linked;
}

/* ---- after-functions ---------------------------------------------------- */

static void after_put(gochan_ctx_after *a)
{
    if (atomic_xadd(&a->refs, (uint32_t)-1) == 1)
        rt_free(a);
}

/* The registration is over: fn has run, was stopped, or never will. */
static void after_end(gochan_ctx_after *a)
{
    gochan_ctx_release(a->ctx);
    after_put(a);
}

static void after_run(void *arg)
{
    gochan_ctx_after *a = arg;
    a->fn(a->arg);
    after_end(a);
}

static void after_fire(rt_ctxwatch *w, int err)
{
    (void)err;
    gochan_ctx_after *a = container_of(w, gochan_ctx_after, watch);
    atomic_store_rel(&a->fired, 1);
    if (gochan_go(after_run, a) != 0)
        rt_fatal("out of memory starting a context's after-function");
}

EXPORT int gochan_ctx_after_func(gochan_ctx *ctx, void (*fn)(void *),
                                 void *arg, gochan_ctx_after **stop)
{
    ctx_check(ctx, "gochan_ctx_after_func");
    if (fn == NULL)
        gochan_panic("gochan_ctx_after_func: nil function");
    gochan_ctx_after *a = rt_calloc(1, sizeof *a);
    if (a == NULL)
        return -ENOMEM;
    a->fn = fn;
    a->arg = arg;
    a->ctx = gochan_ctx_retain(ctx);
    a->refs = stop != NULL ? 2 : 1;
    a->watch.fn = after_fire;
    if (stop != NULL)
        *stop = a;
    int rc = rt_ctx_watch(ctx, &a->watch);
    if (rc > 0)
        after_end(a);               /* ctx never ends */
    else if (rc < 0)
        after_fire(&a->watch, rc);  /* already ended */
    return 0;
}

EXPORT bool gochan_ctx_after_stop(gochan_ctx_after *a)
{
    bool stopped;
    if (a->watch.owner != NULL) {
        stopped = rt_ctx_unwatch(&a->watch);
        if (stopped)
            after_end(a);
    } else {
        stopped = atomic_load_acq(&a->fired) == 0;
    }
    after_put(a);
    return stopped;
}

/* ---- sleeping ----------------------------------------------------------- */

/* Caller holds q's lock; w is queued. */
static void sleep_unlink(rt_waiter *w)
{
    rt_waitq_remove(w->q, w);
}

EXPORT int gochan_ctx_sleep(gochan_ctx *ctx, int64_t ns)
{
    ctx_check(ctx, "gochan_ctx_sleep");
    int rc = gochan_ctx_err(ctx);
    if (rc != 0 || ns <= 0)
        return rc;
    int64_t now = rt_sync_now();
    int64_t deadline = ns > INT64_MAX - now ? INT64_MAX : now + ns;
    /* A queue of our own that nobody signals: only the deadline or the
       context unlinks us. */
    gochan_waitq_ q = GOCHAN_WAITQ_INIT_;
    rt_waiter w;
    rt_waiter_init(&w, &q, sleep_unlink, true, deadline, ctx);
    rc = rt_waiter_watch(&w);
    if (rc != 0)
        return rc;
    rt_lock *ql = rt_waitq_lock(&q);
    rt_lock_acquire(ql);
    if (rt_waiter_aborted(&w) == 0) {
        rt_waitq_push(&q, &w, false);
        rt_waiter_park(&w, WAIT_SLEEP);
    } else {
        rt_lock_release(ql);
    }
    rt_waiter_unwatch(&w);
    /* The deadline reports -ETIMEDOUT too; what counts is whether ctx
       ended. */
    return gochan_ctx_err(ctx);
}

/* ---- for tests ---------------------------------------------------------- */
/* Exported (the testsuite also runs against the shared library), in no
   header: not part of the API. */

/* Contexts allocated and not yet freed. */
EXPORT int64_t __gochan_debug_ctx_live(void);
EXPORT int64_t __gochan_debug_ctx_live(void)
{
    return atomic_load_acq(&live);
}

/* Entries (children and watchers) in ctx's list; -1 if not cancelable. */
EXPORT int __gochan_debug_ctx_nchildren(gochan_ctx *ctx);
EXPORT int __gochan_debug_ctx_nchildren(gochan_ctx *ctx)
{
    if (ctx->kind != CTX_CANCEL)
        return -1;
    int n = 0;
    rt_lock_acquire(&ctx->mu);
    for (struct rt_ctxnode *p = ctx->list.next; p != &ctx->list; p = p->next)
        n++;
    rt_lock_release(&ctx->mu);
    return n;
}
