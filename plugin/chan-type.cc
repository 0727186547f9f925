/* SPDX-License-Identifier: MIT */
/* chan-type.cc: channel types, __chan(T).

   <gochan.h> spells __chan(T) as the C type
       T (**) (struct __gochan_tag *)
   so that the C front end type-checks channels by itself: two __chan(int)
   are the same type, __chan(int) and __chan(long) are incompatible
   pointers, and nothing converts to a channel implicitly except a null
   pointer constant.  The plugin recognizes a channel type by that shape
   and the tag's name (known to <gochan.h>).

   The front end would print such a type as 'int (**)(struct __gochan_tag
   *)'.  We wrap the C front end's format decoder so that %T prints
   '__chan(int)' instead, in the front end's own diagnostics ("assignment
   to '__chan(int)' from incompatible pointer type '__chan(long int)'") as
   in ours.  Only types that involve a channel are printed differently;
   everything else goes to the front end's decoder untouched.  */

#include "gochan-plugin.h"

/* Return T if TYPE is __chan(T) (or a qualified variant, or a typedef of
   one); NULL_TREE otherwise.  */

tree
gochan_chan_elem (const_tree type)
{
  if (!type || TREE_CODE (type) != POINTER_TYPE)
    return NULL_TREE;
  tree p = TREE_TYPE (type);
  if (TREE_CODE (p) != POINTER_TYPE)
    return NULL_TREE;
  tree fn = TREE_TYPE (p);
  if (TREE_CODE (fn) != FUNCTION_TYPE)
    return NULL_TREE;
  tree args = TYPE_ARG_TYPES (fn);
  if (!args || TREE_CHAIN (args) != void_list_node)
    return NULL_TREE;
  tree tagp = TREE_VALUE (args);
  if (TREE_CODE (tagp) != POINTER_TYPE)
    return NULL_TREE;
  tree tag = TYPE_MAIN_VARIANT (TREE_TYPE (tagp));
  if (TREE_CODE (tag) != RECORD_TYPE)
    return NULL_TREE;
  tree name = TYPE_NAME (tag);
  if (name && TREE_CODE (name) == TYPE_DECL)
    name = DECL_NAME (name);
  if (!name || TREE_CODE (name) != IDENTIFIER_NODE
      || !id_equal (name, "__gochan_tag"))
    return NULL_TREE;
  return TREE_TYPE (fn);
}

/* Return true if TYPE has a typedef name the front end would print.  */

static bool
gochan_named_type_p (const_tree type)
{
  tree name = TYPE_NAME (type);
  return name && TREE_CODE (name) == TYPE_DECL && DECL_NAME (name);
}

/* Return true if TYPE is a channel, or a chain of pointers ending at one,
   so that printing it is our business.  */

static bool
gochan_involves_chan_p (const_tree type)
{
  for (; type && TREE_CODE (type) == POINTER_TYPE; type = TREE_TYPE (type))
    if (gochan_chan_elem (type))
      return true;
  return false;
}

/* The C front end's decoder, which we wrap.  */
static printer_fn gochan_c_printer;

/* Print TYPE on PP through a fresh copy of PP (a c_pretty_printer, with
   our decoder), so that the front end spells element types as usual.  */

/* %T without quotes is what we want here, not a diagnostic.  */
#pragma GCC diagnostic ignored "-Wformat"

static void
gochan_print_type_via (pretty_printer *pp, tree type)
{
  pretty_printer *tmp = pp->clone ();
  pp_printf (tmp, "%T", type);
  pp_string (pp, pp_formatted_text (tmp));
  delete tmp;
}

/* Print TYPE, which involves a channel, spelled with __chan.  */

static void
gochan_print_chan_type (pretty_printer *pp, tree type)
{
  int quals = TYPE_QUALS (type);
  if (quals & TYPE_QUAL_CONST)
    pp_string (pp, "const ");
  if (quals & TYPE_QUAL_VOLATILE)
    pp_string (pp, "volatile ");
  if (tree elem = gochan_chan_elem (type))
    {
      pp_string (pp, "__chan(");
      gochan_print_type_via (pp, elem);
      pp_string (pp, ")");
    }
  else
    {
      gochan_print_type_via (pp, TREE_TYPE (type));
      pp_string (pp, " *");
    }
  if (quals & TYPE_QUAL_RESTRICT)
    pp_string (pp, " restrict");
}

/* The decoder: %T of a type that involves a channel is ours; everything
   else is the front end's.  */

static bool
gochan_tree_printer (pretty_printer *pp, text_info *text, const char *spec,
		     int precision, bool wide, bool set_locus, bool hash,
		     bool *quoted, const char **buffer_ptr)
{
  if (*spec == 'T' && precision == 0 && !wide)
    {
      va_list ap;
      va_copy (ap, *text->args_ptr);
      tree t = va_arg (ap, tree);
      va_end (ap);
      if (t && t != error_mark_node && TYPE_P (t)
	  && gochan_involves_chan_p (t))
	{
	  (void) va_arg (*text->args_ptr, tree);
	  if (!gochan_named_type_p (t))
	    {
	      gochan_print_chan_type (pp, t);
	      return true;
	    }
	  /* A typedef: its name, then what it stands for, the way the
	     front end prints "'name' {aka 'type'}".  */
	  pp_identifier (pp, IDENTIFIER_POINTER (DECL_NAME (TYPE_NAME (t))));
	  if (*quoted)
	    pp_end_quote (pp, pp_show_color (pp));
	  pp_string (pp, " {aka ");
	  if (*quoted)
	    pp_begin_quote (pp, pp_show_color (pp));
	  gochan_print_chan_type (pp, TYPE_MAIN_VARIANT (t));
	  if (*quoted)
	    pp_end_quote (pp, pp_show_color (pp));
	  pp_string (pp, "}");
	  *quoted = false;
	  return true;
	}
    }
  return gochan_c_printer (pp, text, spec, precision, wide, set_locus, hash,
			   quoted, buffer_ptr);
}

/* Wrap the front end's decoder.  Called from plugin_init, after the C
   front end has set up its diagnostics (lang_hooks.init_options).  */

void
gochan_install_type_printer (void)
{
  printer_fn current = pp_format_decoder (global_dc->printer);
  if (!current || current == gochan_tree_printer)
    return;
  gochan_c_printer = current;
  pp_format_decoder (global_dc->printer) = gochan_tree_printer;
}

/* Return TYPE as the user would spell it ("__chan(int)", "struct s",
   a typedef's name), in a string the caller frees.  For dumps.  */

char *
gochan_type_string (tree type)
{
  if (gochan_named_type_p (type))
    return xstrdup (IDENTIFIER_POINTER (DECL_NAME (TYPE_NAME (type))));
  pretty_printer *tmp = global_dc->printer->clone ();
  pp_printf (tmp, "%T", type);
  char *s = xstrdup (pp_formatted_text (tmp));
  delete tmp;
  return s;
}
