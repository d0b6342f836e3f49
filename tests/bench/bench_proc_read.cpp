// How much a sampler tick costs: re-reading a kept-open /proc file with pread
// against open/read/close, for the files the sampler reads. Prints µs per read;
// never fails (the machine may be noisy).
#include <chrono>
#include <cstdio>
#include <string>

#include <fcntl.h>
#include <unistd.h>

#include "probe/ProcReader.h"

namespace {

double microsPerCall(int calls, auto&& body)
{
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i)
        body();
    const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    return took.count() / calls;
}

void compare(const std::string& path, int calls)
{
    corelab::probe::ProcFile kept(path);
    const double pread = microsPerCall(calls, [&] { (void)kept.read(); });
    char buffer[65536];
    const double reopen = microsPerCall(calls, [&] {
        const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        while (read(fd, buffer, sizeof buffer) > 0) {}
        close(fd);
    });
    std::printf("%-36s pread %7.2f µs   open/read/close %7.2f µs   ratio %.2f×\n", path.c_str(),
                pread, reopen, reopen / pread);
}

} // namespace

int main()
{
    const std::string self = "/proc/" + std::to_string(getpid());
    const std::string task = self + "/task/" + std::to_string(gettid());
    std::printf("CoreLab bench: /proc read cost, %d reads each\n", 20000);
    compare("/proc/stat", 20000);
    compare(task + "/schedstat", 20000);
    compare(task + "/stat", 20000);
    compare(task + "/status", 20000);
    compare(self + "/smaps_rollup", 2000);
    return 0;
}
