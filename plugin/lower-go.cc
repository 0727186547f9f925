/* SPDX-License-Identifier: MIT */
/* lower-go.cc: __go CALL.

   <gochan.h> turns  __go f (a, b);  into the expression statement
   __gochan_go_marker (), f (a, b);  so the C front end checks and converts
   the call as usual (prototypes, variadic promotions, struct and union
   arguments).  walk.cc finds the statement and hands us the CALL_EXPR.

   Before:
       __go pick (i) (next (), x, s);
   After (in the caller; <gochan/abi.h> documents the entry points):
       {
	 void (*fn.1) (int, int, struct s) = pick (i);	 -- 1. operands up to
	 int a0.2 = next ();				    the last one with
							    side effects, in
							    order, into
							    temporaries
	 struct main.gochan_go.0.args *gop.3
	   = __gochan_go_alloc (sizeof *gop.3, __alignof__ (*gop.3));
	 gop.3->fn = fn.1;  gop.3->a0 = a0.2;		 -- 2. the block
	 gop.3->a1 = x;  gop.3->a2 = s;			 -- 3. the rest, read
							    straight into it
	 __gochan_go_start (gop.3, main.gochan_go.0, &main.gochan_site.0);
       }
   and, at file scope, one thunk and one site record per __go statement:
       static void main.gochan_go.0 (void *p)
       {
	 ((struct ... *) p)->fn (((struct ... *) p)->a0,
				 ((struct ... *) p)->a1,
				 ((struct ... *) p)->a2);
       }
       static const struct __gochan_site main.gochan_site.0
	 = { "file.c", 12, "<indirect>" };

   Semantics (Go's): the callee and the arguments are evaluated once, in
   the spawning goroutine, left to right (callee first), before the new
   goroutine can run; the goroutine gets copies.  Operands are evaluated
   into temporaries only up to the last one with side effects, so that no
   user code runs while a goroutine is reserved but not started (an
   argument may block, e.g. __go f (chan_recv (c))); operands after it
   cannot change anything and are stored directly.  A callee that is a
   plain function name is not stored at all: the thunk calls it directly.
   The return value is dropped.

   The thunk is a new static function built like GCC's OpenMP outlining
   (omp-low.cc create_omp_child_function): push_struct_function and
   pop_cfun around it, because cfun is still the caller's during
   PRE_GENERICIZE, and cgraph_node::finalize_function with no_collect,
   because a garbage collection in the middle of the C front end's
   finish_function would free trees it still holds.  cgraph gimplifies
   the GENERIC body later, with the rest of the unit.

   Refused, with an error at the __go: an operand that is not a call; a
   GNU nested function as callee (its static chain points into a frame
   that may be gone when the goroutine runs; the same holds for a pointer
   to one, which we cannot see); a built-in without a library function
   behind it; variably modified argument types (they refer to the
   caller's frame).  check-escape.cc warns about &local arguments.  */

#include "gochan-plugin.h"

/* Per translation unit; numbers thunks and site records.  */
static unsigned long gochan_go_counter;

/* Return true if the direct callee FN can be started: report why not
   otherwise.  */

static bool
gochan_go_callee_ok (tree fn, location_t loc)
{
  if (decl_function_context (fn))
    {
      error_at (loc, "%<__go%> cannot start nested function %qD", fn);
      inform (DECL_SOURCE_LOCATION (fn), "%qD is nested in %qD: the "
	      "goroutine could outlive the frame its static chain points to",
	      fn, decl_function_context (fn));
      return false;
    }
  if (fndecl_built_in_p (fn)
      && (DECL_BUILT_IN_CLASS (fn) != BUILT_IN_NORMAL
	  || startswith (IDENTIFIER_POINTER (DECL_NAME (fn)), "__builtin_")
	  || startswith (IDENTIFIER_POINTER (DECL_NAME (fn)), "__sync_")
	  || startswith (IDENTIFIER_POINTER (DECL_NAME (fn)), "__atomic_")))
    {
      error_at (loc, "%<__go%> cannot start built-in function %qD", fn);
      return false;
    }
  return true;
}

/* Return true if no operand of CALL has a variably modified type; report
   each one that has.  */

