/* -fplugin-arg-gochan-help prints the options and compiles on.  */
/* { dg-do compile } */
/* { dg-require-effective-target plugin } */
/* { dg-options "-fplugin-arg-gochan-help" } */
/* { dg-message "gochan plugin .*: Go's __go, __chan and __select for GNU C" "" { target *-*-* } 0 } */
/* { dg-message "options \\(-fplugin-arg-gochan-NAME\\):" "" { target *-*-* } 0 } */
/* { dg-message "^  dump  " "" { target *-*-* } 0 } */
/* { dg-message "^  no-escape-warning  " "" { target *-*-* } 0 } */
/* { dg-message "^  no-capture-warning  " "" { target *-*-* } 0 } */
/* { dg-message "^  help  " "" { target *-*-* } 0 } */

int x;
