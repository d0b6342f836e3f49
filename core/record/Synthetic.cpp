#include "record/Synthetic.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <tuple>

#include "record/Summarize.h"

namespace corelab {

namespace {

// splitmix64: one well-mixed number per (seed, a, b), so any sample can be made alone
double noise(std::uint64_t seed, std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (a + 1) + 0xbf58476d1ce4e5b9ULL * (b + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) / static_cast<double>(1ULL << 53);
}

double fraction(double x)
{
    return x - std::floor(x);
}

constexpr std::uint64_t kNs = 1'000'000'000;
constexpr double kMiB = 1024.0 * 1024.0;

std::optional<int> parseInt(std::string_view text)
{
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

// Linux-like numbering: cpuN and cpuN + cpus/2 are the two threads of one core.
std::vector<CpuPlace> topologyFor(int cpus)
{
    const int smt = cpus >= 4 && cpus % 2 == 0 ? 2 : 1;
    const int phys = cpus / smt;
    const int packages = phys >= 32 && phys % 2 == 0 ? 2 : 1;
    const int perPackage = phys / packages;
    const int perDie = perPackage >= 32 && perPackage % 16 == 0 ? 16 : perPackage;
    std::vector<CpuPlace> places;
    for (int cpu = 0; cpu < cpus; ++cpu) {
        const int p = cpu % phys;
        places.push_back(CpuPlace{cpu, p / perPackage, (p % perPackage) / perDie, p % perPackage});
    }
    return places;
}

// Topological order: package, die, core, then the SMT sibling.
std::vector<CpuPlace> sortedPlaces(std::vector<CpuPlace> places)
{
    std::sort(places.begin(), places.end(), [](const CpuPlace& a, const CpuPlace& b) {
        return std::tie(a.package, a.die, a.core, a.cpu) <
               std::tie(b.package, b.die, b.core, b.cpu);
    });
    return places;
}

SyntheticPlan planFor(const SyntheticShape& shape, const std::vector<CpuPlace>& topology, int tpp)
{
    SyntheticPlan plan;
    const auto places = sortedPlaces(topology);
    const bool twoPackages = places.back().package > 0;
    // physical cores of the busy half, in topological order
    std::vector<std::pair<int, int>> busyCores;
    for (const CpuPlace& p : places) {
        const bool busy = twoPackages ? p.package == 0 : p.core < (places.back().core + 2) / 2;
        const std::pair<int, int> key{p.package, p.core};
        if (busy && std::find(busyCores.begin(), busyCores.end(), key) == busyCores.end())
            busyCores.push_back(key);
    }
    const int n = static_cast<int>(busyCores.size());
    // a quarter of the busy half, at most a die of 16 cores: one group however the view
    // groups it (blocks of 8, 16 or 32 CPUs, or whole dies)
    const int idleN = n >= 2 ? std::clamp(n / 4, 1, 16) : 0;
    const int idleFrom = idleN ? std::min(idleN, n - idleN) : 0;
    for (const CpuPlace& p : places) {
        const auto it = std::find(busyCores.begin(), busyCores.end(), std::pair{p.package, p.core});
        if (it == busyCores.end()) continue;
        const int i = static_cast<int>(it - busyCores.begin());
        (i >= idleFrom && i < idleFrom + idleN ? plan.idleCpus : plan.busyCpus).push_back(p.cpu);
    }
    const int busy = static_cast<int>(plan.busyCpus.size());
    const int wanted = std::max(1, static_cast<int>(std::lround(1.25 * busy)));
    plan.cpuBoundWorkers = std::min(shape.workers, (wanted + tpp - 1) / tpp * tpp);
    const int processes = shape.workers / tpp;
    if (plan.cpuBoundWorkers / tpp >= 2 && processes >= 3) {
        plan.stalledProcess = 1;
        plan.stallFromS = 0.55 * shape.seconds;
        plan.stallToS = 0.70 * shape.seconds;
    }
    plan.crashedWorker = std::min(plan.cpuBoundWorkers - 1, 2 * tpp + std::min(3, tpp - 1));
    plan.crashAtS = 0.4 * shape.seconds;
    return plan;
}

// Worker w's start over the first tenth of the run, and its end over the last twentieth,
// spread evenly but not in index order, so every part of the machine ramps together.
double startS(int w, double seconds)
{
    return 0.1 * seconds * fraction(w * 0.6180339887);
}

double exitS(int w, double seconds)
{
    return seconds * (0.95 + 0.0499 * fraction(w * 0.3819660113));
}

} // namespace

std::optional<SyntheticShape> parseSyntheticShape(std::string_view text)
{
    std::vector<std::string_view> parts;
    for (std::size_t from = 0;;) {
        const auto x = text.find('x', from);
        parts.push_back(text.substr(from, x == std::string_view::npos ? x : x - from));
        if (x == std::string_view::npos) break;
        from = x + 1;
    }
    if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
    const auto cpus = parseInt(parts[0]);
    const auto workers = parseInt(parts[1]);
    const auto seconds = parts.size() == 3 ? parseInt(parts[2]) : std::optional(60);
    if (!cpus || !workers || !seconds || *cpus < 1 || *cpus > kMaxCpus ||
        *workers < SpecLimits::minWorkers || *workers > SpecLimits::maxWorkers || *seconds < 1 ||
        *seconds > SpecLimits::maxDurationS)
        return std::nullopt;
    SyntheticShape shape;
    shape.cpus = *cpus;
    shape.workers = *workers;
    shape.seconds = *seconds;
    return shape;
}

SyntheticSource::SyntheticSource(const SyntheticShape& shape)
    : shape_(shape)
{
    const int tpp = shape.threadsPerProcess > 1 && shape.workers % shape.threadsPerProcess == 0
                        ? shape.threadsPerProcess
                        : 1;
    spec_.workload = "cpu";
    spec_.model = tpp > 1 ? Model::Hybrid : Model::Processes;
    spec_.workers = shape.workers / tpp;
    spec_.threadsPerProcess = tpp;
    spec_.durationS = shape.seconds;
    spec_.rateHz = shape.rateHz;
    (void)validate(spec_); // fills the workload's default parameters; the shape is valid
    machine_.hostname = "synthetic";
    machine_.cpuModel = "synthetic " + std::to_string(shape.cpus) + "-CPU machine";
    machine_.logicalCpus = machine_.usableCpus = shape.cpus;
    machine_.kernel = "synthetic";
    machine_.memoryBytes = std::uint64_t(512) << 30;
    machine_.topology = topologyFor(shape.cpus);
    plan_ = planFor(shape, machine_.topology, tpp);
    sharers_.assign(static_cast<std::size_t>(shape.cpus), 0);
    // planFor keeps at least one busy CPU
    const auto& busy = plan_.busyCpus;
    for (int w = 0; w < shape.workers; ++w) {
        const bool cpuBound = w < plan_.cpuBoundWorkers;
        const std::size_t slot = static_cast<std::size_t>(cpuBound ? w : w * 7) % busy.size();
        homeCpu_.push_back(busy[slot]);
        if (cpuBound) ++sharers_[static_cast<std::size_t>(homeCpu_.back())];
        WorkerSample s;
        s.index = w;
        s.pid = 10000 + w / tpp;
        s.tid = s.pid + (w % tpp) * 1000 + 100;
        s.state = '?';
        w_.push_back(s);
    }
    count_ = static_cast<int>(std::lround(shape.seconds * shape.rateHz)) + 1;
}

void SyntheticSource::addEvents(double from, double to, std::vector<Event>& events) const
{
    const double T = shape_.seconds;
    auto within = [&](double t) { return t > from && t <= to; };
    const auto first = static_cast<std::ptrdiff_t>(events.size());
    if (from < 0) events.push_back({0, EventKind::LeaderSpawned, -1, ""});
    for (int w = 0; w < shape_.workers; ++w)
        if (within(startS(w, T))) events.push_back({startS(w, T), EventKind::WorkerStarted, w, ""});
    if (within(0.1 * T)) events.push_back({0.1 * T, EventKind::AllRunning, -1, ""});
    if (within(plan_.crashAtS))
        events.push_back({plan_.crashAtS, EventKind::WorkerCrashed, plan_.crashedWorker,
                          "killed by signal 11 (SIGSEGV), synthetic"});
    for (int w = 0; w < shape_.workers; ++w)
        if (w != plan_.crashedWorker && within(exitS(w, T)))
            events.push_back({exitS(w, T), EventKind::WorkerExited, w, ""});
    if (within(T)) events.push_back({T, EventKind::RunFinished, -1, ""});
    std::stable_sort(events.begin() + first, events.end(),
                     [](const Event& a, const Event& b) { return a.t < b.t; });
}

// One worker's counters over the interval (t - dt, t], added to what it had.
WorkerSample SyntheticSource::worker(int w, double t, double dt)
{
    WorkerSample& s = w_[static_cast<std::size_t>(w)];
    const double T = shape_.seconds;
    const double r =
        noise(shape_.seed, static_cast<std::uint64_t>(next_), static_cast<std::uint64_t>(w));
    if (s.state == '!' || s.state == '-') return s;
    if (w == plan_.crashedWorker && t >= plan_.crashAtS) {
        s.state = '!';
        return s;
    }
    if (t >= exitS(w, T)) {
        s.state = '-';
        return s;
    }
    const double active = dt > 0 ? std::clamp((t - startS(w, T)) / dt, 0.0, 1.0) : 0.0;
    if (active <= 0) return s;
    s.lastCpu = homeCpu_[static_cast<std::size_t>(w)];
    const int process = w / spec_.threadsPerProcess;
    if (process == plan_.stalledProcess && t > plan_.stallFromS && t <= plan_.stallToS) {
        s.state = 'D';
        s.ctxVoluntary += 1;
        return s;
    }
    double run = 0, wait = 0;
    if (w < plan_.cpuBoundWorkers) {
        const int sharing = std::max(1, sharers_[static_cast<std::size_t>(s.lastCpu)]);
        run = 0.97 / sharing * (0.95 + 0.05 * r);
        wait = sharing > 1 ? 0.99 - run : 0.005;
        s.state = 'R';
        s.ctxInvoluntary += static_cast<std::uint64_t>(std::lround(250 * dt * active * sharing));
        s.ops += static_cast<std::uint64_t>(run * dt * active * 2e7);
    } else {
        run = 0.01 + 0.02 * r;
        wait = 0.001;
        s.state = r > 0.95 ? 'R' : 'S';
        s.ctxVoluntary += static_cast<std::uint64_t>(std::lround(100 * dt * active));
        s.ops += static_cast<std::uint64_t>(100 * dt * active);
    }
    s.runNs += static_cast<std::uint64_t>(run * dt * active * kNs);
    s.waitNs += static_cast<std::uint64_t>(wait * dt * active * kNs);
    s.timeslices += static_cast<std::uint64_t>(std::lround(250 * dt * active));
    s.minorFaults += r > 0.9 ? 1 : 0;
    return s;
}

std::vector<CoreSample> SyntheticSource::cores(const std::vector<WorkerSample>& workers,
                                               double dt) const
{
    std::vector<double> share(static_cast<std::size_t>(shape_.cpus), 0.0);
    for (const WorkerSample& w : workers)
        if (w.lastCpu >= 0) share[static_cast<std::size_t>(w.lastCpu)] += w.runNs;
    std::vector<CoreSample> out;
    out.reserve(share.size());
    for (int cpu = 0; cpu < shape_.cpus; ++cpu) {
        CoreSample c;
        c.cpu = cpu;
        // the workers' run time in the interval, and a percent or two of other programs
        const double mine = share[static_cast<std::size_t>(cpu)] / (dt * kNs);
        const double other =
            0.005 + 0.015 * noise(shape_.seed + 1, static_cast<std::uint64_t>(next_),
                                  static_cast<std::uint64_t>(cpu));
        c.busy = std::min(1.0, mine + other);
        c.user = 0.9 * c.busy;
        c.system = c.busy - c.user;
        out.push_back(c);
    }
    return out;
}

Sample SyntheticSource::next(std::vector<Event>& events)
{
    const double dt = intervalS();
    Sample s;
    s.t = next_ * dt;
    addEvents(next_ == 0 ? -1 : s.t - dt, s.t, events);
    std::vector<WorkerSample> before = w_;
    s.workers.reserve(w_.size());
    for (int w = 0; w < shape_.workers; ++w)
        s.workers.push_back(worker(w, s.t, next_ == 0 ? 0 : dt));
    if (next_ > 0) {
        // cores() sums run time per CPU: hand it this interval's deltas
        for (std::size_t i = 0; i < before.size(); ++i) {
            before[i].runNs = s.workers[i].runNs - before[i].runNs;
            before[i].lastCpu = s.workers[i].lastCpu;
        }
        s.cores = cores(before, dt);
    }
    // smaps_rollup is read at ≤ 2 Hz
    if (next_ % std::max(1, spec_.rateHz / 2) == 0) {
        int started = 0;
        for (const WorkerSample& w : s.workers)
            started += w.state != '?' && w.state != '-' && w.state != '!';
        MemorySample m;
        m.rssBytes = static_cast<std::uint64_t>((64 + 8.0 * started) * kMiB);
        m.pssBytes = m.rssBytes * 8 / 10;
        m.ussBytes = m.rssBytes * 6 / 10;
        m.sharedBytes = m.rssBytes - m.ussBytes;
        m.processes = 1 + (started + spec_.threadsPerProcess - 1) / spec_.threadsPerProcess;
        s.memory = m;
    }
    ++next_;
    return s;
}

Summary SyntheticSource::summarize(const std::vector<Sample>& samples) const
{
    return corelab::summarize(samples, totals());
}

WorkTotals SyntheticSource::totals() const
{
    WorkTotals totals;
    for (const WorkerSample& w : w_)
        totals.opsTotal += w.ops;
    totals.wallS = shape_.seconds; // the first start (t = 0) to the last exit (≈ the end)
    totals.workers = shape_.workers;
    totals.processes = spec_.workers;
    totals.workersCrashed = plan_.crashedWorker >= 0 ? 1 : 0;
    totals.workEndT = shape_.seconds;
    totals.windowStartS = 0.1 * shape_.seconds;
    totals.windowEndS = 0.95 * shape_.seconds;
    return totals;
}

RunRecord syntheticRecord(const SyntheticShape& shape)
{
    SyntheticSource source(shape);
    RunRecord r;
    r.corelabVersion = CORELAB_VERSION;
    r.startedAt = "2026-01-01T00:00:00Z";
    r.spec = source.spec();
    r.machine = source.machine();
    r.samples.reserve(static_cast<std::size_t>(source.sampleCount()));
    while (!source.done())
        r.samples.push_back(source.next(r.events));
    r.summary = source.summarize(r.samples);
    return r;
}

} // namespace corelab
