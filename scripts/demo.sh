#!/bin/sh
# Runs the three sample nights into ./demo-workspace (recreated each time), with the staff actions of
# samples/night-3/input/staff-actions.csv between nights 2 and 3, and shows where the outputs are.
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
# What staff did between two nights (SPEC §14): `action,id_number,text` lines, closes and notes, applied in order.
staff() {
    actions=samples/night-$1/input/staff-actions.csv
    echo "== staff actions before night $1 ($actions)"
    tail -n +2 "$actions" | while IFS=, read -r action id text; do
        case $action in
            close) "$bin" cases close --workspace "$ws" --id "$id" --why "$text" ;;
            note) "$bin" cases note --workspace "$ws" --id "$id" "$text" ;;
            *) echo "unknown staff action '$action' in $actions" >&2; exit 1 ;;
        esac
    done
    echo
}
night 1 2026-11-21
night 2 2026-11-22
staff 3
night 3 2026-11-23
last=$(ls "$ws/runs" | tail -n 1)
echo "== audit: verify night 3's run, then re-run it from the archive (its prior state holds the staff actions)"
"$bin" audit verify --workspace "$ws" "$last" | tail -n 1
"$bin" audit rerun --workspace "$ws" "$last" | tail -n 1
echo
echo "The workspace is $ws/. Each night's outputs are in $ws/runs/<run-id>/:"
ls "$ws/runs"
echo "Try: $bin cases --workspace $ws --status open"
echo "     $bin cases --workspace $ws --status closed"
