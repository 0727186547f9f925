/* SPDX-License-Identifier: MIT */
/* lower-select.cc: __select.

   <gochan.h> makes  __select { ... }  a switch on a marker call, and each
   case label a pair of labels around a marker call (__COUNTER__ keeps
   them distinct; the user writes "case" and ":"):

       switch (__gochan_select_marker ()) {
       case 17: __gochan_case_recv (1, c, v = *(int *) __gochan_slot ());
       case 18:   ...body 0...
       case 19: __gochan_case_send (1, d, *(long *) __gochan_slot () = x);
       case 20:   ...body 1...
       default:   ...
       }

   The assignments inside the markers are built by the C front end, so it
   converts and diagnoses them as usual (receive into an incompatible
   lvalue, send of a value of the wrong type).  We substitute the real
   buffer for the __gochan_slot stand-in and move each piece where Go's
   semantics want it:

       {
	 __gochan_scase_t cases.1[2];  int buf.2;  long buf.3;
	 cases.1[0].chan = c;  cases.1[0].elem = &buf.2;  cases.1[0].dir = RECV;
	 cases.1[1].chan = d;  buf.3 = x;
	 cases.1[1].elem = &buf.3;  cases.1[1].dir = SEND;
	 switch (__gochan_select (cases.1, 2, 1)) {
	 case 0: v = buf.2;  ...body 0...
		 break;				   <- inserted: no fall-through
	 case 1: ...body 1...
		 break;
	 default: ...				   <- -1: nothing was ready
	 }
       }

   - Every channel operand and send value is evaluated exactly once,
     before __gochan_select, in source order (a send's channel before its
     value).  Receive targets (and ok) are evaluated and assigned only in
     the chosen case, after the receive.
   - `break` still leaves the switch, i.e. the select; `continue` and
     `return` act on the enclosing code, as in Go.
   - A select with default never blocks (__gochan_select returns -1 when
     no case is ready); `__select {}` blocks forever.

   Rules checked here (the front end checks the rest: two defaults,
   types): every case label of the select body is a __recv or __send
   pair or default, and it is directly in the body, not nested in a
   statement inside it.  */

#include "gochan-plugin.h"

/* One case, as found in the body.  */
struct gochan_scase
{
  enum gochan_marker kind;	/* GOCHAN_MARKER_RECV or _SEND  */
  int form;			/* recv: 0 drop, 1 value, 2 value and ok  */
  tree chan;			/* the channel operand  */
  tree elem;			/* its element type  */
  tree assign;			/* recv: LHS = SLOT; send: SLOT = VALUE  */
  tree ok_assign;		/* recv form 2: OK = SLOT_OK  */
  tree_stmt_iterator label;	/* the second label of the pair  */
  location_t loc;
};

/* Skip to the next statement that is not a DEBUG_BEGIN_STMT (-g puts
   them between statements).  */

static void
gochan_next_stmt (tree_stmt_iterator *it)
{
  do
    tsi_next (it);
  while (!tsi_end_p (*it) && TREE_CODE (tsi_stmt (*it)) == DEBUG_BEGIN_STMT);
}

static tree
gochan_make_break (location_t loc)
{
  tree b = build0 (BREAK_STMT, void_type_node);
  SET_EXPR_LOCATION (b, loc);
  TREE_SIDE_EFFECTS (b) = 1;
  return b;
}

/* Data for gochan_replace_slot_r.  */
struct gochan_slot_data
{
  enum gochan_marker kind;	/* which stand-in to replace  */
  tree with;			/* by what  */
  int count;			/* how many were replaced  */
};

/* Replace *(T *) __gochan_slot () (kind SLOT) or __gochan_slot_ok ()
   (kind SLOT_OK) by DATA->with.  */

