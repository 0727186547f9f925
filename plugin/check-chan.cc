/* SPDX-License-Identifier: MIT */
/* check-chan.cc: channels are values you send on, receive from, pass
   around and compare for equality; nothing else.

   __chan(T) is a pointer type to C (chan-type.cc), so C accepts
       *c   c[i]   c + 1   c++   c - d   c < d   (*c) (0)
   none of which means anything for a channel.  The C front end already
   rejects mixing channel types (incompatible pointer types) and
   conversions from integers; this check rejects the rest, with an error
   at the user's line.  It runs on the body as the user wrote it, before
   the lowerings; <gochan.h> dereferences channels only inside __typeof__
   and sizeof, which leave nothing in the body.  */

#include "gochan-plugin.h"

/* Return true if T is an expression of channel type.  */

static bool
gochan_chan_expr_p (const_tree t)
{
  return t && TREE_TYPE (t) && gochan_chan_elem (TREE_TYPE (t));
}

struct gochan_check_data
{
  tree fndecl;
  location_t fallback;		/* the function's location  */
};

static tree gochan_check_chan_r (tree *, int *, void *);

/* Check the operands of T (walk_tree would; we skip some of T).  */

static void
gochan_check_operand (tree *tp, gochan_check_data *d)
{
  walk_tree_without_duplicates (tp, gochan_check_chan_r, d);
}

static tree
gochan_check_chan_r (tree *tp, int *walk_subtrees, void *data)
{
  gochan_check_data *d = (gochan_check_data *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  location_t loc = gochan_expr_location (t, d->fallback);
  switch (TREE_CODE (t))
    {
    case INDIRECT_REF:
    case MEM_REF:
      {
	tree p = TREE_OPERAND (t, 0);
	tree q = gochan_strip_conversions (p);
	if (TREE_CODE (q) == POINTER_PLUS_EXPR
	    && gochan_chan_expr_p (TREE_OPERAND (q, 0)))
	  {
	    /* c[i] is *(c + i).  */
	    error_at (loc, "cannot index channel of type %qT",
		      TREE_TYPE (TREE_OPERAND (q, 0)));
	    inform (loc, "a channel is not an array: receive with "
		    "%<chan_recv%> or %<__select%>");
	    gochan_check_operand (&TREE_OPERAND (q, 0), d);
	    gochan_check_operand (&TREE_OPERAND (q, 1), d);
	    *walk_subtrees = 0;
	  }
	else if (gochan_chan_expr_p (p))
	  {
	    error_at (loc, "cannot dereference channel of type %qT",
		      TREE_TYPE (p));
	    inform (loc, "receive with %<chan_recv%> or %<__select%>");
	  }
	break;
      }

    case POINTER_PLUS_EXPR:
      if (gochan_chan_expr_p (TREE_OPERAND (t, 0)))
	error_at (loc, "invalid arithmetic on channel of type %qT",
		  TREE_TYPE (TREE_OPERAND (t, 0)));
      break;

    case POINTER_DIFF_EXPR:
      if (gochan_chan_expr_p (TREE_OPERAND (t, 0)))
	error_at (loc, "invalid arithmetic on channel of type %qT",
		  TREE_TYPE (TREE_OPERAND (t, 0)));
      break;

    case PREINCREMENT_EXPR:
    case PREDECREMENT_EXPR:
    case POSTINCREMENT_EXPR:
    case POSTDECREMENT_EXPR:
      if (gochan_chan_expr_p (TREE_OPERAND (t, 0)))
	{
	  error_at (loc, "invalid arithmetic on channel of type %qT",
		    TREE_TYPE (TREE_OPERAND (t, 0)));
	  /* Its POINTER_PLUS, if the front end made one, is the same
	     mistake.  */
	  *walk_subtrees = 0;
	}
      break;

    case LT_EXPR:
    case LE_EXPR:
    case GT_EXPR:
    case GE_EXPR:
      if (gochan_chan_expr_p (TREE_OPERAND (t, 0))
	  || gochan_chan_expr_p (TREE_OPERAND (t, 1)))
	error_at (loc, "channels can only be compared with %<==%> and "
		  "%<!=%>");
      break;

    default:
      break;
    }
  return NULL_TREE;
}

/* Check the body of FNDECL.  */

void
gochan_check_chan_ops (tree fndecl)
{
  gochan_check_data d = { fndecl, DECL_SOURCE_LOCATION (fndecl) };
  gochan_check_operand (&DECL_SAVED_TREE (fndecl), &d);
}
