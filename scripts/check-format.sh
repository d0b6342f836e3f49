#!/usr/bin/env bash
# Fails, naming each file and line, when a .h/.cpp differs from what clang-format makes of it
# with the root's .clang-format. The reference is Debian 12's clang-format (14): other versions
# lay out a few constructs differently.
set -euo pipefail
cd "$(dirname "$0")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z '*.h' '*.cpp' | xargs -0 clang-format --dry-run -Werror
else
  # an unpacked archive: no git, the same folders
  find app core tests ui \( -name '*.h' -o -name '*.cpp' \) -print0 | xargs -0 clang-format --dry-run -Werror
fi
echo "check-format: clean"
