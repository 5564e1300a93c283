#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang-19, AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for SECONDS; exits non-zero on any crash, leak,
# timeout or out-of-memory, after printing executions and coverage per target.
#   tests/fuzz/run.sh SECONDS [TARGET...]      e.g. tests/fuzz/run.sh 20, tests/fuzz/run.sh 1200 jaeger
#   MERGE=1 tests/fuzz/run.sh SECONDS          also merge new finds into the committed corpus
# Inputs: the committed corpus (tests/fuzz/corpus/TARGET.tar.zst, set-cover minimised), the
# regressions (every input that once crashed, replayed first), seeds cut from tests/data (the
# first 4 KiB of each file).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
((${#targets[@]})) || targets=(load jaeger zipkin_v2 zipkin_v1 otlp_json otlp_proto json_logs http)

cmake --preset fuzz > /dev/null
cmake --build --preset fuzz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seeds="$work/seeds"
mkdir -p "$seeds"
while IFS= read -r -d '' file; do
    name=$(echo "${file#tests/data/}" | tr '/' '_')
    if [[ "$file" == *.zst ]]; then
        zstd -dcq "$file" | head -c 4096 > "$seeds/${name%.zst}" || true
    else
        head -c 4096 "$file" > "$seeds/$name"
    fi
done < <(find tests/data -type f ! -name '*.md' ! -name '*.py' ! -name 'SOURCES.json' -print0)
# Compressed and length-prefixed forms of a few seeds, so the fuzzers start inside the gzip,
# zstd and framing paths rather than having to find their magic numbers.
for seed in "$seeds"/*zipkin-v2_lens-skew.json "$seeds"/*jaeger_stalk-search-410a8604.json "$seeds"/*sdk_traces.otlp.pb; do
    [[ -f "$seed" ]] || continue
    gzip -c "$seed" > "$seed.gz"
    zstd -qc "$seed" > "$seed.zst"
done

failed=0
for target in "${targets[@]}"; do
    binary="build-fuzz/tests/fuzz/fuzz_$target"
    archive="tests/fuzz/corpus/$target.tar.zst"
    corpus="$work/corpus-$target"
    mkdir -p "$corpus" "$work/new-$target"
    [[ -f "$archive" ]] && zstd -dcq "$archive" | tar -C "$corpus" -xf -
    log="$work/$target.log"
    # Every input that ever crashed a target must still pass, on every target.
    if ! "$binary" -rss_limit_mb=2048 -timeout=10 tests/fuzz/regressions/* > "$log" 2>&1; then
        echo "fuzz_$target: a regression input fails again:"; tail -40 "$log"; failed=1; continue
    fi
    if "$binary" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=10 \
        -dict=tests/fuzz/spanwise.dict -print_final_stats=1 -artifact_prefix="$work/" \
        "$work/new-$target" "$corpus" "$seeds" > "$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
        coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
        features=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
        echo "fuzz_$target: ${seconds} s, $runs executions, coverage $coverage edges, $features features, no finding"
    else
        echo "fuzz_$target: FOUND A PROBLEM (inputs saved as tests/fuzz/findings/*):"
        grep -E 'ERROR|SUMMARY|#[0-9]+ .*(Spanwise|/work|tests/)' "$log" | head -30
        mkdir -p tests/fuzz/findings
        cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* tests/fuzz/findings/ 2>/dev/null || true
        failed=1
    fi
    if [[ "${MERGE:-0}" == 1 ]]; then
        # The smallest set of inputs that keeps every feature, stored compressed (JSON shrinks
        # about 40-fold), so the committed corpus stays small as coverage grows.
        mkdir -p "$work/merged-$target"
        "$binary" -set_cover_merge=1 -max_len=4096 -rss_limit_mb=2048 -timeout=10 "$work/merged-$target" \
            "$corpus" "$work/new-$target" > /dev/null 2>&1
        mkdir -p tests/fuzz/corpus
        tar -C "$work/merged-$target" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - . |
            zstd -19 -q > "$archive.new" && mv "$archive.new" "$archive"
        echo "fuzz_$target: corpus $(ls "$work/merged-$target" | wc -l) inputs, $(stat -c %s "$archive") bytes compressed"
    fi
done
exit $failed
