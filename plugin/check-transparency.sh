#!/bin/sh
# SPDX-License-Identifier: MIT
#
# check-transparency.sh: the plugin must not change C that does not use
# its syntax.  Builds every program of GCC's own gcc.c-torture/execute
# suite (top level and ieee/) with and without the plugin, at -O2, and
# requires for each one
#   - the same assembly, byte for byte, and
#   - the same result: exit status and output.
# A program that does not build without the plugin (it needs options or
# files the suite's .exp drivers would give it) is skipped, and counted;
# so is one whose result varies from run to run without the plugin
# (address-space randomisation is turned off where setarch allows).
#
# Usage: check-transparency.sh PLUGIN [CC]
#   PLUGIN  path to gochan.so
#   CC      the C compiler (default: gcc)
# Environment:
#   GCC_SOURCE   the GCC source tarball (default: the newest
#                /usr/src/gcc-12/gcc-12*.tar.*, Debian's gcc-12-source)
#   JOBS         parallel jobs (default: nproc)
#   KEEP         if set, keep the work directory
#   CFLAGS       extra flags for both builds (default: none)
# Exit status: 0 when every program that builds is identical, 1 on any
# difference, 77 (skipped) when the GCC source is not available.
set -u

plugin=${1:?usage: check-transparency.sh PLUGIN [CC]}
cc=${2:-gcc}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
case $plugin in /*) ;; *) plugin=$(pwd)/$plugin ;; esac
[ -f "$plugin" ] || { echo "check-transparency: no plugin at $plugin" >&2; exit 1; }

tarball=${GCC_SOURCE:-}
if [ -z "$tarball" ]; then
    for f in /usr/src/gcc-12/gcc-12*.tar.*; do
        [ -f "$f" ] && tarball=$f
    done
fi
if [ -z "$tarball" ] || [ ! -f "$tarball" ]; then
    echo "check-transparency: SKIPPED: no GCC source tarball (apt-get install" \
         "gcc-12-source, or set GCC_SOURCE)" >&2
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gochan-transparency.XXXXXX") || exit 1
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
echo "check-transparency: $cc, plugin $plugin"
echo "check-transparency: extracting gcc.c-torture/execute from $tarball"
top=$(tar -tf "$tarball" | head -1 | cut -d/ -f1)
tar -xf "$tarball" -C "$work" --wildcards \
    "$top/gcc/testsuite/gcc.c-torture/execute/*" || exit 1
src=$work/$top/gcc/testsuite/gcc.c-torture/execute

# One program: prints "same NAME", "skip NAME" or "DIFF NAME: what".
cat > "$work/one.sh" <<'EOF'
#!/bin/sh
cc=$1 plugin=$2 out=$3 f=$4
n=$(echo "${f#*/execute/}" | tr / _)
n=${n%.c}
d=$out/$n
mkdir -p "$d"
base="-O2 -w -fno-diagnostics-color ${CFLAGS:-}"
if ! $cc $base -S "$f" -o "$d/a.s" >/dev/null 2>&1 ||
   ! $cc $base "$f" -o "$d/a.out" -lm >/dev/null 2>&1; then
    echo "skip $n"
    exit 0
fi
if ! $cc $base -fplugin="$plugin" -S "$f" -o "$d/b.s" >"$d/b.err" 2>&1; then
    echo "DIFF $n: does not compile with the plugin: $(head -1 "$d/b.err")"
    exit 0
fi
if ! cmp -s "$d/a.s" "$d/b.s"; then
    echo "DIFF $n: the assembly differs"
    exit 0
fi
if ! $cc $base -fplugin="$plugin" "$f" -o "$d/b.out" -lm >"$d/b.err" 2>&1; then
    echo "DIFF $n: does not link with the plugin"
    exit 0
fi
# Address-space randomisation off where we may, so that programs that
# look at addresses behave the same each time.
norand=
setarch "$(uname -m)" -R true >/dev/null 2>&1 && norand="setarch $(uname -m) -R"
run() {
    (cd "$d" && $norand timeout 20 "./$1" >"$2" 2>&1; echo "status $?" >>"$2")
}
run a.out a.log
run b.out b.log
if ! cmp -s "$d/a.log" "$d/b.log"; then
    # A program whose result varies from run to run without the plugin
    # says nothing about the plugin (its assembly is identical anyway).
    run a.out a2.log
    if ! cmp -s "$d/a.log" "$d/a2.log"; then
        echo "vary $n"
        rm -rf "$d"
        exit 0
    fi
    echo "DIFF $n: the results differ ($(tail -1 "$d/a.log") vs $(tail -1 "$d/b.log"))"
    exit 0
fi
echo "same $n"
rm -rf "$d"
EOF
chmod +x "$work/one.sh"

mkdir -p "$work/out"
find "$src" -maxdepth 2 -name '*.c' \( -path "$src/*.c" -o -path "$src/ieee/*.c" \) |
    sort |
    xargs -P "$jobs" -n 1 "$work/one.sh" "$cc" "$plugin" "$work/out" \
    > "$work/results.txt"

same=$(grep -c '^same ' "$work/results.txt")
skip=$(grep -c '^skip ' "$work/results.txt")
vary=$(grep -c '^vary ' "$work/results.txt")
diff=$(grep -c '^DIFF ' "$work/results.txt")
total=$(wc -l < "$work/results.txt")
grep '^DIFF ' "$work/results.txt"
grep '^vary ' "$work/results.txt" | sed 's/^vary /check-transparency: result varies between runs even without the plugin (assembly identical): /'
echo "check-transparency: $total programs: $same identical (assembly and" \
     "result), $vary identical assembly but a result that varies from run" \
     "to run, $diff different, $skip skipped (do not build without the" \
     "plugin)"
[ "$diff" -eq 0 ] && [ "$same" -gt 0 ]
