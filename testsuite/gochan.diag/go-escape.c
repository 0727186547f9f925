/* __go f (&local) warns when local is an automatic variable (or
   parameter, or compound literal) of the spawning function, directly or
   through an array or member; statics, globals, pointer variables and
   the runtime's synchronization objects (made to be shared by address
   and waited on) do not warn.  -fplugin-arg-gochan-no-escape-warning
   turns it off (go-escape-off.c).  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-std=gnu11" } */

#include <gochan.h>

struct job { int id; int data[4]; };
void work (int *p);
void run (struct job *j);
void done (gochan_waitgroup *wg);
void locked (gochan_mutex *mu);
int global;

void
spawn (int param, int *ptr)
{
  int local = 0;		/* { dg-message "note: 'local' declared here" } */
  int arr[4] = { 0 };		/* { dg-message "note: 'arr' declared here" } */
  struct job job = { 0 };	/* { dg-message "note: 'job' declared here" } */
  static int stat;
  struct job *jp = &job;

  __go work (&local);		/* { dg-warning "'__go' passes the address of 'local', an automatic variable of 'spawn'" } */
  __go work (arr);		/* { dg-warning "'__go' passes the address of 'arr'" } */
  __go work (arr + 2);		/* { dg-warning "'__go' passes the address of 'arr'" } */
  __go work (&job.data[1]);	/* { dg-warning "'__go' passes the address of 'job'" } */
  __go run (&job);		/* { dg-warning "'__go' passes the address of 'job'" } */
  __go work (&param);		/* { dg-warning "'__go' passes the address of 'param'" } */
  /* { dg-message "note: 'param' declared here" "" { target *-*-* } 21 } */
  __go run (&(struct job) { 1, { 0 } });	/* { dg-warning "'__go' passes the address of a compound literal of 'spawn'" } */
  __go work (&stat);		/* static: fine */
  __go work (&global);		/* global: fine */
  __go work (ptr);		/* a pointer: fine */
  __go run (jp);		/* the documented way to say "I know" */
  gochan_waitgroup wg;
  gochan_mutex mu;
  __go done (&wg);		/* sync objects: fine */
  __go locked (&mu);
}
