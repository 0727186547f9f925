/* SPDX-License-Identifier: MIT */
/* lower-go-block.cc: __go_block { ... }, Go's  go func () { ... } ().

   <gochan.h> turns  __go_block BODY  into
       for (; __gochan_go_block_marker (); ) BODY
   so that the C front end parses BODY as a statement of its own, with
   its declarations, labels, loops and statement expressions; walk.cc
   finds the loop and hands us BODY.

   Why not  __go ({ ... });  which needs no new name: the front end does
   not keep the block of a statement expression that holds one statement
   and no declaration, so  __go ({ f (g ()); });  reaches the plugin as
   __go f (g ());, the call form, with g () evaluated in the spawning
   goroutine.  A marker of its own keeps the two forms apart whatever the
   body looks like.

   Before (in main, at line 12):
       int n = 3;  int a[4];  struct s s;  static int hits;
       __go_block { a[0] = work (n, s);  hits++; }
   After:
       {
	 struct main.gochan_go.0.args *gop.1
	   = __gochan_go_alloc (sizeof *gop.1, __alignof__ (*gop.1));
	 gop.1->n = n;  gop.1->a = &a;  gop.1->s = s;	 -- captures, in order
							    of first use
	 __gochan_go_start (gop.1, main.gochan_go.0, &main.gochan_site.0);
       }
   and at file scope
       static void main.gochan_go.0 (void *p)
       {
	 int n = ((struct ... *) p)->n;		 -- the goroutine's copies
	 int (*a.2)[4] = ((struct ... *) p)->a;
	 struct s s = ((struct ... *) p)->s;
	 (*a.2)[0] = work (n, s);  hits++;	 -- BODY, moved here
       }

   Capture rules (C++'s [=], the closest C can come to Go's closures):
   every automatic variable or parameter of the enclosing function (or of
   a function it is nested in) that BODY uses is copied when the
   goroutine starts, in the spawning goroutine: a loop variable is
   captured per iteration.  An array is captured by address (what it
   would decay to), so the goroutine works on the spawner's array, which
   must outlive it; a struct or union by value.  Statics, globals and
   whatever pointers point to are shared as usual.

   Checked here, each with a diagnostic at the user's line (nothing is
   outlined after an error):
   - an assignment to a captured variable (=, op=, ++, --) changes the
     goroutine's copy only: a warning that names it (off with
     -fplugin-arg-gochan-no-capture-warning);
   - return, break and continue that would leave BODY, goto to a label
     outside it, a computed goto, the address of an outside label, and a
     case label of a switch outside it: errors (the front end accepts
     them, since BODY sits in a loop; gochan_exit ends a goroutine
     early).  Jumps into BODY from outside are reported by walk.cc once
     BODY's labels belong to the thunk;
   - a captured variable of variably modified type, a variably modified
     type declared in BODY (its size would be computed in the wrong
     frame), a GNU nested function used or defined in BODY (its static
     chain would point into the spawner's frame): errors.
   A __go_block nested in BODY is checked when BODY's own function is
   walked (gochan_process_outlined): here it only contributes captures.

   The thunk is built like the one of __go CALL (lower-go.cc), but its
   body is the user's C: the constructs in it (__go, __go_block,
   __select) are lowered by walking it, then the C front end's own
   c_genericize turns its loops and switches into GENERIC, as
   finish_function would, before cgraph takes it.  Declarations, labels
   and scope BLOCKs of BODY move with it: their DECL_CONTEXT becomes the
   thunk, and the BLOCKs are unlinked from the enclosing function's scope
   tree and hung under the thunk's.  */

#include "gochan-plugin.h"