static bool
gochan_go_types_ok (tree call, tree fntype, location_t loc)
{
  bool ok = true;
  if (variably_modified_type_p (fntype, NULL_TREE))
    {
      error_at (loc, "%<__go%> cannot call through a variably modified "
		"function type %qT", fntype);
      ok = false;
    }
  for (int i = 0; i < call_expr_nargs (call); i++)
    {
      tree arg = CALL_EXPR_ARG (call, i);
      if (variably_modified_type_p (TREE_TYPE (arg), NULL_TREE))
	{
	  error_at (gochan_expr_location (arg, loc),
		    "argument %d of %<__go%> has variably modified type %qT",
		    i + 1, TREE_TYPE (arg));
	  inform (loc, "its bounds live in the frame of the spawning "
		  "function; pass a pointer to the first element and the "
		  "bounds instead");
	  ok = false;
	}
    }
  return ok;
}

/* The argument block type NAME.args: one field per stored operand, in
   order, of TYPES[i] without qualifiers, named NAMES[i].  */

tree
gochan_go_block_type (tree thunk_name, const vec<tree> &types,
		      const vec<const char *> &names, location_t loc)
{
  /* Chained last to first: finish_builtin_struct reverses the chain.  */
  tree fields = NULL_TREE;
  for (unsigned i = 0; i < types.length (); i++)
    {
      tree f = build_decl (loc, FIELD_DECL, get_identifier (names[i]),
			   TYPE_MAIN_VARIANT (types[i]));
      DECL_CHAIN (f) = fields;
      fields = f;
    }
  tree rec = make_node (RECORD_TYPE);
  char *name = concat (IDENTIFIER_POINTER (thunk_name), ".args", NULL);
  finish_builtin_struct (rec, name, fields, NULL_TREE);
  free (name);
  return rec;
}

/* A reference to field F of the block *PTR.  */

tree
gochan_go_field_ref (tree ptr, tree f, location_t loc)
{
  tree obj = build_fold_indirect_ref_loc (loc, ptr);
  return build3_loc (loc, COMPONENT_REF, TREE_TYPE (f), obj, f, NULL_TREE);
}

/* A new thunk NAME, static void NAME (void *__gochan_block), at file
   scope, with no body yet: its outermost BLOCK is DECL_INITIAL and its
   parameter DECL_ARGUMENTS.  CALLER lends it its optimization and target
   options.  */

tree
gochan_go_new_thunk (tree caller, tree name, location_t loc)
{
  tree type = build_function_type_list (void_type_node, ptr_type_node,
					NULL_TREE);
  tree decl = build_decl (loc, FUNCTION_DECL, name, type);
  TREE_STATIC (decl) = 1;
  TREE_USED (decl) = 1;
  TREE_PUBLIC (decl) = 0;
  DECL_EXTERNAL (decl) = 0;
  DECL_ARTIFICIAL (decl) = 1;
  /* Visible to the debugger and in backtraces: frames of goroutines
     start here.  */
  DECL_IGNORED_P (decl) = 0;
  /* Only ever called through a pointer.  */
  DECL_UNINLINABLE (decl) = 1;
  /* File scope, even when the caller is a nested function.  */
  DECL_CONTEXT (decl) = NULL_TREE;
  DECL_FUNCTION_SPECIFIC_OPTIMIZATION (decl)
    = DECL_FUNCTION_SPECIFIC_OPTIMIZATION (caller);
  DECL_FUNCTION_SPECIFIC_TARGET (decl) = DECL_FUNCTION_SPECIFIC_TARGET (caller);

  tree block = make_node (BLOCK);
  BLOCK_SUPERCONTEXT (block) = decl;
  TREE_USED (block) = 1;
  DECL_INITIAL (decl) = block;

  tree result = build_decl (loc, RESULT_DECL, NULL_TREE, void_type_node);
  DECL_ARTIFICIAL (result) = 1;
  DECL_IGNORED_P (result) = 1;
  DECL_CONTEXT (result) = decl;
  DECL_RESULT (decl) = result;

  tree parm = build_decl (loc, PARM_DECL, get_identifier ("__gochan_block"),
			  ptr_type_node);
  DECL_ARTIFICIAL (parm) = 1;
  DECL_ARG_TYPE (parm) = ptr_type_node;
  DECL_CONTEXT (parm) = decl;
  TREE_USED (parm) = 1;
  DECL_READ_P (parm) = 1;
  DECL_ARGUMENTS (decl) = parm;

  /* cfun is the caller's: keep it (see the file comment).  */
  push_struct_function (decl);
  cfun->function_end_locus = loc;
  pop_cfun ();
  return decl;
}

