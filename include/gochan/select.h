/* SPDX-License-Identifier: MIT */
/*
 * gochan/select.h: select, the plain C API.
 *
 * A select waits on several channel operations at once and performs
 * exactly one of them, as Go's select statement does.  Build an array of
 * cases, one per send or receive, then call gochan_select (blocks until a
 * case can proceed), gochan_select_try (never blocks: Go's default case)
 * or gochan_select_until (blocks until an absolute deadline):
 *
 *     int v;  struct job j = ...;
 *     gochan_select_case cases[] = {
 *         GOCHAN_SELECT_RECV_CASE(results, &v),
 *         GOCHAN_SELECT_SEND_CASE(jobs, &j),
 *     };
 *     switch (gochan_select(cases, 2)) {
 *     case 0: if (cases[0].ok) use(v); else results_closed(); break;
 *     case 1: sent(); break;
 *     }
 *
 * Semantics are Go's.  Among the cases that can proceed one is chosen
 * uniformly at random.  A case whose channel is NULL (a nil channel) is
 * never chosen.  A receive case proceeds on a closed channel once it is
 * drained: its target gets the zero value and its ok field false.  A send
 * case on a closed channel panics ("send on closed channel") if it is
 * chosen.  The value of a send case is copied when the case proceeds;
 * the array and everything its cases point to must stay valid until the
 * call returns.  n may be 0: gochan_select then blocks forever (Go's
 * `select {}`), gochan_select_try returns -EAGAIN.  Channels may appear
 * in several cases.
 *
 * Only the chosen case's target is written (and its ok field, for a
 * receive).  Returns the index of the chosen case, or a negated <errno.h>
 * code; the API never touches errno.  May block (except _try).
 *
 * The cases are the same struct the gochan GCC plugin builds for its
 * __select statement (see <gochan/abi.h>).
 */
#ifndef GOCHAN_SELECT_H
#define GOCHAN_SELECT_H

#include <stdint.h>
#include <stdbool.h>
#include <gochan/abi.h>
#include <gochan/chan.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One case: { chan, elem, dir, ok }; see <gochan/abi.h>.  For a receive,
   elem is where the value goes (NULL: discard it) and ok is set when the
   case is chosen; for a send, elem points to the value to send. */
typedef struct gochan_select_case gochan_select_case;

/* Initializers, for arrays of cases (C and C++):
       gochan_select_case cases[] = { GOCHAN_SELECT_RECV_CASE(c, &v) };  */
#define GOCHAN_SELECT_RECV_CASE(c, ptr) \
    { (c), (void *)(ptr), GOCHAN_SELECT_RECV, false }
#define GOCHAN_SELECT_SEND_CASE(c, ptr) \
    { (c), (void *)(ptr), GOCHAN_SELECT_SEND, false }

/* The same as values, for assignment: cases[i] = gochan_select_recv(c, &v). */
static inline gochan_select_case gochan_select_recv(gochan_chan *c,
                                                    void *elem)
{
    gochan_select_case cas = GOCHAN_SELECT_RECV_CASE(c, elem);
    return cas;
}

static inline gochan_select_case gochan_select_send(gochan_chan *c,
                                                    const void *elem)
{
    gochan_select_case cas = GOCHAN_SELECT_SEND_CASE(c, elem);
    return cas;
}

/* gochan_select blocks until one case can proceed, performs it and returns
   its index.  May block (forever if no case ever can). */
int gochan_select(gochan_select_case *cases, int n);

/* gochan_select_try performs a case that can proceed at once and returns
   its index, or returns -EAGAIN if none can.  Never blocks. */
int gochan_select_try(gochan_select_case *cases, int n);

/* gochan_select_until is gochan_select with an absolute deadline
   (gochan_now() nanoseconds): the index of the case performed, or
   -ETIMEDOUT once the deadline has passed and no case was performed.  A
   case ready at the call is performed even if the deadline has already
   passed.  May block. */
int gochan_select_until(gochan_select_case *cases, int n, int64_t deadline);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_SELECT_H */
