/* Area:    stack
   Purpose: under valgrind, goroutine stacks are registered so that
            switches and split-stack segments draw no false reports
            (make check-valgrind runs clean); that must not hide the
            real ones.  The program runs itself under valgrind
            ("child"), where a goroutine makes three invalid reads: a
            dead frame on its first stack, a dead frame on a split-stack
            segment, and a freed heap block.  valgrind must report
            exactly those three, and nothing else (so the goroutine
            also reuses a segment, which once drew false reports).  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
/* { dg-require-effective-target valgrind_runs } */
/* { dg-timeout 300 } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gochan-test.h"

extern char **environ;

static volatile char *volatile dangling;
static volatile char sink;

/* Frames bigger than valgrind's 128-byte red zone below %rsp, so that
   the dead array lies beyond it once the function has returned.  The
   empty asm hides from GCC that the address escapes its frame.  */
static void
escape (volatile char *a)
{
    __asm__ ("" : "+r" (a));
    dangling = a;
}

__attribute__ ((noinline)) static void
leave_small_frame (void)
{
    volatile char a[320];
    for (int i = 0; i < 320; i++)
        a[i] = (char) i;
    escape (a);
}

__attribute__ ((noinline)) static void
leave_segment_frame (void)
{
    volatile char a[320];
    for (int i = 0; i < 320; i++)
        a[i] = (char) i;
    escape (a);
}

/* The first split-stack check fails well before this depth.  */
__attribute__ ((noinline)) static int
read_dead_on_segment (int depth)
{
    volatile char frame[64];
    frame[0] = (char) depth;
    if (depth > 0)
        return read_dead_on_segment (depth - 1) + frame[0];
    leave_segment_frame ();
    sink = *dangling;                   /* planted error 2 */
    return frame[0];
}

/* Grows onto a segment and back: called twice, the second time reuses
   the segment (whose registration with valgrind was once wrong: false
   reports on every reuse).  */
__attribute__ ((noinline)) static int
grow (int depth)
{
    volatile char frame[64];
    frame[0] = (char) depth;
    return depth > 0 ? grow (depth - 1) + frame[0] : 0;
}

/* Calls libc (malloc, free): kept out of the goroutine's own function,
   which would otherwise start on a 1 MiB segment (HACKING.md).  */
__attribute__ ((noinline)) static void
read_freed_block (void)
{
    char *p = malloc (32);
    CHECK (p != NULL);
    memset (p, 1, 32);
    volatile char *q = p;
    __asm__ ("" : "+r" (q));            /* hide the use after free */
    free (p);
    sink = q[5];                        /* planted error 3 */
}

static gochan_chan *done;

static void
planted (void *arg)
{
    (void) arg;
    grow (200);
    grow (200);
    leave_small_frame ();
    sink = *dangling;                   /* planted error 1 */
    read_dead_on_segment (200);
    read_freed_block ();
    int one = 1;
    gochan_chan_send (done, &one);
}

static int
child (void)
{
    int x;
    done = GOCHAN_CHAN_MAKE (int, 0);
    CHECK (done != NULL);
    CHECK_RC (gochan_go (planted, NULL), 0);
    CHECK_RC (gochan_chan_recv (done, &x), 0);
    printf ("child done\n");
    return 0;
}

int
main (int argc, char **argv)
{
    if (argc > 1 && strcmp (argv[1], "child") == 0)
        return child ();

    /* The parent never starts the runtime: it only runs valgrind.  */
    char self[4096];
    ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
    CHECK (n > 0);
    self[n] = 0;
    int fds[2];
    CHECK (pipe (fds) == 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init (&fa);
    posix_spawn_file_actions_adddup2 (&fa, fds[1], 1);
    posix_spawn_file_actions_adddup2 (&fa, fds[1], 2);
    posix_spawn_file_actions_addclose (&fa, fds[0]);
    posix_spawn_file_actions_addclose (&fa, fds[1]);
    char *args[] = { "valgrind", "--error-exitcode=99", self, "child", NULL };
    pid_t pid;
    CHECK_EQ (posix_spawnp (&pid, "valgrind", &fa, NULL, args, environ), 0);
    posix_spawn_file_actions_destroy (&fa);
    close (fds[1]);

    static char out[1 << 20];
    size_t len = 0;
    ssize_t r;
    while (len < sizeof out - 1
           && (r = read (fds[0], out + len, sizeof out - 1 - len)) != 0) {
        if (r < 0) {
            CHECK (errno == EINTR);
            continue;
        }
        len += (size_t) r;
    }
    out[len] = 0;
    close (fds[0]);
    int status;
    CHECK_EQ (waitpid (pid, &status, 0), pid);

    bool ok = WIFEXITED (status) && WEXITSTATUS (status) == 99
              && strstr (out, "child done") != NULL
              && strstr (out, "ERROR SUMMARY: 3 errors from 3 contexts")
              && strstr (out, "read_dead_on_segment") != NULL
              && strstr (out, "read_freed_block") != NULL
              && strstr (out, "planted") != NULL;
    if (!ok)
        printf ("valgrind's output (exit status %d):\n%s\n",
                WIFEXITED (status) ? WEXITSTATUS (status) : -1, out);
    CHECK (ok);
    printf ("valgrind reported the 3 planted errors and no other\n");
    return 0;
}
/* { dg-output "valgrind reported the 3 planted errors and no other" } */
