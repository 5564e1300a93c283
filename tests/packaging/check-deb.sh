#!/usr/bin/env bash
# Checks the Debian package packaging/build-deb.sh built, without installing it:
#   tests/packaging/check-deb.sh build/spanwise_<version>_<arch>.deb
# its file list, its dependencies (from dpkg-shlibdeps), the desktop entry and AppStream
# metainfo validators, and the extracted program's --version with no display.
set -euo pipefail
deb=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

version=$(dpkg-deb -f "$deb" Version)
files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$')
expected=(
    /usr/bin/spanwise
    /usr/share/applications/dev.spanwise.Spanwise.desktop
    /usr/share/metainfo/dev.spanwise.Spanwise.metainfo.xml
    /usr/share/mime/packages/spanwise.xml
    /usr/share/icons/hicolor/scalable/apps/spanwise.svg
    /usr/share/man/man1/spanwise.1.gz
    /usr/share/bash-completion/completions/spanwise
    /usr/share/doc/spanwise/copyright
    /usr/share/doc/spanwise/user-guide.md
)
for size in 16 22 24 32 48 64 128 256; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/spanwise.png")
done
for file in "${expected[@]}"; do
    grep -qx -- "$file" <<< "$files" || fail "the package lacks $file"
done
# Nothing but the program and its shared data: no tests, no libraries, no headers.
unexpected=$(grep -vE '^/usr/(bin/spanwise|share/(applications|metainfo|mime|icons|man|bash-completion|doc/spanwise)/)' <<< "$files" || true)
[[ -z "$unexpected" ]] || fail "unexpected files: $unexpected"

depends=$(dpkg-deb -f "$deb" Depends)
for library in libqt6widgets6 libqt6network6 libqt6keychain1 libqt6svg6 libqt6charts6 libgvc6 libprotobuf libsimdjson libzstd1 zlib1g; do
    grep -q "$library" <<< "$depends" || fail "Depends lacks $library: $depends"
done
grep -q -- '-dev' <<< "$depends" && fail "Depends names a development package: $depends"

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/dev.spanwise.Spanwise.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/dev.spanwise.Spanwise.metainfo.xml" || fail "appstreamcli validate"
zcat "$work/root/usr/share/man/man1/spanwise.1.gz" | groff -man -ww -z 2>&1 | grep . && fail "the manual page has groff warnings"
bash -n "$work/root/usr/share/bash-completion/completions/spanwise" || fail "the bash completion does not parse"

# The extracted program runs from where it lies, with no display, and knows its version.
printed=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$work/root/usr/bin/spanwise" --version | head -n 1) ||
    fail "the extracted spanwise --version failed"
[[ "$printed" == "Spanwise $version" ]] || fail "spanwise --version printed \"$printed\", the package is $version"

if ((failures)); then
    echo "$failures problem(s) in $deb"
    exit 1
fi
echo "$(basename "$deb"): $(wc -l <<< "$files") files, Depends: $depends"
