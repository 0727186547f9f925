/* Go's test/chan/powser1.go, trimmed to what its checks use: power series
   over rationals as networks of goroutines exchanging demands (req) and
   coefficients (dat) over unbuffered channels, with select over send and
   receive cases whose channels are set to nil as they complete (getn),
   and a splitter that serves two consumers.  Checks the coefficients of
   Ones, Add, Diff, Integ, Cmul, Sub, Mul, Exp and an arctangent series,
   as the Go test does.  */
/* { dg-do run } */
#include <gochan/chan.h>
#include <gochan/sched.h>
#include <gochan/select.h>
#include <stdio.h>
#include <stdlib.h>
#include "gochan-test.h"

typedef struct { int64_t num, den; } rat;   /* den 0: end of series */

typedef struct dch { gochan_chan *req, *dat; } dch;
typedef dch *PS;
typedef struct { dch *d[2]; } dch2;

static int seqno;
static rat zero, one, finis;
static PS Ones, Twos;

#define GO(fn, args) \
  CHECK_RC (gochan_go_copy ((fn), &(args), sizeof (args), 0), 0)

static dch *
mkdch (void)
{
  dch *d = malloc (sizeof *d);
  CHECK (d != NULL);
  d->req = GOCHAN_CHAN_MAKE (int, 0);
  d->dat = GOCHAN_CHAN_MAKE (rat, 0);
  CHECK (d->req != NULL && d->dat != NULL);
  return d;
}

static dch2 *
mkdch2 (void)
{
  dch2 *d2 = malloc (sizeof *d2);
  CHECK (d2 != NULL);
  d2->d[0] = mkdch ();
  d2->d[1] = mkdch ();
  return d2;
}

static int next_seqno (void) { return __atomic_add_fetch (&seqno, 1, __ATOMIC_RELAXED); }
static void recv_int (gochan_chan *c) { int v; CHECK_RC (gochan_chan_recv (c, &v), 0); }
static void send_int (gochan_chan *c, int v) { CHECK_RC (gochan_chan_send (c, &v), 0); }
static rat recv_rat (gochan_chan *c) { rat r; CHECK_RC (gochan_chan_recv (c, &r), 0); return r; }
static void send_rat (gochan_chan *c, rat r) { CHECK_RC (gochan_chan_send (c, &r), 0); }

/* The splitter: serves each value of in to both outputs, whichever asks
   first getting it first. */
struct dosplit_args { dch *in; dch2 *out; gochan_chan *wait; };

static void
dosplit (void *p)
{
  struct dosplit_args a = *(struct dosplit_args *) p;
  dch2 *out = a.out;
  int both = 0, v;
  gochan_select_case c1[] = {
    GOCHAN_SELECT_RECV_CASE (out->d[0]->req, &v),
    GOCHAN_SELECT_RECV_CASE (a.wait, &v),
  };
  if (gochan_select (c1, 2) == 1)
    {
      both = 1;
      gochan_select_case c2[] = {
        GOCHAN_SELECT_RECV_CASE (out->d[0]->req, &v),
        GOCHAN_SELECT_RECV_CASE (out->d[1]->req, &v),
      };
      if (gochan_select (c2, 2) == 1)
        {
          dch *t = out->d[0];
          out->d[0] = out->d[1];
          out->d[1] = t;
        }
    }
  send_int (a.in->req, next_seqno ());
  gochan_chan *release = GOCHAN_CHAN_MAKE (int, 0);
  struct dosplit_args b = { a.in, out, release };
  GO (dosplit, b);
  rat dat = recv_rat (a.in->dat);
  send_rat (out->d[0]->dat, dat);
  if (!both)
    recv_int (a.wait);
  recv_int (out->d[1]->req);
  send_rat (out->d[1]->dat, dat);
  send_int (release, 0);
}

static void
split (dch *in, dch2 *out)
{
  gochan_chan *release = GOCHAN_CHAN_MAKE (int, 0);
  struct dosplit_args a = { in, out, release };
  GO (dosplit, a);
  send_int (release, 0);
}

static void
put (rat dat, dch *out)
{
  recv_int (out->req);
  send_rat (out->dat, dat);
}

static rat
get (dch *in)
{
  send_int (in->req, next_seqno ());
  return recv_rat (in->dat);
}

/* Get one item from each of two series, in whatever order they come. */
static void
get2 (dch *in0, dch *in1, rat out[2])
{
  gochan_chan *req[2] = { in0->req, in1->req };
  gochan_chan *dat[2] = { NULL, NULL };
  dch *in[2] = { in0, in1 };
  for (int n = 4; n > 0; n--)
    {
      int s0 = next_seqno (), s1 = s0;
      rat it0, it1;
      gochan_select_case cases[] = {
        GOCHAN_SELECT_SEND_CASE (req[0], &s0),
        GOCHAN_SELECT_SEND_CASE (req[1], &s1),
        GOCHAN_SELECT_RECV_CASE (dat[0], &it0),
        GOCHAN_SELECT_RECV_CASE (dat[1], &it1),
      };
      switch (gochan_select (cases, 4))
        {
        case 0: dat[0] = in[0]->dat; req[0] = NULL; break;
        case 1: dat[1] = in[1]->dat; req[1] = NULL; break;
        case 2: CHECK (cases[2].ok); out[0] = it0; dat[0] = NULL; break;
        case 3: CHECK (cases[3].ok); out[1] = it1; dat[1] = NULL; break;
        default: CHECK (0);
        }
    }
}

