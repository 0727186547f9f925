# SPDX-License-Identifier: MIT
"""GDB support for gochan programs: goroutines.

Commands:

  info goroutines
      One line per goroutine: id, state (or why it is parked), where it
      is (the newest frame outside the runtime), and where it was started
      (the __go statement and its callee, or the function given to
      gochan_go).  "*" marks the goroutine running on the selected thread.

  goroutine ID bt [full] [COUNT]
      The backtrace of goroutine ID (a number, or an expression such as a
      variable holding one).  A parked or runnable goroutine is unwound
      from the registers it saved when it switched out; a running one is
      its thread's stack.
  goroutine ID frame K [COMMAND]
      Print frame K of that backtrace, or run COMMAND (say "info locals")
      with it selected.
  goroutine ID COMMAND
      Run any GDB command with the goroutine's newest frame selected.
  goroutine all bt [full] [COUNT]
      Every goroutine's backtrace.

Loading: every program linked with the runtime names this file as
installed, $(datadir)/gochan/gochan-gdb.py, in its .debug_gdb_scripts
section (runtime/panic.c), so GDB loads it by itself once that directory
is on the auto-load safe-path ("add-auto-load-safe-path
/usr/local/share/gochan" in ~/.config/gdb/gdbinit).  A shared libgochan
also finds it as $(datadir)/gdb/auto-load/<libdir>/libgochan.so.X.Y.Z-gdb.py.
Otherwise "source" this file.
The runtime must have its debug information (the default build has it).
Needs GDB 10 or later with Python, on x86_64.

How it works.  Goroutine descriptors (rt_g, runtime/proc.h) live at the
top of 2 KiB blocks carved from chunks of 64 (runtime/stack.c); the walk
below is rt_stack_foreach_g's, plus main's goroutine (g1, sched.c), which
is not in the pool.  A goroutine that is not running saved its
callee-saved registers on its own stack in rt_switch_regs
(runtime/switch-x86_64.S): rt_g.sp points at r15 r14 r13 r12 rbx rbp and
the return address.  To unwind from there without touching the inferior's
registers (so that core files work too), a frame unwinder is switched on
for the duration of one command: it makes the newest frame of the
selected thread return into the goroutine's saved state; the frames
above that one are the goroutine's, and are renumbered from 0.
"""

import os
import re

import gdb

try:
    from gdb.unwinder import Unwinder, register_unwinder
except ImportError:  # GDB older than 7.10
    Unwinder = None

# Goroutine states (rt_g.status), as in runtime/proc.h.
G_IDLE, G_RUNNABLE, G_RUNNING, G_WAITING, G_SYSCALL, G_DEAD = range(6)

# Wait reasons, used when the runtime's own table cannot be read.
_WAITREASONS = [
    "runnable", "runnable", "chan send", "chan receive", "select",
    "select (no cases)", "chan send (nil chan)", "chan receive (nil chan)",
    "sleep", "semacquire", "sync", "IO wait", "timer",
]

# rt_switch_regs pushes rbp rbx r12 r13 r14 r15: rt_g.sp[0..5] holds them
# in reverse, sp[6] is the return address.
_SAVED_REGS = ("r15", "r14", "r13", "r12", "rbx", "rbp")

# Functions that are the runtime's whatever file they come from (assembly
# without line information, libgcc's split-stack support).
_RUNTIME_FUNCS = frozenset((
    "rt_switch_regs", "rt_gostart", "__morestack", "__morestack_non_split",
))
_RUNTIME_PREFIXES = ("rt_", "__gochan_", "__splitstack_",
                     "__generic_morestack", "__generic_releasestack")
# Libraries whose frames "info goroutines" looks past, as it does the
# runtime's, to show the program's own code.
_SYSTEM_LIBS = ("libc.so", "libc-", "ld-linux", "libpthread", "libm.so",
                "libdl", "librt", "libgcc_s", "libatomic", "libstdc++")


def _level(frame):
    try:
        return frame.level()
    except AttributeError:  # GDB < 11
        n = 0
        f = frame.newer()
        while f is not None:
            n += 1
            f = f.newer()
        return n


