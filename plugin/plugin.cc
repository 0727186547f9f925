/* SPDX-License-Identifier: MIT */
/* plugin.cc: the gochan GCC plugin's entry point.

   The plugin gives GNU C the syntax of <gochan.h>: __go, __go_block,
   __chan and __select (DESIGN.md section 1).  It defines
   __GOCHAN_PLUGIN__ for the preprocessor, registers the gochan_marker
   attribute that the header puts on its marker functions, and rewrites
   every function body that uses the syntax before the C front end
   genericizes it:

     __go f (a, b);
	=> block = __gochan_go_alloc (size, align);
	   block->a0 = a;  block->a1 = b;
	   __gochan_go_start (block, CALLER.gochan_go.N, &CALLER.gochan_site.N);

     __go_block { ... x ... }
	=> the same, with the automatic variables the block uses (x) as
	   the arguments, and the block moved into CALLER.gochan_go.N

     __select { case __recv (c, v): ...; case __send (d, x): ...; }
	=> cases[0] = { c, &buf0, RECV };  buf1 = x;  cases[1] = { d, &buf1, SEND };
	   switch (__gochan_select (cases, 2, 0))
	     { case 0: v = buf0; ...; break;  case 1: ...; break; }

   The details are in lower-go.cc, lower-go-block.cc and
   lower-select.cc; the checks the C front end cannot make are in
   check-chan.cc, check-escape.cc and (for blocks) lower-go-block.cc.

   Options (-fplugin-arg-gochan-NAME):
     dump               print each lowering on stderr, one line each,
			starting with "gochan-dump: " (gochan.lower tests)
     no-escape-warning  do not warn when __go passes the address of an
			automatic variable of the spawning function
     no-capture-warning do not warn when a __go_block assigns to a
			variable it captured (the goroutine's copy)
     help               print the options
   Any other argument is an error.

   The dump: one line per lowering, on stderr, each starting with
   "gochan-dump: ":
     abi __gochan_abi_1
     go FUNC:LINE thunk=NAME callee=NAME|indirect fields=F:TYPE,...
	early=F,...|none
     go-block FUNC:LINE thunk=NAME captures=VAR:TYPE,...|none
     select FUNC:LINE cases=N default=yes|no order=KIND:TYPE,...|none
   (lower-go.cc, lower-go-block.cc and lower-select.cc describe the
   fields).

   Versions: built against and loaded into GCC 12 only; compat.h refuses
   other plugin headers, plugin_init other compilers.  Inside lto1 (with
   -flto the driver loads plugins there too), cc1plus and any other
   front end, the plugin registers nothing: the syntax was lowered when
   the C sources were compiled.

   Limitations:
   - A pointer to a GNU nested function passed around as a value cannot
     be seen: __go through it starts a goroutine whose static chain may
     point into a dead frame.  (__go of the nested function itself, even
     through a cast, is an error.)
   - The lowered code is plain C and works with -fsanitize=address and
     -fsanitize=undefined.  What AddressSanitizer cannot follow is the
     runtime's switching between goroutine stacks: its fake stacks
     (detect_stack_use_after_return) assume one contiguous stack per
     thread, and under -fsplit-stack a VLA or alloca that spills into
     __morestack_allocate_stack_space hangs (google/sanitizers#1568).
     Run ASan builds with ASAN_OPTIONS=detect_stack_use_after_return=0
     and without VLAs in goroutine code.
   - Diagnostics that the front end prints through its own type printer
     without going through %T (the labels under a caret) still spell a
     channel type as T (**)(struct __gochan_tag *).

   This file only checks versions, parses arguments and registers
   callbacks.  */

#include "gochan-plugin.h"
#include "plugin-version.h"

#ifndef GOCHAN_VERSION
#define GOCHAN_VERSION "unknown"
#endif

/* GCC refuses plugins without this symbol.  */
int plugin_is_GPL_compatible;

gochan_options gochan_opts = { false, true, true };

static const char gochan_help[] =
  "  dump                print each lowering on stderr "
  "(\"gochan-dump: ...\")\n"
  "  no-escape-warning   do not warn when __go passes the address of a local\n"
  "  no-capture-warning  do not warn when a __go_block assigns to a captured "
  "variable\n"
  "  help                print these options\n";

