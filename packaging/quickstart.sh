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

build() {
    cmake --preset default
    cmake --build --preset default
}

install_missing_packages
build

if [[ "$mode" == test ]]; then
    exec ctest --preset default
fi

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    exec build/app/spanwise
fi
# No display (a server or container): show that the viewer works by drawing it off screen.
screenshot=build/spanwise-demo.png
xvfb-run -a -s "-screen 0 1400x900x24" build/app/spanwise --screenshot "$screenshot"
echo "No display found: the viewer ran under Xvfb and saved a screenshot to $screenshot"
