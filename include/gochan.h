/* SPDX-License-Identifier: MIT */
/*
 * gochan.h: Go's concurrency syntax for GNU C.  Needs the gochan GCC
 * plugin (gcc -fplugin=gochan, or pkg-config --cflags gochan), which
 * defines __GOCHAN_PLUGIN__ and lowers the syntax to calls into the
 * runtime (<gochan/abi.h>).  Without the plugin, use the plain C API in
 * <gochan/sched.h>, <gochan/chan.h> and friends: it offers the same
 * operations.
 *
 *     __chan(int) c = chan_make(int, 16);   a channel of int, capacity 16
 *     __go worker(c, 42);                   start a goroutine; the callee
 *                                           and arguments are evaluated
 *                                           here, in order, by value
 *     __go_block { ... }                    start a goroutine running the
 *                                           block; the automatic variables
 *                                           it uses are copied here (arrays:
 *                                           their address)
 *     chan_send(c, 7);                      c <- 7
 *     int v = chan_recv(c);                 v := <-c
 *     v = chan_recv_ok(c, &ok);             v, ok = <-c
 *     chan_close(c);  chan_len(c);  chan_cap(c);
 *     chan_retain(c);  chan_release(c);     reference counting
 *
 *     __select {
 *     case __recv(c, v):       ...          v = <-c          (no fall-through)
 *     case __recv(c, v, ok):   ...          v, ok = <-c      (also __recv_ok)
 *     case __recv(done):       ...          <-done           (value dropped)
 *     case __send(out, x + 1): ...          out <- x + 1
 *     default:                 ...          present => never blocks
 *     }
 *
 * Go's rules hold: every channel and send operand of a __select is
 * evaluated once, in source order, before it blocks; only the chosen
 * case's receive targets are assigned; `break` leaves the __select;
 * `continue` and `return` act on the enclosing code.
 *
 * How it works.  __chan(T) is an ordinary C type, T (**)(struct
 * __gochan_tag *), so C's own type rules check channels: two __chan(int)
 * are the same type, __chan(int) and __chan(long) are incompatible, and T
 * comes back as the type of a (never evaluated) call.  Values enter and
 * leave channels "as by assignment", with the compiler's usual
 * conversions and diagnostics.  T cannot be an array or function type
 * (wrap arrays in a struct; use function pointers).
 *
 * __go and __select leave calls to marker functions in the code, tagged
 * with the plugin's gochan_marker attribute; the plugin rewrites them
 * (plugin/lower-go.cc, plugin/lower-select.cc).  The markers are never
 * defined, so a marker the plugin missed is a link error, never wrong
 * code.  Nothing below is part of the interface except the documented
 * macros.
 */
#ifndef GOCHAN_H
#define GOCHAN_H
#pragma GCC system_header

#ifdef __cplusplus
#error "<gochan.h> is GNU C syntax (the gochan plugin works on C only); from C++ use the plain API in <gochan/chan.h> and <gochan/sched.h>"
#elif !defined __GOCHAN_PLUGIN__
#error "<gochan.h> needs the gochan GCC plugin: compile with -fplugin=gochan (pkg-config --cflags gochan), or use the plain C API in <gochan/chan.h>"
#elif __GOCHAN_PLUGIN__ != 1
#error "<gochan.h> and the loaded gochan plugin speak different syntax versions: install the header and the plugin of the same gochan release"
#else

#include <stddef.h>
#include <stdbool.h>
#include <gochan/abi.h>
#include <gochan/sched.h>
#include <gochan/chan.h>
#if __has_include(<gochan/select.h>)
#include <gochan/select.h>
#endif
#if __has_include(<gochan/time.h>)
#include <gochan/time.h>
#endif
#if __has_include(<gochan/sync.h>)
#include <gochan/sync.h>
#endif
#if __has_include(<gochan/context.h>)
#include <gochan/context.h>
#endif
#if __has_include(<gochan/io.h>)
#include <gochan/io.h>
#endif
#if __has_include(<gochan/signal.h>)
#include <gochan/signal.h>
#endif

/* ---- Channels --------------------------------------------------------- */

/* The tag that makes a pointer type a channel type.  Known to the plugin
   (plugin/chan-type.cc): it recognizes channel types by this name. */
struct __gochan_tag;

#define __chan(T) __typeof__(__typeof__(T) (**)(struct __gochan_tag *))

/* The element type of channel c.  c is not evaluated. */
#define __gochan_elem(c) __typeof__((*(c))((struct __gochan_tag *)0))

/* The runtime's handle of channel c: a compile error unless c is a
   channel; c is evaluated once. */
#define __gochan_raw(c)                                                     \
    ((void)sizeof(__gochan_elem(c) *), (gochan_chan *)(c))

static __inline__ gochan_chan *__gochan_raw_check(gochan_chan *__c)
{
    return __c;
}

/* chan_make(T, cap): a new channel of T with room for cap elements (0:
   unbuffered).  NULL when out of memory. */
#define chan_make(T, cap)                                                   \
    ((__chan(T))gochan_chan_make(sizeof(T), __alignof__(T), (cap)))

/* chan_send(c, x): c <- x.  c is evaluated first, then x, converted to
   the element type as by assignment.  May block.  Panics if c is
   closed. */
#define chan_send(c, x) __extension__({                                     \
    __typeof__(c) __gochan_c = (c);                                         \
    __gochan_elem(__gochan_c) __gochan_v = (x);                             \
    (void)gochan_chan_send((gochan_chan *)__gochan_c, &__gochan_v);         \
})

/* chan_recv(c): <-c, the received value (the zero value once c is closed
   and drained).  May block. */