/* Build and finalize the thunk NAME:
     static void NAME (void *p) { CALLEE (p->a0, p->a1, ...); }
   CALLEE is DIRECT_FN if non-null, else field FN_FIELD of the block.  */

static tree
gochan_go_thunk (tree caller, tree name, tree rec, tree direct_fn,
		 tree fntype, tree fn_field, tree first_arg_field,
		 location_t loc)
{
  tree decl = gochan_go_new_thunk (caller, name, loc);
  tree parm = DECL_ARGUMENTS (decl);
  tree p = fold_convert_loc (loc, build_pointer_type (rec), parm);
  auto_vec<tree, 8> args;
  for (tree f = first_arg_field; f; f = DECL_CHAIN (f))
    args.safe_push (gochan_go_field_ref (p, f, loc));
  tree fn = (direct_fn ? build_fold_addr_expr_loc (loc, direct_fn)
	     : gochan_go_field_ref (p, fn_field, loc));
  fn = fold_convert_loc (loc, build_pointer_type (fntype), fn);
  tree call = build_call_array_loc (loc, TREE_TYPE (fntype), fn,
				    args.length (), args.address ());
  TREE_SIDE_EFFECTS (call) = 1;
  tree body = alloc_stmt_list ();
  append_to_statement_list_force (call, &body);
  DECL_SAVED_TREE (decl) = build3_loc (loc, BIND_EXPR, void_type_node,
				       NULL_TREE, body, DECL_INITIAL (decl));
  cgraph_node::finalize_function (decl, /*no_collect=*/true);
  return decl;
}

/* The site record: static const struct __gochan_site NAME
     = { file, line, FUNC };  */

tree
gochan_go_site (tree site_type, tree name, const char *func, location_t loc)
{
  tree ffile = gochan_abi_field (site_type, "file", loc);
  tree fline = gochan_abi_field (site_type, "line", loc);
  tree ffunc = gochan_abi_field (site_type, "func", loc);
  if (!ffile || !fline || !ffunc)
    return NULL_TREE;
  expanded_location xloc = expand_location (loc);
  const char *file = xloc.file ? xloc.file : "";
  tree init = build_constructor_va
    (site_type, 3,
     ffile, fold_convert (TREE_TYPE (ffile),
			  build_string_literal (strlen (file) + 1, file)),
     fline, build_int_cst (TREE_TYPE (fline), xloc.line),
     ffunc, fold_convert (TREE_TYPE (ffunc),
			  build_string_literal (strlen (func) + 1, func)));
  TREE_CONSTANT (init) = 1;
  TREE_STATIC (init) = 1;
  tree type = build_qualified_type (site_type, TYPE_QUAL_CONST);
  tree var = gochan_new_static (type, name, init, loc);
  varpool_node::finalize_decl (var);
  return var;
}

/* Look up the runtime's go entry points; return the site record type,
   or NULL_TREE after an error (one error for a mismatched header).  */

tree
gochan_go_abi_ok (location_t loc)
{
  tree alloc = gochan_abi_function ("__gochan_go_alloc", "p=ii", loc);
  tree start = (alloc ? gochan_abi_function ("__gochan_go_start", "v=pfp", loc)
		: NULL_TREE);
  return start ? gochan_abi_site_type (loc) : NULL_TREE;
}

/* The next number for a thunk and its site record, per translation
   unit.  */

unsigned long
gochan_go_next_number (void)
{
  return gochan_go_counter++;
}

/* The statement that starts the goroutine, in FNDECL at LOC: VARS (a
   chain of temporaries, last declared first) and STMTS (their
   assignments) come first, then
     gop = __gochan_go_alloc (sizeof *gop, __alignof__ (*gop));
     gop->F0 = VALUES[0];  gop->F1 = VALUES[1];  ...
     __gochan_go_start (gop, THUNK, &SITE);
   with F0, F1, ... the fields of REC.  gochan_go_abi_ok has checked the
   entry points.  */

