/* An unknown -fplugin-arg-gochan-* argument is an error, as is a value
   given to an option that takes none.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-fplugin-arg-gochan-bogus -fplugin-arg-gochan-dump=yes" } */
/* { dg-error "unknown option '-fplugin-arg-gochan-bogus'; '-fplugin-arg-gochan-help' lists the options" "" { target *-*-* } 0 } */
/* { dg-error "option '-fplugin-arg-gochan-dump' takes no value" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */

int x;
