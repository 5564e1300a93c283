#!/usr/bin/env bash
# The two Quick start commands of README.md, in one place:
#   packaging/quickstart.sh run   installs what is missing, builds, opens the viewer on the demo trace
#   packaging/quickstart.sh test  installs what is missing, builds, runs the whole test suite
# System packages come from packaging/debian-packages.txt, the one list both use.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
if [[ "$mode" != run && "$mode" != test ]]; then
    echo "usage: packaging/quickstart.sh run|test" >&2
    exit 2
fi

install_missing_packages() {
    local wanted missing=()
    wanted=$(grep -v '^[[:space:]]*#' packaging/debian-packages.txt | grep -v '^[[:space:]]*$')
    for package in $wanted; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    echo "Installing: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# The OpenTelemetry JS SDK the receiver's integration test exports with (tests/live/otel-js),
# pinned by its package-lock.json. Node.js comes from Debian only when no node/npm is installed
# (a NodeSource nodejs already bundles npm and conflicts with Debian's npm package).
install_node_packages() {
    if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
        local sudo=()
        [[ $(id -u) -eq 0 ]] || sudo=(sudo)
        echo "Installing: nodejs npm"
        "${sudo[@]}" apt-get update -qq
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
    fi
    (cd tests/live/otel-js && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
}

# ccache keys on paths relative to the checkout, so a fresh clone elsewhere reuses the cache;
# and not on the build directory, which ccache otherwise hashes for -g builds (every preset
# here), so that each fresh clone missed every object.
export CCACHE_BASEDIR="$PWD"
export CCACHE_NOHASHDIR=true

build() {
    cmake --preset default
    cmake --build --preset default
}

# The suites that feed real and damaged files to simdjson, run under valgrind: the parser reads
# past each record into the padding, inside Debian's libsimdjson, where ASan does not look.
valgrind_tests=(tst_paddedbuffer tst_hostile tst_formatcorpus tst_jaegermalformed tst_formatmalformed tst_mutations)

run_all_tests() {
    local failed=() steps=6
    echo "== 1/6 the whole suite (default preset)"
    ctest --preset default || failed+=("test suite")
    echo "== 2/6 formatting (.clang-format)"
    git ls-files -z '*.cpp' '*.h' | xargs -0 clang-format --dry-run --Werror || failed+=("clang-format")
    echo "== 3/6 the whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer"
    if cmake --preset asan > /dev/null && cmake --build --preset asan; then
        ctest --preset asan || failed+=("sanitizer suite")
    else
        failed+=("sanitizer build")
    fi
    echo "== 4/6 fuzz targets, 10 s each (tests/fuzz/run.sh)"
    tests/fuzz/run.sh 10 || failed+=("fuzz smoke run")
    echo "== 5/6 the parsing suites under valgrind (simdjson's reads into the padding)"
    for test in "${valgrind_tests[@]}"; do
        local binary
        binary=$(find build/tests -name "$test" -type f -executable | head -n 1)
        # PCRE2's JIT (QRegularExpression) reads strings in 16-byte steps, which memcheck flags.
        QT_ENABLE_REGEXP_JIT=0 valgrind -q --error-exitcode=99 --leak-check=no "$binary" > "build/$test.valgrind.log" 2>&1 ||
            { tail -40 "build/$test.valgrind.log"; failed+=("valgrind $test"); }
    done
    echo "== 6/6 the Debian package: build it, check its files, validators and --version (never installed)"
    { packaging/build-deb.sh && tests/packaging/check-deb.sh build/spanwise_*.deb; } || failed+=("package check")
    # A closing line test runners and CI read: steps passed and failed.
    echo "steps: $((steps - ${#failed[@]})) passed, ${#failed[@]} failed"
    if ((${#failed[@]})); then
        echo "FAILED: ${failed[*]}"
        return 1
    fi
}

install_missing_packages
build

if [[ "$mode" == test ]]; then
    install_node_packages
    run_all_tests
    exit
fi

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    exec build/app/spanwise
fi
# No display (a server or container): show that the viewer works by drawing it off screen.
screenshot=build/spanwise-demo.png
xvfb-run -a -s "-screen 0 1400x900x24" build/app/spanwise --screenshot "$screenshot"
echo "No display found: the viewer ran under Xvfb and saved a screenshot to $screenshot"
