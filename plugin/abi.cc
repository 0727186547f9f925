/* SPDX-License-Identifier: MIT */
/* abi.cc: what the plugin knows about <gochan/abi.h>, the runtime's entry
   points for generated code.  Known to the runtime: a change there is a
   change here, and the other way round.

   Every declaration is taken from the translation unit itself (the user
   included <gochan.h>, which includes <gochan/abi.h>), looked up afresh
   each time (no trees in statics, see gochan-plugin.h) and checked
   against what the lowering needs; a mismatch is an error that names the
   header, never an ICE.  Types come from the function prototypes or the
   typedef the header documents:
     struct __gochan_site     3rd parameter of __gochan_go_start
     __gochan_scase_t         typedef of struct gochan_select_case

   Each translation unit that uses the syntax also gets one reference to
   __gochan_abi_<GOCHAN_ABI_VERSION> from a preserved static variable, so
   that linking against a runtime of another ABI fails instead of
   misbehaving.  */

#include "gochan-plugin.h"

/* The ABI this plugin generates code for: GOCHAN_ABI_VERSION.  */
#define GOCHAN_ABI_SYMBOL "__gochan_abi_1"

static void
gochan_abi_mismatch (location_t loc, const char *what)
{
  error_at (loc, "%qs is missing or does not match what the gochan plugin "
	    "expects; %<<gochan/abi.h>%> and the plugin must come from the "
	    "same gochan release", what);
}

/* Return true if TYPE is of KIND: 'v' void, 'i' integer, 'p' pointer,
   'f' pointer to function.  */

static bool
gochan_abi_kind_p (tree type, char kind)
{
  switch (kind)
    {
    case 'v':
      return VOID_TYPE_P (type);
    case 'i':
      return INTEGRAL_TYPE_P (type);
    case 'p':
      return POINTER_TYPE_P (type);
    case 'f':
      return (POINTER_TYPE_P (type)
	      && TREE_CODE (TREE_TYPE (type)) == FUNCTION_TYPE);
    default:
      gcc_unreachable ();
    }
}

/* Return the FUNCTION_DECL of runtime entry point NAME, or NULL_TREE
   after an error at LOC.  SIG is its shape: the kind of the result, '=',
   and the kind of each parameter (see gochan_abi_kind_p); "p=ii" is
   void *f (size_t, size_t).  Everything the lowerings build on the
   declaration is checked here, so a mismatched header is an error, not a
   crash.  */

tree
gochan_abi_function (const char *name, const char *sig, location_t loc)
{
  tree decl = lookup_name (get_identifier (name));
  bool ok = (decl && TREE_CODE (decl) == FUNCTION_DECL
	     && prototype_p (TREE_TYPE (decl))
	     && !stdarg_p (TREE_TYPE (decl))
	     && gochan_abi_kind_p (TREE_TYPE (TREE_TYPE (decl)), sig[0]));
  tree parm = ok ? TYPE_ARG_TYPES (TREE_TYPE (decl)) : NULL_TREE;
  for (const char *k = sig + 2; ok && *k; k++, parm = TREE_CHAIN (parm))
    ok = (parm && parm != void_list_node
	  && gochan_abi_kind_p (TREE_VALUE (parm), *k));
  if (!ok || parm != void_list_node)
    {
      gochan_abi_mismatch (loc, name);
      return NULL_TREE;
    }
  return decl;
}

/* Return the FIELD_DECL NAME of RECORD, or NULL_TREE after an error.  */

tree
gochan_abi_field (tree record, const char *name, location_t loc)
{
  for (tree f = TYPE_FIELDS (record); f; f = DECL_CHAIN (f))
    if (TREE_CODE (f) == FIELD_DECL && DECL_NAME (f)
	&& id_equal (DECL_NAME (f), name))
      return f;
  gochan_abi_mismatch (loc, name);
  return NULL_TREE;
}

/* Return true if RECORD is a complete struct with the named fields, of
   pointer type where the NAMES entry starts with '*'.  */

static bool
gochan_abi_record_ok (tree record, const char *const *names, unsigned n)
{
  if (!record || TREE_CODE (record) != RECORD_TYPE
      || !COMPLETE_TYPE_P (record))
    return false;
  for (unsigned i = 0; i < n; i++)
    {
      bool want_ptr = names[i][0] == '*';
      const char *name = names[i] + want_ptr;
      tree f;
      for (f = TYPE_FIELDS (record); f; f = DECL_CHAIN (f))
	if (TREE_CODE (f) == FIELD_DECL && DECL_NAME (f)
	    && id_equal (DECL_NAME (f), name))
	  break;
      if (!f || (want_ptr != POINTER_TYPE_P (TREE_TYPE (f))))
	return false;
    }
  return true;
}

/* struct __gochan_site { const char *file; int line; const char *func; },
   or NULL_TREE after an error.  */

tree
gochan_abi_site_type (location_t loc)
{
  static const char *const fields[] = { "*file", "line", "*func" };
  tree start = gochan_abi_function ("__gochan_go_start", "v=pfp", loc);
  if (!start)
    return NULL_TREE;
  tree args = TYPE_ARG_TYPES (TREE_TYPE (start));
  tree site = NULL_TREE;
  tree t = TREE_VALUE (TREE_CHAIN (TREE_CHAIN (args)));
  if (POINTER_TYPE_P (t))
    site = TYPE_MAIN_VARIANT (TREE_TYPE (t));
  if (!gochan_abi_record_ok (site, fields, ARRAY_SIZE (fields)))
    {
      gochan_abi_mismatch (loc, "struct __gochan_site");
      return NULL_TREE;
    }
  return site;
}

/* The element type of the case array of __gochan_select, or NULL_TREE
   after an error.  */

tree
gochan_abi_scase_type (location_t loc)
{
  static const char *const fields[] = { "*chan", "*elem", "dir", "ok" };
  tree decl = lookup_name (get_identifier ("__gochan_scase_t"));
  tree type = NULL_TREE;
  if (decl && TREE_CODE (decl) == TYPE_DECL)
    type = TYPE_MAIN_VARIANT (TREE_TYPE (decl));
  if (!gochan_abi_record_ok (type, fields, ARRAY_SIZE (fields)))
    {
      gochan_abi_mismatch (loc, "__gochan_scase_t");
      return NULL_TREE;
    }
  return type;
}

/* Make sure this translation unit references GOCHAN_ABI_SYMBOL.  */

void
gochan_abi_reference (location_t loc)
{
  /* Once per translation unit; a bool, not a tree, so no GC root.  */
  static bool done;
  if (done)
    return;
  tree sym = lookup_name (get_identifier (GOCHAN_ABI_SYMBOL));
  if (!sym || TREE_CODE (sym) != VAR_DECL || !DECL_EXTERNAL (sym))
    {
      gochan_abi_mismatch (loc, GOCHAN_ABI_SYMBOL);
      return;
    }
  done = true;

  /* static const void *const __gochan_abi_ref
       __attribute__ ((used)) = &__gochan_abi_1;  */
  tree type = build_qualified_type (const_ptr_type_node, TYPE_QUAL_CONST);
  tree init = fold_convert (type, build_fold_addr_expr (sym));
  tree var = gochan_new_static (type, get_identifier ("__gochan_abi_ref"),
				init, loc);
  DECL_PRESERVE_P (var) = 1;
  TREE_USED (sym) = 1;
  varpool_node::finalize_decl (var);
  gochan_dump ("abi %s", GOCHAN_ABI_SYMBOL);
}
