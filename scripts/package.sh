#!/usr/bin/env bash
# Builds the Debian package of CoreLab and prints its path: corelab_<version>_<arch>.deb in
# build-package/ (or $CORELAB_BUILD_DIR). The tests are not built: the package holds none.
# Install it on each lab machine with: sudo apt install ./corelab_<version>_<arch>.deb
# CORELAB_MAINTAINER="Name <mail>" names who built it (default: CoreLab engineers).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CORELAB_BUILD_DIR:-$root/build-package}"
"$root/scripts/install-deps.sh"
export CCACHE_BASEDIR="$root"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCORELAB_BUILD_TESTS=OFF \
  ${CORELAB_MAINTAINER:+"-DCORELAB_MAINTAINER=$CORELAB_MAINTAINER"} >/dev/null
cmake --build "$build" --parallel "$(nproc)"
cd "$build"
# "CPack: - package: /…/corelab_0.1.0_amd64.deb generated."
cpack -G DEB | sed -n 's/^CPack: - package: \(.*\) generated\.$/\1/p'
