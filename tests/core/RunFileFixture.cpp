#include "RunFileFixture.h"

#include <fstream>
#include <limits>
#include <sstream>

namespace corelab::test {

namespace {

corelab::WorkerSample worker(int index, char state, std::uint64_t scale)
{
    return {index,
            4242 + index,
            4300 + index,
            state,
            index * 2 + 1,
            1000 * scale + 7,
            123456789 * scale,
            98765 * scale,
            31 * scale,
            12 * scale,
            5 * scale,
            4096 * scale,
            index == 0 ? 3u : 0u};
}

// Optional parts present on some samples only.
std::vector<corelab::Sample> makeSamples()
{
    corelab::Sample first{0.02, {}, {worker(0, 'R', 1), worker(1, 'S', 2)}, {}, {}};
    first.memory = corelab::MemorySample{52428800, 31457280, 20971520, 31457280, 3};
    corelab::Sample second{0.1 + 0.2,
                           {{0, 0.5, 0.25, 0.0, 0.75}, {2, 1.0 / 3, 0.1, 0.01, 0.4}},
                           {worker(0, 'R', 3), worker(1, 'D', 4)},
                           {},
                           {}};
    second.pressure = corelab::PressureSample{0.125, 1e-9, 0.0};
    corelab::Sample third{0.7000000000000001,
                          {{0, 1, 0, 0, 1}, {2, 0.9, 0.05, 0, 0.95}},
                          {worker(0, '-', 5), worker(1, 'Z', 6)},
                          {},
                          {}};
    third.workers[1].ops = std::numeric_limits<std::uint64_t>::max();
    return {first, second, third};
}

// A CPU id gap in per_core_busy, as offline CPUs leave.
corelab::Summary makeSummary()
{
    corelab::Summary s;
    s.opsTotal = 987654321012ULL;
    s.wallS = 0.6789;
    s.opsPerS = s.opsTotal / s.wallS;
    s.workers = 4;
    s.processes = 2;
    s.cpuTimeS = 1.2345678901234567;
    s.busyCoresMean = s.cpuTimeS / s.wallS;
    s.machineBusyCoresMean = 1.85;
    s.observerBusyCores = 0.0625;
    s.perCoreBusy = {{0, 0.97}, {2, 0.123456789012345}};
    s.peakRssBytes = 52428800;
    s.peakPssBytes = 31457280;
    s.peakUssBytes = 20971520;
    s.ctxVoluntary = 1234;
    s.ctxInvoluntary = 56789;
    s.runqueueWaitS = 0.000123;
    s.workersCrashed = 1;
    s.workersKilled = 2;
    s.stoppedEarly = true;
    return s;
}

} // namespace

RunRecord makeRecord()
{
    RunRecord r;
    r.corelabVersion = "0.1.0-test";
    r.startedAt = "2024-05-17T09:30:12.345Z";
    r.spec.workload = "cpu";
    r.spec.model = corelab::Model::Hybrid;
    r.spec.workers = 2;
    r.spec.threadsPerProcess = 2;
    r.spec.spawn = corelab::SpawnMethod::Exec;
    r.spec.durationS = 2.5;
    r.spec.rateHz = 50;
    r.spec.params = {{"rounds", 128.0}};
    // two cores of two SMT threads each: cpu0 and cpu2 share core 0
    r.machine = {"lab-host",
                 "AMD EPYC 7B13 \"Milan\"",
                 4,
                 2,
                 "6.1.0-18-amd64",
                 16ULL << 30,
                 {{0, 0, 0, 0}, {1, 0, 0, 1}, {2, 0, 0, 0}, {3, 0, 0, 1}}};
    r.samples = makeSamples();
    using K = corelab::EventKind;
    r.events = {{0.0, K::LeaderSpawned, -1, "pid 4242"},
                {0.015625, K::AllRunning, -1, ""},
                {0.65, K::WorkerCrashed, 1, "signal 11 \"SIGSEGV\" \\ naïve Ünïcødé ✓ 日本"},
                {0.71, K::RunFinished, -1, "tab\there\nnewline"}};
    r.summary = makeSummary();
    return r;
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string loadError(const std::string& path)
{
    try {
        corelab::loadRunFile(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "loading " << path << " did not throw";
    return {};
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

} // namespace corelab::test
