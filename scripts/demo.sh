#!/bin/sh
# Runs the two sample nights into ./demo-workspace (recreated each time) and shows where the outputs are.
set -eu
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)/rxbind"
ws=demo-workspace
rm -rf "$ws"
night() {
    n=$1 asof=$2
    in=samples/night-$n/input
    echo "== night $n (as of $asof)"
    "$bin" run --workspace "$ws" --province 新疆维吾尔自治区 --as-of "$asof" \
        --certificates "$in/certificates.csv" --registry "$in/registry.tsv" \
        "$in/failures-a.csv" "$in/failures-b.csv"
    echo
}
night 1 2026-11-21
night 2 2026-11-22
last=$(ls "$ws/runs" | tail -n 1)
echo "== audit: verify night 2's run, then re-run it from the archive"
"$bin" audit verify --workspace "$ws" "$last" | tail -n 1
"$bin" audit rerun --workspace "$ws" "$last" | tail -n 1
echo
echo "The workspace is $ws/. Each night's outputs are in $ws/runs/<run-id>/:"
ls "$ws/runs"
echo "Try: $bin cases --workspace $ws --status open"
