#!/bin/sh
# make bench: national-scale nights through the release build, stage by stage, against the C floor (SPEC §9).
# Data is generated once into bench-data/ (same seed, same files) and regenerated only when the generator changes.
# Prints a report and writes it to bench-data/report.md; the figures recorded in docs/BENCHMARKS.md come from it.
set -eu
cd "$(dirname "$0")/.."
data=bench-data
mkdir -p "$data"
report="$data/report.md"
bin=.build-release/release/rxbind

swift build -c release --product rxbind-gen >/dev/null
swift build -c release --product rxbind-bench >/dev/null
gen=$(swift build -c release --show-bin-path)/rxbind-gen
micro=$(swift build -c release --show-bin-path)/rxbind-bench
cc -O2 -o "$data/xlsx-floor" Benchmarks/xlsx-floor.c $(pkg-config --cflags --libs xlsxwriter)
stamp=$(git log -1 --format=%H -- Sources/rxbind-gen 2>/dev/null || echo unknown)

# generate NAME PEOPLE CERTIFICATES REGISTRY: a night in bench-data/NAME, unless the same generator made it already.
generate() {
    dir="$data/$1"
    want="$stamp $2 $3 $4"
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$want" ]; then return; fi
    rm -rf "$dir"
    echo "generating $1 ($2 people, $3 certificates, $4 registry rows)…" >&2
    "$gen" night --out "$dir" --seed 20261121 --people "$2" --background-certificates "$3" --background-registry "$4" >/dev/null
    echo "$want" > "$dir/.stamp"
}

# night NAME: one run into a fresh workspace, timed per stage; then the C floor for the same cells.
night() {
    name=$1
    dir="$data/$name"
    ws="$data/ws-$name"
    cells="$data/cells-$name"
    rm -rf "$ws" "$cells" && mkdir -p "$cells"
    set -- "$dir"/input/failures-*
    rows=$(cat "$@" | wc -l)
    echo "## $name night: $(ls "$dir"/input | tr '\n' ' ')" >> "$report"
    echo >> "$report"
    echo "input lines: failures $rows, certificates $(wc -l < "$dir/input/certificates.csv"), registry $(wc -l < "$dir/input/registry.tsv")" >> "$report"
    echo >> "$report"
    echo '```' >> "$report"
    RXBIND_TIMINGS=1 /usr/bin/time -f "wall %e s, peak resident %M KB" \
        "$bin" run --workspace "$ws" --province 新疆维吾尔自治区 --as-of 2026-11-21 \
        --certificates "$dir/input/certificates.csv" --registry "$dir/input/registry.tsv" "$@" \
        2>"$data/stderr-$name" >/dev/null
    grep -E '^timing' "$data/stderr-$name" | cut -f2- | tr '\t' ' ' >> "$report"
    grep -E '^wall' "$data/stderr-$name" >> "$report"
    # A second, untimed run records the cells its workbooks were given (recording costs time of its own).
    rm -rf "$ws"
    RXBIND_CELL_LOG_DIR="$cells" "$bin" run --workspace "$ws" --province 新疆维吾尔自治区 --as-of 2026-11-21 \
        --certificates "$dir/input/certificates.csv" --registry "$dir/input/registry.tsv" "$@" >/dev/null
    floor_total=0
    swift_total=0
    mkdir -p "$data/floor-tmp"
    for log in "$cells"/*.cells; do
        out="$data/floor.xlsx"
        rm -f "$out"
        result=$("$data/xlsx-floor" "$log" "$out" "$data/floor-tmp")
        rm -f "$out"
        # The same cells through the Swift wrapper alone (Spreadsheet, with its checks and its read-back).
        replay=$("$micro" replay "$log" "$out" "$data/floor-tmp" | cut -f4)
        rm -f "$out" "$log"
        floor_total=$(echo "$floor_total $(echo "$result" | cut -f1)" | awk '{printf "%.3f", $1 + $2}')
        swift_total=$(echo "$swift_total $replay" | awk '{printf "%.3f", $1 + $2}')
        case "$log" in
            *triage*) echo "triage.xlsx: C floor $(echo "$result" | cut -f1) s (filling $(echo "$result" | cut -f3) s) for $(echo "$result" | cut -f2) cells; Swift wrapper, same cells: $replay" >> "$report" ;;
        esac
    done
    echo "all workbooks one after another: C floor $floor_total s; Swift wrapper, same cells $swift_total s" >> "$report"
    echo '```' >> "$report"
    echo >> "$report"
}

: > "$report"
echo "# make bench — $(date -u +%F) — $(git log -1 --format=%h 2>/dev/null), $(nproc) cores" >> "$report"
echo >> "$report"

generate provincial 122000 800000 440000
generate national 610000 2000000 1000000
night provincial
night national

echo "## Reading and loading (rxbind-bench, best of 3)" >> "$report"
echo '```' >> "$report"
"$micro" read "$data"/provincial/input/failures-b.csv "$data"/provincial/input/failures-a.csv \
    "$data"/provincial/input/registry.tsv "$data"/provincial/input/certificates.csv >> "$report"
"$micro" load-roster "$data"/provincial/input/certificates.csv >> "$report"
echo '```' >> "$report"
echo >> "$report"

# The centre's side: the twenty 5,000-row parts of a 100k-row batch, written by a run, then checked.
forms="$data/forms"
if [ ! -f "$forms/.stamp" ]; then
    rm -rf "$forms" && mkdir -p "$forms"
    python3 - "$forms" <<'PY'
import sys
out = sys.argv[1]
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def valid(b): return b + "10X98765432"[sum(int(c) * x for c, x in zip(b, w)) % 11]
with open(out + "/failures.csv", "w", encoding="utf-8") as f, open(out + "/certificates.csv", "w", encoding="utf-8") as c, \
     open(out + "/registry.csv", "w", encoding="utf-8") as r:
    f.write("姓名,身份证号\n"); c.write("证书编号,姓名,身份证号码,资格类别,取得年度,签发日期\n"); r.write("姓名,身份证号码,注册证编号\n")
    for i in range(100000):
        id = valid("650102%04d%02d%02d%03d" % (1950 + i // 3360 % 50, 1 + i // 280 % 12, 1 + i // 10 % 28, i % 1000))
        f.write("测试%d,%s\n" % (i, id)); c.write("2020%09d,测试%d,%s,药学,2020,2020-12-01\n" % (i, i, id))
PY
    touch "$forms/.stamp"
fi
rm -rf "$data/ws-forms"
RXBIND_TIMINGS=1 "$bin" run --workspace "$data/ws-forms" --province 新疆 --as-of 2026-11-21 \
    --certificates "$forms/certificates.csv" --registry "$forms/registry.csv" "$forms/failures.csv" 2>"$data/stderr-forms" >/dev/null
echo "## Forms: writing and checking the twenty 5,000-row parts of a 100k-row batch" >> "$report"
echo '```' >> "$report"
grep -E 'form part' "$data/stderr-forms" | cut -f2- | tr '\t' ' ' >> "$report"
/usr/bin/time -f "form check of 20 parts: wall %e s, peak resident %M KB" "$bin" form check --as-of 2026-11-21 \
    "$data"/ws-forms/runs/*/addition-request-*.xlsx 2>&1 >/dev/null | tail -n 1 >> "$report"
echo '```' >> "$report"

cat "$report"