tree
gochan_go_spawn (tree fndecl, tree rec, const vec<tree> &values, tree thunk,
		 tree site, tree vars, tree stmts, location_t loc)
{
  tree alloc = gochan_abi_function ("__gochan_go_alloc", "p=ii", loc);
  tree start = gochan_abi_function ("__gochan_go_start", "v=pfp", loc);

  /* The block.  */
  tree recp = build_pointer_type (rec);
  tree gop = gochan_new_local (fndecl, recp, "gop", loc);
  DECL_CHAIN (gop) = vars;
  vars = gop;
  tree size_type = TREE_VALUE (TYPE_ARG_TYPES (TREE_TYPE (alloc)));
  tree block = build_call_expr_loc
    (loc, alloc, 2, fold_convert (size_type, TYPE_SIZE_UNIT (rec)),
     build_int_cst (size_type, TYPE_ALIGN_UNIT (rec)));
  append_to_statement_list_force
    (build2_loc (loc, MODIFY_EXPR, recp, gop,
		 fold_convert_loc (loc, recp, block)), &stmts);

  /* Store the operands.  */
  unsigned i = 0;
  for (tree f = TYPE_FIELDS (rec); f; f = DECL_CHAIN (f), i++)
    append_to_statement_list_force
      (build2_loc (gochan_expr_location (values[i], loc), MODIFY_EXPR,
		   TREE_TYPE (f), gochan_go_field_ref (gop, f, loc),
		   fold_convert (TREE_TYPE (f), values[i])), &stmts);

  /* Start it.  */
  tree start_args = TYPE_ARG_TYPES (TREE_TYPE (start));
  tree thunk_type = TREE_VALUE (TREE_CHAIN (start_args));
  tree site_ptr_type = TREE_VALUE (TREE_CHAIN (TREE_CHAIN (start_args)));
  append_to_statement_list_force
    (build_call_expr_loc (loc, start, 3,
			  fold_convert (TREE_VALUE (start_args), gop),
			  fold_convert (thunk_type,
					build_fold_addr_expr_loc (loc, thunk)),
			  fold_convert (site_ptr_type,
					build_fold_addr_expr_loc (loc, site))),
     &stmts);
  gochan_abi_reference (loc);

  return build3_loc (loc, BIND_EXPR, void_type_node, nreverse (vars), stmts,
		     NULL_TREE);
}

/* The dump line of one __go:
     go FUNC:LINE thunk=NAME callee=NAME|indirect fields=F:TYPE,...
	early=F,...
   fields lists the block's fields in evaluation order (fn, then a0, a1,
   ...); early lists those evaluated into temporaries before the
   goroutine is reserved ("none" for none).  */

static void
gochan_go_dump (tree fndecl, location_t loc, tree thunk_name, tree direct,
		const vec<tree> &ops, const vec<const char *> &names,
		const vec<bool> &early)
{
  pretty_printer fields, temps;
  for (unsigned i = 0; i < ops.length (); i++)
    {
      char *type = gochan_type_string (TYPE_MAIN_VARIANT (TREE_TYPE (ops[i])));
      pp_printf (&fields, "%s%s:%s", i ? "," : "", names[i], type);
      free (type);
    }
  bool first = true;
  for (unsigned i = 0; i < ops.length (); i++)
    if (early[i])
      {
	pp_printf (&temps, "%s%s", first ? "" : ",", names[i]);
	first = false;
      }
  gochan_dump ("go %s:%d thunk=%s callee=%s fields=%s early=%s",
	       gochan_function_name (fndecl), gochan_line (loc),
	       IDENTIFIER_POINTER (thunk_name),
	       direct ? IDENTIFIER_POINTER (DECL_NAME (direct)) : "indirect",
	       ops.is_empty () ? "none" : pp_formatted_text (&fields),
	       first ? "none" : pp_formatted_text (&temps));
}

/* Lower the __go whose operand is OPERAND, in function FNDECL; LOC is
   where the user wrote __go.  Return the replacement statement, or
   NULL_TREE after an error.  */