static struct plugin_info gochan_plugin_info = {
  GOCHAN_VERSION,
  gochan_help
};

/* Return true if the compiler that loaded us is one the plugin supports
   and the one it was built for; report why not otherwise.  */

static bool
gochan_version_ok (struct plugin_gcc_version *version)
{
  int major = atoi (version->basever);
  if (major < GOCHAN_GCC_MAJOR_MIN || major > GOCHAN_GCC_MAJOR_MAX)
    {
      error ("the gochan plugin supports GCC %d only; this compiler is "
	     "GCC %s", GOCHAN_GCC_MAJOR_MIN, version->basever);
      return false;
    }
  if (!plugin_default_version_check (version, &gcc_version))
    {
      error ("the gochan plugin was built for GCC %s (%s) and cannot be "
	     "loaded into GCC %s (%s): rebuild it against the plugin headers "
	     "of this compiler", gcc_version.basever, gcc_version.datestamp,
	     version->basever, version->datestamp);
      return false;
    }
  return true;
}

/* Return true if we run inside the C front end (cc1), the only place
   where there is anything to do.  */

static bool
gochan_c_front_end_p (void)
{
  /* The weak references of compat.h are null outside cc1.  */
  if (&parse_in == NULL || &lookup_name == NULL || &cpp_define == NULL
      || &c_genericize == NULL)
    return false;
  /* "GNU C17", "GNU C11", ...; not "GNU C++", "GNU GIMPLE" (lto1) or
     "GNU Objective-C".  */
  const char *lang = lang_hooks.name;
  return (strncmp (lang, "GNU C", 5) == 0
	  && (ISDIGIT (lang[5]) || lang[5] == '\0'));
}

/* Parse ARGV; report unknown arguments as errors.  Return false if any
   was wrong.  */

static bool
gochan_parse_args (const char *name, int argc,
		   const struct plugin_argument *argv, bool *help)
{
  bool ok = true;
  for (int i = 0; i < argc; i++)
    {
      const char *key = argv[i].key;
      bool known = true;
      if (strcmp (key, "dump") == 0)
	gochan_opts.dump = true;
      else if (strcmp (key, "no-escape-warning") == 0)
	gochan_opts.escape_warning = false;
      else if (strcmp (key, "no-capture-warning") == 0)
	gochan_opts.capture_warning = false;
      else if (strcmp (key, "help") == 0)
	*help = true;
      else
	known = false;

      if (!known)
	{
	  error ("unknown option %<-fplugin-arg-%s-%s%>; "
		 "%<-fplugin-arg-%s-help%> lists the options",
		 name, key, name);
	  ok = false;
	}
      else if (argv[i].value)
	{
	  error ("option %<-fplugin-arg-%s-%s%> takes no value", name, key);
	  ok = false;
	}
    }
  return ok;
}

/* Called by GCC when it loads the plugin.  Note that this function must
   be named exactly "plugin_init".  Returns 0 on success; GCC stops with
   a fatal error otherwise.  */

int
plugin_init (struct plugin_name_args *plugin_info,
	     struct plugin_gcc_version *version)
{
  const char *name = plugin_info->base_name;
  bool help = false;

  /* 1. Versions.  */
  if (!gochan_version_ok (version))
    return 1;

  /* 2. Arguments.  */
  if (!gochan_parse_args (name, plugin_info->argc, plugin_info->argv, &help))
    return 1;

  /* 3. Registration.  */
  register_callback (name, PLUGIN_INFO, NULL, &gochan_plugin_info);
  if (!gochan_c_front_end_p ())
    return 0;
  if (help)
    fprintf (stderr, "gochan plugin %s: Go's __go, __chan and __select for "
	     "GNU C\noptions (-fplugin-arg-%s-NAME):\n%s",
	     GOCHAN_VERSION, name, gochan_help);
  register_callback (name, PLUGIN_INCLUDE_FILE,
		     gochan_define_feature_macro, NULL);
  register_callback (name, PLUGIN_ATTRIBUTES,
		     gochan_register_attributes, NULL);
  register_callback (name, PLUGIN_PRE_GENERICIZE,
		     gochan_pre_genericize, NULL);
  gochan_install_type_printer ();
  return 0;
}
