/* SPDX-License-Identifier: MIT */
/*
 * gochan/sched.h: goroutines and the scheduler, the plain C API.
 *
 * Goroutines run on small segmented stacks (GCC -fsplit-stack), scheduled
 * M:N over GOCHAN_MAXPROCS threads (default: the usable CPUs).  The
 * program's main() runs as goroutine 1; when it returns the process exits
 * without waiting for other goroutines, as in Go.
 *
 * Scheduling is cooperative: a goroutine runs until it blocks in the
 * runtime (channel, select, sync, sleep, I/O), yields, or exits.  Idle
 * processors steal work from busy ones.
 *
 * TLS rule: a goroutine may resume on another OS thread after any call
 * that can block or yield.  Do not keep the address of a thread-local
 * variable (errno included) across such a call.
 */
#ifndef GOCHAN_SCHED_H
#define GOCHAN_SCHED_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* gochan_go starts a goroutine that runs fn(arg).  Callable from
   goroutines, from main and from plain threads.  Returns 0, or -ENOMEM
   when no goroutine could be allocated. */
int gochan_go(void (*fn)(void *), void *arg);

/* gochan_go_copy starts a goroutine that runs fn(p), where p points to a
   copy of the size bytes at args, aligned to align (a power of two, or 0
   for the natural maximum), owned by the goroutine and valid until fn
   returns.  Small blocks live in the goroutine's descriptor: no malloc.
   Returns 0 or -ENOMEM. */
int gochan_go_copy(void (*fn)(void *), const void *args, size_t size,
                   size_t align);

/* gochan_yield lets other goroutines run (Go's runtime.Gosched). */
void gochan_yield(void);

/* gochan_exit ends the calling goroutine (Go's runtime.Goexit).  Called
   from main's goroutine, it ends main's goroutine and the program keeps
   running until the other goroutines finish or deadlock, as in Go. */
__attribute__((noreturn)) void gochan_exit(void);

/* gochan_id returns the calling goroutine's id (main is 1), or 0 when
   called from a thread that is not running a goroutine. */
int64_t gochan_id(void);

/* gochan_maxprocs returns the number of processors (Ps): GOCHAN_MAXPROCS
   from the environment, else the CPUs usable by the process. */
int gochan_maxprocs(void);

/* gochan_num_goroutine returns the number of goroutines that exist
   (exact when none is starting or ending on another processor). */
int64_t gochan_num_goroutine(void);

/* gochan_syscall_enter / gochan_syscall_exit bracket a call that may
   block the thread (a blocking system call, a slow library call): while
   inside, the goroutine's processor is handed to another thread so other
   goroutines keep running.  They come in pairs and do not nest (an inner
   pair does nothing: the first exit takes the processor back); no runtime
   call may be made between them.  Harmless outside a goroutine. */
void gochan_syscall_enter(void);
void gochan_syscall_exit(void);

/* gochan_panic prints "panic: " and the formatted message, the goroutine
   and a backtrace, and exits with status 2, as a Go panic does. */
__attribute__((noreturn, format(printf, 1, 2)))
void gochan_panic(const char *fmt, ...);

#ifdef __cplusplus
}
#endif

#endif /* GOCHAN_SCHED_H */
