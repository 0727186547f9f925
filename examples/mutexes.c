/*
 * Mutexes: state shared by goroutines is guarded by a gochan_mutex (Go's
 * sync.Mutex).  Goroutines run in parallel on several threads, so an
 * unguarded `c->counts[i]++` from two of them can lose updates; with the
 * lock held around it, none is lost.  A goroutine waiting for the lock
 * parks, and its thread runs other goroutines meanwhile.
 *
 * Three goroutines add 10000 to counters: two to "a", one to "b".
 *
 * Output:
 *   a: 20000
 *   b: 10000
 */
#include <gochan.h>
#include <stdio.h>

enum { A, B, NCOUNTERS };

/* The mutex guards the counters.  Keep the two together, as Go's example
   puts the sync.Mutex in the struct it protects. */
struct container {
    gochan_mutex mu;
    int counts[NCOUNTERS];
};

static void inc(struct container *c, int name)
{
    gochan_mutex_lock(&c->mu);
    c->counts[name]++;
    gochan_mutex_unlock(&c->mu);
}

static void do_increment(struct container *c, int name, int n,
                         gochan_waitgroup *wg)
{
    for (int i = 0; i < n; i++)
        inc(c, name);
    gochan_waitgroup_done(wg);
}

int main(void)
{
    /* Neither may be copied once in use, and the goroutines keep their
       addresses: static storage, zero-initialized (an unlocked mutex). */
    static struct container c;
    static gochan_waitgroup wg;

    gochan_waitgroup_add(&wg, 3);
    __go do_increment(&c, A, 10000, &wg);
    __go do_increment(&c, A, 10000, &wg);
    __go do_increment(&c, B, 10000, &wg);
    gochan_waitgroup_wait(&wg);

    /* wait returned after every done: the goroutines' writes are all
       visible here, and no lock is needed to read them. */
    printf("a: %d\nb: %d\n", c.counts[A], c.counts[B]);
    return 0;
}
