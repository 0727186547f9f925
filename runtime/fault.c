/* SPDX-License-Identifier: MIT */
/*
 * fault.c: fault injection, for testing that running out of memory or
 * threads ends in a clean report and never in a crash or a hang.
 *
 * GOCHAN_FAULT is a comma-separated list of KIND:N, each making the Nth
 * attempt of that kind (counted from 1, from program start) fail as if
 * the system had refused it, and of "report", which prints at exit how
 * many attempts of each kind the run made:
 *
 *     gochan-fault: malloc=123 mmap=7 thread=2
 *
 * Kinds: malloc (every heap allocation the runtime makes: channels,
 * contexts, timers, select arrays, thread records, poller tables), mmap
 * (goroutine stack blocks, split-stack segments mapped by libgcc,
 * scheduler and signal stacks), thread (pthread_create of a scheduler
 * thread).  testsuite/gochan.fault sweeps N over whole runs.
 *
 * Built in unless configure --disable-fault-injection; when GOCHAN_FAULT
 * is unset, each injection point costs one load and a predictable branch
 * on a slow path (allocation, not the fast paths of channels or the
 * scheduler).  rt_fault_hit is IN_MORESTACK: it runs inside
 * __morestack (syscall-x86_64.c) below the stack guard.
 */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef GOCHAN_FAULT_INJECTION

uint32_t rt_fault_on;
static uint64_t fault_at[RT_FAULT_NKINDS];      /* 0: never */
static uint64_t fault_count[RT_FAULT_NKINDS];
static const char *const fault_names[RT_FAULT_NKINDS] = {
    [RT_FAULT_MALLOC] = "malloc",
    [RT_FAULT_MMAP] = "mmap",
    [RT_FAULT_THREAD] = "thread",
};

IN_MORESTACK bool rt_fault_hit(int kind)
{
    uint64_t n = __atomic_add_fetch(&fault_count[kind], 1, __ATOMIC_RELAXED);
    return n == fault_at[kind];
}

static void fault_report(void)
{
    fprintf(stderr, "gochan-fault:");
    for (int k = 0; k < RT_FAULT_NKINDS; k++)
        fprintf(stderr, " %s=%llu", fault_names[k],
                (unsigned long long)atomic_load_relaxed(&fault_count[k]));
    fputc('\n', stderr);
}

/* Parse GOCHAN_FAULT.  Called once at start-up, before any goroutine. */
void rt_fault_init(void)
{
    const char *env = getenv("GOCHAN_FAULT");
    if (env == NULL || *env == '\0')
        return;
    bool report = false;
    const char *p = env;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        if (len == 6 && strncmp(p, "report", 6) == 0) {
            report = true;
        } else {
            int kind = -1;
            for (int k = 0; k < RT_FAULT_NKINDS; k++) {
                size_t nl = strlen(fault_names[k]);
                if (len > nl && strncmp(p, fault_names[k], nl) == 0 &&
                    p[nl] == ':')
                    kind = k;
            }
            char *end = NULL;
            unsigned long long n = 0;
            if (kind >= 0)
                n = strtoull(p + strlen(fault_names[kind]) + 1, &end, 10);
            if (kind < 0 || n == 0 || end != p + len) {
                fprintf(stderr, "gochan: GOCHAN_FAULT: cannot parse \"%.*s\""
                        " (want malloc:N, mmap:N, thread:N or report)\n",
                        (int)len, p);
                exit(2);
            }
            fault_at[kind] = n;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    if (report)
        atexit(fault_report);
    atomic_store_rel(&rt_fault_on, 1);
}

#else

void rt_fault_init(void)
{
}

#endif
