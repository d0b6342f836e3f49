# Precompiled system headers. Qt, QCustomPlot, nlohmann/json and GoogleTest are most of each
# file's compile time; parsing them once per target instead of once per file roughly halves a
# cold build (CI builds three times: Release, ASan + UBSan, TSan). Only headers from outside the
# project go in (and ui/Qcp.h, which only wraps qcustomplot.h), so editing our own never
# rebuilds a whole target.
# ccache caches these compiles only when CCACHE_SLOPPINESS has pch_defines and time_macros
# (scripts/build.sh and scripts/sanitizer-build.sh set it); without it ccache just compiles.
option(CORELAB_PCH "Precompile the system headers of each target" ON)

set(CORELAB_PCH_STD <algorithm> <chrono> <cstdint> <filesystem> <functional> <map> <memory>
                    <optional> <string> <string_view> <vector>)

# corelab_precompile(TARGET HEADER…): the standard headers above and the given ones.
function(corelab_precompile target)
  if(CORELAB_PCH)
    target_precompile_headers(${target} PRIVATE ${CORELAB_PCH_STD} ${ARGN})
  endif()
endfunction()

# corelab_reuse_precompiled(TARGET FROM): TARGET uses FROM's header (same flags and defines).
function(corelab_reuse_precompiled target from)
  if(CORELAB_PCH)
    target_precompile_headers(${target} REUSE_FROM ${from})
  endif()
endfunction()
