/* Area:        harness
   Purpose:     scan-gochan-dump, scan-gochan-dump-not and
                scan-gochan-dump-times see only "gochan-dump: " lines
                (prefix removed, one line at a time), and those lines are
                not excess errors.  fake-dump.sh prints the dump here, so
                the test needs no plugin.
   Limitations: when the plugin is loaded it adds its own dump lines; the
                patterns only match the fake ones.  */
/* { dg-do compile } */
/* { dg-additional-options "-wrapper /bin/sh,$srcdir/$subdir/fake-dump.sh" } */

#warning "harness-fake go main.thunk9 is not a dump line"
/* { dg-warning "thunk9" "" { target *-*-* } .-1 } */

int x;

/* { dg-final { scan-gochan-dump {^harness-fake go main\.thunk0 args=1$} } } */
/* { dg-final { scan-gochan-dump-times {^harness-fake go } 2 } } */
/* { dg-final { scan-gochan-dump-times {^harness-fake select main cases=3$} 1 } } */
/* { dg-final { scan-gochan-dump-not {thunk9} } } */
/* { dg-final { scan-gochan-dump-not {gochan-dump:} } } */
