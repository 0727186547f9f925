/* SPDX-License-Identifier: MIT */
/* syntax.cc: how the syntax of <gochan.h> reaches the plugin.

   1. The feature macro.  <gochan.h> #errors unless __GOCHAN_PLUGIN__ is
      defined; we define it (to the syntax version the header checks) on
      the first PLUGIN_INCLUDE_FILE event.  That event is the main file's
      LC_ENTER, raised from cpp_read_main_file, so the macro exists before
      any line is read, with -E and -save-temps too.  Defining it from
      plugin_init crashes cc1: cpplib has no buffer yet.

   2. The marker attribute.  The header declares never-defined functions
      with __attribute__ ((gochan_marker ("KIND"))); the macros expand to
      calls of them (see <gochan.h>), and the plugin recognizes a
      construct by the attribute on the called function, never by its
      name.  Markers the plugin does not remove stay undefined references:
      a link error, never wrong code.  The argument is a string because
      identifiers in the arguments of an attribute GCC does not know are
      parsed as expressions.  */

#include "gochan-plugin.h"

/* The syntax version; <gochan.h> refuses any other.  */
#define GOCHAN_SYNTAX_VERSION "1"

/* Set once a marker function has been declared, i.e. once <gochan.h>
   has been included: until then function bodies cannot contain the
   syntax and walk.cc leaves them alone.  */
bool gochan_syntax_seen;

static const struct
{
  const char *name;		/* the attribute argument  */
  enum gochan_marker kind;
  const char *syntax;		/* what the user wrote  */
} gochan_markers[] = {
  { "go", GOCHAN_MARKER_GO, "__go" },
  { "go-block", GOCHAN_MARKER_GO_BLOCK, "__go_block" },
  { "select", GOCHAN_MARKER_SELECT, "__select" },
  { "recv", GOCHAN_MARKER_RECV, "__recv" },
  { "send", GOCHAN_MARKER_SEND, "__send" },
  { "slot", GOCHAN_MARKER_SLOT, "__recv" },
  { "slot-ok", GOCHAN_MARKER_SLOT_OK, "__recv" },
};

static enum gochan_marker
gochan_marker_by_name (const char *name)
{
  for (unsigned i = 0; i < ARRAY_SIZE (gochan_markers); i++)
    if (strcmp (gochan_markers[i].name, name) == 0)
      return gochan_markers[i].kind;
  return GOCHAN_NOT_MARKER;
}

const char *
gochan_marker_syntax (enum gochan_marker kind)
{
  for (unsigned i = 0; i < ARRAY_SIZE (gochan_markers); i++)
    if (gochan_markers[i].kind == kind)
      return gochan_markers[i].syntax;
  return "?";
}

/* PLUGIN_INCLUDE_FILE callback.  */

void
gochan_define_feature_macro (void *, void *)
{
  static bool defined;
  if (defined)
    return;
  defined = true;
  cpp_define (parse_in, "__GOCHAN_PLUGIN__=" GOCHAN_SYNTAX_VERSION);
}

/* The attribute handler: gochan_marker ("KIND") goes on a function
   declaration, with a KIND the plugin knows.  */

static tree
gochan_handle_marker_attribute (tree *node, tree name, tree args, int,
				bool *no_add_attrs)
{
  tree arg = args ? TREE_VALUE (args) : NULL_TREE;
  if (TREE_CODE (*node) != FUNCTION_DECL)
    {
      error_at (DECL_P (*node) ? DECL_SOURCE_LOCATION (*node)
		: input_location,
		"%qE attribute only applies to function declarations", name);
      *no_add_attrs = true;
    }
  else if (!arg || TREE_CODE (arg) != STRING_CST
	   || gochan_marker_by_name (TREE_STRING_POINTER (arg))
	      == GOCHAN_NOT_MARKER)
    {
      error_at (DECL_SOURCE_LOCATION (*node),
		"%qE attribute argument must name a gochan marker; "
		"%<<gochan.h>%> does not match the loaded plugin", name);
      *no_add_attrs = true;
    }
  else
    gochan_syntax_seen = true;
  return NULL_TREE;
}

static const struct attribute_spec gochan_marker_attribute = {
  "gochan_marker",		/* name */
  1,				/* min_len */
  1,				/* max_len */
  true,				/* decl_req */
  false,			/* type_req */
  false,			/* fn_type_req */
  false,			/* affects_type_identity */
  gochan_handle_marker_attribute, /* handler */
  NULL				/* exclude */
};

/* PLUGIN_ATTRIBUTES callback.  */

void
gochan_register_attributes (void *, void *)
{
  register_attribute (&gochan_marker_attribute);
}

/* If T is a call of a marker function, return which; otherwise
   GOCHAN_NOT_MARKER.  */

enum gochan_marker
gochan_marker_of (const_tree t)
{
  if (!t || TREE_CODE (t) != CALL_EXPR)
    return GOCHAN_NOT_MARKER;
  tree fn = get_callee_fndecl (t);
  if (!fn)
    return GOCHAN_NOT_MARKER;
  tree attr = lookup_attribute ("gochan_marker", DECL_ATTRIBUTES (fn));
  if (!attr || !TREE_VALUE (attr))
    return GOCHAN_NOT_MARKER;
  tree arg = TREE_VALUE (TREE_VALUE (attr));
  if (TREE_CODE (arg) != STRING_CST)
    return GOCHAN_NOT_MARKER;
  return gochan_marker_by_name (TREE_STRING_POINTER (arg));
}

/* Return true if COND, the condition of a FOR_STMT, is the marker that
   __go_block expands to.  The front end may have compared it with
   zero.  */

bool
gochan_go_block_cond_p (tree cond)
{
  cond = gochan_strip_conversions (cond);
  if (cond && TREE_CODE (cond) == NE_EXPR
      && integer_zerop (TREE_OPERAND (cond, 1)))
    cond = gochan_strip_conversions (TREE_OPERAND (cond, 0));
  return gochan_marker_of (cond) == GOCHAN_MARKER_GO_BLOCK;
}