/* What the scans learn about one __go_block body.  */
struct gochan_block
{
  tree fndecl;			/* the function the block is in  */
  location_t loc;		/* where __go_block is  */
  hash_set<tree> inner;		/* declared in the body  */
  hash_set<tree> labels;	/* defined in the body  */
  auto_vec<tree> captures;	/* outer automatics used, first use first  */
  hash_set<tree> captured;	/* the same, as a set  */
  hash_set<tree> reported;	/* declarations already diagnosed  */
  hash_set<tree> visited;	/* nodes the check scan has seen  */
  int loops;			/* loops around the node, inside the body  */
  int switches;			/* switches around the node, inside it  */
  int nested;			/* __go_block bodies around the node  */
  location_t here;		/* of the last expression met: a
				   declaration has none of its own  */
  bool ok;			/* no error so far  */
};

/* Return true if DECL is an automatic variable or a parameter of the
   enclosing functions that the body does not declare: one it captures
   if it uses it.  */

static bool
gochan_block_outer_auto_p (gochan_block *b, tree decl)
{
  return ((TREE_CODE (decl) == VAR_DECL || TREE_CODE (decl) == PARM_DECL)
	  && !TREE_STATIC (decl) && !DECL_EXTERNAL (decl)
	  && decl_function_context (decl)
	  && !b->inner.contains (decl));
}

/* Report DECL, declared in the body, if the body cannot have it.  */

static void
gochan_block_check_inner_decl (gochan_block *b, tree decl)
{
  if (b->reported.contains (decl))
    return;
  if (TREE_CODE (decl) == FUNCTION_DECL && DECL_INITIAL (decl)
      && decl_function_context (decl))
    {
      b->reported.add (decl);
      error_at (DECL_SOURCE_LOCATION (decl), "nested function %qD cannot be "
		"defined in a %<__go_block%>", decl);
      b->ok = false;
    }
  else if ((TREE_CODE (decl) == VAR_DECL || TREE_CODE (decl) == TYPE_DECL)
	   && TREE_TYPE (decl)
	   && variably_modified_type_p (TREE_TYPE (decl), NULL_TREE))
    {
      b->reported.add (decl);
      error_at (DECL_SOURCE_LOCATION (decl), "%qD has variably modified "
		"type %qT, which a %<__go_block%> cannot declare", decl,
		TREE_TYPE (decl));
      inform (b->loc, "declare it in a function that the block calls");
      b->ok = false;
    }
}

/* walk_tree callback, first scan: what the body declares and labels.  */