def _static(name, filename):
    """The symbol of the runtime's static variable NAME (in FILENAME)."""
    try:
        syms = gdb.lookup_static_symbols(name)
    except AttributeError:
        raise gdb.GdbError("gochan-gdb.py needs GDB 10 or later.")
    for s in syms:
        if s.symtab is not None and \
           os.path.basename(s.symtab.filename) == filename:
            return s
    raise gdb.GdbError(
        "gochan: no symbol %s (%s): is the program running, linked with "
        "libgochan, and is the runtime's debug information available?"
        % (name, filename))


def _symbol_name(addr):
    """The name of the function at ADDR, or ADDR in hex."""
    try:
        block = gdb.block_for_pc(addr)
        while block is not None and block.function is None:
            block = block.superblock
        if block is not None:
            return block.function.print_name
    except RuntimeError:
        pass
    try:
        out = gdb.execute("info symbol 0x%x" % addr, to_string=True)
        m = re.match(r"(\S+)( \+ \d+)? in section", out)
        if m:
            return m.group(1)
    except gdb.error:
        pass
    return "0x%x" % addr


class _Selection(object):
    """The selected thread and frame, saved to be put back."""

    def __init__(self):
        self.thread = gdb.selected_thread()
        try:
            self.level = _level(gdb.selected_frame())
        except gdb.error:
            self.level = None

    def restore(self):
        if self.thread is not None and self.thread.is_valid():
            self.thread.switch()
        if self.level is None:
            return
        try:
            f = gdb.newest_frame()
            for _ in range(self.level):
                older = f.older()
                if older is None:
                    break
                f = older
            f.select()
        except gdb.error:
            pass


class Goroutine(object):
    """One goroutine: its descriptor (rt_g), state, and the thread running
    it if it runs."""

    def __init__(self, rt, addr):
        self.rt = rt
        self.addr = addr
        self.val = gdb.Value(addr).cast(rt.g_ptr).dereference()
        self.id = int(self.val["id"])
        self.status = int(self.val["status"])
        self.waitreason = int(self.val["waitreason"])
        self.thread = None           # set by Runtime.goroutines

    def saved_sp(self):
        return int(self.val["sp"])

    def running(self):
        return self.status in (G_RUNNING, G_SYSCALL)

    def not_started(self):
        """A runnable goroutine that has never run: its stack holds only
        the frame rt_stack_prepare built, 8 words below stack_hi."""
        if self.status != G_RUNNABLE or self.addr == self.rt.g1:
            return False
        return self.saved_sp() + 8 * 8 == int(self.val["stack_hi"])

    def state(self):
        if self.status == G_RUNNABLE:
            return "runnable"
        if self.status == G_RUNNING:
            return "running"
        if self.status == G_SYSCALL:
            return "syscall"
        if self.status == G_WAITING:
            return self.rt.waitreason_name(self.waitreason)
        return "status %d" % self.status

    def started(self):
        """Where the goroutine was started: "__go FUNC at FILE:LINE" (the
        runtime's site record), "gochan_go(FUNC)", or "main"."""
        site = int(self.val["site"])
        fn = int(self.val["fn"])
        key = (site, fn, self.addr == self.rt.g1)
        text = self.rt.started_cache.get(key)
        if text is None:
            text = self.rt.describe_start(self.val, site, fn, key[2])
            self.rt.started_cache[key] = text
        return text


