#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""mutate-corpus.py: compile malformed uses of the gochan syntax and fail
on any internal compiler error or hang.

The corpus is made of
  - seeds: the valid programs of testsuite/gochan.run, gochan.chan,
    gochan.select and examples/ that use the syntax (__go, __chan,
    __select), and every gochan.diag test (each a misuse the plugin
    diagnoses), compiled as they are;
  - MISUSES below: small programs, one misuse each, for everything the
    plugin rejects plus the syntax's internals (its marker functions)
    called by hand;
  - mutants of the seeds, made with a fixed seed: deleted, duplicated,
    swapped and inserted tokens, swapped case labels, wrong arities of
    __recv / __send / __recv_ok / __go and the chan_* macros, operands of
    the wrong type, misplaced __select / __go / case labels, __chan of odd
    types, and truncations.

Each program is compiled with the plugin (-c, at -O0 or -O2, sometimes
with -g) under a per-compile timeout, and classified:
  clean      the compiler exited 0;
  diagnosed  it exited 1 with at least one "error:" and no ICE;
  ICE        "internal compiler error", "Segmentation fault", a compiler
             killed by a signal, or an exit without an error message;
  hang       the timeout passed.
Any ICE or hang fails the run (exit 1); each is written to the output
directory as ice-N.c / hang-N.c with the command and output, and the first
few are printed.  The counts are printed at the end.

Usage: mutate-corpus.py [--count N] [--seed S] [--jobs J] [--timeout SEC]
                        [--srcdir DIR] [--builddir DIR] [--cc CC]
                        [--outdir DIR] [--keep]
