#!/usr/bin/env bash
# Coverage-guided fuzzing of briefmap's core on stable Rust: cargo-bolero drives libFuzzer
# over the targets in crates/briefmap-fuzz/src/targets.rs (no sanitizer: sanitizers need a
# nightly compiler; the targets are safe Rust, and overflow and debug assertions stay on).
# Each corpus is seeded with the bundled briefs, their sidecars, or exports of them. An
# input that fails a target is saved under crates/briefmap-fuzz/src/__fuzz__/<target>/crashes
# and from then on replayed by `cargo test -p briefmap-fuzz`.
#
#   tools/fuzz.sh                 every target, 300 s each
#   tools/fuzz.sh 60 csv_importer one target, 60 s
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(brief_loader_and_extractor sidecar_and_corrections_reader csv_importer tsv_importer
    geojson_importer timelinejs_importer saved_views_reader_and_share_text)
fi
command -v cargo-bolero >/dev/null || cargo install cargo-bolero --locked --no-default-features

fuzz=crates/briefmap-fuzz/src/__fuzz__
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
cargo build -q --bin briefmap
for format in csv geojson timelinejs; do
  ./target/debug/briefmap export -f "$format" data/briefs -o "$seeds/events.$format" 2>/dev/null
done
sed 's/,/\t/g' "$seeds/events.csv" >"$seeds/events.tsv"

seed() { # target files...
  local dir="$fuzz/targets__$1/corpus"
  shift
  mkdir -p "$dir"
  cp "$@" "$dir/"
}
cat >"$seeds/briefmap-views.json" <<'JSON'
{"format": "briefmap-views", "version": 1, "views": [{"name": "Kazakh gas",
 "filter": {"facets": {"Country": ["KZ"]}, "date_from": "2024-01-01", "text": "gas"},
 "brush": {"from": "2024-03-01", "to": "2024-09-30"}, "colour_by": "Kind", "lanes": "Country",
 "map": {"center": {"lat": 43.25, "lon": 76.95}, "zoom_level": 5.5},
 "timeline": {"start": "2024-01-01", "end": "2025-01-01"},
 "selected": {"file": "a.txt", "added": 3}, "pinned": true}]}
JSON
seed saved_views_reader_and_share_text "$seeds/briefmap-views.json"
seed brief_loader_and_extractor data/briefs/*.txt
seed sidecar_and_corrections_reader data/briefs/*.json
seed csv_importer "$seeds/events.csv"
seed tsv_importer "$seeds/events.tsv"
seed geojson_importer "$seeds/events.geojson"
seed timelinejs_importer "$seeds/events.timelinejs"

summary=()
for target in "${targets[@]}"; do
  log="$seeds/$target.log"
  status=0
  cargo bolero test -p briefmap-fuzz "targets::$target" --sanitizer NONE -T "${seconds}s" \
    >"$log" 2>&1 || status=$?
  runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  crashes=$(find "$fuzz/targets__$target/crashes" -type f 2>/dev/null | wc -l)
  summary+=("$target: ${runs:-no run} (exit $status), crash files: $crashes")
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
  fi
done
printf '%s\n' "${summary[@]}"
