/* gochan_mutex basics (Go's TestMutex, first part): trylock fails on a
   locked mutex and succeeds on an unlocked one; static and dynamic
   initialization; lock_until and lock_ctx on a free mutex succeed at
   once.  */
/* { dg-do run } */
#include <gochan/sync.h>
#include <gochan/context.h>
#include <gochan/time.h>
#include "gochan-test.h"

static gochan_mutex smu = GOCHAN_MUTEX_INIT;

int
main (void)
{
  gochan_mutex mu;
  gochan_mutex_init (&mu);

  gochan_mutex_lock (&mu);
  CHECK (!gochan_mutex_trylock (&mu));
  gochan_mutex_unlock (&mu);
  CHECK (gochan_mutex_trylock (&mu));
  CHECK (!gochan_mutex_trylock (&mu));
  gochan_mutex_unlock (&mu);

  gochan_mutex_lock (&smu);
  gochan_mutex_unlock (&smu);

  CHECK_RC (gochan_mutex_lock_until (&mu, gochan_now () + GOCHAN_S), 0);
  gochan_mutex_unlock (&mu);
  /* A deadline already past does not matter when no wait is needed.  */
  CHECK_RC (gochan_mutex_lock_until (&mu, 0), 0);
  CHECK_RC (gochan_mutex_lock_until (&mu, gochan_now () - GOCHAN_S),
            -ETIMEDOUT);
  gochan_mutex_unlock (&mu);
  CHECK_RC (gochan_mutex_lock_ctx (&mu, gochan_ctx_background ()), 0);
  gochan_mutex_unlock (&mu);
  CHECK (gochan_mutex_trylock (&mu));
  gochan_mutex_unlock (&mu);
  return 0;
}