static tree
gochan_replace_slot_r (tree *tp, int *walk_subtrees, void *data)
{
  gochan_slot_data *d = (gochan_slot_data *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (d->kind == GOCHAN_MARKER_SLOT
      && (TREE_CODE (t) == INDIRECT_REF
	  || (TREE_CODE (t) == MEM_REF && integer_zerop (TREE_OPERAND (t, 1))))
      && (gochan_marker_of (gochan_strip_conversions (TREE_OPERAND (t, 0)))
	  == GOCHAN_MARKER_SLOT))
    {
      *tp = d->with;
      d->count++;
      *walk_subtrees = 0;
    }
  else if (d->kind == GOCHAN_MARKER_SLOT_OK
	   && gochan_marker_of (t) == GOCHAN_MARKER_SLOT_OK)
    {
      *tp = fold_convert (TREE_TYPE (t), d->with);
      d->count++;
      *walk_subtrees = 0;
    }
  return NULL_TREE;
}

/* Replace the stand-in of KIND in *TP by WITH; return true if there was
   exactly one.  */

static bool
gochan_replace_slot (tree *tp, enum gochan_marker kind, tree with)
{
  gochan_slot_data d = { kind, with, 0 };
  walk_tree (tp, gochan_replace_slot_r, &d, NULL);
  return d.count == 1;
}

/* The assignment argument I of marker CALL: a MODIFY_EXPR, possibly
   behind the conversion of variadic promotion.  */

static tree
gochan_case_assignment (tree call, int i)
{
  tree a = gochan_strip_conversions (CALL_EXPR_ARG (call, i));
  return TREE_CODE (a) == MODIFY_EXPR ? a : NULL_TREE;
}

/* Decode the marker call CALL of a case into *SC.  Return false after
   reporting a malformed case.  */

static bool
gochan_decode_case (tree call, gochan_scase *sc)
{
  sc->kind = gochan_marker_of (call);
  int nargs = call_expr_nargs (call);
  tree form = nargs ? CALL_EXPR_ARG (call, 0) : NULL_TREE;
  if (!form || !tree_fits_shwi_p (form))
    goto malformed;
  sc->form = tree_to_shwi (form);
  if (sc->kind == GOCHAN_MARKER_SEND ? sc->form != 1
      : sc->form < 0 || sc->form > 2)
    goto malformed;
  if (nargs != sc->form + 2)
    goto malformed;

  sc->chan = CALL_EXPR_ARG (call, 1);
  sc->elem = gochan_chan_elem (TREE_TYPE (sc->chan));
  if (!sc->elem)
    {
      error_at (gochan_expr_location (sc->chan, sc->loc),
		"%qs needs a channel, not %qT",
		gochan_marker_syntax (sc->kind), TREE_TYPE (sc->chan));
      return false;
    }
  sc->assign = sc->form ? gochan_case_assignment (call, 2) : NULL_TREE;
  sc->ok_assign = sc->form == 2 ? gochan_case_assignment (call, 3)
    : NULL_TREE;
  if ((sc->form && !sc->assign) || (sc->form == 2 && !sc->ok_assign))
    goto malformed;
  return true;

 malformed:
  error_at (sc->loc, "malformed %qs case: %<<gochan.h>%> does not match "
	    "the gochan plugin", gochan_marker_syntax (sc->kind));
  return false;
}

/* Data for gochan_nested_label_r.  */
struct gochan_nested_data
{
  bool error;		/* a label was reported  */
  bool in_pair;		/* just removed the marker of a reported pair  */
};

/* Report case labels of the select that are not directly in its body:
   C lets a label of the switch sit inside any statement of it, Go does
   not.  Nested switches own their labels; a nested select is lowered
   when the walk reaches it.  */

static tree
gochan_nested_label_r (tree *tp, int *walk_subtrees, void *data)
{
  gochan_nested_data *d = (gochan_nested_data *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t) || TREE_CODE (t) == SWITCH_STMT)
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (TREE_CODE (t) == CASE_LABEL_EXPR)
    {
      /* The second label of a pair was reported with the first.  */
      if (d->in_pair)
	{
	  d->in_pair = false;
	  return NULL_TREE;
	}
      location_t loc = gochan_expr_location (t, input_location);
      if (CASE_LOW (t))
	error_at (loc, "a %<__select%> case must be directly inside the "
		  "%<__select%> body, not nested in one of its statements");
      else
	error_at (loc, "a %<__select%> %<default%> must be directly inside "
		  "the %<__select%> body, not nested in one of its "
		  "statements");
      d->error = true;
      return NULL_TREE;
    }
  /* The marker of a misplaced pair: reported with its label above.  */
  enum gochan_marker m = gochan_marker_of (t);
  if (m == GOCHAN_MARKER_RECV || m == GOCHAN_MARKER_SEND)
    {
      *tp = build_empty_stmt (EXPR_LOCATION (t));
      *walk_subtrees = 0;
      d->in_pair = true;
    }
  return NULL_TREE;
}

