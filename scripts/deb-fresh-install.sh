#!/usr/bin/env bash
# Installs CoreLab's .deb on a fresh, minimal Debian 12 (a debootstrap chroot) with nothing
# but `apt-get install ./corelab_*.deb`, then runs it there: --version, a two-worker run,
# a picture of that run drawn offscreen (the window's Qt libraries and plugins), the
# window itself offscreen for a few seconds, and ldd over every program and Qt plugin it
# installed. Proves the package's Depends are complete, as a lab machine would find out.
#
# Not run by CI: it downloads a base system and ~105 MB of packages, and takes ~900 MB in
# /var/tmp while it runs (about 4 minutes). Needs root, and debootstrap (installed if
# missing).
# Usage: sudo scripts/deb-fresh-install.sh [corelab_*.deb]
#   without a .deb it builds one with scripts/package.sh.
# Environment: CORELAB_DEB_MIRROR (default: this machine's Debian mirror),
#   CORELAB_KEEP_CHROOT=1 keeps the chroot (it is removed otherwise, also on failure).
set -euo pipefail
root_dir="$(cd "$(dirname "$0")/.." && pwd)"
[ "$(id -u)" -eq 0 ] || { echo "deb-fresh-install: run as root (debootstrap, chroot)"; exit 1; }

deb="${1:-}"
if [ -z "$deb" ]; then
  deb="$("$root_dir/scripts/package.sh" | tail -1)"
fi
[ -f "$deb" ] || { echo "deb-fresh-install: no package '$deb'"; exit 1; }
deb="$(realpath "$deb")"

command -v debootstrap >/dev/null || apt-get install -y debootstrap >/dev/null

# the mirror this machine's apt uses, so the chroot sees the same archive
mirror="${CORELAB_DEB_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' /etc/apt/sources.list.d/*.sources \
              2>/dev/null | head -1)"
  [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' \
                                   /etc/apt/sources.list 2>/dev/null)"
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
fi

chroot_dir="$(mktemp -d /var/tmp/deb12.XXXXXX)"
log="$chroot_dir.log"
cleanup() {
  local status=$?
  # unmount first, and only then delete: rm must never reach the host's /proc
  if mountpoint -q "$chroot_dir/proc"; then
    umount "$chroot_dir/proc" || umount -l "$chroot_dir/proc"
  fi
  if mountpoint -q "$chroot_dir/proc"; then
    echo "deb-fresh-install: $chroot_dir/proc still mounted; chroot left in place"
  elif [ "${CORELAB_KEEP_CHROOT:-0}" = 1 ]; then
    echo "deb-fresh-install: chroot kept in $chroot_dir"
  else
    rm -rf --one-file-system "$chroot_dir"
  fi
  [ "$status" -eq 0 ] || echo "deb-fresh-install: FAILED (log: $log)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_chroot() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
                HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
step() { echo "== $*" | tee -a "$log"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", b - a}'; }

step "debootstrap --variant=minbase bookworm from $mirror"
t0="$(now)"
debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >>"$log" 2>&1
t1="$(now)"
base_mb="$(du -sm --one-file-system "$chroot_dir" | cut -f1)"
# a fresh Debian 12's apt sources: the release, its updates and security
cat >"$chroot_dir/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian*}/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
# no service starts inside the chroot
printf '#!/bin/sh\nexit 101\n' >"$chroot_dir/usr/sbin/policy-rc.d"
chmod +x "$chroot_dir/usr/sbin/policy-rc.d"
mount -t proc proc "$chroot_dir/proc"
cp "$deb" "$chroot_dir/tmp/"
name="$(basename "$deb")"

step "apt-get update && apt-get install -y ./$name"
t2="$(now)"
in_chroot apt-get update >>"$log" 2>&1
in_chroot sh -c "cd /tmp && apt-get install -y ./$name" >"$chroot_dir.install" 2>&1 || {
  cat "$chroot_dir.install" >>"$log"
  cat "$chroot_dir.install"
  exit 1
}
t3="$(now)"
cat "$chroot_dir.install" >>"$log"
installed_mb="$(du -sm --one-file-system --exclude=proc "$chroot_dir" | cut -f1)"
packages="$(grep -c '^Setting up ' "$chroot_dir.install" || true)"
fetched="$(sed -n 's/^Need to get \(.*\) of archives\.$/\1/p' "$chroot_dir.install" | head -1)"
unpacked="$(sed -n 's/^After this operation, \(.*\) of additional.*$/\1/p' "$chroot_dir.install" |
              head -1)"
rm -f "$chroot_dir.install"

failures=0
check() {
  local what="$1"
  shift
  if "$@" >>"$log" 2>&1; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
step "corelab, as installed"
version="$(dpkg-deb -f "$deb" Version)"
check "corelab --version says $version" \
  sh -c "[ \"\$(chroot '$chroot_dir' corelab --version)\" = 'corelab $version' ]"
check "corelab run --workload cpu --workers 2 --duration 1" \
  in_chroot corelab run --workload cpu --workers 2 --duration 1 --out /tmp/run.corelab
check "corelab --help" in_chroot env QT_QPA_PLATFORM=offscreen corelab --help
check "corelab render (the window's charts, offscreen)" \
  in_chroot env QT_QPA_PLATFORM=offscreen corelab render /tmp/run.corelab --out /tmp/run.png
check "the picture is a PNG" sh -c "head -c 8 '$chroot_dir/tmp/run.png' | grep -q PNG"
# the window opens and keeps running until timeout ends it (124), instead of failing at start
check "the window opens (offscreen, 5 s)" sh -c \
  "chroot '$chroot_dir' env QT_QPA_PLATFORM=offscreen HOME=/root timeout 5 corelab; [ \$? -eq 124 ]"
check "man page, desktop entry, icon, presets, copyright" in_chroot sh -c \
  'test -s /usr/share/man/man1/corelab.1.gz && test -s /usr/share/applications/corelab.desktop &&
   test -s /usr/share/icons/hicolor/scalable/apps/corelab.svg &&
   ls /usr/share/corelab/presets/*.json >/dev/null && test -s /usr/share/doc/corelab/copyright'
# every program and every Qt plugin (xcb included, which cannot open here) finds its libraries
# shellcheck disable=SC2016 # expanded inside the chroot
check "ldd: no library missing" in_chroot sh -c \
  'for f in /usr/bin/corelab /usr/lib/corelab/corelab-worker \
            $(find /usr/lib/*/qt6/plugins -name "*.so"); do
     ldd "$f" | grep "not found" && exit 1
   done; exit 0'

{
  echo "date:        $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "package:     $name ($(du -k "$deb" | cut -f1) KiB)"
  echo "Depends:     $(dpkg-deb -f "$deb" Depends)"
  echo "debootstrap: minbase bookworm, $base_mb MB, $(seconds "$t0" "$t1") s"
  echo "install:     $packages packages set up, ${fetched:-?} fetched, ${unpacked:-?} unpacked;" \
       "chroot $base_mb -> $installed_mb MB; $(seconds "$t2" "$t3") s (apt-get update included)"
} | tee -a "$log"
[ "$failures" -eq 0 ] || exit 1
echo "deb-fresh-install: $name installs and runs on a fresh Debian 12 (log: $log)"
