#!/usr/bin/env bash
# Builds the Debian package from the default preset's tree:
#   packaging/build-deb.sh   writes build/spanwise_<version>_<arch>.deb
# Install it with: sudo apt-get install ./build/spanwise_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default > /dev/null
cmake --build --preset default
rm -f build/spanwise_*.deb
(cd build && cpack -G DEB -C RelWithDebInfo > cpack.log) || { cat build/cpack.log; exit 1; }
ls build/spanwise_*.deb
