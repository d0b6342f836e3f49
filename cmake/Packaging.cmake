# What a lab machine gets beyond the two programs (app/CMakeLists.txt) and the desktop entry
# and icon (ui/CMakeLists.txt), and the Debian package of it all:
#   cmake --build build && cd build && cpack -G DEB    →  corelab_<version>_<arch>.deb
# tests/scripts/test_package.sh builds it and checks what it holds and what it depends on.

install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/presets/
        DESTINATION ${CORELAB_INSTALL_PRESETSDIR} FILES_MATCHING PATTERN "*.json")

# The man page with the project's version; Debian installs man pages gzipped (-n leaves name
# and time out, so the package is reproducible)
configure_file(${PROJECT_SOURCE_DIR}/resources/corelab.1 ${PROJECT_BINARY_DIR}/corelab.1 @ONLY)
set(manpage_gz ${PROJECT_BINARY_DIR}/corelab.1.gz)
add_custom_command(OUTPUT ${manpage_gz}
                   COMMAND sh -c "gzip -9nc \"$1\" > \"$2\"" sh ${PROJECT_BINARY_DIR}/corelab.1
                           ${manpage_gz}
                   DEPENDS ${PROJECT_BINARY_DIR}/corelab.1 VERBATIM)
add_custom_target(corelab_manpage ALL DEPENDS ${manpage_gz})
install(FILES ${manpage_gz} DESTINATION share/man/man1)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/corelab)

# Whoever builds the lab's package can name themselves: -DCORELAB_MAINTAINER="Name <mail>"
set(CORELAB_MAINTAINER "CoreLab engineers <corelab@localhost>"
    CACHE STRING "Maintainer field of the Debian package")

# Debian's machine-readable copyright file, with the licence text from LICENSE (indented
# one space, blank lines as " ."), and a changelog: a package without a version in its
# number's tail is "native", whose changelog is changelog.gz
file(READ ${PROJECT_SOURCE_DIR}/LICENSE licence)
string(FIND "${licence}" "Permission" start)
string(SUBSTRING "${licence}" ${start} -1 licence)
string(STRIP "${licence}" licence)
string(REPLACE "\n\n" "\n.\n" licence "${licence}")
string(REPLACE "\n" "\n " CORELAB_LICENSE_TEXT " ${licence}")
configure_file(${PROJECT_SOURCE_DIR}/resources/copyright.in ${PROJECT_BINARY_DIR}/copyright @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/copyright DESTINATION share/doc/corelab)
string(TIMESTAMP CORELAB_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/resources/changelog.in ${PROJECT_BINARY_DIR}/changelog @ONLY)
set(changelog_gz ${PROJECT_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${changelog_gz}
                   COMMAND sh -c "gzip -9nc \"$1\" > \"$2\"" sh ${PROJECT_BINARY_DIR}/changelog
                           ${changelog_gz}
                   DEPENDS ${PROJECT_BINARY_DIR}/changelog VERBATIM)
add_custom_target(corelab_changelog ALL DEPENDS ${changelog_gz})
install(FILES ${changelog_gz} DESTINATION share/doc/corelab)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME corelab)
set(CPACK_PACKAGE_VENDOR CoreLab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "threads or processes? a lab that runs a workload both ways and measures it")
# Debian wraps the long description at 80 columns, one space in: lines of at most 78 here
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "CoreLab runs a real workload as threads in one process, as separate\n"
    "processes, or as processes of threads, and measures it from /proc while it\n"
    "runs: per-core load, throughput, memory of the worker tree, context switches\n"
    "and run-queue wait. The Qt window shows it live and compares two runs side\n"
    "by side; the same engine runs headless from the command line (corelab run,\n"
    "compare, sweep, repeat, table). Ready-made teaching presets cover each row\n"
    "of the threads-vs-processes table.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CORELAB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries the programs link come from dpkg-shlibdeps. Two things Qt loads at run time
# are not linked, so are named here: the xcb platform plugin (only a Recommends of
# libqt6gui6: without it, and with recommends off, the window does not open) and the SVG
# icon engine the window's icon needs.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(CORELAB_BUILD_UI)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
endif()

include(CPack)