/* Find the statement list of the select body *BODYP, making one if the
   body is a single statement.  */

static tree
gochan_select_body (tree *bodyp)
{
  while (*bodyp && TREE_CODE (*bodyp) == BIND_EXPR)
    bodyp = &BIND_EXPR_BODY (*bodyp);
  if (!*bodyp)
    *bodyp = alloc_stmt_list ();
  else if (TREE_CODE (*bodyp) != STATEMENT_LIST)
    {
      tree list = alloc_stmt_list ();
      append_to_statement_list_force (*bodyp, &list);
      *bodyp = list;
    }
  return *bodyp;
}

/* The dump line of one select:
     select FUNC:LINE cases=N default=yes|no order=KIND:TYPE,...
   with KIND recv, recv-ok, recv-drop or send, in source order.  */

static void
gochan_select_dump (tree fndecl, location_t loc, const vec<gochan_scase> &cs,
		    bool has_default)
{
  static const char *const recv_kinds[] = { "recv-drop", "recv", "recv-ok" };
  pretty_printer order;
  for (unsigned i = 0; i < cs.length (); i++)
    {
      char *type = gochan_type_string (cs[i].elem);
      pp_printf (&order, "%s%s:%s", i ? "," : "",
		 cs[i].kind == GOCHAN_MARKER_SEND ? "send"
		 : recv_kinds[cs[i].form], type);
      free (type);
    }
  gochan_dump ("select %s:%d cases=%u default=%s order=%s",
	       gochan_function_name (fndecl), gochan_line (loc),
	       cs.length (), has_default ? "yes" : "no",
	       cs.is_empty () ? "none" : pp_formatted_text (&order));
}

/* What a select becomes after an error: a switch on 0, its markers
   already removed.  */

static tree
gochan_select_neutral (tree sw, tree type)
{
  SWITCH_STMT_COND (sw) = build_zero_cst (type);
  return sw;
}

/* Lower the select SW (a SWITCH_STMT on the select marker) in FNDECL;
   LOC is where the user wrote __select.  Return the replacement
   statement (SW itself, made harmless, after an error).  */

