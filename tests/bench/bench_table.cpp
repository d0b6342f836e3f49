// How long `corelab table` takes, quick and full, against the goals of ≤ 30 s and
// ≤ 90 s. Prints seconds per run of the CLI; never fails (the machine may be busy).
#include <cstdio>
#include <string>

#include "TestHelpers.h"

using corelab::test::secondsFor;

int main()
{
    const std::string cli = CORELAB_CLI_PATH;
    std::printf("corelab table: wall time of the whole suite (CLOCK_MONOTONIC, one run each)\n");
    const double quick = secondsFor(cli + " table --quick --json > /dev/null");
    std::printf("%-10s %7.1f s   goal ≤ 30 s\n", "--quick", quick);
    const double full = secondsFor(cli + " table --json > /dev/null");
    std::printf("%-10s %7.1f s   goal ≤ 90 s\n", "default", full);
    return 0;
}
