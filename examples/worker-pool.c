/*
 * Worker pool: a few goroutines take jobs from one channel and put
 * results on another.  Closing the jobs channel tells the workers there
 * is no more work; a WaitGroup (Go's sync.WaitGroup) tells a closer
 * goroutine when every worker has returned, and it then closes the
 * results channel, which ends main's loop over the results.  Workers
 * and closer are __go_block goroutines, Go's go func() { ... }(): they
 * use main's channels, which the block captures by value (a channel is
 * a handle, so the copy is the same channel).
 *
 * Three workers share five jobs of 10 ms each, so the whole takes about
 * 20 ms instead of 50.  Which worker does which job varies from run to
 * run; main files each result under its job and prints them in order.
 *
 * Output:
 *   job 1: 1 squared is 1
 *   job 2: 2 squared is 4
 *   job 3: 3 squared is 9
 *   job 4: 4 squared is 16
 *   job 5: 5 squared is 25
 *   5 jobs done by 3 workers
 */
#include <gochan.h>
#include <stdio.h>

enum { NJOBS = 5, NWORKERS = 3 };

struct result {
    int job;
    int value;
};

int main(void)
{
    /* static, so the goroutines share it: a block would copy an
       automatic variable (and a copy of a WaitGroup is another one) */
    static gochan_waitgroup wg = GOCHAN_WAITGROUP_INIT;
    __chan(int) jobs = chan_make(int, NJOBS);
    __chan(struct result) results = chan_make(struct result, NJOBS);

    for (int w = 0; w < NWORKERS; w++) {
        gochan_waitgroup_add(&wg, 1);   /* before the goroutine starts */
        __go_block {
            bool ok;
            for (int j = chan_recv_ok(jobs, &ok); ok;
                 j = chan_recv_ok(jobs, &ok)) {
                gochan_sleep(10 * GOCHAN_MS);   /* the "work" */
                chan_send(results, ((struct result){ j, j * j }));
            }
            gochan_waitgroup_done(&wg);
        }
    }
    for (int j = 1; j <= NJOBS; j++)
        chan_send(jobs, j);
    chan_close(jobs);

    /* Close results once every worker is done: the range over results
       below then ends.  Closing from a worker would be wrong (the others
       may still send), so the last one out is found with the WaitGroup. */
    __go_block {
        gochan_waitgroup_wait(&wg);
        chan_close(results);
    }

    struct result by_job[NJOBS + 1];
    bool ok;
    for (struct result r = chan_recv_ok(results, &ok); ok;
         r = chan_recv_ok(results, &ok))
        by_job[r.job] = r;
    for (int j = 1; j <= NJOBS; j++)
        printf("job %d: %d squared is %d\n", j, j, by_job[j].value);
    printf("%d jobs done by %d workers\n", NJOBS, NWORKERS);
    return 0;
}
