// How long `corelab table` takes, quick and full, against the goals of ≤ 30 s and
// ≤ 90 s. Prints seconds per run of the CLI; never fails (the machine may be busy).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

double secondsFor(const std::string& command)
{
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (status != 0) std::printf("  (exit status %d)\n", status);
    return took.count();
}

} // namespace

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
