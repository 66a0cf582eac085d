#!/bin/sh
# Seeds the fuzz corpora from the test fixtures and the built-in routines.
# Run from the repository root: sh fuzz/seed.sh
set -eu
c=fuzz/corpus
mkdir -p $c/routine $c/config $c/history_line $c/sound
cp tests/fixtures/valid/*.toml tests/fixtures/invalid/*.toml routines/*.toml $c/routine/
cp tests/fixtures/config/*.toml $c/config/
cp tests/fixtures/sounds/* $c/sound/
cp tests/fixtures/history/*.jsonl $c/history_line/
split -l 1 tests/fixtures/history/sample.jsonl $c/history_line/line-
