#!/usr/bin/env bash
# Screenshots of every tab for docs/screenshots/: 1280×800 and 1920×1080, normal and
# presentation mode (F11), the projector's light and dark themes, idle and with a
# comparison loaded (preset 03). Each picture is the window's own grab (corelab
# --screenshot) under Xvfb, reduced to a small palette so the folder stays small.
#   scripts/screenshots.sh [BUILD_DIR]     (default build/)
# COMPARE=FILE uses that comparison instead of running preset 03 (about 8 s).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=docs/screenshots
corelab="$build/app/corelab"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# fresh settings and runs folder: no geometry, theme or experiment of the user's
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
compare=${COMPARE:-$work/compare.json}
if [ ! -f "$compare" ]; then
  "$corelab" compare --preset resources/presets/03-cpu-interpreter-lock.json --out "$compare" >/dev/null
fi
mkdir -p "$out"
rm -f "$out"/*.png

shoot() { # size theme mode state tab
  local size=$1 theme=$2 mode=$3 state=$4 tab=$5
  local name="$out/${size}-${theme#projector-}-${mode}-${state}-${tab}.png"
  local args=(--theme "$theme" --size "$size" --tab "$tab" --screenshot "$work/shot.png" --after 3000)
  [ "$mode" = presentation ] && args+=(--presentation)
  [ "$state" = compare ] && args+=(--open "$compare")
  xvfb-run -a -s "-screen 0 ${size}x24" "$corelab" "${args[@]}" >/dev/null 2>&1
  if command -v pngquant >/dev/null; then
    # no dithering: flat chart colours compress far better, text stays crisp
    pngquant --force --nofs --speed 1 --output "$name" 64 "$work/shot.png" || cp "$work/shot.png" "$name"
  else
    convert "$work/shot.png" -dither None -colors 48 -strip "PNG8:$name"
  fi
  echo "$name"
}

for size in 1280x800 1920x1080; do
  for theme in projector-light projector-dark; do
    for mode in normal presentation; do
      for tab in run compare sweep repeat table advise presets; do
        shoot "$size" "$theme" "$mode" idle "$tab"
      done
      # a loaded comparison shows on the Compare tab; the Run tab keeps the live view
      shoot "$size" "$theme" "$mode" compare compare
    done
  done
done
du -sh "$out"
