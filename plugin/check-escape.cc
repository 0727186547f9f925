/* SPDX-License-Identifier: MIT */
/* check-escape.cc: the warning for  __go f (&local).

   Go moves a variable whose address escapes to the heap; C cannot, and an
   automatic variable of the spawning function may be dead (its frame
   popped or reused) before the new goroutine reads it.  We warn when an
   argument of __go is, directly, the address of (part of) an automatic
   variable, parameter or compound literal of the spawning function or of
   one enclosing it: &x, &s.f, &a[i], a (an array), a + i.

   Not warned about: the runtime's synchronization objects (gochan_mutex,
   gochan_waitgroup, ... from <gochan/sync.h>): they exist to be shared
   by address, and the spawning goroutine normally waits on them, which
   is what keeps them alive.

   Off with -fplugin-arg-gochan-no-escape-warning.  The warning looks
   only at the argument expression itself, so code that knows the
   variable outlives the goroutine (it waits for it) can also say so by
   passing a pointer variable:
       struct job *p = &job;  __go worker (p);  */

#include "gochan-plugin.h"

/* Return true if TYPE is one of the runtime's synchronization objects:
   a struct gochan_* declared in a system header (<gochan/sync.h>).  */

static bool
gochan_sync_type_p (tree type)
{
  type = TYPE_MAIN_VARIANT (type);
  if (TREE_CODE (type) != RECORD_TYPE)
    return false;
  tree name = TYPE_NAME (type);
  if (name && TREE_CODE (name) == TYPE_DECL)
    name = DECL_NAME (name);
  tree stub = TYPE_STUB_DECL (type);
  return (name && TREE_CODE (name) == IDENTIFIER_NODE
	  && startswith (IDENTIFIER_POINTER (name), "gochan_")
	  && stub && DECL_IN_SYSTEM_HEADER (stub));
}

/* If ARG is the address of an object with automatic storage, return that
   object (a VAR_DECL, PARM_DECL or COMPOUND_LITERAL_EXPR); otherwise
   NULL_TREE.  */

static tree
gochan_local_address_base (tree arg)
{
  tree t = gochan_strip_conversions (arg);
  while (TREE_CODE (t) == POINTER_PLUS_EXPR)
    t = gochan_strip_conversions (TREE_OPERAND (t, 0));
  if (TREE_CODE (t) != ADDR_EXPR
      || gochan_sync_type_p (TREE_TYPE (TREE_OPERAND (t, 0))))
    return NULL_TREE;
  tree base = TREE_OPERAND (t, 0);
  while (handled_component_p (base))
    base = TREE_OPERAND (base, 0);
  if (TREE_CODE (base) == COMPOUND_LITERAL_EXPR)
    {
      tree decl = COMPOUND_LITERAL_EXPR_DECL (base);
      return (decl && !TREE_STATIC (decl) && decl_function_context (decl)
	      ? base : NULL_TREE);
    }
  if ((TREE_CODE (base) == VAR_DECL || TREE_CODE (base) == PARM_DECL)
      && !TREE_STATIC (base) && !DECL_EXTERNAL (base)
      && decl_function_context (base))
    return base;
  return NULL_TREE;
}

/* Warn about the arguments of CALL, the operand of a __go at LOC in
   FNDECL, that pass the address of an automatic object.  */

void
gochan_check_escape (tree fndecl, tree call, location_t loc)
{
  if (!gochan_opts.escape_warning)
    return;
  for (int i = 0; i < call_expr_nargs (call); i++)
    {
      tree arg = CALL_EXPR_ARG (call, i);
      tree base = gochan_local_address_base (arg);
      if (!base)
	continue;
      location_t aloc = gochan_expr_location (arg, loc);
      if (TREE_CODE (base) == COMPOUND_LITERAL_EXPR)
	warning_at (aloc, 0, "%<__go%> passes the address of a compound "
		    "literal of %qD, which may be gone before the goroutine "
		    "uses it", fndecl);
      else if (warning_at (aloc, 0, "%<__go%> passes the address of %qD, "
			   "an automatic variable of %qD that may be dead "
			   "before the goroutine uses it", base,
			   decl_function_context (base)))
	inform (DECL_SOURCE_LOCATION (base), "%qD declared here", base);
    }
}
