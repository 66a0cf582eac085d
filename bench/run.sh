#!/usr/bin/env bash
# Performance of the release build, measured in a pseudo-terminal with the
# shared harness. Figures go in the README with this command:
#   bench/run.sh            (about 3 minutes)
# Needs ../shared/bench/ptymeasure.py beside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
harness=../shared/bench/ptymeasure.py
out=target/bench
mkdir -p "$out"
cargo build --release --quiet
bin=./target/release/limber
export LIMBER_CONFIG_DIR="$out/config" LIMBER_DATA_DIR="$out/data"

# Audio on, through the real ALSA code path: ALSA's file plugin writes what
# limber plays to a file and a null device consumes it (no sound card here).
cat > "$out/asound.conf" <<CONF
pcm.!default { type file; slave.pcm { type null }; file "$PWD/$out/capture.raw"; format "raw" }
CONF
export ALSA_CONFIG_PATH="$PWD/$out/asound.conf"
alsa_env=(--env "ALSA_CONFIG_PATH=$ALSA_CONFIG_PATH")

# The stretch name (relief calf starts seated) is plain text at 80 columns, so the
# stream regex finds it without screen emulation.
python3 "$harness" --label "limber relief calf" --runs 3 --window 20 --quit q \
    --cols 80 --rows 24 --text 'Seated calf stretch' --warmup 3 --brief \
    --env "LIMBER_CONFIG_DIR=$LIMBER_CONFIG_DIR" --env "LIMBER_DATA_DIR=$LIMBER_DATA_DIR" "${alsa_env[@]}" \
    --out "$out/relief.json" -- "$bin" relief calf >/dev/null
python3 "$harness" --summarize "$out/relief.json"
# Time to the stretch name is a start-up figure and noisy on a busy
# machine: 15 short runs give a steadier median than the 3 above.
python3 "$harness" --label first-frame --runs 15 --window 2 --quit q \
    --cols 80 --rows 24 --text 'Seated calf stretch' --brief \
    --env "LIMBER_CONFIG_DIR=$LIMBER_CONFIG_DIR" --env "LIMBER_DATA_DIR=$LIMBER_DATA_DIR" "${alsa_env[@]}" \
    --out "$out/first-frame.json" -- "$bin" relief calf >/dev/null
python3 -c 'import json,sys,statistics as st; t=sorted(r["time_to_text_ms"] for r in json.load(open(sys.argv[1]))["runs"]); print("stretch name on screen over", len(t), "runs: median", st.median(t), "ms, min", t[0], "ms, max", t[-1], "ms")' "$out/first-frame.json"
# The same without the harness's overhead: a bare pty.
python3 bench/first_frame.py 15

# Timing accuracy: a real-time relief hold, and the whole nightly routine at
# 5x speed (errors reported in real milliseconds).
python3 "$harness" --label hold --runs 1 --window 34 --quit q --brief --out "$out/hold.json" "${alsa_env[@]}" \
    -- "$bin" relief calf --event-log "$out/relief-events.jsonl" >/dev/null
echo "relief hold (real time):"
python3 bench/timing.py "$out/relief-events.jsonl" 0 1 | sed 's/, "routine.*/}/'
echo "audio written through ALSA: $(stat -c %s "$out/capture.raw") bytes"
total=$("$bin" list --json | python3 -c 'import json,sys; print([r for r in json.load(sys.stdin) if r["id"]=="nightly"][0]["total_secs"])')
LIMBER_TIME_SCALE=5 python3 "$harness" --label night --runs 1 --window $((total / 5 + 3)) --quit q \
    --env LIMBER_TIME_SCALE=5 "${alsa_env[@]}" --brief --out "$out/night.json" \
    -- "$bin" night --event-log "$out/night-events.jsonl" >/dev/null
echo "nightly routine ($total s planned, run at 5x):"
python3 bench/timing.py "$out/night-events.jsonl" "$total" 5