class Runtime(object):
    """The runtime's state, read afresh for each command."""

    def __init__(self):
        if not gdb.selected_inferior().threads():
            raise gdb.GdbError("The program is not being run.")
        chunks = _static("chunks", "stack.c")
        self.srcdir = None
        if chunks.symtab is not None:
            try:
                self.srcdir = os.path.dirname(chunks.symtab.fullname())
            except (RuntimeError, gdb.error):
                pass
        self.chunks = chunks.value()
        self.cur_chunk = int(_static("cur_chunk", "stack.c").value())
        self.cur_used = int(_static("cur_used", "stack.c").value())
        self.block_size = int(_static("block_size", "stack.c").value())
        g1 = _static("g1", "sched.c").value()
        self.g_ptr = g1.type.strip_typedefs()
        self.g_type = self.g_ptr.target().strip_typedefs()
        self.g1 = int(g1)
        self.void_ptr = gdb.lookup_type("void").pointer()
        self.status_off = None
        for f in self.g_type.fields():
            if f.name == "status":
                self.status_off = f.bitpos // 8
        self.reasons = list(_WAITREASONS)
        try:
            names = gdb.parse_and_eval("rt_waitreason_names")
            lo, hi = names.type.range()
            self.reasons = [names[i].string() if int(names[i]) != 0
                            else "waiting" for i in range(lo, hi + 1)]
        except (gdb.error, RuntimeError):
            pass
        try:
            self.filename_display = gdb.parameter("filename-display")
        except RuntimeError:
            self.filename_display = "relative"
        self.started_cache = {}
        self.runtime_cache = {}

    def waitreason_name(self, r):
        return self.reasons[r] if 0 <= r < len(self.reasons) else "waiting"

    def display_file(self, symtab):
        """SYMTAB's file name as GDB shows it (set filename-display)."""
        if self.filename_display == "basename":
            return os.path.basename(symtab.filename)
        if self.filename_display == "absolute":
            try:
                return symtab.fullname()
            except (RuntimeError, gdb.error):
                pass
        return symtab.filename

    def describe_start(self, val, site, fn, is_main):
        if site != 0:
            s = val["site"]
            func = s["func"].string() if int(s["func"]) != 0 else "?"
            path = s["file"].string() if int(s["file"]) != 0 else "?"
            if self.filename_display == "basename":
                path = os.path.basename(path)
            return "__go %s at %s:%d" % (func, path, int(s["line"]))
        if fn != 0:
            return "gochan_go(%s)" % _symbol_name(fn)
        return "main" if is_main else "?"

    def _blocks(self):
        """The descriptor address of every G block ever allocated: the
        walk of rt_stack_foreach_g (stack.c)."""
        size = self.g_type.sizeof
        bs = self.block_size
        c = self.chunks
        seen = set()
        while int(c) != 0 and int(c) not in seen:
            seen.add(int(c))
            n = int(c["nblocks"])
            if int(c) == self.cur_chunk:
                n = self.cur_used
            base = int(c["base"])
            for i in range(n):
                yield (base + i * bs + bs - size) & ~63   # block_g()
            c = c["next"]

    def goroutines(self):
        """The live goroutines (neither idle nor dead) in id order, with
        the thread of each running one."""
        inf = gdb.selected_inferior()
        gs = []
        addrs = [self.g1] if self.g1 != 0 else []
        addrs.extend(self._blocks())
        for addr in addrs:
            try:
                mem = inf.read_memory(addr + self.status_off, 4)
            except gdb.MemoryError:
                continue
            status = int.from_bytes(bytes(mem), "little")
            if status in (G_IDLE, G_DEAD):
                continue
            gs.append(Goroutine(self, addr))
        gs.sort(key=lambda g: g.id)
        self._map_threads(gs)
        return gs

    def _map_threads(self, gs):
        """Find the thread of each running goroutine: the thread whose M
        (rt_tls_m) runs it, or failing that, whose stack pointer lies in
        its first stack."""
        byaddr = dict((g.addr, g) for g in gs)
        sel = _Selection()
        try:
            for t in sorted(gdb.selected_inferior().threads(),
                            key=lambda t: t.num):
                if not t.is_valid() or t.is_running():
                    continue
                t.switch()
                g = None
                try:
                    m = gdb.parse_and_eval("rt_tls_m")
                    if int(m) != 0:
                        g = byaddr.get(int(m["curg"]))
                except gdb.error:
                    sp = int(gdb.parse_and_eval("$sp"))
                    for cand in gs:
                        if cand.running() and int(cand.val["stack_lo"]) <= sp \
                           < int(cand.val["stack_hi"]):
                            g = cand
                    if g is None and t.num == 1 and self.g1 in byaddr \
                       and byaddr[self.g1].running():
                        g = byaddr[self.g1]
                if g is not None and g.running() and g.thread is None:
                    g.thread = t
        finally:
            sel.restore()

    def find(self, gid):
        for g in self.goroutines():
            if g.id == gid:
                return g
        raise gdb.GdbError("No goroutine %d." % gid)

    def is_runtime(self, frame):
        """Whether FRAME is the runtime's, libgcc's split-stack code, or in
        the C library: frames "info goroutines" looks past."""
        if frame.type() != gdb.NORMAL_FRAME:
            return self._is_runtime(frame)
        pc = frame.pc()
        hit = self.runtime_cache.get(pc)
        if hit is None:
            hit = self.runtime_cache[pc] = self._is_runtime(frame)
        return hit

    def _is_runtime(self, frame):
        name = frame.name()
        if name is not None and (name in _RUNTIME_FUNCS or
                                 name.startswith(_RUNTIME_PREFIXES)):
            return True
        so = gdb.solib_name(frame.pc())
        if so is not None and os.path.basename(so).startswith(
                ("libgochan.so",) + _SYSTEM_LIBS):
            return True
        sal = frame.find_sal()
        if sal.symtab is not None and self.srcdir is not None:
            try:
                if os.path.dirname(sal.symtab.fullname()) == self.srcdir:
                    return True
            except (RuntimeError, gdb.error):
                pass
        return False


