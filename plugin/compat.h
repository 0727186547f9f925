/* SPDX-License-Identifier: MIT */
/* compat.h: every GCC internal header the plugin uses, in the order GCC
   needs them, and every difference between GCC versions.  No other file
   of the plugin tests GCCPLUGIN_VERSION or BUILDING_GCC_VERSION (the
   kernel's scripts/gcc-plugins/gcc-common.h is the model).

   Supported: GCC 12.  The plugin works on GENERIC at PLUGIN_PRE_GENERICIZE
   and relies on the C front end's statement codes (SWITCH_STMT, FOR_STMT,
   BREAK_STMT) still being present there; GCC 13 and later change enough of
   the C front end that a port must be checked construct by construct, so
   other versions are refused here at build time and in plugin_init at
   load time.  */

#ifndef GOCHAN_COMPAT_H
#define GOCHAN_COMPAT_H

#include "gcc-plugin.h"
#include "bversion.h"

#if BUILDING_GCC_VERSION < 12000 || BUILDING_GCC_VERSION >= 13000
#error "the gochan plugin supports GCC 12 only (plugin headers of another version were found)"
#endif

/* The supported range of GCC major versions, checked again at load time
   against the compiler that loads the plugin (plugin.cc).  */
#define GOCHAN_GCC_MAJOR_MIN 12
#define GOCHAN_GCC_MAJOR_MAX 12

#include "tree.h"
#include "tree-iterator.h"
#include "stringpool.h"
#include "attribs.h"
#include "cgraph.h"
#include "function.h"
#include "stor-layout.h"
#include "fold-const.h"
#include "varasm.h"
/* c-common.h must come before diagnostic-core.h: it sets up the
   diagnostic format checking that diagnostic-core.h asserts.  */
#include "c-family/c-common.h"
#include "c-family/c-pragma.h"
#include "c-family/c-pretty-print.h"
#include "diagnostic.h"
#include "diagnostic-core.h"
#include "gimple.h"
#include "gimple-expr.h"
#include "gimplify.h"
#include "cpplib.h"
#include "tree-nested.h"
#include "langhooks.h"
#include "input.h"
#include "intl.h"
#include "tree-pretty-print.h"
#include "print-tree.h"

/* C front-end symbols.  GCC dlopen()s plugins with RTLD_NOW, and with
   -flto the driver passes -fplugin= to lto1 too, which has no C front
   end: a strong reference to any of these would make the plugin fail to
   load there ("undefined symbol: parse_in").  Weak references are null
   outside cc1; plugin_init checks them and stays idle.  Every C
   front-end function the plugin calls must be listed here (plugin.cc
   checks them all before registering anything).  */
extern struct cpp_reader *parse_in __attribute__ ((weak));
extern tree lookup_name (tree) __attribute__ ((weak));
extern void cpp_define (cpp_reader *, const char *) __attribute__ ((weak));
extern void c_genericize (tree) __attribute__ ((weak));

/* GCC 12: clone_function_name (DECL, SUFFIX, NUMBER) builds
   "DECL.SUFFIX.NUMBER" (with '$' or '_' where '.' cannot be used).  */
#define gochan_clone_name(decl, suffix, n) \
  clone_function_name ((decl), (suffix), (n))

#endif /* GOCHAN_COMPAT_H */