static void
copy (dch *in, dch *out)
{
  for (;;)
    {
      recv_int (out->req);
      send_rat (out->dat, get (in));
    }
}

struct repeat_args { rat dat; dch *out; };

static void
repeat (void *p)
{
  struct repeat_args *a = p;
  for (;;)
    put (a->dat, a->out);
}

/* Arithmetic on rationals. */
static int64_t
gcd (int64_t u, int64_t v)
{
  if (u < 0)
    return gcd (-u, v);
  if (u == 0)
    return v;
  return gcd (v % u, u);
}

static rat
i2tor (int64_t u, int64_t v)
{
  int64_t g = gcd (u, v);
  rat r;
  if (v > 0)
    r = (rat) { u / g, v / g };
  else
    r = (rat) { -u / g, -v / g };
  return r;
}

static rat itor (int64_t u) { return i2tor (u, 1); }
static int64_t end (rat u) { return u.den == 0; }
static int eq (rat u, rat c) { return u.num == c.num && u.den == c.den; }

static rat
add (rat u, rat v)
{
  int64_t g = gcd (u.den, v.den);
  return i2tor (u.num * (v.den / g) + v.num * (u.den / g), u.den * (v.den / g));
}

static rat
mul (rat u, rat v)
{
  int64_t g1 = gcd (u.num, v.den), g2 = gcd (u.den, v.num);
  rat r = { (u.num / g1) * (v.num / g2), (u.den / g2) * (v.den / g1) };
  return r;
}

static rat neg (rat u) { return i2tor (-u.num, u.den); }

/* Power series. */
static dch2 *
Split (PS U)
{
  dch2 *UU = mkdch2 ();
  split (U, UU);   /* starts the splitter goroutine and returns */
  return UU;
}

struct add_args { PS U, V, Z; };

static void
add_g (void *p)
{
  struct add_args a = *(struct add_args *) p;
  rat uv[2];
  for (;;)
    {
      recv_int (a.Z->req);
      get2 (a.U, a.V, uv);
      switch (end (uv[0]) + 2 * end (uv[1]))
        {
        case 0: send_rat (a.Z->dat, add (uv[0], uv[1])); break;
        case 1: send_rat (a.Z->dat, uv[1]); copy (a.V, a.Z); break;
        case 2: send_rat (a.Z->dat, uv[0]); copy (a.U, a.Z); break;
        case 3: send_rat (a.Z->dat, finis); break;
        }
    }
}

static PS
Add (PS U, PS V)
{
  struct add_args a = { U, V, mkdch () };
  GO (add_g, a);
  return a.Z;
}

struct cmul_args { rat c; PS U, Z; };

static void
cmul_g (void *p)
{
  struct cmul_args a = *(struct cmul_args *) p;
  for (;;)
    {
      recv_int (a.Z->req);
      rat u = get (a.U);
      if (end (u))
        break;
      send_rat (a.Z->dat, mul (a.c, u));
    }
  send_rat (a.Z->dat, finis);
}

static PS
Cmul (rat c, PS U)
{
  struct cmul_args a = { c, U, mkdch () };
  GO (cmul_g, a);
  return a.Z;
}

static PS Sub (PS U, PS V) { return Add (U, Cmul (neg (one), V)); }

static PS
Rep (rat c)
{
  struct repeat_args a = { c, mkdch () };
  GO (repeat, a);
  return a.out;
}

struct mul_args { PS U, V, Z; };
static PS Mul (PS U, PS V);

static void
mul_g (void *p)
{
  struct mul_args a = *(struct mul_args *) p;
  rat uv[2];
  recv_int (a.Z->req);
  get2 (a.U, a.V, uv);
  if (end (uv[0]) || end (uv[1]))
    send_rat (a.Z->dat, finis);
  else
    {
      send_rat (a.Z->dat, mul (uv[0], uv[1]));
      dch2 *UU = Split (a.U), *VV = Split (a.V);
      PS W = Add (Cmul (uv[0], VV->d[0]), Cmul (uv[1], UU->d[0]));
      recv_int (a.Z->req);
      send_rat (a.Z->dat, get (W));
      copy (Add (W, Mul (UU->d[1], VV->d[1])), a.Z);
    }
}

static PS
Mul (PS U, PS V)
{
  struct mul_args a = { U, V, mkdch () };
  GO (mul_g, a);
  return a.Z;
}

struct ps_args { rat c; PS U, Z; };