tree
gochan_lower_go (tree fndecl, tree operand, location_t loc)
{
  tree call = gochan_strip_void (operand);
  if (gochan_contains_error_p (call))
    return NULL_TREE;
  if (!call || TREE_CODE (call) != CALL_EXPR)
    {
      error_at (gochan_expr_location (call, loc),
		"%<__go%> must be followed by a function call");
      return NULL_TREE;
    }
  tree fn = CALL_EXPR_FN (call);
  if (!fn || !POINTER_TYPE_P (TREE_TYPE (fn))
      || TREE_CODE (TREE_TYPE (TREE_TYPE (fn))) != FUNCTION_TYPE)
    {
      error_at (loc, "%<__go%> must be followed by a call of a function "
		"or a function pointer");
      return NULL_TREE;
    }
  tree fntype = TREE_TYPE (TREE_TYPE (fn));
  tree direct = NULL_TREE;
  if (TREE_CODE (fn) == ADDR_EXPR
      && TREE_CODE (TREE_OPERAND (fn, 0)) == FUNCTION_DECL)
    direct = TREE_OPERAND (fn, 0);

  /* A function behind a cast is still checked (a nested function's
     trampoline would point into the frame too).  */
  tree named = gochan_strip_conversions (fn);
  if (TREE_CODE (named) == ADDR_EXPR
      && TREE_CODE (TREE_OPERAND (named, 0)) == FUNCTION_DECL)
    named = TREE_OPERAND (named, 0);
  else
    named = NULL_TREE;

  bool ok = true;
  if (named && !gochan_go_callee_ok (named, loc))
    ok = false;
  else if (CALL_EXPR_STATIC_CHAIN (call))
    {
      error_at (loc, "%<__go%> cannot start a call that needs a static "
		"chain");
      ok = false;
    }
  if (!gochan_go_types_ok (call, fntype, loc))
    ok = false;
  if (!ok)
    return NULL_TREE;
  gochan_check_escape (fndecl, call, loc);

  /* Nothing is compiled after an error: stop short of building code,
     keep the call so that the walk goes on into its arguments.  */
  if (seen_error ())
    return call;

  tree site_type = gochan_go_abi_ok (loc);
  if (!site_type)
    return NULL_TREE;

  /* The operands the block stores, in evaluation order.  */
  auto_vec<tree, 8> ops;
  auto_vec<const char *, 8> names;
  if (!direct)
    {
      ops.safe_push (fn);
      names.safe_push ("fn");
    }
  for (int i = 0; i < call_expr_nargs (call); i++)
    {
      char buf[24];
      snprintf (buf, sizeof buf, "a%d", i);
      ops.safe_push (CALL_EXPR_ARG (call, i));
      /* Identifiers live as long as the compilation.  */
      names.safe_push (IDENTIFIER_POINTER (get_identifier (buf)));
    }

  unsigned long n = gochan_go_counter++;
  tree thunk_name = gochan_clone_name (fndecl, "gochan_go", n);
  tree site_name = gochan_clone_name (fndecl, "gochan_site", n);
  auto_vec<tree, 8> types;
  for (unsigned i = 0; i < ops.length (); i++)
    types.safe_push (TREE_TYPE (ops[i]));
  tree rec = gochan_go_block_type (thunk_name, types, names, loc);
  tree fn_field = direct ? NULL_TREE : TYPE_FIELDS (rec);
  tree arg_fields = direct ? TYPE_FIELDS (rec) : DECL_CHAIN (fn_field);
  tree thunk = gochan_go_thunk (fndecl, thunk_name, rec, direct, fntype,
				fn_field, arg_fields, loc);
  tree site = gochan_go_site (site_type, site_name,
			     (direct ? IDENTIFIER_POINTER (DECL_NAME (direct))
			      : "<indirect>"), loc);
  if (!site)
    return NULL_TREE;

  /* 1. Operands up to the last one with side effects into temporaries;
     constants need none.  */
  int last_effect = -1;
  for (unsigned i = 0; i < ops.length (); i++)
    if (TREE_SIDE_EFFECTS (ops[i]))
      last_effect = i;

  tree vars = NULL_TREE;
  tree stmts = alloc_stmt_list ();
  auto_vec<tree, 8> values;
  auto_vec<bool, 8> early;
  for (unsigned i = 0; i < ops.length (); i++)
    {
      tree v = ops[i];
      bool tmp = (int) i <= last_effect && !TREE_CONSTANT (v);
      if (tmp)
	{
	  tree var = gochan_new_local (fndecl,
				       TYPE_MAIN_VARIANT (TREE_TYPE (v)),
				       names[i], loc);
	  DECL_CHAIN (var) = vars;
	  vars = var;
	  append_to_statement_list_force
	    (build2_loc (gochan_expr_location (v, loc), MODIFY_EXPR,
			 TREE_TYPE (var), var, v), &stmts);
	  v = var;
	}
      values.safe_push (v);
      early.safe_push (tmp);
    }

  tree spawn = gochan_go_spawn (fndecl, rec, values, thunk, site, vars,
				stmts, loc);
  if (gochan_opts.dump)
    gochan_go_dump (fndecl, loc, thunk_name, direct, ops, names, early);
  return spawn;
}
