#!/usr/bin/env python3
"""What `theme = "auto"` costs, in an 80x24 pty with `limber relief calf`.

For a terminal that never answers the background query (OSC 11 and the
device-attributes query after it), one that answers dark, and one that
answers light, it prints: time to the stretch name (the first frame), and
time from start until `q` ends
the program, which includes any wait for the answer, with q typed the moment
the name shows and 150 ms later (a fast reaction).

Usage: bench/theme_query.py [RUNS]   (release build at target/release/limber)
"""
import fcntl
import re
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "limber")
ANSWERS = {
    "none": None,
    # OSC 10 (foreground) and OSC 11 (background), as a terminal answers.
    "dark": b"\x1b]10;rgb:ffff/ffff/ffff\x1b\\\x1b]11;rgb:0000/0000/0000\x1b\\",
    "light": b"\x1b]10;rgb:0000/0000/0000\x1b\\\x1b]11;rgb:ffff/ffff/ffff\x1b\\",
}
DA1 = b"\x1b[?62;22c"


def once(answer, env, delay):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN, "relief", "calf"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    first = None
    answered = False
    typed = None
    while True:
        ready, _, _ = select.select([fd], [], [], 0.002)
        if (typed is not None and time.perf_counter() - typed > 1.5) or time.perf_counter() - t0 > 5:
            # The q was lost: end the run and say so.
            os.kill(pid, 15)
            os.waitpid(pid, 0)
            return first, None
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
        # A terminal answers at once, before any person could type.
        if answer is not None and not answered and b"\x1b]11;?" in out:
            os.write(fd, answer + DA1)
            answered = True
        if first is None and b"Seated calf stretch" in out:
            first = (time.perf_counter() - t0) * 1000
        # q goes `delay` after the name showed; reading and answering go on.
        if first is not None and typed is None and (time.perf_counter() - t0) * 1000 >= first + delay * 1000:
            os.write(fd, b"q")
            typed = time.perf_counter()
    os.waitpid(pid, 0)
    global LIGHT_SEEN
    # The light palette's title colour (xterm 25) after the query.
    after = out[max(out.find(b"\x1b]11;?"), 0):]
    LIGHT_SEEN += re.search(rb"38;5;25[;m]", after) is not None
    return first, (time.perf_counter() - t0) * 1000


data = tempfile.mkdtemp()
env = dict(os.environ, LIMBER_CONFIG_DIR=data, LIMBER_DATA_DIR=data, TERM="xterm-256color")
env.pop("NO_COLOR", None)
ONLY = os.environ.get("ONLY")
LIGHT_SEEN = 0
for (name, answer), delay in [(a, d) for a in ANSWERS.items() for d in (0.0, 0.15) if ONLY in (None, a[0])]:
    LIGHT_SEEN = 0
    runs = [once(answer, env, delay) for _ in range(RUNS)]
    firsts = sorted(r[0] for r in runs if r[0] is not None)
    ends = sorted(r[1] for r in runs if r[1] is not None)
    lost = sum(1 for r in runs if r[1] is None)
    quit_text = (f"median {statistics.median(ends):.1f} ms (max {ends[-1]:.1f})" if ends else "never")
    print(f"terminal answers {name:5}: stretch name after median {statistics.median(firsts):.1f} ms "
          f"(max {firsts[-1]:.1f}); q typed {delay * 1000:.0f} ms after it quits after {quit_text}, "
          f"q lost in {lost} of {RUNS} runs; light palette drawn in {LIGHT_SEEN}")
