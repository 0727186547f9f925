#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""lockcount.py: how many locked instructions a benchmark row executes
per operation, and where.

On the machines we measure on, an uncontended locked instruction (a
lock-prefixed read-modify-write, or xchg with memory) costs 6 ns or so
(c/costs.c), as much as 20-30 plain instructions: the absolute targets
of DESIGN.md section 5 are bounded by how many of them an operation
needs.  callgrind counts every instruction executed; this script picks
out the locked ones by their addresses in the binary's disassembly.

    GOCHAN_MAXPROCS=1 valgrind --tool=callgrind --dump-instr=yes \\
        --callgrind-out-file=cg.out .build/bench-gochan pingpong 200000 0
    ./lockcount.py .build/bench-gochan cg.out 200000

prints the total per operation and the busiest sites (function names
from the debug information; build with -g for them).
"""
import re
import subprocess
import sys


def locked_sites(binary):
    """Addresses of locked instructions -> their mnemonic."""
    dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn", binary],
                         capture_output=True, text=True, check=True).stdout
    sites = {}
    for line in dis.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s+(\S+)\s*(\S*)", line)
        if not m:
            continue
        op, arg = m.group(2), m.group(3)
        if op == "lock":
            sites[int(m.group(1), 16)] = "lock " + arg
        elif op.startswith("xchg") and "(" in line.split(op, 1)[1]:
            sites[int(m.group(1), 16)] = op
    return sites


def executions(profile, sites):
    """Self counts (Ir) of the given addresses in a callgrind profile
    written with --dump-instr=yes."""
    counts = {}
    pos, npos, after_calls = 0, 1, False
    with open(profile) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            head = parts[0]
            if head[0].isalpha():
                if head == "positions:":
                    npos = len(parts) - 1
                elif head.startswith("calls="):
                    after_calls = True      # next line: the call's cost
                continue
            if head.startswith("0x"):
                pos = int(head, 16)
            elif head[0] == "+":
                pos += int(head[1:])
            elif head[0] == "-":
                pos -= int(head[1:])
            elif head != "*":
                continue
            if after_calls:
                after_calls = False
                continue
            if len(parts) > npos and pos in sites:
                counts[pos] = counts.get(pos, 0) + int(parts[npos])
    return counts


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: lockcount.py BINARY CALLGRIND_OUT OPS")
    binary, profile, ops = sys.argv[1], sys.argv[2], float(sys.argv[3])
    sites = locked_sites(binary)
    counts = executions(profile, sites)
    print("locked instructions per op: %.2f" % (sum(counts.values()) / ops))
    top = [a for a in sorted(counts, key=lambda a: -counts[a])
           if counts[a] / ops >= 0.01][:12]
    if not top:
        return
    funcs = subprocess.run(["addr2line", "-f", "-e", binary]
                           + [hex(a) for a in top],
                           capture_output=True, text=True).stdout.splitlines()
    for i, a in enumerate(top):
        fn = funcs[2 * i] if 2 * i < len(funcs) else "?"
        print("  %6.2f  %-16s %s" % (counts[a] / ops, sites[a], fn))


if __name__ == "__main__":
    main()