Defaults: 200 mutants, seed 1, 1 job, 20 s, srcdir and builddir the
directory above this script, cc $GOCHAN_CC or gcc.
Exit status: 0 no ICE and no hang; 1 some; 77 the plugin is not built
(Automake's SKIP); 99 a setup error.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

# ---------------------------------------------------------------------
# Misuses, one per program: what the plugin diagnoses, and the syntax's
# internals used by hand.  Every one must end in a diagnostic or compile;
# none may crash the compiler.

PRELUDE = "#include <gochan.h>\nvoid f (int);\nint g (int);\n"

MISUSES = {
    "go-not-call": "void t (void) { int x = 1; __go x; }",
    "go-value": "int t (void) { return (__go f (1), 2); }",
    "go-cond": "void t (void) { if ((__go f (1), 1)) f (2); }",
    "go-comma": "void t (void) { __go f (1), g (2); }",
    "go-for-step": "void t (void) { for (int i = 0; i < 2; __go f (i++)); }",
    "go-nested-fn": "void t (void) { int y = 1; void n (int a) { y += a; }"
                    " __go n (1); }",
    "go-vla": "void h (int, int (*)[*]); void t (int n) { int a[n][n];"
              " __go h (n, a); }",
    "go-builtin": "void t (void) { __go __builtin_trap (); }",
    "go-builtin-abort": "#include <stdlib.h>\nvoid t (void) { __go abort (); }",
    "go-nothing": "void t (void) { __go; }",
    "go-go": "void t (void) { __go __go f (1); }",
    "go-file-scope": "int z = (__go f (1), 0);",
    "go-stmt-expr": "int t (void) { return ({ __go f (1); 3; }); }",
    "go-stmt-expr-value": "void t (void) { int y = ({ __go f (1); }); (void) y; }",
    "go-in-select": "void t (__chan (int) c) { int v; __select { case "
                    "__recv (c, v): __go f (v); } }",
    "go-indirect-null": "void t (void) { __go ((void (*) (int)) 0) (1); }",
    "go-ptr-call": "void (*fp (void)) (int); void t (void) { __go fp () (3); }",
    "go-local-escape": "void h (int *); void t (void) { int l; __go h (&l); }",
    "go-variadic": "#include <stdio.h>\nvoid t (void) { __go printf (\"%d\", 1); }",
    "go-struct-arg": "struct big { char b[100000]; }; void h (struct big);"
                     " void t (struct big *p) { __go h (*p); }",
    "go-noreturn": "_Noreturn void h (void); void t (void) { __go h (); }",
    "go-return-struct": "struct s { int a[9]; }; struct s h (int);"
                        " void t (void) { __go h (1); }",
    "go-label": "void t (void) { l: __go f (1); goto l; }",
    "go-case": "void t (int k) { switch (k) { case 1: __go f (1); } }",
    "go-marker-alone": "void t (void) { __gochan_go_marker (); }",
    "go-marker-value": "void t (void) { f ((__gochan_go_marker (), 1)); }",
    "recv-outside": "int t (__chan (int) c, int k) { int v = 0; switch (k) "
                    "{ case __recv (c, v): break; } return v; }",
    "send-outside": "void t (__chan (int) c) { case __send (c, 2): ; }",
    "recv-file-scope": "int v; __chan (int) c; case __recv (c, v): ;",
    "select-two-defaults": "void t (__chan (int) c) { __select { default: "
                           "break; case __recv (c): break; default: break; } }",
    "select-plain-label": "void t (__chan (int) c) { __select { case 3: break;"
                          " case __recv (c): break; } }",
    "select-nested-case": "void t (__chan (int) c, int k) { int v; __select "
                          "{ case __recv (c, v): switch (k) { case __send "
                          "(c, 1): break; } } }",
    "select-nested-block-case": "void t (__chan (int) c) { int v; __select { "
                                "{ case __recv (c, v): break; } } }",
    "select-no-braces": "void t (__chan (int) c) { int v; __select case "
                        "__recv (c, v): f (v); }",
    "select-stmt-first": "void t (__chan (int) c) { int v; __select { f (1);"
                         " case __recv (c, v): break; } }",
    "select-empty": "void t (void) { __select { } }",
    "select-default-only": "void t (void) { __select { default: f (1); } }",
    "select-file-scope": "__select { default: ; }",
    "select-in-expr": "int t (void) { return __select { default: ; }; }",
    "select-stmt-expr": "int t (__chan (int) c) { return ({ int v = 0; "
                        "__select { case __recv (c, v): break; } v; }); }",
    "select-goto-in": "void t (__chan (int) c) { int v; goto in; __select {"
                      " case __recv (c, v): in: f (v); } }",
    "select-continue": "void t (__chan (int) c) { int v; for (;;) { "
                       "__select { case __recv (c, v): continue; } } }",
    "select-nested-fn": "void t (__chan (int) c) { void n (void) { int v; "
                        "__select { case __recv (c, v): f (v); } } n (); }",
    "select-case-range": "void t (__chan (int) c) { __select { case 1 ... 3:"
                         " break; case __recv (c): break; } }",
    "select-marker-alone": "int t (void) { return __gochan_select_marker (); }",
    "select-switch-marker": "void t (void) { switch (__gochan_select_marker "
                            "()) { case 1: break; } }",
    "case-recv-by-hand": "void t (__chan (int) c) { __gochan_case_recv (0, c); }",
    "case-send-by-hand": "void t (__chan (int) c) { __gochan_case_send (1, c, 3); }",
    "case-recv-bad-form": "void t (__chan (int) c) { __select { case 1: "
                          "__gochan_case_recv (7, c); case 2: break; } }",
    "case-recv-no-args": "void t (void) { __select { case 1: "
                         "__gochan_case_recv (); case 2: break; } }",
    "slot-by-hand": "void t (void) { int *p = __gochan_slot (); (void) p; }",
    "slot-ok-by-hand": "bool t (void) { return __gochan_slot_ok (); }",
    "recv-arity-0": "void t (__chan (int) c) { __select { case __recv (): ; } }",
    "recv-arity-4": "void t (__chan (int) c) { int v; bool ok; __select { "
                    "case __recv (c, v, ok, ok): ; } }",
    "send-arity-1": "void t (__chan (int) c) { __select { case __send (c): ; } }",
    "send-arity-3": "void t (__chan (int) c) { __select { case __send (c, 1, 2):"
                    " ; } }",
    "recv-ok-arity-2": "void t (__chan (int) c) { int v; __select { case "
                       "__recv_ok (c, v): ; } }",
    "recv-not-chan": "void t (int *p) { int v; __select { case __recv (p, v):"
                     " ; } }",
    "recv-int": "void t (void) { int v; __select { case __recv (3, v): ; } }",
    "recv-into-rvalue": "void t (__chan (int) c) { __select { case __recv "
                        "(c, 3): ; } }",
    "recv-type": "void t (__chan (int *) c) { double d; __select { case "
                 "__recv (c, d): ; } }",
    "recv-ok-not-lvalue": "void t (__chan (int) c) { int v; __select { case "
                          "__recv (c, v, 1): ; } }",
    "send-type": "void t (__chan (int *) c) { __select { case __send (c, 1.5):"
                 " ; } }",
    "send-struct": "struct s { int a; }; void t (__chan (int) c, struct s x)"
                   " { __select { case __send (c, x): ; } }",
    "send-void": "void t (__chan (int) c) { __select { case __send (c, "
                 "(void) 0): ; } }",
    "chan-void": "void t (__chan (void) c) { (void) c; }",
    "chan-incomplete": "void t (__chan (struct nosuch) c) { int v; __select {"
                       " case __recv (c, v): ; } }",
    "chan-array": "void t (__chan (int[3]) c) { int v[3]; __select { case "
                  "__recv (c): ; } (void) v; }",
    "chan-fn": "void t (__chan (int (void)) c) { (void) c; }",
    "chan-vla": "void t (int n) { __chan (int[n]) c = 0; (void) c; }",
    "chan-chan": "void t (__chan (__chan (int)) c) { __chan (int) d; "
                 "__select { case __recv (c, d): chan_close (d); } }",
    "chan-mix": "void t (__chan (int) a, __chan (long) b) { a = b; }",
    "chan-deref": "int t (__chan (int) c) { return *c; }",
    "chan-index": "void *t (__chan (int) c) { return c[1]; }",
    "chan-arith": "void t (__chan (int) c) { c++; }",
    "chan-call": "void t (__chan (int) c) { c (0); }",
    "chan-make-void": "void t (void) { __chan (int) c = chan_make (void, 1);"
                      " (void) c; }",
    "chan-make-neg": "void t (void) { __chan (int) c = chan_make (int, -1);"
                     " (void) c; }",
    "chan-send-type": "void t (__chan (int *) c) { chan_send (c, 1.5); }",
    "chan-send-arity": "void t (__chan (int) c) { chan_send (c); }",
    "chan-recv-arity": "void t (__chan (int) c) { int v = chan_recv (c, 1); }",
    "chan-recv-not-chan": "void t (int c) { int v = chan_recv (c); (void) v; }",
    "chan-close-int": "void t (void) { chan_close (3); }",
    "chan-recv-ok-noptr": "void t (__chan (int) c) { bool ok; chan_recv_ok "
                          "(c, ok); }",
}

# ---------------------------------------------------------------------
# Tokens.

TOKEN_RE = re.compile(r'''
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<pp>\#[^\n]*(?:\\\n[^\n]*)*)
  | (?P<str>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<id>[A-Za-z_]\w*)
  | (?P<num>\.?\d(?:[eEpP][-+]|[\w.])*)
  | (?P<punct>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=
               |\.\.\.|\#\#|.)
''', re.S | re.X)


def tokenize(text):
    """Code tokens as (start, end, text); comments, whitespace and
    preprocessor lines are not tokens (they stay in place)."""
    toks = []
    pos = 0
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            pos += 1
            continue
        kind = m.lastgroup
        if kind in ("id", "num", "str", "punct"):
            toks.append((m.start(), m.end(), m.group()))
        pos = m.end()
    return toks


def replace_span(text, start, end, new):
    return text[:start] + new + text[end:]


def matching(toks, i):
    """Index of the token closing the bracket at toks[i], or None."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    open_, close = toks[i][2], pairs[toks[i][2]]
    depth = 0
    for j in range(i, len(toks)):
        if toks[j][2] == open_:
            depth += 1
        elif toks[j][2] == close:
            depth -= 1
            if depth == 0:
                return j
    return None


def split_args(toks, lp, rp):
    """Argument spans [(first, last)] between parens at lp and rp."""
    args, depth, first = [], 0, lp + 1
    for j in range(lp + 1, rp):
        t = toks[j][2]
        if t in "([{":
            depth += 1
        elif t in ")]}":
            depth -= 1
        elif t == "," and depth == 0:
            args.append((first, j - 1))
            first = j + 1
    if first <= rp - 1:
        args.append((first, rp - 1))
    return args


# ---------------------------------------------------------------------
# Mutations: each takes (rng, text, toks) and returns new text or None.

INSERTS = ["__go", "__select", "__recv", "__send", "__recv_ok", "__chan",
           "__chan (int)", "case", "default :", ":", "{", "}", ";", "(",
           ")", ",", "break ;", "continue ;", "return ;", "goto L ;",
           "L :", "__go f ()", "__select { default : ; }",
           "case __recv (c) :", "case __send (c, 1) :", "__gochan_slot ()",
           "__gochan_go_marker (),", "__gochan_select_marker ()",
           "__gochan_case_recv (0, 0)", "*", "&", "[0]", "0", "void",
           "int", "struct", "sizeof", "_Generic", "__builtin_trap ()",
           "__extension__", "({", "})", "__label__ L ;", "static",
           "typedef int"]

WRONG_VALUES = ["1", "1.5", '"s"', "(void *) 0", "main", "&main",
                "(struct { int x; }) { 0 }", "(char) 0", "((int *) 0)[0]",
                "(void) 0", "__builtin_trap ()", "(int [2]) { 0 }",
                "sizeof (int)", "(__chan (long)) 0", "(__chan (int)) 0",
                "({ 0; })", "f", "__gochan_slot ()", ""]

CHAN_TYPES = ["void", "struct nosuch", "int[]", "int[3]", "double",
              "__chan (int)", "", "int (*) (void)", "char[0]",
              "long double", "_Bool", "struct { char c[70000]; }",
              "int (void)", "const int", "volatile char", "int *restrict",
              "__int128", "_Complex double", "union { int a; float b; }"]

SYNTAX_CALLS = {"__recv", "__send", "__recv_ok", "chan_send", "chan_recv",
                "chan_recv_ok", "chan_make", "chan_close", "chan_len",
                "chan_cap", "chan_retain", "chan_release", "chan_from",
                "chan_raw"}


def code_index(rng, toks):
    return rng.randrange(len(toks)) if toks else None


def m_delete(rng, text, toks):
    i = code_index(rng, toks)
    if i is None:
        return None
    n = rng.choice([1, 1, 1, 2, 3, 5])
    j = min(len(toks) - 1, i + n - 1)
    return replace_span(text, toks[i][0], toks[j][1], " ")


def m_duplicate(rng, text, toks):
    i = code_index(rng, toks)
    if i is None:
        return None
    return replace_span(text, toks[i][0], toks[i][1],
                        toks[i][2] + " " + toks[i][2])


def m_swap_adjacent(rng, text, toks):
    if len(toks) < 2:
        return None
    i = rng.randrange(len(toks) - 1)
    a, b = toks[i], toks[i + 1]
    return (text[:a[0]] + b[2] + text[a[1]:b[0]] + a[2] + text[b[1]:])


def m_insert(rng, text, toks):
    i = code_index(rng, toks)
    if i is None:
        return None
    return replace_span(text, toks[i][0], toks[i][0],
                        rng.choice(INSERTS) + " ")


def m_replace_ident(rng, text, toks):
    ids = [k for k, t in enumerate(toks) if re.match(r"[A-Za-z_]", t[2])]
    if len(ids) < 2:
        return None
    i, j = rng.sample(ids, 2)
    return replace_span(text, toks[i][0], toks[i][1], toks[j][2])


def case_labels(toks):
    """Spans (i, j) of case labels: 'case' ... ':' at bracket depth 0,
    and 'default' ':'."""
    spans = []
    for i, t in enumerate(toks):
        if t[2] not in ("case", "default"):
            continue
        depth = 0
        for j in range(i + 1, min(len(toks), i + 200)):
            s = toks[j][2]
            if s in "([{":
                depth += 1
            elif s in ")]}":
                depth -= 1
                if depth < 0:
                    break
            elif s == ":" and depth == 0:
                spans.append((i, j))
                break
    return spans


def m_swap_cases(rng, text, toks):
    spans = case_labels(toks)
    if len(spans) < 2:
        return None
    (a0, a1), (b0, b1) = sorted(rng.sample(spans, 2))
    if a1 >= b0:
        return None
    ta = text[toks[a0][0]:toks[a1][1]]
    tb = text[toks[b0][0]:toks[b1][1]]
    return (text[:toks[a0][0]] + tb + text[toks[a1][1]:toks[b0][0]] + ta +
            text[toks[b1][1]:])


def m_move_case(rng, text, toks):
    """A case label moved to a random place (out of its __select)."""
    spans = case_labels(toks)
    if not spans:
        return None
    a0, a1 = rng.choice(spans)
    label = text[toks[a0][0]:toks[a1][1]]
    cut = text[:toks[a0][0]] + " " + text[toks[a1][1]:]
    t2 = tokenize(cut)
    i = code_index(rng, t2)
    if i is None:
        return None
    return replace_span(cut, t2[i][0], t2[i][0], label + " ")


def syntax_calls(toks):
    """(name index, lparen index, rparen index) of calls to the syntax
    and of the call after each __go."""
    out = []
    for i, t in enumerate(toks[:-1]):
        if t[2] in SYNTAX_CALLS and toks[i + 1][2] == "(":
            rp = matching(toks, i + 1)
            if rp is not None:
                out.append((i, i + 1, rp))
        elif t[2] == "__go":
            # __go NAME ( ... ) or __go ( expr ) ( ... )
            j = i + 1
            if j < len(toks) and toks[j][2] == "(":
                j = matching(toks, j)
                if j is None:
                    continue
            j += 1
            if j < len(toks) and toks[j][2] == "(":
                rp = matching(toks, j)
                if rp is not None:
                    out.append((i, j, rp))
    return out


def m_arity(rng, text, toks):
    calls = syntax_calls(toks)
    if not calls:
        return None
    _, lp, rp = rng.choice(calls)
    args = split_args(toks, lp, rp)
    inner_start, inner_end = toks[lp][1], toks[rp][0]
    texts = [text[toks[a][0]:toks[b][1]] for a, b in args]
    how = rng.randrange(4)
    if how == 0 and texts:
        texts.pop(rng.randrange(len(texts)))
    elif how == 1:
        texts.insert(rng.randrange(len(texts) + 1),
                     rng.choice(texts) if texts else "0")
    elif how == 2:
        texts = []
    else:
        texts = texts + ["0"] * rng.randrange(1, 4)
    return replace_span(text, inner_start, inner_end, ", ".join(texts))


def m_wrong_type(rng, text, toks):
    calls = syntax_calls(toks)
    if not calls:
        return None
    _, lp, rp = rng.choice(calls)
    args = split_args(toks, lp, rp)
    if not args:
        return None
    a, b = rng.choice(args)
    return replace_span(text, toks[a][0], toks[b][1],
                        rng.choice(WRONG_VALUES))


def m_chan_type(rng, text, toks):
    sites = [i for i, t in enumerate(toks[:-1])
             if t[2] in ("__chan", "chan_make") and toks[i + 1][2] == "("]
    if not sites:
        return None
    i = rng.choice(sites)
    rp = matching(toks, i + 1)
    if rp is None:
        return None
    args = split_args(toks, i + 1, rp)
    if not args:
        return None
    a, b = args[0]
    return replace_span(text, toks[a][0], toks[b][1], rng.choice(CHAN_TYPES))


def m_misplace(rng, text, toks):
    """A __select statement or a __go statement moved or copied to a
    random place, or an expression context."""
    sel = [i for i, t in enumerate(toks[:-1])
           if t[2] == "__select" and toks[i + 1][2] == "{"]
    gos = [i for i, t in enumerate(toks) if t[2] == "__go"]
    if not sel and not gos:
        return None
    if sel and (not gos or rng.random() < 0.5):
        i = rng.choice(sel)
        j = matching(toks, i + 1)
        if j is None:
            return None
    else:
        i = rng.choice(gos)
        j = i
        while j < len(toks) and toks[j][2] not in (";", "}"):
            j += 1
        j = min(j, len(toks) - 1)
    piece = text[toks[i][0]:toks[j][1]]
    how = rng.randrange(4)
    if how == 0:
        rest = text[:toks[i][0]] + text[toks[j][1]:]
    else:
        rest = text
    t2 = tokenize(rest)
    k = code_index(rng, t2)
    if k is None:
        return None
    if how == 3:
        piece = "(" + piece.rstrip(";") + ")"
    return replace_span(rest, t2[k][0], t2[k][0], piece + " ")


def m_truncate(rng, text, toks):
    if not toks:
        return None
    if rng.random() < 0.8:
        i = rng.randrange(len(toks))
        return text[:toks[i][1]]
    return text[:rng.randrange(len(text))]


MUTATIONS = [
    (m_delete, 4), (m_duplicate, 1), (m_swap_adjacent, 1), (m_insert, 3),
    (m_replace_ident, 1), (m_swap_cases, 2), (m_move_case, 2),
    (m_arity, 3), (m_wrong_type, 3), (m_chan_type, 2), (m_misplace, 3),
    (m_truncate, 2),
]


def mutate(rng, text):
    """One to three mutations in a row; returns (text, names)."""
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        toks = tokenize(text)
        for _attempt in range(20):
            fn = rng.choices([m for m, _ in MUTATIONS],
                             [w for _, w in MUTATIONS])[0]
            new = fn(rng, text, toks)
            if new is not None and new != text:
                text = new
                names.append(fn.__name__[2:])
                break
    return text, names


# ---------------------------------------------------------------------
# Compiling and classifying.

ICE_RE = re.compile(r"internal compiler error|Segmentation fault|"
                    r"terminated program|killed by signal|"
                    r"Please submit a full bug report|Aborted|"
                    r"cc1: .*signal|core dumped")


def dg_options(text, srcdir):
    opts = []
    for m in re.finditer(r'dg-(?:additional-)?options\s+"([^"]*)"', text):
        opts += shlex.split(m.group(1).replace("$srcdir/$subdir", srcdir))
    return [o for o in opts if not o.startswith("-fdump")]


def compile_one(job):
    (name, text, flags, incdir, cfg) = job
    with tempfile.TemporaryDirectory(prefix="gochan-corpus-") as tmp:
        src = os.path.join(tmp, "t.c")
        with open(src, "w") as f:
            f.write(text)
        cmd = (cfg["cc"] + ["-fplugin=" + cfg["plugin"], "-fsplit-stack",
                            "-I" + os.path.join(cfg["srcdir"], "include"),
                            "-I" + os.path.join(cfg["builddir"], "include"),
                            "-I" + os.path.join(cfg["srcdir"], "testsuite",
                                                "lib"),
                            "-I" + incdir,
                            "-fno-diagnostics-color",
                            "-fdiagnostics-plain-output", "-w"] +
               flags + ["-c", src, "-o", os.path.join(tmp, "t.o")])
        env = dict(os.environ, LC_ALL="C", LANG="C")
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT,
                               timeout=cfg["timeout"], env=env,
                               start_new_session=True)
        except subprocess.TimeoutExpired as e:
            out = e.output.decode("utf-8", "replace") if e.output else ""
            return (name, "hang", cmd, out, text)
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode < 0 or ICE_RE.search(out):
            kind = "ICE"
        elif p.returncode == 0:
            kind = "clean"
        elif p.returncode == 1 and re.search(r"(^|: )(fatal )?error: ", out, re.M):
            kind = "diagnosed"
        else:
            kind = "ICE"  # failed without saying why: as bad as a crash
        return (name, kind, cmd, out, text)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--srcdir", default=os.environ.get("top_srcdir",
                                                       here + "/.."))
    ap.add_argument("--builddir", default=os.environ.get("top_builddir",
                                                         here + "/.."))
    ap.add_argument("--cc", default=os.environ.get("GOCHAN_CC", "gcc"))
    ap.add_argument("--outdir", default="corpus-failures")
    ap.add_argument("--no-seeds", action="store_true",
                    help="only mutants (no seeds, no misuse list)")
    args = ap.parse_args()

    srcdir = os.path.abspath(args.srcdir)
    builddir = os.path.abspath(args.builddir)
    plugin = os.path.join(builddir, "plugin", ".libs", "gochan.so")
    if not os.path.exists(plugin):
        print("mutate-corpus: the plugin is not built (%s): skipped" % plugin)
        return 77
    cfg = {"cc": shlex.split(args.cc), "plugin": plugin, "srcdir": srcdir,
           "builddir": builddir, "timeout": args.timeout}

    seeds = []
    for d in ("testsuite/gochan.run", "testsuite/gochan.chan",
              "testsuite/gochan.select", "examples", "testsuite/gochan.diag"):
        full = os.path.join(srcdir, d)
        for fn in sorted(os.listdir(full)):
            if not fn.endswith(".c"):
                continue
            with open(os.path.join(full, fn)) as f:
                text = f.read()
            if d.endswith("gochan.diag") or re.search(
                    r"\b(__go|__chan|__select)\b", text):
                seeds.append((d + "/" + fn, text, full))
    if not seeds:
        print("mutate-corpus: no seed programs under %s" % srcdir)
        return 99

    rng = random.Random(args.seed)
    flag_sets = [["-std=gnu11", "-O0"], ["-std=gnu11", "-O2"],
                 ["-std=gnu11", "-O0", "-g"], ["-std=gnu11", "-O2", "-g"]]
    jobs = []
    if not args.no_seeds:
        for name, text, incdir in seeds:
            jobs.append((name, text, ["-std=gnu11"] + dg_options(text, incdir),
                         incdir, cfg))
        for name, body in sorted(MISUSES.items()):
            jobs.append(("misuse/" + name, PRELUDE + body + "\n",
                         rng.choice(flag_sets), srcdir, cfg))
    for n in range(args.count):
        name, text, incdir = rng.choice(seeds)
        mutant, how = mutate(rng, text)
        jobs.append(("mutant %d of %s (%s)" % (n, name, ", ".join(how)),
                     mutant, rng.choice(flag_sets), incdir, cfg))

    counts = {"clean": 0, "diagnosed": 0, "ICE": 0, "hang": 0}
    bad = []
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
        for name, kind, cmd, out, text in ex.map(compile_one, jobs):
            counts[kind] += 1
            if kind in ("ICE", "hang"):
                bad.append((name, kind, cmd, out, text))

    if bad:
        os.makedirs(args.outdir, exist_ok=True)
        for k, (name, kind, cmd, out, text) in enumerate(bad):
            base = os.path.join(args.outdir, "%s-%d" % (kind.lower(), k))
            with open(base + ".c", "w") as f:
                f.write(text)
            with open(base + ".txt", "w") as f:
                f.write("%s\n%s\n\n%s" % (name, " ".join(cmd), out))
            if k < 5:
                print("mutate-corpus: %s: %s (kept as %s.c)" %
                      (kind, name, base))
                for line in out.splitlines()[:12]:
                    print("    " + line)
    print("mutate-corpus: seed %d: %d programs (%d seeds and misuses, %d "
          "mutants): %d compiled cleanly, %d diagnosed, %d ICE, %d hang" %
          (args.seed, len(jobs), len(jobs) - args.count, args.count,
           counts["clean"], counts["diagnosed"], counts["ICE"],
           counts["hang"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
