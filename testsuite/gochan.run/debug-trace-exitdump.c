/* Area:    run
   Purpose: GOCHAN_DEBUG=schedtrace's lines never land inside exitdump's
            list of goroutines: the trace stops once the dump begins.
            The test re-executes itself with schedtrace=1 (a line every
            millisecond) and exitdump=1, 2,000 goroutines asleep at exit
            (a dump long enough for many trace periods), its standard
            error into a pipe; the parent reads it all and counts SCHED
            lines after the dump's first line.  The child exits only once
            the parent has seen a first SCHED line (a byte on a second
            pipe): under valgrind the trace thread may not have run yet.
            With the trace unstopped a run printed 120-210 SCHED lines
            inside the dump.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#define _GNU_SOURCE
#include <gochan/sched.h>
#include <gochan/time.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gochan-test.h"

enum { SLEEPERS = 2000, GO_FD = 100 };

static void sleeper(void *arg)
{
    (void)arg;
    gochan_sleep(3600 * GOCHAN_S);
}

static char out[8 << 20];

int main(int argc, char **argv)
{
    (void)argc;
    if (getenv("TRACE_EXITDUMP_CHILD") != NULL) {
        for (int i = 0; i < SLEEPERS; i++)
            CHECK_EQ(gochan_go(sleeper, NULL), 0);
        char go = 0;
        gochan_syscall_enter();
        ssize_t r = read(GO_FD, &go, 1);    /* the parent saw the trace */
        gochan_syscall_exit();
        CHECK_EQ(r, 1);
        return 0;                       /* exitdump runs at exit */
    }
    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    CHECK(len > 0);
    self[len] = 0;
    int fds[2], gofds[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(pipe(gofds), 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        /* Close the ends the child does not use first: dup2 onto a
           number one of them holds would otherwise be undone. */
        close(fds[0]);
        close(gofds[1]);
        dup2(fds[1], 2);
        dup2(gofds[0], GO_FD);
        setenv("TRACE_EXITDUMP_CHILD", "1", 1);
        setenv("GOCHAN_DEBUG", "schedtrace=1,exitdump=1", 1);
        execv(self, argv);
        _exit(127);
    }
    close(fds[1]);
    close(gofds[0]);
    size_t got = 0;
    ssize_t n;
    bool sent = false;
    gochan_syscall_enter();
    while (got < sizeof out - 1 &&
           (n = read(fds[0], out + got, sizeof out - 1 - got)) > 0) {
        got += (size_t)n;
        out[got] = 0;
        if (!sent && strstr(out, "SCHED ") != NULL) {
            CHECK_EQ(write(gofds[1], "g", 1), 1);
            sent = true;
        }
    }
    close(gofds[1]);
    int status = 0;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    gochan_syscall_exit();
    out[got] = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fprintf(stderr, "child failed (status %d):\n%.2000s\n", status, out);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(strstr(out, "SCHED ") != NULL);       /* the trace ran */
    char *dump = strstr(out, "goroutines at exit:");
    CHECK(dump != NULL);
    CHECK(strstr(dump, "created by gochan_go(sleeper)") != NULL);
    int stray = 0;
    for (char *p = dump; (p = strstr(p, "SCHED ")) != NULL; p++)
        stray++;
    CHECK_EQ(stray, 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
