#!/usr/bin/env bash
# Installs what is missing, builds, and opens the CoreLab window (arguments go to corelab).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
exec "${CORELAB_BUILD_DIR:-$root/build}/app/corelab" "$@"
