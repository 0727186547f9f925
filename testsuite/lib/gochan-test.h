/* SPDX-License-Identifier: MIT */
/*
 * gochan-test.h: assertions for gochan's run tests.
 *
 * Plain C (gnu11) with no dependency on the gochan runtime, so harness
 * tests and runtime tests use the same checks.  A failed check prints
 * "FILE:LINE: what failed" on stderr and exits with status 1 at once
 * (_Exit: no atexit handlers, which could wait on goroutines that will
 * never finish).  stdout is flushed first so the test's own output comes
 * before the failure in the log.
 *
 *   CHECK (cond)               cond is true
 *   CHECK_EQ (a, b)            integers a == b; prints both values
 *   CHECK_STREQ (a, b)         strings equal; prints both
 *   CHECK_RC (expr, expected)  a gochan return code: 0 or more for
 *                              success, a negated <errno.h> code
 *                              (-EPIPE ...) otherwise; prints both by name
 *   CHECK_DURATION (elapsed_ns, expected_ns)
 *                              a time measurement, with tolerance: at
 *                              least expected - 1 ms, at most expected +
 *                              GOCHAN_TEST_SLACK_MS (environment; default
 *                              50 ms; raise it under valgrind)
 *   gochan_test_now_ns ()      CLOCK_MONOTONIC in nanoseconds
 *
 * There is deliberately no timing check without a tolerance.
 */
#ifndef GOCHAN_TEST_H
#define GOCHAN_TEST_H

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The helpers are never inlined: they call printf, and a split-stack
   function that calls libc gets a prologue demanding a 1 MiB segment; a
   goroutine whose body merely contains a CHECK would pay for it. */
#define GOCHAN_TEST_UNUSED_ __attribute__ ((__unused__, __noinline__))

GOCHAN_TEST_UNUSED_ __attribute__ ((__noreturn__, __format__ (printf, 3, 4)))
static void
gochan_test_fail_ (const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fflush (stdout);
    fprintf (stderr, "%s:%d: ", file, line);
    va_start (ap, fmt);
    vfprintf (stderr, fmt, ap);
    va_end (ap);
    fputc ('\n', stderr);
    fflush (stderr);
    _Exit (1);
}

