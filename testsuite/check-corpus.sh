#!/bin/sh
# SPDX-License-Identifier: MIT
#
# check-corpus.sh: a small, deterministic sample of the malformed-syntax
# corpus (mutate-corpus.py): the seed programs, the list of misuses and
# 200 mutants made with seed 1, each compiled with the plugin; fails on
# any internal compiler error or hang.  make stress runs the full corpus.
#
# Usage: check-corpus.sh [COUNT [SEED]]   (defaults 200 and 1)
# Exit status: 0 none; 1 some (kept in corpus-failures/); 77 python3 or
# the plugin is missing (Automake's SKIP).

set -u
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${top_srcdir:-$here/..}
builddir=${top_builddir:-$here/..}
if ! command -v python3 >/dev/null 2>&1; then
    echo "check-corpus: python3 not found: skipped"
    exit 77
fi
exec python3 "$srcdir/testsuite/mutate-corpus.py" --count "${1:-200}" \
    --seed "${2:-1}" --srcdir "$srcdir" --builddir "$builddir" \
    --outdir corpus-failures