#define chan_recv(c) __extension__({                                        \
    __gochan_elem(c) __gochan_v;                                            \
    (void)gochan_chan_recv(__gochan_raw(c), &__gochan_v);                   \
    __gochan_v;                                                             \
})

/* chan_recv_ok(c, okp): <-c, storing in *okp whether a value was received
   (true) or c is closed and drained (false, and the value is zero). */
#define chan_recv_ok(c, okp) __extension__({                                \
    __gochan_elem(c) __gochan_v;                                            \
    int __gochan_rc = gochan_chan_recv(__gochan_raw(c), &__gochan_v);       \
    *(okp) = __gochan_rc == 0;                                              \
    __gochan_v;                                                             \
})

/* chan_close(c): no more sends.  Panics if c is nil or already closed. */
#define chan_close(c) gochan_chan_close(__gochan_raw(c))

/* chan_len(c), chan_cap(c): elements queued, buffer size (0 for nil). */
#define chan_len(c) gochan_chan_len(__gochan_raw(c))
#define chan_cap(c) gochan_chan_cap(__gochan_raw(c))

/* chan_retain(c) adds a reference and returns c; chan_release(c) drops
   one (chan_make returns a channel with one reference). */
#define chan_retain(c) ((__typeof__(c))gochan_chan_retain(__gochan_raw(c)))
#define chan_release(c) gochan_chan_release(__gochan_raw(c))

/* chan_raw(c): the plain C API's gochan_chan * for channel c.
   chan_from(T, p): the channel of T that the gochan_chan *p is (the
   caller vouches for the element type). */
#define chan_raw(c) __gochan_raw(c)
#define chan_from(T, p) ((__chan(T))__gochan_raw_check(p))

/* ---- Markers (known to the plugin: plugin/syntax.cc) ------------------ */

/* Never defined: the plugin replaces every call. */
#define __GOCHAN_MARKER(kind) __attribute__((__gochan_marker__(kind)))
extern void __gochan_go_marker(void) __GOCHAN_MARKER("go");
extern int __gochan_go_block_marker(void) __GOCHAN_MARKER("go-block");
extern int __gochan_select_marker(void) __GOCHAN_MARKER("select");
/* __gochan_case_recv(FORM, chan[, lhs = SLOT[, ok = SLOT_OK]]) with FORM
   0 (value dropped), 1 (value assigned), 2 (value and ok assigned);
   __gochan_case_send(1, chan, SLOT = value). */
extern void __gochan_case_recv(int, ...) __GOCHAN_MARKER("recv");
extern void __gochan_case_send(int, ...) __GOCHAN_MARKER("send");
/* Stand-ins for the select's element buffer and ok flag inside the
   assignments above: they give the front end an lvalue or rvalue of the
   right type, so that it type-checks the user's conversion; the plugin
   substitutes the real buffer. */
extern void *__gochan_slot(void) __GOCHAN_MARKER("slot");
extern bool __gochan_slot_ok(void) __GOCHAN_MARKER("slot-ok");

/* ---- __go ------------------------------------------------------------- */

/* __go f(a, b);  becomes  __gochan_go_marker(), f(a, b);  so that the
   front end checks the call as usual; the plugin outlines it. */
#define __go __gochan_go_marker(),

/* __go_block { ... }  becomes  for (; __gochan_go_block_marker (); ) { ... }
   so that the front end parses the block as the body of a statement of
   its own; the plugin outlines the body into a new function
   (plugin/lower-go-block.cc).  Not ({ ... }) after __go: the front end
   turns ({ f (g ()); }) into plain f (g ()), which __go would start with
   g () evaluated here instead of in the goroutine. */
#define __go_block for (; __gochan_go_block_marker();)

/* ---- __select --------------------------------------------------------- */

/* __select { case __recv(c, v): ... }  is a switch whose labels come in
   pairs around a marker call:  case N: __gochan_case_recv(...); case M:
   The user writes "case" and ":"; __COUNTER__ keeps labels distinct, and
   the base keeps them clear of any label a user might add by mistake (the
   plugin reports that instead of a duplicate value); the plugin
   renumbers the cases 0, 1, ... */
#define __GOCHAN_CASE (-0x7fffffff + __COUNTER__)
#define __select switch (__gochan_select_marker())

#define __GOCHAN_ARG4(a, b, c, d, ...) d
#define __recv(...)                                                         \
    __GOCHAN_ARG4(__VA_ARGS__, __gochan_recv_ok, __gochan_recv_into,        \
                  __gochan_recv_drop, )(__VA_ARGS__)
#define __recv_ok(c, lhs, ok) __gochan_recv_ok(c, lhs, ok)

#define __gochan_recv_drop(c)                                               \
    __GOCHAN_CASE : __gochan_case_recv(0, (c));                             \
    case __GOCHAN_CASE
#define __gochan_recv_into(c, lhs)                                          \
    __GOCHAN_CASE : __gochan_case_recv(                                     \
        1, (c), (lhs) = *(__gochan_elem(c) *)__gochan_slot());              \
    case __GOCHAN_CASE
#define __gochan_recv_ok(c, lhs, ok)                                        \
    __GOCHAN_CASE : __gochan_case_recv(                                     \
        2, (c), (lhs) = *(__gochan_elem(c) *)__gochan_slot(),               \
        (ok) = __gochan_slot_ok());                                         \
    case __GOCHAN_CASE
#define __send(c, x)                                                        \
    __GOCHAN_CASE : __gochan_case_send(                                     \
        1, (c), *(__gochan_elem(c) *)__gochan_slot() = (x));                \
    case __GOCHAN_CASE

#endif /* __GOCHAN_PLUGIN__ */
#endif /* GOCHAN_H */
