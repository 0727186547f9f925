/* SPDX-License-Identifier: MIT */
/*
 * gochan/signal.h: channels that receive signals (Go's os/signal).
 *
 *     gochan_chan *sigs = GOCHAN_CHAN_MAKE(int, 1);
 *     gochan_signal_notify(sigs, SIGINT, SIGTERM);
 *     int sig;
 *     gochan_chan_recv(sigs, &sig);          (or a __recv case in __select)
 *
 * A watched signal no longer has its previous effect (default action or
 * handler): each time it arrives, its number is sent, as an int, on every
 * channel watching it.  The send never blocks: a channel with no room
 * (a full buffer, or an unbuffered channel nobody is receiving from) misses
 * that signal, as in Go, so give the channel a buffer.  Several arrivals of
 * one signal before the runtime delivers it may reach a channel as one.
 * Signals nobody watches keep their disposition; when the last channel
 * stops watching a signal, the disposition it had before is restored.
 *
 * The handler the runtime installs for a watched signal only records it
 * (async-signal-safe, on the alternate signal stack); a runtime thread
 * does the sends.  While any signal is watched, a program whose goroutines
 * all wait is not reported as deadlocked: a signal may still wake it.
 *
 * sigaction() and signal() called on a signal that gochan_signal_notify or
 * gochan_signal_ignore has taken over change what is restored when
 * gochan lets it go, not the current behaviour.
 *
 * Signals that report a fault of the running code (SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGTRAP), SIGKILL, SIGSTOP and the C library's reserved
 * real-time signals cannot be watched or ignored: -EINVAL.
 *
 * The lists of signals end with 0; the macros below add it, so write
 * gochan_signal_notify(c, SIGINT, SIGTERM).  Every call may be made from
 * any goroutine or thread.  Return codes: 0, or a negated <errno.h> code.
 */
#ifndef GOCHAN_SIGNAL_H
#define GOCHAN_SIGNAL_H

#include <signal.h>
#include <stdbool.h>
#include <gochan/chan.h>
#if defined(__GLIBC__) && !defined(__USE_POSIX)
#include <bits/types/sigset_t.h>    /* strict ISO C: <signal.h> lacks it */
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* gochan_signal_notify makes channel c (of int) receive the listed
   signals, in addition to those it already receives.  The runtime holds
   a reference to c until gochan_signal_stop.  Returns 0; -EINVAL (a
   signal that cannot be watched, or none listed: nothing changed);
   -ENOMEM; -EAGAIN (no thread could be started).  Panics if c is NULL or
   its elements are not int-sized. */
int gochan_signal_notify(gochan_chan *c, int sig, ...);
#define gochan_signal_notify(c, ...) gochan_signal_notify(c, __VA_ARGS__, 0)

/* gochan_signal_notify_set: the same for every signal in set; a NULL set
   means every signal that can be watched (Go's signal.Notify(c)), less
   any the system refuses a handler (valgrind reserves one). */
int gochan_signal_notify_set(gochan_chan *c, const sigset_t *set);

/* gochan_signal_stop makes c receive no more signals: once it returns,
   nothing more is sent on c.  Signals no other channel watches get back
   the disposition they had before: one still pending then (sent before
   the stop, delivered after) meets that disposition, so a program that
   expects stragglers of a signal whose default ends it sets SIG_IGN
   before the notify.  Drops the runtime's reference to c.  A channel
   that is not watching, or NULL, is ignored. */
void gochan_signal_stop(gochan_chan *c);

/* gochan_signal_ignore makes the listed signals ignored (SIG_IGN): no
   channel receives them any more.  Returns 0 or -EINVAL. */
int gochan_signal_ignore(int sig, ...);
#define gochan_signal_ignore(...) gochan_signal_ignore(__VA_ARGS__, 0)

/* gochan_signal_reset undoes gochan_signal_notify and gochan_signal_ignore
   for the listed signals (gochan_signal_reset(0): for every signal): no
   channel receives them, and they get back the disposition they had
   before gochan took them over.  Returns 0 or -EINVAL. */
int gochan_signal_reset(int sig, ...);
#define gochan_signal_reset(...) gochan_signal_reset(__VA_ARGS__, 0)

/* gochan_signal_ignored reports whether sig is ignored: by
   gochan_signal_ignore, or (when gochan has not taken it over) because its
   disposition is SIG_IGN, perhaps inherited (nohup). */
bool gochan_signal_ignored(int sig);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_SIGNAL_H */
