/* SPDX-License-Identifier: MIT */
/* walk.cc: the rewriter, on PLUGIN_PRE_GENERICIZE.

   The C front end raises PLUGIN_PRE_GENERICIZE from finish_function for
   each top-level function, just before c_genericize: the body is still
   GENERIC with the front end's own statement codes (FOR_STMT,
   SWITCH_STMT, BREAK_STMT...), which is what lets __select use the
   switch's structure (case labels, break).  For each function:

   1. check-chan.cc checks channel operations (as the user wrote them);
   2. the rewrite walk finds __go statements, __go_block loops and
      __select switches in statement positions and replaces them by their
      lowering; a __go_block's body moves to a new function, which gets
      steps 2 and 3 of its own (gochan_process_outlined) before the
      walk goes on;
   3. the leftover walk reports every marker call still present: a __go,
      __recv or __send used where it does not belong; and every jump into
      a body that moved out (a goto from outside a __go_block to a label
      inside it, or the address of such a label);
   4. nested functions get the same treatment: the front end genericizes
      them with their parent and raises no event of their own.

   Statement positions are the elements of a STATEMENT_LIST, the body of a
   BIND_EXPR, the arms of a void COND_EXPR, the bodies of loops and
   switches, and the operands of TRY_FINALLY_EXPR, TRY_CATCH_EXPR
   (cleanup attribute) and CLEANUP_POINT_EXPR.  Everywhere else a marker
   is misplaced: __go in a condition, __go f (), g ();, a case pair in an
   ordinary switch.  */

#include "gochan-plugin.h"

/* If the statement in *SLOT is __go or __select, replace it by its
   lowering (or by an empty statement after an error).  */

static void
gochan_rewrite_stmt (tree *slot, tree fndecl)
{
  tree t = gochan_strip_void (*slot);
  if (!t)
    return;

  if (TREE_CODE (t) == FOR_STMT && FOR_COND (t)
      && gochan_go_block_cond_p (FOR_COND (t)))
    {
      location_t loc
	= gochan_user_location (EXPR_LOC_OR_LOC (FOR_COND (t),
						 EXPR_LOCATION (t)));
      tree r = gochan_lower_go_block (fndecl, FOR_BODY (t), loc);
      *slot = r ? r : build_empty_stmt (loc);
      return;
    }

  if (TREE_CODE (t) == SWITCH_STMT
      && (gochan_marker_of (gochan_strip_conversions (SWITCH_STMT_COND (t)))
	  == GOCHAN_MARKER_SELECT))
    {
      location_t loc
	= gochan_user_location (EXPR_LOC_OR_LOC (SWITCH_STMT_COND (t),
						 EXPR_LOCATION (t)));
      *slot = gochan_lower_select (fndecl, t, loc);
      return;
    }

  if (TREE_CODE (t) == COMPOUND_EXPR
      && (gochan_marker_of (gochan_strip_void (TREE_OPERAND (t, 0)))
	  == GOCHAN_MARKER_GO))
    {
      location_t loc
	= gochan_user_location (EXPR_LOC_OR_LOC (TREE_OPERAND (t, 0),
						 EXPR_LOCATION (t)));
      tree r = gochan_lower_go (fndecl, TREE_OPERAND (t, 1), loc);
      *slot = r ? r : build_empty_stmt (loc);
    }
}

/* State of the rewrite walk.  */
struct gochan_rewrite_data
{
  tree fndecl;
  /* The statement positions seen so far (addresses of the slots that
     hold statements), filled as the walk meets their parents.  */
  hash_set<tree *> slots;
};

static void
gochan_add_slot (gochan_rewrite_data *d, tree *slot)
{
  if (*slot)
    d->slots.add (slot);
}

/* walk_tree callback.  walk_tree goes depth first, in source order, and
   looks at *TP again after we return, so: if TP is a statement position,
   rewrite it; then record the statement positions inside what is there
   now, for when the walk reaches them.  (The walk skips trees it has
   seen: a lowering must not put a node it was handed, which the walk has
   already entered, inside its replacement; lower-select.cc copies.)  Constructs nested in a lowered
   one (a __go in a select case, a select in a statement expression in a
   __go argument) are thus lowered too, and everything is numbered in
   source order.  */

