/* Area:    io
   Purpose: I/O is still noticed when no idle thread polls for it.  An
            idle M blocks in epoll only while a P is idle, a CPU is spare
            or a plain thread waits on I/O (sched.c, stopm); otherwise the
            busy Ms poll between goroutines.  The test re-executes itself
            on one CPU (affinity), so that with one P there is no CPU to
            spare, and checks the three ways I/O must still get through:
              1. the only P busy with a goroutine that yields: the busy
                 M's own polls find the reader's data;
              2. the P handed back for a blocking system call while a
                 goroutine waits on a pipe: the hand-off must give the P
                 to an M that polls (or the reader never wakes; the
                 writer of the system call's pipe waits for the reader);
              3. a plain thread waiting on a pipe while the only P spins
                 without a scheduling point: only a polling idle M can
                 wake it.
            Each wait is bounded (5 s): a failure reports, never hangs.  */
/* { dg-do run } */
/* { dg-require-effective-target runtime } */
#define _GNU_SOURCE
#include <gochan/io.h>
#include <gochan/sched.h>
#include <gochan/time.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "gochan-test.h"

#define BOUND (5 * GOCHAN_S)

static int pa[2], pb[2], pc[2], pd[2];
static int done1, done2, done3, watchdog_fired;

static void ms_sleep(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void reader(void *arg)
{
    int *fds = arg;
    char c = 0;
    CHECK_EQ(gochan_read(fds[0], &c, 1), 1);
    CHECK_EQ(c, 'x');
    __atomic_store_n(fds == pa ? &done1 : &done2, 1, __ATOMIC_SEQ_CST);
}

/* Case 1: write pa after 20 ms.  Case 2: write pc after 20 ms, then pb
   once the reader of pc is done (or after BOUND: the test fails). */
static void *writer(void *arg)
{
    int which = (int)(long)arg;
    ms_sleep(20);
    if (which == 1) {
        CHECK_EQ(write(pa[1], "x", 1), 1);
        return NULL;
    }
    CHECK_EQ(write(pc[1], "x", 1), 1);
    int64_t end = gochan_now() + BOUND;
    while (!__atomic_load_n(&done2, __ATOMIC_SEQ_CST)) {
        if (gochan_now() > end) {
            __atomic_store_n(&watchdog_fired, 1, __ATOMIC_SEQ_CST);
            break;
        }
        ms_sleep(1);
    }
    CHECK_EQ(write(pb[1], "y", 1), 1);
    return NULL;
}

/* Case 3: a plain thread reads pd; another writes it after 20 ms. */
static void *thread_reader(void *arg)
{
    (void)arg;
    char c = 0;
    CHECK_EQ(gochan_read(pd[0], &c, 1), 1);
    CHECK_EQ(c, 'z');
    __atomic_store_n(&done3, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void *thread_writer(void *arg)
{
    (void)arg;
    ms_sleep(20);
    CHECK_EQ(write(pd[1], "z", 1), 1);
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argc;
    if (getenv("POLLER_BUSY_CHILD") == NULL) {
        /* Narrow the affinity to the CPU we are on, and start over: the
           runtime counts the usable CPUs when it starts. */
        cpu_set_t one;
        CPU_ZERO(&one);
        int cpu = sched_getcpu();
        CPU_SET(cpu < 0 ? 0 : cpu, &one);
        CHECK_EQ(sched_setaffinity(0, sizeof one, &one), 0);
        setenv("POLLER_BUSY_CHILD", "1", 1);
        unsetenv("GOCHAN_MAXPROCS");
        /* Our own path, not "/proc/self/exe": under valgrind that is
           valgrind's tool (readlink is the call valgrind answers). */
        char self[4096];
        ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
        CHECK(len > 0);
        self[len] = 0;
        execv(self, argv);
        CHECK(!"execv failed");
    }
    CHECK_EQ(gochan_maxprocs(), 1);
    CHECK_EQ(pipe(pa), 0);
    CHECK_EQ(pipe(pb), 0);
    CHECK_EQ(pipe(pc), 0);
    CHECK_EQ(pipe(pd), 0);
    pthread_t th;

    /* 1. The only P stays busy (yielding) while a goroutine waits. */
    gochan_go(reader, pa);
    gochan_yield();                     /* the reader blocks */
    CHECK_EQ(pthread_create(&th, NULL, writer, (void *)1L), 0);
    int64_t end = gochan_now() + BOUND;
    while (!__atomic_load_n(&done1, __ATOMIC_SEQ_CST) && gochan_now() < end)
        gochan_yield();
    CHECK_EQ(__atomic_load_n(&done1, __ATOMIC_SEQ_CST), 1);
    CHECK_EQ(pthread_join(th, NULL), 0);

    /* 2. The P is handed back for a blocking read while a goroutine
       waits on pc. */
    gochan_go(reader, pc);
    gochan_yield();                     /* the reader blocks */
    CHECK_EQ(pthread_create(&th, NULL, writer, (void *)2L), 0);
    char c = 0;
    gochan_syscall_enter();
    ssize_t n = read(pb[0], &c, 1);     /* blocks this thread */
    gochan_syscall_exit();
    CHECK_EQ(n, 1);
    CHECK_EQ(pthread_join(th, NULL), 0);
    CHECK_EQ(__atomic_load_n(&watchdog_fired, __ATOMIC_SEQ_CST), 0);
    CHECK_EQ(__atomic_load_n(&done2, __ATOMIC_SEQ_CST), 1);

    /* 3. A plain thread waits on pd while the only P spins. */
    pthread_t tr, tw;
    CHECK_EQ(pthread_create(&tr, NULL, thread_reader, NULL), 0);
    ms_sleep(5);                        /* it blocks (not on our P) */
    CHECK_EQ(pthread_create(&tw, NULL, thread_writer, NULL), 0);
    end = gochan_now() + BOUND;
    while (!__atomic_load_n(&done3, __ATOMIC_SEQ_CST) && gochan_now() < end)
        ;                               /* no scheduling point */
    CHECK_EQ(__atomic_load_n(&done3, __ATOMIC_SEQ_CST), 1);
    CHECK_EQ(pthread_join(tr, NULL), 0);
    CHECK_EQ(pthread_join(tw, NULL), 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