if Unwinder is not None:
    class _GoroutineUnwinder(Unwinder):
        """While active, the newest real frame of the selected thread
        returns into a goroutine's saved registers."""

        def __init__(self):
            super(_GoroutineUnwinder, self).__init__("gochan-goroutine")
            self.regs = None
            self.claimed = None

        def __call__(self, pending):
            if self.regs is None:
                return None
            try:
                level = pending.level()
            except AttributeError:
                level = None
            if self.claimed is not None and level != self.claimed:
                return None
            pc = int(pending.read_register("rip"))
            sp = int(pending.read_register("rsp"))
            if pc != self.anchor_pc or sp != self.anchor_sp:
                return None
            self.claimed = level if level is not None else 0
            # The frame's own id: any stack address inner to the
            # goroutine's frames, so that GDB does not take the switch to
            # another stack for a corrupt one.
            info = pending.create_unwind_info(_FrameId(self.fake_sp, pc))
            for name, value in self.regs:
                info.add_saved_register(name, value)
            return info

    class _FrameId(object):
        def __init__(self, sp, pc):
            vp = gdb.lookup_type("void").pointer()
            self.sp = gdb.Value(sp).cast(vp)
            self.pc = gdb.Value(pc).cast(vp)

    _UNWINDER = _GoroutineUnwinder()
    register_unwinder(None, _UNWINDER, replace=True)
else:
    _UNWINDER = None


class _Session(object):
    """Context manager for one command that looks at goroutines' frames:
    saves the selected thread and frame and the settings it changes, and
    puts them all back at the end.

    frames(g) makes goroutine G's frames current and returns a
    _GoroutineFrames; the previous one is invalid from then on."""

    def __init__(self, rt):
        self.rt = rt
        self.sel = None
        self.anchored = False
        self.past_main = False

    def __enter__(self):
        self.sel = _Selection()
        return self

    def __exit__(self, *exc):
        if self.anchored:
            _UNWINDER.regs = None
            _UNWINDER.claimed = None
            if not self.past_main:
                gdb.execute("set backtrace past-main off", to_string=True)
            gdb.invalidate_cached_frames()
        self.sel.restore()
        return False

    def _anchor(self):
        """Prepare the unwinder on the selected thread's newest frame."""
        if _UNWINDER is None:
            raise gdb.GdbError("This GDB has no Python frame unwinders.")
        if self.sel.thread is None:
            raise gdb.GdbError("The program is not being run.")
        self.sel.thread.switch()
        if self.anchored:
            return
        newest = gdb.newest_frame()
        arch = newest.architecture().name()
        if "x86-64" not in arch:
            raise gdb.GdbError("gochan: unsupported architecture %s" % arch)
        _UNWINDER.anchor_pc = int(newest.read_register("rip"))
        _UNWINDER.anchor_sp = int(newest.read_register("rsp"))
        # The selected thread may be stopped in main: GDB must unwind past
        # it into the goroutine (whose own frames stop at main again, in
        # _GoroutineFrames.frames).
        self.past_main = bool(gdb.parameter("backtrace past-main"))
        if not self.past_main:
            gdb.execute("set backtrace past-main on", to_string=True)
        self.anchored = True

    def frames(self, g):
        if g.not_started():
            raise gdb.GdbError("Goroutine %d has not started yet (%s)."
                               % (g.id, g.started()))
        if g.running():
            if g.thread is None:
                raise gdb.GdbError("Goroutine %d is %s, but no thread runs it."
                                   % (g.id, g.state()))
            if self.anchored:
                _UNWINDER.regs = None
                gdb.invalidate_cached_frames()
            g.thread.switch()
            return _GoroutineFrames(self, g, gdb.newest_frame(), 0, False)
        self._anchor()
        sp = g.saved_sp()
        if sp == 0:
            raise gdb.GdbError("Goroutine %d has no saved state." % g.id)
        words = bytes(gdb.selected_inferior().read_memory(sp, 7 * 8))
        vals = [int.from_bytes(words[i * 8:i * 8 + 8], "little")
                for i in range(7)]
        vp = self.rt.void_ptr
        regs = [(name, gdb.Value(vals[i]).cast(vp))
                for i, name in enumerate(_SAVED_REGS)]
        regs.append(("rip", gdb.Value(vals[6]).cast(vp)))
        regs.append(("rsp", gdb.Value(sp + 7 * 8).cast(vp)))
        _UNWINDER.fake_sp = sp
        _UNWINDER.claimed = None
        _UNWINDER.regs = regs
        gdb.invalidate_cached_frames()
        f = gdb.newest_frame()
        while f is not None and (_UNWINDER.claimed is None or
                                 _level(f) <= _UNWINDER.claimed):
            f = f.older()
        if f is None:
            raise gdb.GdbError("Cannot unwind goroutine %d." % g.id)
        return _GoroutineFrames(self, g, f, _level(f), True)