static tree
gochan_rewrite_r (tree *tp, int *walk_subtrees, void *data)
{
  gochan_rewrite_data *d = (gochan_rewrite_data *) data;
  if (TYPE_P (*tp) || DECL_P (*tp))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (d->slots.contains (tp))
    gochan_rewrite_stmt (tp, d->fndecl);

  tree t = *tp;
  switch (TREE_CODE (t))
    {
    case STATEMENT_LIST:
      for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
	gochan_add_slot (d, tsi_stmt_ptr (i));
      break;
    case BIND_EXPR:
      gochan_add_slot (d, &BIND_EXPR_BODY (t));
      break;
    case COND_EXPR:
      if (VOID_TYPE_P (TREE_TYPE (t)))
	{
	  gochan_add_slot (d, &COND_EXPR_THEN (t));
	  gochan_add_slot (d, &COND_EXPR_ELSE (t));
	}
      break;
    case FOR_STMT:
      gochan_add_slot (d, &FOR_INIT_STMT (t));
      gochan_add_slot (d, &FOR_BODY (t));
      break;
    case WHILE_STMT:
      gochan_add_slot (d, &WHILE_BODY (t));
      break;
    case DO_STMT:
      gochan_add_slot (d, &DO_BODY (t));
      break;
    case SWITCH_STMT:
      gochan_add_slot (d, &SWITCH_STMT_BODY (t));
      break;
    case TRY_FINALLY_EXPR:
    case TRY_CATCH_EXPR:
      gochan_add_slot (d, &TREE_OPERAND (t, 0));
      gochan_add_slot (d, &TREE_OPERAND (t, 1));
      break;
    case CLEANUP_POINT_EXPR:
      gochan_add_slot (d, &TREE_OPERAND (t, 0));
      break;
    default:
      break;
    }
  return NULL_TREE;
}

/* Return true if FN is FNDECL or a function FNDECL is nested in.  */

static bool
gochan_self_or_outer_p (tree fn, tree fndecl)
{
  for (tree f = fndecl; f; f = decl_function_context (f))
    if (f == fn)
      return true;
  return false;
}

/* walk_tree callback: report markers the rewrite left, and jumps into
   the body of a __go_block from outside it: its labels now belong to the
   function it moved to (DATA is the function walked).  */

static tree
gochan_leftover_r (tree *tp, int *walk_subtrees, void *data)
{
  tree fndecl = (tree) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (TREE_CODE (t) == GOTO_EXPR || TREE_CODE (t) == ADDR_EXPR)
    {
      tree label = TREE_OPERAND (t, 0);
      if (TREE_CODE (label) == LABEL_DECL && DECL_CONTEXT (label)
	  && !gochan_self_or_outer_p (DECL_CONTEXT (label), fndecl))
	{
	  error_at (gochan_expr_location (t, input_location),
		    "jump into a %<__go_block%> to label %qD", label);
	  inform (DECL_SOURCE_LOCATION (label), "%qD is inside the block, "
		  "which runs as a goroutine of its own", label);
	  *tp = (TREE_CODE (t) == GOTO_EXPR ? build_empty_stmt (EXPR_LOCATION (t))
		 : build_zero_cst (TREE_TYPE (t)));
	  *walk_subtrees = 0;
	}
      return NULL_TREE;
    }
  enum gochan_marker kind = gochan_marker_of (t);
  if (kind == GOCHAN_NOT_MARKER)
    return NULL_TREE;

  location_t loc = gochan_expr_location (t, input_location);
  switch (kind)
    {
    case GOCHAN_MARKER_GO:
      error_at (loc, "%<__go%> must begin a statement of its own, as in "
		"%<__go f (x);%>");
      break;
    case GOCHAN_MARKER_SELECT:
    case GOCHAN_MARKER_GO_BLOCK:
      error_at (loc, "misplaced %qs", gochan_marker_syntax (kind));
      break;
    default:
      /* The slots are part of their case: one error for the case.  */
      error_at (loc, "%qs may only label a case directly inside a "
		"%<__select%>", gochan_marker_syntax (kind));
      break;
    }
  /* No second error for the same construct; keep the tree well typed
     for what the front end still does with it.  */
  *tp = (VOID_TYPE_P (TREE_TYPE (t)) ? build_empty_stmt (loc)
	 : build_zero_cst (TREE_TYPE (t)));
  *walk_subtrees = 0;
  return NULL_TREE;
}

/* Steps 2 and 3 on the body of FNDECL.  */

static void
gochan_rewrite_and_check (tree fndecl)
{
  gochan_rewrite_data d;
  d.fndecl = fndecl;
  gochan_add_slot (&d, &DECL_SAVED_TREE (fndecl));
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl),
				gochan_rewrite_r, &d);
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl),
				gochan_leftover_r, fndecl);
}

/* The walks over THUNK, whose body lower-go-block.cc moved out of a
   __go_block: __go, __go_block and __select inside it are lowered
   there.  Channel operations were checked with the function the body
   came from.  */

void
gochan_process_outlined (tree thunk)
{
  gochan_rewrite_and_check (thunk);
}

/* Check and lower FNDECL and the functions nested in it.  */

static void
gochan_process_function (tree fndecl)
{
  if (DECL_SAVED_TREE (fndecl) && DECL_SAVED_TREE (fndecl) != error_mark_node)
    {
      gochan_check_chan_ops (fndecl);
      gochan_rewrite_and_check (fndecl);
    }
  if (cgraph_node *node = cgraph_node::get (fndecl))
    for (cgraph_node *n = first_nested_function (node); n;
	 n = next_nested_function (n))
      gochan_process_function (n->decl);
}

/* PLUGIN_PRE_GENERICIZE callback; GCC_DATA is the FUNCTION_DECL.  */

void
gochan_pre_genericize (void *gcc_data, void *)
{
  if (!gochan_syntax_seen)
    return;
  gochan_process_function ((tree) gcc_data);
}
