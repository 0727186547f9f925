/* Area:        harness
   Purpose:     dg-error, dg-warning, dg-message and dg-bogus match the
                diagnostic on the right line, with absolute, relative
                (.-N, .+N) and "any line" (0) line numbers; anything not
                matched would be an excess error.
   Limitations: uses GCC's own C diagnostics.  */
/* { dg-do compile } */
/* { dg-options "-std=gnu11 -Wall -Wno-harness-unknown" } */

int f (int);
/* { dg-message "note: previous declaration of 'f'" "" { target *-*-* } .-1 } */
double f (int);		/* { dg-error "conflicting types for 'f'" } */

int
g (void)
{
  int unused;		/* { dg-warning "unused variable 'unused'" } */
  /* { dg-error "'undeclared_thing' undeclared" "" { target *-*-* } .+1 } */
  return undeclared_thing;
  /* { dg-message "reported only once" "" { target *-*-* } .-1 } */
}	/* { dg-warning "control reaches end of non-void function" } */

int h (void) { return 0; }	/* { dg-bogus "warning" } */

#warning "harness warning"
/* { dg-warning "harness warning" "" { target *-*-* } 25 } */
/* { dg-message "unrecognized command-line option '-Wno-harness-unknown'" "" { target *-*-* } 0 } */