static tree
gochan_block_decls_r (tree *tp, int *walk_subtrees, void *data)
{
  gochan_block *b = (gochan_block *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  switch (TREE_CODE (t))
    {
    case BIND_EXPR:
      for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	b->inner.add (v);
      break;
    case DECL_EXPR:
      b->inner.add (DECL_EXPR_DECL (t));
      break;
    case LABEL_EXPR:
      b->labels.add (LABEL_EXPR_LABEL (t));
      break;
    default:
      break;
    }
  return NULL_TREE;
}

/* The declaration at the bottom of the lvalue LHS.  */

static tree
gochan_lvalue_base (tree lhs)
{
  while (handled_component_p (lhs))
    lhs = TREE_OPERAND (lhs, 0);
  return lhs;
}

static tree gochan_block_scan_r (tree *, int *, void *);

/* Scan *TP with LOOPS, SWITCHES and NESTED raised by the given amounts.  */

static void
gochan_block_scan_in (gochan_block *b, tree *tp, int loops, int switches,
		      int nested)
{
  b->loops += loops;
  b->switches += switches;
  b->nested += nested;
  walk_tree (tp, gochan_block_scan_r, b, &b->visited);
  b->loops -= loops;
  b->switches -= switches;
  b->nested -= nested;
}

/* Record the use of DECL in the body.  */

static void
gochan_block_use (gochan_block *b, tree decl, location_t loc)
{
  if (gochan_block_outer_auto_p (b, decl))
    {
      if (b->captured.add (decl))
	return;
      if (variably_modified_type_p (TREE_TYPE (decl), NULL_TREE))
	{
	  error_at (loc, "%<__go_block%> cannot capture %qD of variably "
		    "modified type %qT", decl, TREE_TYPE (decl));
	  inform (DECL_SOURCE_LOCATION (decl), "its bounds live in the frame "
		  "of %qD; capture a pointer to its first element and the "
		  "bounds instead", decl_function_context (decl));
	  b->ok = false;
	}
      b->captures.safe_push (decl);
    }
  else if (TREE_CODE (decl) == FUNCTION_DECL && decl_function_context (decl)
	   && !b->inner.contains (decl) && !b->reported.add (decl))
    {
      error_at (loc, "%<__go_block%> cannot use nested function %qD", decl);
      inform (DECL_SOURCE_LOCATION (decl), "%qD is nested in %qD: the "
	      "goroutine could outlive the frame its static chain points to",
	      decl, decl_function_context (decl));
      b->ok = false;
    }
}

/* walk_tree callback, second scan: captures, control leaving the body,
   assignments to captured variables.  */

static tree
gochan_block_scan_r (tree *tp, int *walk_subtrees, void *data)
{
  gochan_block *b = (gochan_block *) data;
  tree t = *tp;
  if (TYPE_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (DECL_P (t))
    {
      *walk_subtrees = 0;
      gochan_block_use (b, t, b->here);
      return NULL_TREE;
    }
  location_t loc = gochan_expr_location (t, b->here);
  b->here = loc;

  switch (TREE_CODE (t))
    {
    case ADDR_EXPR:
      if (b->nested == 0
	  && TREE_CODE (TREE_OPERAND (t, 0)) == LABEL_DECL
	  && !b->labels.contains (TREE_OPERAND (t, 0)))
	{
	  error_at (loc, "%<__go_block%> cannot take the address of label "
		    "%qD outside it", TREE_OPERAND (t, 0));
	  b->ok = false;
	}
      return NULL_TREE;

    case DECL_EXPR:
      {
	tree decl = DECL_EXPR_DECL (t);
	gochan_block_check_inner_decl (b, decl);
	/* A compound literal's initializer is not in a BIND_EXPR, where
	   walk_tree would find it.  */
	if (TREE_CODE (decl) == VAR_DECL && !TREE_STATIC (decl)
	    && DECL_INITIAL (decl))
	  walk_tree (&DECL_INITIAL (decl), gochan_block_scan_r, b,
		     &b->visited);
      }
      return NULL_TREE;

    case BIND_EXPR:
      for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	gochan_block_check_inner_decl (b, v);
      return NULL_TREE;

    case FOR_STMT:
      *walk_subtrees = 0;
      if (FOR_COND (t) && gochan_go_block_cond_p (FOR_COND (t)))
	{
	  gochan_block_scan_in (b, &FOR_BODY (t), 0, 0, 1);
	  return NULL_TREE;
	}
      gochan_block_scan_in (b, &FOR_INIT_STMT (t), 0, 0, 0);
      gochan_block_scan_in (b, &FOR_COND (t), 1, 0, 0);
      gochan_block_scan_in (b, &FOR_EXPR (t), 1, 0, 0);
      gochan_block_scan_in (b, &FOR_BODY (t), 1, 0, 0);
      return NULL_TREE;

    case WHILE_STMT:
      *walk_subtrees = 0;
      gochan_block_scan_in (b, &WHILE_COND (t), 1, 0, 0);
      gochan_block_scan_in (b, &WHILE_BODY (t), 1, 0, 0);
      return NULL_TREE;

    case DO_STMT:
      *walk_subtrees = 0;
      gochan_block_scan_in (b, &DO_BODY (t), 1, 0, 0);
      gochan_block_scan_in (b, &DO_COND (t), 1, 0, 0);
      return NULL_TREE;

    case SWITCH_STMT:
      *walk_subtrees = 0;
      gochan_block_scan_in (b, &SWITCH_STMT_COND (t), 0, 0, 0);
      gochan_block_scan_in (b, &SWITCH_STMT_BODY (t), 0, 1, 0);
      return NULL_TREE;

    default:
      break;
    }

  /* The rest concerns this body only: a nested __go_block is checked
     when it is lowered.  */
  if (b->nested)
    return NULL_TREE;

  switch (TREE_CODE (t))
    {
    case RETURN_EXPR:
      error_at (loc, "%<return%> cannot leave a %<__go_block%>");
      inform (b->loc, "the block runs as a goroutine of its own; "
	      "%<gochan_exit ()%> ends it early");
      b->ok = false;
      break;

    case BREAK_STMT:
      if (b->loops == 0 && b->switches == 0)
	{
	  error_at (loc, "%<break%> cannot leave a %<__go_block%>");
	  b->ok = false;
	}
      break;

    case CONTINUE_STMT:
      if (b->loops == 0)
	{
	  error_at (loc, "%<continue%> cannot leave a %<__go_block%>");
	  b->ok = false;
	}
      break;

    case GOTO_EXPR:
      {
	tree dest = GOTO_DESTINATION (t);
	if (TREE_CODE (dest) != LABEL_DECL)
	  {
	    error_at (loc, "computed %<goto%> in a %<__go_block%>");
	    b->ok = false;
	  }
	else if (!b->labels.contains (dest))
	  {
	    error_at (loc, "%<goto%> cannot leave a %<__go_block%>: label "
		      "%qD is outside it", dest);
	    b->ok = false;
	  }
      }
      break;

    case CASE_LABEL_EXPR:
      if (b->switches == 0)
	{
	  error_at (loc, "%qs label of a %<switch%> outside the "
		    "%<__go_block%>", CASE_LOW (t) ? "case" : "default");
	  b->ok = false;
	}
      break;

    case MODIFY_EXPR:
    case PREINCREMENT_EXPR:
    case PREDECREMENT_EXPR:
    case POSTINCREMENT_EXPR:
    case POSTDECREMENT_EXPR:
      {
	tree base = gochan_lvalue_base (TREE_OPERAND (t, 0));
	if (gochan_opts.capture_warning && DECL_P (base)
	    && gochan_block_outer_auto_p (b, base)
	    && TREE_CODE (TREE_TYPE (base)) != ARRAY_TYPE
	    && warning_at (loc, 0, "assignment to %qD changes only the "
			   "goroutine%'s copy: %<__go_block%> captures it by "
			   "value", base))
	  inform (DECL_SOURCE_LOCATION (base), "to share %qD with the "
		  "goroutine, capture a pointer to it", base);
      }
      break;

    default:
      break;
    }
  return NULL_TREE;
}

/* State of the move into the thunk.  */
struct gochan_block_move
{
  tree fndecl;			/* the function the body leaves  */
  tree thunk;			/* the function it moves to  */
  hash_map<tree, tree> map;	/* captured decl -> its copy  */
  hash_set<tree> arrays;	/* captured arrays: the copy is a pointer  */
  hash_set<tree> blocks;	/* the body's scope BLOCKs  */
  auto_vec<tree> top_blocks;	/* those not inside another of them  */
};

/* Give DECL, which moves with the body, to the thunk.  */

static void
gochan_block_move_decl (gochan_block_move *m, tree decl)
{
  if (DECL_CONTEXT (decl) == m->fndecl)
    DECL_CONTEXT (decl) = m->thunk;
}

/* walk_tree callback: move the body into the thunk (no duplicate
   pruning: a captured declaration is met once per use).  */

static tree
gochan_block_move_r (tree *tp, int *walk_subtrees, void *data)
{
  gochan_block_move *m = (gochan_block_move *) data;
  tree t = *tp;
  if (TYPE_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (DECL_P (t))
    {
      *walk_subtrees = 0;
      if (tree *copy = m->map.get (t))
	*tp = (m->arrays.contains (t)
	       ? build1 (INDIRECT_REF, TREE_TYPE (t), *copy) : *copy);
      return NULL_TREE;
    }
  switch (TREE_CODE (t))
    {
    case BIND_EXPR:
      for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	gochan_block_move_decl (m, v);
      if (tree blk = BIND_EXPR_BLOCK (t))
	{
	  tree sup = BLOCK_SUPERCONTEXT (blk);
	  if (!sup || !m->blocks.contains (sup))
	    m->top_blocks.safe_push (blk);
	  m->blocks.add (blk);
	  for (tree v = BLOCK_VARS (blk); v; v = DECL_CHAIN (v))
	    gochan_block_move_decl (m, v);
	}
      break;
    case DECL_EXPR:
      {
	tree decl = DECL_EXPR_DECL (t);
	gochan_block_move_decl (m, decl);
	if (TREE_CODE (decl) == VAR_DECL && !TREE_STATIC (decl)
	    && DECL_INITIAL (decl))
	  walk_tree (&DECL_INITIAL (decl), gochan_block_move_r, m, NULL);
      }
      break;
    case LABEL_EXPR:
      gochan_block_move_decl (m, LABEL_EXPR_LABEL (t));
      break;
    default:
      break;
    }
  return NULL_TREE;
}

/* Unlink scope BLOCK from the enclosing function's scope tree and make
   it a subblock of TOP.  */

static void
gochan_block_rehang (tree block, tree top)
{
  tree sup = BLOCK_SUPERCONTEXT (block);
  if (sup && TREE_CODE (sup) == BLOCK)
    for (tree *p = &BLOCK_SUBBLOCKS (sup); *p; p = &BLOCK_CHAIN (*p))
      if (*p == block)
	{
	  *p = BLOCK_CHAIN (block);
	  break;
	}
  BLOCK_SUPERCONTEXT (block) = top;
  BLOCK_CHAIN (block) = BLOCK_SUBBLOCKS (top);
  BLOCK_SUBBLOCKS (top) = block;
}

/* The dump line of one __go_block:
     go-block FUNC:LINE thunk=NAME captures=V:TYPE,...|none
   in the order of the block's fields (first use in the body); TYPE is
   the field's (an array's is a pointer to it).  */

static void
gochan_block_dump (tree fndecl, location_t loc, tree thunk_name,
		   const vec<const char *> &names, const vec<tree> &types)
{
  pretty_printer pp;
  for (unsigned i = 0; i < names.length (); i++)
    {
      char *type = gochan_type_string (TYPE_MAIN_VARIANT (types[i]));
      pp_printf (&pp, "%s%s:%s", i ? "," : "", names[i], type);
      free (type);
    }
  gochan_dump ("go-block %s:%d thunk=%s captures=%s",
	       gochan_function_name (fndecl), gochan_line (loc),
	       IDENTIFIER_POINTER (thunk_name),
	       names.is_empty () ? "none" : pp_formatted_text (&pp));
}

/* Lower the __go_block whose body is BODY, in function FNDECL; LOC is
   where the user wrote __go_block.  Return the replacement statement,
   or NULL_TREE after an error.  */

tree
gochan_lower_go_block (tree fndecl, tree body, location_t loc)
{
  if (gochan_contains_error_p (body))
    return NULL_TREE;

  gochan_block b;
  b.fndecl = fndecl;
  b.loc = loc;
  b.loops = b.switches = b.nested = 0;
  b.here = loc;
  b.ok = true;
  walk_tree_without_duplicates (&body, gochan_block_decls_r, &b);
  walk_tree (&body, gochan_block_scan_r, &b, &b.visited);
  if (!b.ok)
    return NULL_TREE;

  /* Nothing is compiled after an error: leave the body where it is (it
     cannot leave itself, we checked) so that the walk goes on into it,
     as into the arguments of __go CALL.  */
  tree site_type = seen_error () ? NULL_TREE : gochan_go_abi_ok (loc);
  if (!site_type)
    return seen_error () ? body : NULL_TREE;

  /* The block record: one field per capture, named after it.  */
  auto_vec<tree, 8> types;
  auto_vec<const char *, 8> names;
  auto_vec<tree, 8> values;
  for (unsigned i = 0; i < b.captures.length (); i++)
    {
      tree v = b.captures[i];
      tree type = TREE_TYPE (v);
      tree value = v;
      if (TREE_CODE (type) == ARRAY_TYPE)
	{
	  type = build_pointer_type (type);
	  TREE_ADDRESSABLE (v) = 1;
	  value = build_fold_addr_expr_loc (loc, v);
	}
      types.safe_push (type);
      names.safe_push (DECL_NAME (v) ? IDENTIFIER_POINTER (DECL_NAME (v))
		       : "capture");
      values.safe_push (value);
    }

  unsigned long n = gochan_go_next_number ();
  tree thunk_name = gochan_clone_name (fndecl, "gochan_go", n);
  tree site_name = gochan_clone_name (fndecl, "gochan_site", n);
  tree rec = gochan_go_block_type (thunk_name, types, names, loc);
  tree thunk = gochan_go_new_thunk (fndecl, thunk_name, loc);
  tree site = gochan_go_site (site_type, site_name,
			      IDENTIFIER_POINTER (thunk_name), loc);
  if (!site)
    return NULL_TREE;

  /* The goroutine's copies, at the top of the thunk.  */
  gochan_block_move m;
  m.fndecl = fndecl;
  m.thunk = thunk;
  tree p = fold_convert_loc (loc, build_pointer_type (rec),
			     DECL_ARGUMENTS (thunk));
  tree copies = NULL_TREE;
  tree stmts = alloc_stmt_list ();
  unsigned i = 0;
  for (tree f = TYPE_FIELDS (rec); f; f = DECL_CHAIN (f), i++)
    {
      tree v = b.captures[i];
      bool array = TREE_CODE (TREE_TYPE (v)) == ARRAY_TYPE;
      tree copy;
      if (array)
	copy = gochan_new_local (thunk, TREE_TYPE (f), names[i], loc);
      else
	{
	  /* A user variable of the goroutine, for the debugger.  */
	  copy = build_decl (DECL_SOURCE_LOCATION (v), VAR_DECL,
			     DECL_NAME (v), TREE_TYPE (v));
	  DECL_CONTEXT (copy) = thunk;
	  TREE_USED (copy) = 1;
	  DECL_READ_P (copy) = 1;
	  TREE_ADDRESSABLE (copy) = TREE_ADDRESSABLE (v);
	  TREE_THIS_VOLATILE (copy) = TREE_THIS_VOLATILE (v);
	  TREE_SIDE_EFFECTS (copy) = TREE_SIDE_EFFECTS (v);
	  TREE_READONLY (copy) = TREE_READONLY (v);
	  SET_DECL_ALIGN (copy, DECL_ALIGN (v));
	  DECL_USER_ALIGN (copy) = DECL_USER_ALIGN (v);
	}
      DECL_INITIAL (copy) = gochan_go_field_ref (p, f, loc);
      DECL_CHAIN (copy) = copies;
      copies = copy;
      append_to_statement_list_force
	(build1_loc (loc, DECL_EXPR, void_type_node, copy), &stmts);
      m.map.put (v, copy);
      if (array)
	m.arrays.add (v);
    }
  copies = nreverse (copies);

  /* The body moves.  */
  walk_tree (&body, gochan_block_move_r, &m, NULL);
  tree top = DECL_INITIAL (thunk);
  BLOCK_VARS (top) = copies;
  for (unsigned j = 0; j < m.top_blocks.length (); j++)
    gochan_block_rehang (m.top_blocks[j], top);
  BLOCK_SUBBLOCKS (top) = nreverse (BLOCK_SUBBLOCKS (top));
  append_to_statement_list_force (body, &stmts);
  DECL_SAVED_TREE (thunk) = build3_loc (loc, BIND_EXPR, void_type_node,
					copies, stmts, top);
  TREE_SIDE_EFFECTS (DECL_SAVED_TREE (thunk)) = 1;

  if (gochan_opts.dump)
    gochan_block_dump (fndecl, loc, thunk_name, names, types);

  /* What finish_function does for the user's functions: our walks, then
     the front end's.  */
  gochan_process_outlined (thunk);
  c_genericize (thunk);
  cgraph_node::finalize_function (thunk, /*no_collect=*/true);

  return gochan_go_spawn (fndecl, rec, values, thunk, site, NULL_TREE,
			  alloc_stmt_list (), loc);
}
