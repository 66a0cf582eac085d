#!/usr/bin/env python3
"""Hold and routine timing from a limber --event-log file.

Usage: timing.py EVENTS.jsonl PLANNED_TOTAL_SECS TIME_SCALE

Cue lines give how long each cue waited between its engine event and its
samples being written to the sound output (real milliseconds).

The log reports routine time (real time x scale); errors are also shown in
real milliseconds, which is what the timer's accuracy is about.
"""
import json
import sys

path, planned_total, scale = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
events = [json.loads(line) for line in open(path)]
starts = [e for e in events if e["event"] == "hold_started"]
ends = [e for e in events if e["event"] == "hold_ended"]
errs = []
for s, e in zip(starts, ends):
    held = e["ms"] - s["ms"]
    errs.append(abs(held - s["secs"] * 1000) / scale)
done = [e for e in events if e["event"] == "routine_complete"]
total_err = abs(done[-1]["ms"] - planned_total * 1000) / scale if done else float("nan")
waits = sorted(e["wait_ms"] for e in events if e["event"] == "cue")
print(json.dumps({
    "cues": len(waits),
    "cue_wait_ms_max": round(waits[-1], 2) if waits else None,
    "cue_wait_ms_median": round(waits[len(waits) // 2], 2) if waits else None,
    "holds": len(errs),
    "hold_error_real_ms_max": round(max(errs), 2) if errs else None,
    "hold_error_real_ms_median": round(sorted(errs)[len(errs) // 2], 2) if errs else None,
    "routine_total_ms": done[-1]["ms"] if done else None,
    "routine_error_real_ms": round(total_err, 2),
}))