class _GoroutineFrames(object):
    """The frames of goroutine G: FIRST is its newest frame and OFFSET the
    level of that frame in the thread's numbering.  UNWOUND: from the
    goroutine's saved state (not a running goroutine's thread)."""

    def __init__(self, session, g, first, offset, unwound):
        self.session = session
        self.rt = session.rt
        self.g = g
        self.first = first
        self.offset = offset
        self.unwound = unwound

    def frames(self, limit=None):
        """The goroutine's frames, newest first; when unwound from its
        saved state, up to main, as a thread's backtrace is."""
        out = []
        f = self.first
        while f is not None and (limit is None or len(out) < limit):
            out.append(f)
            if self.unwound and not self.session.past_main and \
               f.name() == "main" and f.type() == gdb.NORMAL_FRAME:
                break
            try:
                f = f.older()
            except gdb.error:
                break
        return out

    def location(self):
        """The newest frame outside the runtime (preferring one with line
        information), as "FUNC at FILE:LINE"."""
        pick = first_outside = None
        f = self.first
        for _ in range(64):
            if f is None:
                break
            if not self.rt.is_runtime(f):
                if f.find_sal().symtab is not None:
                    pick = f
                    break
                if first_outside is None:
                    first_outside = f
            try:
                f = f.older()
            except gdb.error:
                break
        pick = pick or first_outside or self.first
        name = pick.name() or "0x%x" % pick.pc()
        sal = pick.find_sal()
        if sal.symtab is not None:
            return "%s at %s:%d" % (name, self.rt.display_file(sal.symtab),
                                    sal.line)
        so = gdb.solib_name(pick.pc())
        return "%s from %s" % (name, so) if so else name


