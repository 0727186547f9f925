/* SPDX-License-Identifier: MIT */
/* gochan-plugin.h: what the plugin's files share.

   The plugin has one entry into the compilation, PLUGIN_PRE_GENERICIZE
   (walk.cc), where a C function body is still GENERIC with the C front
   end's statement codes.  There it recognizes the code <gochan.h>
   expands to (calls of marker functions tagged with the gochan_marker
   attribute, syntax.cc) and rewrites it into calls of the runtime entry
   points declared in <gochan/abi.h> (lower-go.cc, lower-select.cc), after
   checking what the C front end cannot check itself (check-chan.cc,
   check-escape.cc).

   Invariants:
   - Nothing reachable from user code ICEs: every problem is an error_at
     or warning_at at the user's line (gochan_user_location), and the
     offending construct is replaced by an empty statement.
   - No tree is kept in a static variable across functions: everything
     the plugin builds hangs off a function body or the symbol table, so
     the garbage collector needs no extra roots.  Runtime declarations are
     looked up again each time (abi.cc).
   - Code that does not use the syntax is left untouched: until a marker
     function has been declared (gochan_syntax_seen) the plugin does not
     even walk function bodies.  */

#ifndef GOCHAN_PLUGIN_H
#define GOCHAN_PLUGIN_H

#include "compat.h"

/* Options, set by plugin_init from -fplugin-arg-gochan-*.  */
struct gochan_options
{
  bool dump;		/* -fplugin-arg-gochan-dump: print each lowering.  */
  bool escape_warning;	/* warn on __go f(&local); off with
			   -fplugin-arg-gochan-no-escape-warning.  */
  bool capture_warning;	/* warn on assignments to a variable a
			   __go_block captured; off with
			   -fplugin-arg-gochan-no-capture-warning.  */
};
extern gochan_options gochan_opts;

/* syntax.cc: the link between <gochan.h> and the plugin.  */
enum gochan_marker
{
  GOCHAN_NOT_MARKER,
  GOCHAN_MARKER_GO,		/* __go: __gochan_go_marker (), CALL  */
  GOCHAN_MARKER_GO_BLOCK,	/* __go_block:
				   for (; __gochan_go_block_marker (); ) BODY  */
  GOCHAN_MARKER_SELECT,		/* __select: switch (__gochan_select_marker ())  */
  GOCHAN_MARKER_RECV,		/* case __recv (...):  */
  GOCHAN_MARKER_SEND,		/* case __send (...):  */
  GOCHAN_MARKER_SLOT,		/* the select buffer inside a case  */
  GOCHAN_MARKER_SLOT_OK		/* the select ok flag inside a case  */
};
extern bool gochan_syntax_seen;
void gochan_register_attributes (void *, void *);
void gochan_define_feature_macro (void *, void *);
enum gochan_marker gochan_marker_of (const_tree t);
bool gochan_go_block_cond_p (tree cond);
const char *gochan_marker_syntax (enum gochan_marker kind);

/* chan-type.cc: __chan(T) types.  */
tree gochan_chan_elem (const_tree type);
char *gochan_type_string (tree type);
void gochan_install_type_printer (void);

/* abi.cc: the runtime's side of the contract, <gochan/abi.h>.  */
tree gochan_abi_function (const char *name, const char *sig, location_t loc);
tree gochan_abi_field (tree record, const char *name, location_t loc);
tree gochan_abi_site_type (location_t loc);
tree gochan_abi_scase_type (location_t loc);
void gochan_abi_reference (location_t loc);
/* Case directions, GOCHAN_SELECT_SEND and GOCHAN_SELECT_RECV in
   <gochan/abi.h>.  Known to the runtime.  */
#define GOCHAN_ABI_SELECT_SEND 1
#define GOCHAN_ABI_SELECT_RECV 2

/* walk.cc: the PLUGIN_PRE_GENERICIZE callback; the walks over a body
   outlined from FNDECL (lower-go-block.cc), before it is genericized.  */
void gochan_pre_genericize (void *gcc_data, void *);
void gochan_process_outlined (tree thunk);

/* lower-go.cc, lower-go-block.cc, lower-select.cc: each returns the
   statement that replaces the construct (gochan_lower_go and
   gochan_lower_go_block: NULL_TREE after an error).  */
tree gochan_lower_go (tree fndecl, tree call, location_t loc);
tree gochan_lower_go_block (tree fndecl, tree body, location_t loc);
tree gochan_lower_select (tree fndecl, tree sw, location_t loc);
/* lower-go.cc: what __go CALL and __go_block share.  */
tree gochan_go_abi_ok (location_t loc);
unsigned long gochan_go_next_number (void);
tree gochan_go_new_thunk (tree caller, tree name, location_t loc);
tree gochan_go_block_type (tree thunk_name, const vec<tree> &types,
			   const vec<const char *> &names, location_t loc);
tree gochan_go_field_ref (tree ptr, tree f, location_t loc);
tree gochan_go_site (tree site_type, tree name, const char *func,
		     location_t loc);
tree gochan_go_spawn (tree fndecl, tree rec, const vec<tree> &values,
		      tree thunk, tree site, tree vars, tree stmts,
		      location_t loc);

/* check-chan.cc, check-escape.cc.  */
void gochan_check_chan_ops (tree fndecl);
void gochan_check_escape (tree fndecl, tree call, location_t loc);

/* util.cc.  */
location_t gochan_user_location (location_t loc);
location_t gochan_expr_location (const_tree t, location_t fallback);
tree gochan_strip_void (tree t);
tree gochan_strip_conversions (tree t);
tree gochan_new_local (tree fndecl, tree type, const char *name,
		       location_t loc);
tree gochan_new_static (tree type, tree name, tree init, location_t loc);
const char *gochan_function_name (tree fndecl);
int gochan_line (location_t loc);
bool gochan_contains_error_p (tree t);
void gochan_dump (const char *fmt, ...) ATTRIBUTE_PRINTF_1;

#endif /* GOCHAN_PLUGIN_H */
