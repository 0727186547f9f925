/* SPDX-License-Identifier: MIT */
/* util.cc: small helpers shared by the lowerings and checks: locations,
   stripping, new declarations, the dump.  */

#include "gochan-plugin.h"

/* Return the location to report LOC at: where the user wrote the macro
   when LOC lies inside one of <gochan.h>'s (a system header, so GCC would
   otherwise hide warnings there and print notes about the header).  */

location_t
gochan_user_location (location_t loc)
{
  if (loc == UNKNOWN_LOCATION)
    return input_location;
  return expansion_point_location_if_in_system_header (loc);
}

/* The user location of expression T, or FALLBACK if it has none.  */

location_t
gochan_expr_location (const_tree t, location_t fallback)
{
  if (t && CAN_HAVE_LOCATION_P (t) && EXPR_HAS_LOCATION (t))
    return gochan_user_location (EXPR_LOCATION (t));
  return fallback;
}

/* Strip conversions to void.  */

tree
gochan_strip_void (tree t)
{
  while (t && CONVERT_EXPR_P (t) && VOID_TYPE_P (TREE_TYPE (t)))
    t = TREE_OPERAND (t, 0);
  return t;
}

/* Strip every conversion, whatever its type.  */

tree
gochan_strip_conversions (tree t)
{
  while (t && (CONVERT_EXPR_P (t) || TREE_CODE (t) == NON_LVALUE_EXPR))
    t = TREE_OPERAND (t, 0);
  return t;
}

/* A new artificial automatic variable NAME.N of TYPE in FNDECL.  The
   caller puts it in the BIND_EXPR_VARS of the block that uses it.  */

tree
gochan_new_local (tree fndecl, tree type, const char *name, location_t loc)
{
  tree var = build_decl (loc, VAR_DECL, create_tmp_var_name (name), type);
  DECL_ARTIFICIAL (var) = 1;
  DECL_IGNORED_P (var) = 1;
  DECL_CONTEXT (var) = fndecl;
  TREE_USED (var) = 1;
  DECL_READ_P (var) = 1;
  return var;
}

/* A new artificial file-scope static constant NAME of TYPE initialized
   to INIT.  The caller sets any further flags and then passes it to
   varpool_node::finalize_decl.  */

tree
gochan_new_static (tree type, tree name, tree init, location_t loc)
{
  tree var = build_decl (loc, VAR_DECL, name, type);
  TREE_STATIC (var) = 1;
  TREE_PUBLIC (var) = 0;
  DECL_EXTERNAL (var) = 0;
  DECL_ARTIFICIAL (var) = 1;
  DECL_IGNORED_P (var) = 1;
  TREE_READONLY (var) = 1;
  TREE_USED (var) = 1;
  DECL_INITIAL (var) = init;
  return var;
}

/* The name of function FNDECL as the user wrote it.  */

const char *
gochan_function_name (tree fndecl)
{
  if (fndecl && DECL_NAME (fndecl))
    return IDENTIFIER_POINTER (DECL_NAME (fndecl));
  return "?";
}

int
gochan_line (location_t loc)
{
  return expand_location (loc).line;
}

static tree
gochan_find_error_r (tree *tp, int *walk_subtrees, void *)
{
  tree t = *tp;
  if (t == error_mark_node)
    return t;
  if (TYPE_P (t) || DECL_P (t))
    *walk_subtrees = 0;
  if (!TYPE_P (t) && CODE_CONTAINS_STRUCT (TREE_CODE (t), TS_TYPED)
      && TREE_TYPE (t) == error_mark_node)
    return t;
  return NULL_TREE;
}

/* Return true if T contains an erroneous tree: the front end has already
   reported the problem and the construct is not worth lowering.  */

bool
gochan_contains_error_p (tree t)
{
  return t && walk_tree_without_duplicates (&t, gochan_find_error_r, NULL);
}

/* Print one line of the dump (-fplugin-arg-gochan-dump) on stderr.
   gochan.lower tests scan these lines; the harness removes them from
   the compiler's output before looking for excess errors.  */

void
gochan_dump (const char *fmt, ...)
{
  if (!gochan_opts.dump)
    return;
  va_list ap;
  va_start (ap, fmt);
  fputs ("gochan-dump: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
}
