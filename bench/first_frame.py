#!/usr/bin/env python3
"""Time from starting `limber relief calf` in an 80x24 pty until the stretch
name appears in its output, without the shared harness's overhead.

The pty answers the device-attributes query (ESC [ c) as a terminal does,
so `theme = "auto"` finds it cannot ask for the background and goes on.

Usage: bench/first_frame.py [RUNS]   (release build at target/release/limber)
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15
BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "limber")


def once():
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BIN, [BIN, "relief", "calf"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    answered = False
    while b"Seated calf stretch" not in out:
        ready, _, _ = select.select([fd], [], [], 2)
        if not ready:
            break
        out += os.read(fd, 65536)
        # Answer the device-attributes query as every terminal does (limber
        # asks for the background colour with it; a bare pty never answers).
        if not answered and b"\x1b[c" in out:
            os.write(fd, b"\x1b[?62;22c")
            answered = True
    took = (time.perf_counter() - t0) * 1000
    os.kill(pid, 15)
    os.waitpid(pid, 0)
    return took


times = sorted(once() for _ in range(RUNS))
print(f"stretch name after: median {statistics.median(times):.2f} ms, "
      f"min {times[0]:.2f} ms, max {times[-1]:.2f} ms ({RUNS} runs)")
