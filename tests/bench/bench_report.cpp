// How long `corelab report` takes, quick and full, against the goals of ≤ 60 s and
// ≤ 3 min on two cores: the table's runs plus drawing the handout. Prints seconds per
// run of the CLI and the drawing's share; never fails (the machine may be busy).
#include <cstdio>
#include <filesystem>
#include <string>

#include "TestHelpers.h"

using corelab::test::secondsFor;

int main()
{
    const std::string cli = CORELAB_CLI_PATH;
    const std::string out =
        (std::filesystem::temp_directory_path() / "corelab-bench-report").string();
    std::printf("corelab report: wall time (CLOCK_MONOTONIC, one run each)\n");
    const double quick = secondsFor(cli + " report --quick --out " + out + ".pdf > /dev/null 2>&1");
    std::printf("%-16s %7.1f s   goal ≤ 60 s\n", "--quick pdf", quick);
    const double slides =
        secondsFor(cli + " report --quick --format png --out " + out + " > /dev/null 2>&1");
    std::printf("%-16s %7.1f s   goal ≤ 60 s\n", "--quick png", slides);
    const double full = secondsFor(cli + " report --out " + out + ".pdf > /dev/null 2>&1");
    std::printf("%-16s %7.1f s   goal ≤ 180 s\n", "default pdf", full);
    return 0;
}
