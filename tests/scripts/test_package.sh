#!/usr/bin/env bash
# Builds the .deb with cpack into a temp folder and checks what a lab machine would get:
# the two programs and nothing else executable (no test binaries), the desktop entry, the
# icon, every preset, the man page, the copyright file and changelog, and a Depends field
# apt can satisfy on Debian 12.
# Then it runs the unpacked corelab, so the installed layout's worker lookup is exercised.
# Usage: test_package.sh BUILD_DIR SOURCE_DIR VERSION. Exit 77 (skipped) without dpkg-deb.
set -euo pipefail
build="$1" source="$2" version="$3"

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "package: no $tool, skipped"; exit 77; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "package: $*"; failures=$((failures + 1)); }

if ! (cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1); then
  cat "$tmp/cpack.log"
  echo "package: cpack failed"
  exit 1
fi
debs=("$tmp"/out/corelab_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { echo "package: no corelab_*.deb"; exit 1; }
deb="${debs[0]}"

# dpkg-deb -c: "-rwxr-xr-x root/root 123 2026-12-01 03:00 ./usr/bin/corelab"
dpkg-deb -c "$deb" >"$tmp/contents"
has() { grep -q " \.$1\$" "$tmp/contents" || fail "missing $1"; }
has /usr/bin/corelab
has /usr/lib/corelab/corelab-worker
has /usr/share/applications/corelab.desktop
has /usr/share/icons/hicolor/scalable/apps/corelab.svg
has /usr/share/man/man1/corelab.1.gz
has /usr/share/doc/corelab/README.md
has /usr/share/doc/corelab/copyright
has /usr/share/doc/corelab/changelog.gz
for preset in "$source"/resources/presets/*.json; do
  has "/usr/share/corelab/presets/$(basename "$preset")"
done
executables="$(awk '$1 ~ /^-..x/ {print $6}' "$tmp/contents" | sort | tr '\n' ' ')"
[ "$executables" = "./usr/bin/corelab ./usr/lib/corelab/corelab-worker " ] ||
  fail "executables are '$executables', not just corelab and corelab-worker"
grep -Eiq "tst_|_tests|/bench|fuzz" "$tmp/contents" && fail "test files in the package"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = corelab ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Section)" ] || fail "no Section"
depends="$(field Depends)"
# dpkg-shlibdeps' libraries (the Qt and QCustomPlot runtime packages, libc) and the two
# plugins Qt loads without linking them
for package in libc6 libqt6widgets6 libqt6gui6 libqcustomplot libspdlog \
               qt6-qpa-plugins libqt6svg6; do
  [[ ", $depends" == *", $package"* ]] || fail "Depends lacks $package: $depends"
done

dpkg-deb -x "$deb" "$tmp/root"
usr="$tmp/root/usr"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$usr/share/applications/corelab.desktop" || fail "desktop entry invalid"
else
  echo "package: no desktop-file-validate (desktop-file-utils), desktop entry not validated"
fi
grep -q '^Exec=corelab' "$usr/share/applications/corelab.desktop" || fail "desktop Exec"
grep -q '^Icon=corelab$' "$usr/share/applications/corelab.desktop" || fail "desktop Icon"
grep -q '<svg' "$usr/share/icons/hicolor/scalable/apps/corelab.svg" || fail "icon is no SVG"
# Debian's machine-readable format, with the licence's whole text
copyright="$usr/share/doc/corelab/copyright"
head -1 "$copyright" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
  fail "copyright is not in Debian's machine-readable format"
grep -q '^License: MIT$' "$copyright" || fail "copyright names no licence"
grep -q '^ Permission is hereby granted' "$copyright" || fail "copyright lacks the licence text"
gzip -dc "$usr/share/doc/corelab/changelog.gz" | head -1 | grep -q "^corelab ($version) " ||
  fail "changelog does not start with corelab ($version)"
gzip -dc "$usr/share/man/man1/corelab.1.gz" >"$tmp/corelab.1"
grep -q "CoreLab $version" "$tmp/corelab.1" || fail "man page does not carry version $version"
if command -v man >/dev/null; then
  warnings="$(MANWIDTH=80 man --warnings -l "$tmp/corelab.1" 2>&1 >/dev/null)"
  [ -z "$warnings" ] || fail "man page warnings: $warnings"
fi

# the unpacked program runs a workload: it found corelab-worker in ../lib/corelab/
[ "$("$usr/bin/corelab" --version)" = "corelab $version" ] || fail "corelab --version"
if ! "$usr/bin/corelab" run --workload cpu --workers 1 --duration 0.3s >"$tmp/run.log" 2>&1; then
  cat "$tmp/run.log"
  fail "the unpacked corelab could not run a workload"
fi

[ "$failures" -eq 0 ] || exit 1
echo "package: $(basename "$deb") holds what it should; Depends: $depends"
