#!/usr/bin/env bash
# Runs every benchmark at the given span counts (default: 10000 100000 1000000) and prints the
# figures docs/performance.md records. Build first (packaging/quickstart.sh test, or
# cmake --build --preset default). Benchmarks print figures; none asserts on time.
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=build/tests/bench
sizes=("$@")
((${#sizes[@]})) || sizes=(10000 100000 1000000)
for spans in "${sizes[@]}"; do
    echo "=== ${spans} spans"
    "$bench/bench_import" "$spans"
    QT_QPA_PLATFORM=offscreen "$bench/bench_waterfall" "$spans"
    "$bench/bench_analysis" "$spans"
done
echo "=== the OTLP receiver and live mode's reload (100k and 200k spans: the default buffer)"
"$bench/bench_receiver" 100000
"$bench/bench_receiver" 200000
echo "=== dependency map layout"
QT_QPA_PLATFORM=offscreen "$bench/bench_graphlayout" 50 200 500
echo "=== from the user's chair: the spanwise process on a file, against simdjson's parse of it"
if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1600x1000x24" "$bench/bench_userchair" "${sizes[@]}"
else
    QT_QPA_PLATFORM=offscreen "$bench/bench_userchair" "${sizes[@]}"
fi