#define CHECK(cond)                                                     \
    do {                                                                \
        if (!(cond))                                                    \
            gochan_test_fail_ (__FILE__, __LINE__,                      \
                               "CHECK (%s) failed", #cond);             \
    } while (0)

/* 1 if x, after integer promotion, has a signed type.  _Generic rather
   than a "(T) -1 < 0" test, which -Wextra flags for unsigned T. */
#define GOCHAN_TEST_SIGNED_(x)                                          \
    _Generic ((x) + 0, int: 1, long: 1, long long: 1, default: 0)

/* Mathematical equality of two integers given as their bits and
   signedness, so that CHECK_EQ (-1, UINT64_MAX) fails as it should and
   mixed-sign operands draw no -Wsign-compare warning. */
GOCHAN_TEST_UNUSED_ static int
gochan_test_int_eq_ (int sa, uintmax_t a, int sb, uintmax_t b)
{
    int na = sa && (intmax_t) a < 0, nb = sb && (intmax_t) b < 0;

    return na == nb && a == b;
}

GOCHAN_TEST_UNUSED_ static const char *
gochan_test_int_ (char *buf, size_t size, int is_signed, uintmax_t bits)
{
    if (is_signed)
        snprintf (buf, size, "%jd", (intmax_t) bits);
    else
        snprintf (buf, size, "%ju", bits);
    return buf;
}

#define CHECK_EQ(a, b)                                                  \
    do {                                                                \
        __typeof__ (a) gochan_a_ = (a);                                 \
        __typeof__ (b) gochan_b_ = (b);                                 \
        int gochan_sa_ = GOCHAN_TEST_SIGNED_ (gochan_a_);               \
        int gochan_sb_ = GOCHAN_TEST_SIGNED_ (gochan_b_);               \
        if (!gochan_test_int_eq_ (gochan_sa_, (uintmax_t) gochan_a_,    \
                                  gochan_sb_, (uintmax_t) gochan_b_)) { \
            char gochan_ta_[32], gochan_tb_[32];                        \
            gochan_test_fail_ (                                         \
                __FILE__, __LINE__, "CHECK_EQ (%s, %s) failed: %s != %s", \
                #a, #b,                                                 \
                gochan_test_int_ (gochan_ta_, sizeof gochan_ta_,        \
                                  gochan_sa_, (uintmax_t) gochan_a_),   \
                gochan_test_int_ (gochan_tb_, sizeof gochan_tb_,        \
                                  gochan_sb_, (uintmax_t) gochan_b_));  \
        }                                                               \
    } while (0)

#define CHECK_STREQ(a, b)                                               \
    do {                                                                \
        const char *gochan_a_ = (a), *gochan_b_ = (b);                  \
        if (gochan_a_ == NULL || gochan_b_ == NULL                      \
            || strcmp (gochan_a_, gochan_b_) != 0)                      \
            gochan_test_fail_ (__FILE__, __LINE__,                      \
                               "CHECK_STREQ (%s, %s) failed: "          \
                               "\"%s\" != \"%s\"", #a, #b,              \
                               gochan_a_ ? gochan_a_ : "(null)",        \
                               gochan_b_ ? gochan_b_ : "(null)");       \
    } while (0)

/* "-EPIPE", "0", "17"...: a return code as its errno name when it has one. */
GOCHAN_TEST_UNUSED_ static const char *
gochan_test_rc_name_ (char *buf, size_t size, long long rc)
{
    static const struct {
        int code;
        const char *name;
    } names[] = {
#define GOCHAN_TEST_E_(e) { e, #e }
        GOCHAN_TEST_E_ (EPERM),     GOCHAN_TEST_E_ (ENOENT),
        GOCHAN_TEST_E_ (EINTR),     GOCHAN_TEST_E_ (EIO),
        GOCHAN_TEST_E_ (EBADF),     GOCHAN_TEST_E_ (EAGAIN),
        GOCHAN_TEST_E_ (ENOMEM),    GOCHAN_TEST_E_ (EFAULT),
        GOCHAN_TEST_E_ (EBUSY),     GOCHAN_TEST_E_ (EEXIST),
        GOCHAN_TEST_E_ (EINVAL),    GOCHAN_TEST_E_ (ENOSPC),
        GOCHAN_TEST_E_ (EPIPE),     GOCHAN_TEST_E_ (ERANGE),
        GOCHAN_TEST_E_ (EDEADLK),   GOCHAN_TEST_E_ (ENOSYS),
        GOCHAN_TEST_E_ (EOVERFLOW), GOCHAN_TEST_E_ (ENOTSUP),
        GOCHAN_TEST_E_ (ETIMEDOUT), GOCHAN_TEST_E_ (ECANCELED),
        GOCHAN_TEST_E_ (EALREADY),  GOCHAN_TEST_E_ (EINPROGRESS),
        GOCHAN_TEST_E_ (ECONNRESET), GOCHAN_TEST_E_ (ENOTCONN),
#undef GOCHAN_TEST_E_
    };

    if (rc < 0)
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (-rc == names[i].code) {
                snprintf (buf, size, "-%s", names[i].name);
                return buf;
            }
    snprintf (buf, size, "%lld", rc);
    return buf;
}

#define CHECK_RC(expr, expected)                                        \
    do {                                                                \
        long long gochan_rc_ = (long long) (expr);                      \
        long long gochan_want_ = (long long) (expected);                \
        if (gochan_rc_ != gochan_want_) {                               \
            char gochan_sr_[32], gochan_sw_[32];                        \
            gochan_test_fail_ (                                         \
                __FILE__, __LINE__,                                     \
                "CHECK_RC (%s, %s) failed: got %s, expected %s",        \
                #expr, #expected,                                       \
                gochan_test_rc_name_ (gochan_sr_, sizeof gochan_sr_,    \
                                      gochan_rc_),                      \
                gochan_test_rc_name_ (gochan_sw_, sizeof gochan_sw_,    \
                                      gochan_want_));                   \
        }                                                               \
    } while (0)

/* A figure of /proc/self/status in kB ("VmRSS:", "VmSize:"), or -1.
   Calls libc: on a goroutine it runs on a 1 MiB stack segment. */
GOCHAN_TEST_UNUSED_ static long
gochan_test_status_kb (const char *key)
{
    FILE *f = fopen ("/proc/self/status", "r");
    char line[256];
    size_t k = strlen (key);
    long v = -1;

    while (f != NULL && fgets (line, sizeof line, f) != NULL)
        if (strncmp (line, key, k) == 0)
            v = atol (line + k);
    if (f != NULL)
        fclose (f);
    return v;
}

/* CLOCK_MONOTONIC needs POSIX (-std=gnu11 has it; plain -std=c11 does
   not, and then there is no gochan_test_now_ns or CHECK_DURATION). */
#ifdef CLOCK_MONOTONIC
GOCHAN_TEST_UNUSED_ static int64_t
gochan_test_now_ns (void)
{
    struct timespec ts;

    clock_gettime (CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Allowed lateness of a timed event, in nanoseconds. */
GOCHAN_TEST_UNUSED_ static int64_t
gochan_test_slack_ns (void)
{
    const char *s = getenv ("GOCHAN_TEST_SLACK_MS");
    long ms = s != NULL && *s != '\0' ? strtol (s, NULL, 10) : 0;

    return (int64_t) (ms > 0 ? ms : 50) * 1000000;
}

#define CHECK_DURATION(elapsed_ns, expected_ns)                         \
    do {                                                                \
        int64_t gochan_el_ = (int64_t) (elapsed_ns);                    \
        int64_t gochan_ex_ = (int64_t) (expected_ns);                   \
        int64_t gochan_sl_ = gochan_test_slack_ns ();                   \
        if (gochan_el_ < gochan_ex_ - 1000000                           \
            || gochan_el_ > gochan_ex_ + gochan_sl_)                    \
            gochan_test_fail_ (                                         \
                __FILE__, __LINE__,                                     \
                "CHECK_DURATION (%s, %s) failed: %" PRId64 " ns is "    \
                "outside [%" PRId64 ", %" PRId64 "] ns",                \
                #elapsed_ns, #expected_ns, gochan_el_,                  \
                gochan_ex_ - 1000000, gochan_ex_ + gochan_sl_);         \
    } while (0)

#endif /* CLOCK_MONOTONIC */

/* In main of a test whose order of events is forced only on one P
   (dg-set-target-env-var GOCHAN_MAXPROCS 1): on more Ps (the environment
   may say otherwise), pass with the "ok" it expects, testing nothing.
   Needs <gochan/sched.h>. */
#define SKIP_UNLESS_ONE_P()                                             \
    do {                                                                \
        if (gochan_maxprocs () != 1) {                                  \
            printf ("ok\n");                                            \
            return 0;                                                   \
        }                                                               \
    } while (0)

#endif /* GOCHAN_TEST_H */