tree
gochan_lower_select (tree fndecl, tree sw, location_t loc)
{
  tree body = gochan_select_body (&SWITCH_STMT_BODY (sw));
  tree type = SWITCH_STMT_TYPE (sw) ? SWITCH_STMT_TYPE (sw)
    : integer_type_node;
  auto_vec<gochan_scase, 8> cases;
  bool has_default = false, seen_label = false, ok = true;

  /* 1. Walk the body: recognize the label pairs, check the labels.  */
  for (tree_stmt_iterator i = tsi_start (body); !tsi_end_p (i); tsi_next (&i))
    {
      tree st = tsi_stmt (i);
      if (TREE_CODE (st) == DEBUG_BEGIN_STMT)
	continue;
      location_t sloc = gochan_expr_location (st, loc);
      if (TREE_CODE (st) != CASE_LABEL_EXPR)
	{
	  gochan_nested_data d = { false, false };
	  walk_tree_without_duplicates (tsi_stmt_ptr (i),
					gochan_nested_label_r, &d);
	  if (d.error)
	    ok = false;
	  continue;
	}
      if (!CASE_LOW (st))
	{
	  /* default: end the previous case first.  */
	  if (seen_label)
	    tsi_link_before (&i, gochan_make_break (sloc), TSI_SAME_STMT);
	  has_default = seen_label = true;
	  continue;
	}

      /* Expect  case K1: MARKER (...); case K2:  */
      tree_stmt_iterator m = i;
      gochan_next_stmt (&m);
      tree call = tsi_end_p (m) ? NULL_TREE : gochan_strip_void (tsi_stmt (m));
      enum gochan_marker kind = gochan_marker_of (call);
      tree_stmt_iterator l2 = m;
      if (kind == GOCHAN_MARKER_RECV || kind == GOCHAN_MARKER_SEND)
	gochan_next_stmt (&l2);
      if ((kind != GOCHAN_MARKER_RECV && kind != GOCHAN_MARKER_SEND)
	  || tsi_end_p (l2) || TREE_CODE (tsi_stmt (l2)) != CASE_LABEL_EXPR
	  || !CASE_LOW (tsi_stmt (l2)))
	{
	  /* A pair whose marker the front end turned into an error (it
	     has reported it) or dropped: skip the pair quietly.  */
	  tree next = tsi_end_p (m) ? NULL_TREE : tsi_stmt (m);
	  bool fe_error = (seen_error () && next
			   && (TREE_CODE (next) == CASE_LABEL_EXPR
			       || gochan_contains_error_p (next)));
	  if (!fe_error)
	    error_at (sloc, "only %<case __recv(...)%>, %<case __send(...)%> "
		      "and %<default%> may label a %<__select%> case");
	  else if (TREE_CODE (next) == CASE_LABEL_EXPR)
	    i = m;
	  else
	    {
	      l2 = m;
	      gochan_next_stmt (&l2);
	      i = (!tsi_end_p (l2) && TREE_CODE (tsi_stmt (l2)) == CASE_LABEL_EXPR
		   ? l2 : m);
	    }
	  ok = false;
	  continue;
	}

      gochan_scase sc;
      sc.loc = gochan_expr_location (call, sloc);
      sc.label = l2;
      bool case_ok = (!gochan_contains_error_p (call)
		      && gochan_decode_case (call, &sc));
      /* The marker goes in any case: a bad case is reported once.  */
      *tsi_stmt_ptr (m) = build_empty_stmt (sc.loc);
      *tsi_stmt_ptr (i) = (seen_label ? gochan_make_break (sloc)
			   : build_empty_stmt (sloc));
      seen_label = true;
      i = l2;
      if (!case_ok)
	{
	  ok = false;
	  continue;
	}
      CASE_LOW (tsi_stmt (l2)) = build_int_cst (type, cases.length ());
      cases.safe_push (sc);
    }
  /* After an error nothing is compiled; keep a plain switch, so that the
     walk goes on into the body and finds any further mistakes.  */
  if (!ok || seen_error ())
    return gochan_select_neutral (sw, type);

  tree select = gochan_abi_function ("__gochan_select", "i=pii", loc);
  tree scase = select ? gochan_abi_scase_type (loc) : NULL_TREE;
  tree fchan = scase ? gochan_abi_field (scase, "chan", loc) : NULL_TREE;
  tree felem = scase ? gochan_abi_field (scase, "elem", loc) : NULL_TREE;
  tree fdir = scase ? gochan_abi_field (scase, "dir", loc) : NULL_TREE;
  tree fok = scase ? gochan_abi_field (scase, "ok", loc) : NULL_TREE;
  if (!select || !fchan || !felem || !fdir || !fok)
    return gochan_select_neutral (sw, type);

  /* 2. The case array, filled in source order.  */
  unsigned n = cases.length ();
  tree vars = NULL_TREE;
  tree setup = alloc_stmt_list ();
  tree array = NULL_TREE;
  if (n)
    {
      array = gochan_new_local (fndecl, build_array_type_nelts (scase, n),
				"cases", loc);
      TREE_ADDRESSABLE (array) = 1;
      DECL_CHAIN (array) = vars;
      vars = array;
    }
  for (unsigned j = 0; j < n; j++)
    {
      gochan_scase &sc = cases[j];
      location_t cloc = sc.loc;
      tree elt = build4_loc (cloc, ARRAY_REF, scase, array,
			     size_int (j), NULL_TREE, NULL_TREE);
#define GOCHAN_FIELD(f) \
      build3_loc (cloc, COMPONENT_REF, TREE_TYPE (f), elt, (f), NULL_TREE)
      append_to_statement_list_force
	(build2_loc (cloc, MODIFY_EXPR, TREE_TYPE (fchan), GOCHAN_FIELD (fchan),
		     fold_convert (TREE_TYPE (fchan), sc.chan)), &setup);

      tree buf = NULL_TREE;
      if (sc.kind == GOCHAN_MARKER_SEND || sc.form)
	{
	  buf = gochan_new_local (fndecl, TYPE_MAIN_VARIANT (sc.elem), "buf",
				  cloc);
	  TREE_ADDRESSABLE (buf) = 1;
	  DECL_CHAIN (buf) = vars;
	  vars = buf;
	}
      if (sc.kind == GOCHAN_MARKER_SEND)
	{
	  /* SLOT = VALUE becomes buf = VALUE, here.  */
	  if (!gochan_replace_slot (&TREE_OPERAND (sc.assign, 0),
				    GOCHAN_MARKER_SLOT, buf))
	    {
	      error_at (cloc, "malformed %<__send%> case: %<<gochan.h>%> does "
			"not match the gochan plugin");
	      return gochan_select_neutral (sw, type);
	    }
	  append_to_statement_list_force (sc.assign, &setup);
	}
      else if (sc.form)
	{
	  /* LHS = SLOT becomes LHS = buf, and OK = SLOT_OK becomes
	     OK = cases[j].ok, in the chosen case.  */
	  tree_stmt_iterator at = sc.label;
	  if (!gochan_replace_slot (&TREE_OPERAND (sc.assign, 1),
				    GOCHAN_MARKER_SLOT, buf)
	      || (sc.ok_assign
		  && !gochan_replace_slot (&TREE_OPERAND (sc.ok_assign, 1),
					   GOCHAN_MARKER_SLOT_OK,
					   GOCHAN_FIELD (fok))))
	    {
	      error_at (cloc, "malformed %<__recv%> case: %<<gochan.h>%> does "
			"not match the gochan plugin");
	      return gochan_select_neutral (sw, type);
	    }
	  tsi_link_after (&at, sc.assign, TSI_CONTINUE_LINKING);
	  if (sc.ok_assign)
	    tsi_link_after (&at, sc.ok_assign, TSI_CONTINUE_LINKING);
	}
      tree elem_ptr = (buf ? build_fold_addr_expr_loc (cloc, buf)
		       : null_pointer_node);
      append_to_statement_list_force
	(build2_loc (cloc, MODIFY_EXPR, TREE_TYPE (felem), GOCHAN_FIELD (felem),
		     fold_convert (TREE_TYPE (felem), elem_ptr)), &setup);
      append_to_statement_list_force
	(build2_loc (cloc, MODIFY_EXPR, TREE_TYPE (fdir), GOCHAN_FIELD (fdir),
		     build_int_cst (TREE_TYPE (fdir),
				    sc.kind == GOCHAN_MARKER_SEND
				    ? GOCHAN_ABI_SELECT_SEND
				    : GOCHAN_ABI_SELECT_RECV)), &setup);
#undef GOCHAN_FIELD
    }

  /* 3. Choose: switch (__gochan_select (cases, n, has_default)).  */
  tree params = TYPE_ARG_TYPES (TREE_TYPE (select));
  tree cases_arg = (array ? build_fold_addr_expr_loc
		    (loc, build4_loc (loc, ARRAY_REF, scase, array,
				      size_int (0), NULL_TREE, NULL_TREE))
		    : null_pointer_node);
  tree choose = build_call_expr_loc
    (loc, select, 3, fold_convert (TREE_VALUE (params), cases_arg),
     build_int_cst (TREE_VALUE (TREE_CHAIN (params)), n),
     build_int_cst (TREE_VALUE (TREE_CHAIN (TREE_CHAIN (params))),
		    has_default));
  SWITCH_STMT_COND (sw) = fold_convert_loc (loc, type, choose);
  /* We added breaks; the front end's flag would now lie.  */
  SWITCH_STMT_NO_BREAK_P (sw) = 0;
  /* A copy: the walk has seen SW itself already and would not look
     inside it again (walk.cc).  */
  append_to_statement_list_force (copy_node (sw), &setup);
  gochan_abi_reference (loc);

  if (gochan_opts.dump)
    gochan_select_dump (fndecl, loc, cases, has_default);
  return build3_loc (loc, BIND_EXPR, void_type_node, nreverse (vars), setup,
		     NULL_TREE);
}
