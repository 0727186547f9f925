/* Without the plugin (here: with its macro undefined again), <gochan.h>
   stops with an #error that says what to do.  */
/* { dg-do compile } */
/* { dg-options "-std=gnu11 -U__GOCHAN_PLUGIN__" } */
/* { dg-error "<gochan.h> needs the gochan GCC plugin: compile with -fplugin=gochan" "" { target *-*-* } 0 } */

#include <gochan.h>

int x;
