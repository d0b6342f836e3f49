// What a page costs the memory workload on this machine, outside CoreLab: the
// first write to a fresh page, and the copy-on-write fault a forked child takes
// when it writes a page it shares with its parent, alone and with a second child
// doing the same at once. The memory workload's "processes, --write-shared yes"
// rate is bounded by these figures, so they tell a slow machine from a slow
// CoreLab.
//
// Usage: bench_cow [MiB]   (default 64)

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr std::size_t kPage = 4096;
constexpr std::size_t kChunk = 1 << 20;
std::uint64_t sink = 0;

double nowS()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Writes one word per page; µs per page.
double writeEveryPage(char* p, std::size_t bytes, char value)
{
    const double start = nowS();
    for (std::size_t i = 0; i < bytes; i += kPage)
        std::atomic_ref<char>(p[i]).store(value, std::memory_order_relaxed);
    return (nowS() - start) / static_cast<double>(bytes / kPage) * 1e6;
}

// The memory workload's loop: read a word of every 64-byte line of a MiB, then
// write one word per page of it. µs per page.
double readThenWriteEveryPage(char* p, std::size_t bytes, char value)
{
    const double start = nowS();
    std::uint64_t sum = 0;
    for (std::size_t chunk = 0; chunk < bytes; chunk += kChunk) {
        for (std::size_t i = chunk; i < chunk + kChunk; i += 64)
            sum += static_cast<unsigned char>(
                std::atomic_ref<char>(p[i]).load(std::memory_order_relaxed));
        for (std::size_t i = chunk; i < chunk + kChunk; i += kPage)
            std::atomic_ref<char>(p[i]).store(value, std::memory_order_relaxed);
    }
    std::atomic_ref<std::uint64_t>(sink).store(sum, std::memory_order_relaxed); // keeps the reads
    return (nowS() - start) / static_cast<double>(bytes / kPage) * 1e6;
}

// Forks `children`, each running `pass` over the parent's pages at once; returns
// each child's µs per page (through a pipe).
template <typename Pass>
std::vector<double> inChildren(int children, char* p, std::size_t bytes, Pass pass)
{
    int fds[2];
    if (pipe(fds) != 0) std::exit(1);
    for (int c = 0; c < children; ++c) {
        if (fork() == 0) {
            const double us = pass(p, bytes, static_cast<char>(c + 2));
            if (write(fds[1], &us, sizeof us) != sizeof us) _exit(1);
            _exit(0);
        }
    }
    close(fds[1]);
    std::vector<double> out;
    double us = 0;
    while (read(fds[0], &us, sizeof us) == sizeof us)
        out.push_back(us);
    close(fds[0]);
    while (wait(nullptr) > 0) {}
    return out;
}

void print(const char* what, const std::vector<double>& us)
{
    std::printf("  %-44s", what);
    for (double u : us)
        std::printf(" %7.1f", u);
    std::printf("  µs/page\n");
}

} // namespace

int main(int argc, char** argv)
{
    const std::size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
    const std::size_t bytes = mib << 20;
    auto* p = static_cast<char*>(
        mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (p == MAP_FAILED) return 1;
    madvise(p, bytes, MADV_NOHUGEPAGE); // as the memory workload: 4 KiB pages

    std::printf("bench_cow: %zu MiB of 4 KiB pages, CLOCK_MONOTONIC, one pass each\n", mib);
    print("first write of a fresh page (parent)", {writeEveryPage(p, bytes, 1)});
    print("copy-on-write, 1 child writing", inChildren(1, p, bytes, writeEveryPage));
    print("copy-on-write, 2 children writing at once", inChildren(2, p, bytes, writeEveryPage));
    print("memory workload's pass, 1 child", inChildren(1, p, bytes, readThenWriteEveryPage));
    print("memory workload's pass, 2 children at once",
          inChildren(2, p, bytes, readThenWriteEveryPage));
    // after fork the parent's own pages are write-protected too: its first write
    // to each takes a fault that finds the page unshared and keeps it (no copy)
    print("same pass in the parent (fault, no copy)", {readThenWriteEveryPage(p, bytes, 9)});
    print("same pass in the parent again (no fault)", {readThenWriteEveryPage(p, bytes, 10)});
    munmap(p, bytes);
    return 0;
}
