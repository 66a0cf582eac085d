#!/usr/bin/env bash
# `limber status` (run by every shell prompt) over ten years of history:
# 3,650 nightly sessions and 1,000 cramps, with tonight not done yet, so it
# must read back to tonight and decide. Figures go in the README with:
#   bench/status.sh          (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/limber
out=target/bench/status
rm -rf "$out" && mkdir -p "$out/config" "$out/data"
python3 - "$out/data/history.jsonl" <<'PY'
import datetime as dt, json, sys
tz = dt.timezone(dt.timedelta(hours=1))
first = dt.datetime(2016, 11, 25, 22, 0, tzinfo=tz)
holds = [{"muscle": m, "side": s, "holds": 2} for m in ("calf", "hamstring", "quadriceps") for s in ("left", "right")]
with open(sys.argv[1], "w") as f:
    for n in range(3650):
        start = first + dt.timedelta(days=n)
        f.write(json.dumps({"kind": "session", "v": 1, "routine": "nightly", "mode": "nightly",
            "start": start.isoformat(), "end": (start + dt.timedelta(seconds=470)).isoformat(),
            "completed": n % 7 != 3, "holds": holds}, separators=(",", ":")) + "\n")
        if n % 3 == 0 and n // 3 < 1000:
            at = start + dt.timedelta(hours=5)
            f.write(json.dumps({"kind": "cramp", "v": 1, "muscle": "calf", "at": at.isoformat(),
                "holds": 2, "secs": 70, "logged": False}, separators=(",", ":")) + "\n")
PY
echo 'remind_at = "22:30"' > "$out/config/config.toml"
echo "history: $(wc -l < "$out/data/history.jsonl") records, $(du -h "$out/data/history.jsonl" | cut -f1)"
export LIMBER_CONFIG_DIR=$out/config LIMBER_DATA_DIR=$out/data LIMBER_NOW=2026-11-23T23:00:00+01:00
echo "limber status prints: '$("$bin" status)'"
# `--version` alongside: the cost of starting the program at all. On a busy
# machine the mean carries scheduling delays; the median is the typical run.
hyperfine -N --warmup 10 --runs 500 --export-json "$out/hyperfine.json" "$bin status" "$bin --version" >/dev/null
python3 - "$out/hyperfine.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    cmd = r["command"].split("/")[-1]
    print(f"{cmd}: median {r['median']*1e3:.2f} ms, mean {r['mean']*1e3:.2f} ms, min {r['min']*1e3:.2f} ms, "
          f"user {r['user']*1e3:.2f} ms, system {r['system']*1e3:.2f} ms ({len(r['times'])} runs)")
PY