class InfoGoroutines(gdb.Command):
    """List the goroutines of the program.
Usage: info goroutines

One line per live goroutine: its id; its state ("running (thread N)",
"runnable", "syscall", or why it is parked: "chan receive", "chan send",
"select", "sleep", "sync", ...); where it is, as the newest frame outside
the runtime; and where it was started: the __go statement (callee, file
and line) or the function given to gochan_go.  "*" marks the goroutine of
the selected thread.  See also "goroutine ID bt"."""

    def __init__(self):
        super(InfoGoroutines, self).__init__("info goroutines",
                                             gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        if arg.strip():
            raise gdb.GdbError("info goroutines takes no arguments.")
        rt = Runtime()
        gs = rt.goroutines()
        cur = gdb.selected_thread()
        rows = []
        with _Session(rt) as session:
            for g in gs:
                state = g.state()
                if g.thread is not None:
                    state += " (thread %d)" % g.thread.num
                try:
                    if g.not_started():
                        where = "(not started)"
                    else:
                        where = session.frames(g).location()
                except gdb.error as e:
                    where = "<%s>" % str(e).rstrip(".")
                mark = "*" if cur is not None and g.thread is not None and \
                    g.thread.ptid == cur.ptid else " "
                rows.append((mark, str(g.id), state, where, g.started()))
        head = ("", "Id", "State", "Location", "Started by")
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
        out = []
        for r in [head] + rows:
            out.append(("%-1s %-*s  %-*s  %-*s  %s" % (
                r[0], widths[1], r[1], widths[2], r[2], widths[3], r[3],
                r[4])).rstrip() + "\n")
        gdb.write("".join(out))


class GoroutineCommand(gdb.Command):
    """Show or inspect one goroutine, or all of them.
Usage: goroutine ID [bt [full] [COUNT]]
       goroutine ID frame K [COMMAND]
       goroutine ID COMMAND
       goroutine all [bt [full] [COUNT]]

ID is a goroutine id as "info goroutines" shows it, or an expression.
"bt" (the default) prints the goroutine's backtrace, numbered from 0: for
a parked or runnable goroutine, from the registers it saved when it
switched out; for a running one, its thread's stack.  "frame K" prints
frame K of that backtrace, or runs COMMAND with that frame selected
("goroutine 5 frame 3 info locals").  Any other COMMAND runs with the
goroutine's newest frame selected.  The selected thread and frame are the
same afterwards."""

    def __init__(self):
        super(GoroutineCommand, self).__init__("goroutine", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        argv = arg.split(None, 1)
        if not argv:
            raise gdb.GdbError("Usage: goroutine ID [COMMAND]; see "
                               "\"help goroutine\".")
        rest = argv[1].strip() if len(argv) > 1 else "bt"
        words = rest.split()
        is_bt = words[0] in ("bt", "backtrace", "where")
        rt = Runtime()
        if argv[0] == "all":
            if not is_bt:
                raise gdb.GdbError("goroutine all: only \"bt\" is supported.")
            with _Session(rt) as session:
                for g in rt.goroutines():
                    gdb.write("\ngoroutine %d [%s]:\n" % (g.id, g.state()))
                    try:
                        gdb.write(_backtrace(session, g, words[1:]))
                    except gdb.error as e:
                        gdb.write("%s\n" % e)
            return
        try:
            gid = int(argv[0], 0)
        except ValueError:
            gid = int(gdb.parse_and_eval(argv[0]))
        g = rt.find(gid)
        with _Session(rt) as session:
            if is_bt:
                gdb.write(_backtrace(session, g, words[1:]))
            elif words[0] in ("frame", "f") and len(words) > 1:
                _frame(session, g, words[1], rest.split(None, 2)[2:],
                       from_tty)
            else:
                session.frames(g).first.select()
                gdb.execute(rest, from_tty)


def _backtrace(session, g, words):
    """Goroutine G's backtrace, as "bt [full] [COUNT]" prints it."""
    full = False
    count = None
    opts = []
    for w in words:
        if w in ("full", "-full"):
            full = True
        elif re.match(r"^-?\d+$", w):
            count = int(w)
        else:
            opts.append(w)
    if count is not None and count < 0:
        raise gdb.GdbError("goroutine bt: a negative COUNT is not supported.")
    frames = session.frames(g)
    opts = " ".join(opts + (["-full"] if full else []))
    if not frames.unwound:
        return gdb.execute("backtrace %s %s" % (
            opts, count if count is not None else ""), to_string=True)
    n = len(frames.frames())
    more = count is not None and count < n
    if count is not None:
        n = min(n, count)
    out = gdb.execute("backtrace %s %d" % (opts, frames.offset + n),
                      to_string=True)
    return _renumber(out, frames.offset, more)


def _frame(session, g, k, command, from_tty):
    try:
        k = int(k)
    except ValueError:
        raise gdb.GdbError("goroutine ID frame K: K is a frame number.")
    frames = session.frames(g)
    fs = frames.frames(limit=k + 1)
    if k < 0 or k >= len(fs):
        raise gdb.GdbError("No frame %d in goroutine %d." % (k, g.id))
    fs[k].select()
    if command:
        gdb.execute(command[0], from_tty)
    else:
        gdb.write(_renumber(gdb.execute("frame", to_string=True),
                            frames.offset, False))


def _renumber(text, offset, more):
    """Drop the frames of a backtrace below level OFFSET and number the
    rest from 0."""
    out = []
    keep = False
    for line in text.splitlines(True):
        m = re.match(r"^#(\d+)\s+", line)
        if m:
            level = int(m.group(1))
            keep = level >= offset
            if keep:
                line = "#%-3d%s" % (level - offset, line[m.end():])
        elif line.startswith("(More stack frames follow"):
            continue
        if keep:
            out.append(line)
    if more:
        out.append("(More stack frames follow...)\n")
    return "".join(out)


InfoGoroutines()
GoroutineCommand()