static void
diff_g (void *p)
{
  struct ps_args a = *(struct ps_args *) p;
  recv_int (a.Z->req);
  rat u = get (a.U);
  if (!end (u))
    for (int i = 1;; i++)
      {
        u = get (a.U);
        if (end (u))
          break;
        send_rat (a.Z->dat, mul (itor (i), u));
        recv_int (a.Z->req);
      }
  send_rat (a.Z->dat, finis);
}

static PS
Diff (PS U)
{
  struct ps_args a = { zero, U, mkdch () };
  GO (diff_g, a);
  return a.Z;
}

static void
integ_g (void *p)
{
  struct ps_args a = *(struct ps_args *) p;
  put (a.c, a.Z);
  for (int i = 1, done = 0; !done; i++)
    {
      recv_int (a.Z->req);
      rat u = get (a.U);
      if (end (u))
        done = 1;
      send_rat (a.Z->dat, mul (i2tor (1, i), u));
    }
  send_rat (a.Z->dat, finis);
}

static PS
Integ (rat c, PS U)
{
  struct ps_args a = { c, U, mkdch () };
  GO (integ_g, a);
  return a.Z;
}

static PS
Exp (PS U)
{
  dch2 *ZZ = mkdch2 ();
  split (Integ (one, Mul (ZZ->d[0], Diff (U))), ZZ);
  return ZZ->d[1];
}

struct monsubst_args { PS U, Z; rat c0; int n; };

static void
monsubst_g (void *p)
{
  struct monsubst_args a = *(struct monsubst_args *) p;
  rat c = one;
  for (;;)
    {
      recv_int (a.Z->req);
      rat u = get (a.U);
      send_rat (a.Z->dat, mul (u, c));
      c = mul (c, a.c0);
      if (end (u))
        {
          send_rat (a.Z->dat, finis);
          break;
        }
      for (int i = 1; i < a.n; i++)
        {
          recv_int (a.Z->req);
          send_rat (a.Z->dat, zero);
        }
    }
}

static PS
MonSubst (PS U, rat c0, int n)
{
  struct monsubst_args a = { U, mkdch (), c0, n };
  GO (monsubst_g, a);
  return a.Z;
}

static void
check (PS U, rat c, int count, const char *str)
{
  for (int i = 0; i < count; i++)
    {
      rat r = get (U);
      if (!eq (r, c))
        {
          printf ("got: %lld/%lld should get %lld/%lld\n",
                  (long long) r.num, (long long) r.den,
                  (long long) c.num, (long long) c.den);
          fprintf (stderr, "panic: %s\n", str);
          CHECK (0);
        }
    }
}

enum { N = 10 };

static void
checka (PS U, const rat *a, const char *str)
{
  for (int i = 0; i < N; i++)
    check (U, a[i], 1, str);
}

int
main (void)
{
  zero = itor (0);
  one = itor (1);
  finis = i2tor (1, 0);
  Ones = Rep (one);
  Twos = Rep (itor (2));

  rat a[N];
  check (Ones, one, 5, "Ones");
  check (Add (Ones, Ones), itor (2), 0, "Add Ones Ones");
  check (Add (Ones, Twos), itor (3), 0, "Add Ones Twos");
  PS d = Diff (Ones);
  for (int i = 0; i < N; i++)
    a[i] = itor (i + 1);
  checka (d, a, "Diff");                 /* 1 2 3 4 5 */
  PS in = Integ (zero, Ones);
  a[0] = zero;
  for (int i = 1; i < N; i++)
    a[i] = i2tor (1, i);
  checka (in, a, "Integ");               /* 0 1 1/2 1/3 1/4 1/5 */
  check (Cmul (neg (one), Twos), itor (-2), 10, "CMul");
  check (Sub (Ones, Twos), itor (-1), 0, "Sub Ones Twos");
  PS m = Mul (Ones, Ones);
  for (int i = 0; i < N; i++)
    a[i] = itor (i + 1);
  checka (m, a, "Mul");                  /* 1 2 3 4 5 */
  PS e = Exp (Ones);
  a[0] = itor (1);
  a[1] = itor (1);
  a[2] = i2tor (3, 2);
  a[3] = i2tor (13, 6);
  a[4] = i2tor (73, 24);
  a[5] = i2tor (167, 40);
  a[6] = i2tor (4051, 720);
  a[7] = i2tor (37633, 5040);
  a[8] = i2tor (43817, 4480);
  a[9] = i2tor (4596553, 362880);
  checka (e, a, "Exp");                  /* 1 1 3/2 13/6 73/24 */
  PS at = Integ (zero, MonSubst (Ones, neg (one), 2));
  for (int c = 1, i = 0; i < N; i++)
    {
      if (i % 2 == 0)
        a[i] = zero;
      else
        {
          a[i] = i2tor (c, i);
          c *= -1;
        }
    }
  checka (at, a, "ATan");                /* 0 -1 0 -1/3 0 -1/5 */
  return 0;
}
