# Sourced by the build scripts: sets `launcher` to the CMake option that compiles through
# ccache, or to nothing.
# ccache makes a rebuild of a checkout (or of a fresh clone beside it, paths taken relative
# to the checkout) take seconds instead of minutes. On a machine whose cache is empty (a
# fresh CI machine) every compile misses, and a miss costs more than the compile alone:
# ~8 s against ~4.5 s for a file that uses a precompiled Qt header, which ccache hashes
# (350 MB) and preprocesses besides. So it is used when the cache already holds something,
# or when CORELAB_CCACHE=1 (0: never).
launcher=()
if command -v ccache >/dev/null; then
  case "${CORELAB_CCACHE:-auto}" in
    1) launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache) ;;
    0) launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=) ;;
    *)
      if [ "$(ccache --print-stats 2>/dev/null | awk '$1 == "files_in_cache" {print $2}')" -gt 0 ] 2>/dev/null; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
      else
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=)
      fi
      ;;
  esac
fi
export CCACHE_BASEDIR="$root"
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime # precompiled headers
