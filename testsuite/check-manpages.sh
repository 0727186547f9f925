#!/bin/sh
# SPDX-License-Identifier: MIT
#
# check-manpages.sh: every exported gochan_ function has a man page.
#
# Usage: check-manpages.sh [TOP_SRCDIR [TOP_BUILDDIR]]
#   (defaults: $top_srcdir and $top_builddir from the environment, else
#   the directory above this script, for both)
#
# The names checked are the union of
#   - the gochan_* symbols the built runtime exports
#     (nm -D --defined-only runtime/.libs/libgochan.so; __gochan_* ABI
#     entry points and the libc replacements syscall, sigaction, signal,
#     bsd_signal and sysv_signal are not gochan_* and so not checked), and
#   - every gochan_* function declared (or defined inline) in
#     include/gochan/*.h, comments left out.
# Each NAME must have doc/man/man3/NAME.3, either a page or a ".so" link
# to one; the page must name NAME in its NAME section.  A ".so" link to a
# missing page, a man3 page for a name that is neither exported nor
# declared (stale), and a page that doc/Makefile.am does not list (so
# would not install) also fail.
#
# Exit status: 0 all good; 1 problems (listed on stderr); 77 nm missing
# (Automake's SKIP); 99 the runtime is not built (hard error).
# POSIX sh, awk and sed only.

set -u

here=$(cd "$(dirname "$0")" && pwd)
srcdir=${1:-${top_srcdir:-$here/..}}
builddir=${2:-${top_builddir:-$srcdir}}
mandir=$srcdir/doc/man
me=check-manpages

if ! command -v nm >/dev/null 2>&1; then
    echo "$me: SKIP: nm not found" >&2
    exit 77
fi

so=$builddir/runtime/.libs/libgochan.so
ar=$builddir/runtime/.libs/libgochan.a
tmp=${TMPDIR:-/tmp}/$me.$$
mkdir "$tmp" || exit 99
trap 'rm -rf "$tmp"' 0
trap 'exit 99' 1 2 15

# 1. Exported symbols.  Prefer the shared library (what the version script
# exports); a --disable-shared build has only the archive, whose global
# text symbols are what it exports.
if [ -f "$so" ]; then
    nm -D --defined-only "$so" >"$tmp/nm" || exit 99
    lib=$so
elif [ -f "$ar" ]; then
    nm -g --defined-only "$ar" >"$tmp/nm" 2>/dev/null || exit 99
    lib=$ar
else
    echo "$me: ERROR: the runtime is not built (no $so or $ar);" \
         "run make first" >&2
    exit 99
fi
awk 'NF >= 3 { n = $NF; sub(/@.*/, "", n);
               if (n ~ /^gochan_/) print n }' "$tmp/nm" |
    sort -u >"$tmp/exported"
if [ ! -s "$tmp/exported" ]; then
    echo "$me: ERROR: no gochan_ symbols found in $lib" >&2
    exit 99
fi

# 2. Functions declared in the public headers: drop comments, then take
# every gochan_NAME followed by "(" that is not part of a longer name
# (so not __gochan_*).  Declarations, inline definitions and calls inside
# macros all name real functions.
set -- "$srcdir"/include/gochan/*.h
if [ ! -f "$1" ]; then
    echo "$me: ERROR: no headers in $srcdir/include/gochan" >&2
    exit 99
fi
awk '
{
    line = $0; out = ""
    while (line != "") {
        if (incomment) {
            i = index(line, "*/")
            if (i == 0) { line = "" } else { line = substr(line, i + 2); incomment = 0 }
        } else {
            i = index(line, "/*")
            if (i == 0) { out = out line; line = "" }
            else { out = out substr(line, 1, i - 1) " "; line = substr(line, i + 2); incomment = 1 }
        }
    }
    sub(/\/\/.*/, "", out)
    s = " " out
    while (match(s, /[^A-Za-z0-9_]gochan_[A-Za-z0-9_]*[ \t]*\(/)) {
        name = substr(s, RSTART + 1, RLENGTH - 1)
        sub(/[ \t]*\($/, "", name)
        print name
        s = substr(s, RSTART + RLENGTH)
    }
}' "$@" | sort -u >"$tmp/declared"

sort -u "$tmp/exported" "$tmp/declared" >"$tmp/names"

# The page that documents NAME: NAME.3 itself, or the target of its .so.
page_of() {
    p=$mandir/man3/$1.3
    [ -f "$p" ] || return 1
    target=$(sed -n '1s/^\.so[[:blank:]][[:blank:]]*//p' "$p")
    if [ -n "$target" ]; then
        p=$mandir/$target
        [ -f "$p" ] || return 2
    fi
    echo "$p"
}

# Whether page $2 lists name $1 in its NAME section.
names_in_page() {
    sed -n '/^\.SH[[:blank:]]*"*NAME/,/^\.SH/p' "$2" |
        tr ',\n' '  ' | tr -s ' \t' '\n\n' | sed 's/\\-$//' |
        grep -qx "$1"
}

fail=0
: >"$tmp/missing"
while read -r name; do
    p=$(page_of "$name")
    case $? in
    0)  if ! names_in_page "$name" "$p"; then
            echo "$name: $p does not name it in its NAME section" >>"$tmp/missing"
        fi ;;
    1)  echo "$name: no doc/man/man3/$name.3" >>"$tmp/missing" ;;
    *)  echo "$name: doc/man/man3/$name.3 links to a page that does not exist" \
            >>"$tmp/missing" ;;
    esac
done <"$tmp/names"

# Stale pages (documented names that no longer exist), and pages that
# doc/Makefile.am would not install.
: >"$tmp/stale"
awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^man\/man[0-9]\//) print $i }' \
    "$srcdir/doc/Makefile.am" >"$tmp/installed" 2>/dev/null
for p in "$mandir"/man3/*.3 "$mandir"/man7/*.7; do
    [ -f "$p" ] || continue
    rel=man/${p#"$mandir"/}
    case $p in
    *.3)
        name=$(basename "$p" .3)
        grep -qx "$name" "$tmp/names" ||
            echo "$name: doc/$rel documents a name that is neither exported nor declared" \
                >>"$tmp/stale" ;;
    esac
    if ! grep -qx "$rel" "$tmp/installed"; then
        echo "doc/$rel: not listed in doc/Makefile.am, so not installed" >>"$tmp/stale"
    fi
done

n=$(wc -l <"$tmp/names" | tr -d ' ')
if [ -s "$tmp/missing" ] || [ -s "$tmp/stale" ]; then
    echo "$me: FAIL: man page problems:" >&2
    cat "$tmp/missing" "$tmp/stale" >&2
    fail=1
fi
if [ $fail = 0 ]; then
    echo "$me: PASS: $n gochan_ functions, each with a man page"
fi
exit $fail
