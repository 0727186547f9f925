dnl SPDX-License-Identifier: MIT
dnl configure checks for gochan.  Each one says what failed and what to do.

dnl GOCHAN_CHECK_GCC_PLUGIN: GCC's plugin headers and their version.
dnl Sets GCC_PLUGIN_DIR, GCCPLUGIN_VERSION.
AC_DEFUN([GOCHAN_CHECK_GCC_PLUGIN], [
  AC_MSG_CHECKING([for GCC plugin headers])
  GCC_PLUGIN_DIR=`$CC -print-file-name=plugin`
  AS_IF([test ! -f "$GCC_PLUGIN_DIR/include/gcc-plugin.h"], [
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([$CC has no plugin headers ($GCC_PLUGIN_DIR/include/gcc-plugin.h
is missing).  On Debian: apt-get install gcc-12-plugin-dev (or run ./bootstrap)])
  ])
  AC_MSG_RESULT([$GCC_PLUGIN_DIR])
  AC_MSG_CHECKING([GCC plugin API version])
  gochan_pv_major=`sed -n 's/^#define GCCPLUGIN_VERSION_MAJOR  *//p' \
    "$GCC_PLUGIN_DIR/include/plugin-version.h"`
  gochan_pv_minor=`sed -n 's/^#define GCCPLUGIN_VERSION_MINOR  *//p' \
    "$GCC_PLUGIN_DIR/include/plugin-version.h"`
  GCCPLUGIN_VERSION=
  AS_IF([test -n "$gochan_pv_major" && test -n "$gochan_pv_minor"],
        [GCCPLUGIN_VERSION=`expr $gochan_pv_major \* 1000 + $gochan_pv_minor`])
  AC_MSG_RESULT([$GCCPLUGIN_VERSION])
  AS_IF([test -z "$GCCPLUGIN_VERSION" || test "$GCCPLUGIN_VERSION" -lt 12000 || test "$GCCPLUGIN_VERSION" -ge 13000], [
    AC_MSG_ERROR([gochan's plugin supports GCC 12 (plugin API 12000-12999); $CC has
$GCCPLUGIN_VERSION.  Set CC=gcc-12 CXX=g++-12])
  ])
  AC_MSG_CHECKING([that $CXX builds against the plugin headers])
  AC_LANG_PUSH([C++])
  save_CXXFLAGS=$CXXFLAGS
  CXXFLAGS="$CXXFLAGS -I$GCC_PLUGIN_DIR/include -fno-rtti"
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include "gcc-plugin.h"
#include "plugin-version.h"]], [[return GCCPLUGIN_VERSION_MAJOR;]])],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no])
     AC_MSG_ERROR([$CXX cannot compile against $GCC_PLUGIN_DIR/include; use the
C++ compiler that matches $CC (g++-12)])])
  CXXFLAGS=$save_CXXFLAGS
  AC_LANG_POP([C++])
  AC_SUBST([GCC_PLUGIN_DIR])
  AC_SUBST([GCCPLUGIN_VERSION])
])

dnl GOCHAN_CHECK_SPLIT_STACK_LINKER: -fsplit-stack that compiles, links and
dnl runs, with a linker that rewrites calls from split-stack code into
dnl non-split code (gold or lld).  BFD ld does not, and such calls then run
dnl on whatever is left of a small segment: silent memory corruption.
dnl Sets GOCHAN_LD_FLAG.
AC_DEFUN([GOCHAN_CHECK_SPLIT_STACK_LINKER], [
  AC_ARG_WITH([split-stack-linker],
    [AS_HELP_STRING([--with-split-stack-linker=gold|lld], [linker for split-stack programs (default: the first that works)])],
    [gochan_linkers=$withval], [gochan_linkers="gold lld"])
  AC_MSG_CHECKING([for a linker that supports -fsplit-stack])
  GOCHAN_LD_FLAG=
  save_CFLAGS=$CFLAGS
  save_LDFLAGS=$LDFLAGS
  for gochan_ld in $gochan_linkers; do
    CFLAGS="$save_CFLAGS -fsplit-stack"
    LDFLAGS="$save_LDFLAGS -fuse-ld=$gochan_ld"
    dnl Deep recursion through a small segment, with a libc call at the
    dnl bottom: fails unless stacks really split and calls into libc are
    dnl given a big enough segment.
    AC_RUN_IFELSE([AC_LANG_SOURCE([[
#include <stdio.h>
#include <string.h>
static int depth(int n, char *out)
{
    char buf[512];
    memset(buf, n & 0x7f, sizeof buf);
    if (n == 0)
        return snprintf(out, 64, "%d", buf[100]);
    return depth(n - 1, out) + buf[n % 512];
}
int main(void)
{
    char out[64];
    return depth(20000, out) > 0 ? 0 : 1;
}
]])], [
      dnl The run passed; now require the prologue rewrite (stc, or a call
      dnl to __morestack_non_split) in a function that calls libc.
      if objdump -d conftest$EXEEXT 2>/dev/null | grep -q '__morestack_non_split'; then
        GOCHAN_LD_FLAG="-fuse-ld=$gochan_ld"
        break
      fi
    ], [], [GOCHAN_LD_FLAG="-fuse-ld=$gochan_ld"; break])
  done
  CFLAGS=$save_CFLAGS
  LDFLAGS=$save_LDFLAGS
  AS_IF([test -z "$GOCHAN_LD_FLAG"], [
    AC_MSG_RESULT([none])
    AC_MSG_ERROR([no linker supports -fsplit-stack here (tried: $gochan_linkers).
gochan needs gold or lld: BFD ld does not fix calls from split-stack code into
libc and corrupts memory.  On Debian: apt-get install binutils (gold) or lld])
  ])
  AC_MSG_RESULT([$GOCHAN_LD_FLAG])
  AC_SUBST([GOCHAN_LD_FLAG])
])

dnl GOCHAN_CHECK_LIBATOMIC: -latomic links.  Sets GOCHAN_LIBATOMIC.
AC_DEFUN([GOCHAN_CHECK_LIBATOMIC], [
  AC_MSG_CHECKING([for libatomic])
  save_LIBS=$LIBS
  LIBS="$LIBS -latomic"
  AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <stdatomic.h>
_Atomic long v;]], [[return (int)atomic_fetch_add(&v, 1);]])],
    [GOCHAN_LIBATOMIC=-latomic; AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no])
     AC_MSG_ERROR([libatomic is missing.  On Debian: apt-get install libatomic1 (or run ./bootstrap)])])
  LIBS=$save_LIBS
  AC_SUBST([GOCHAN_LIBATOMIC])
])

dnl GOCHAN_CHECK_RUNTEST: DejaGnu, which runs make check.
AC_DEFUN([GOCHAN_CHECK_RUNTEST], [
  AC_PATH_PROG([GOCHAN_RUNTEST], [runtest])
  AS_IF([test -z "$GOCHAN_RUNTEST"], [
    AC_MSG_ERROR([DejaGnu's runtest is missing; make check needs it.  On Debian:
apt-get install dejagnu (or run ./bootstrap)])
  ])
])
