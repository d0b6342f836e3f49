#include "analysis/ArticleClaims.h"

#include <algorithm>
#include <cctype>

namespace corelab {

namespace {

bool sameWords(const std::string& x, const std::string& y)
{
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    });
}

} // namespace

// Quoted from /work/shared/reference/threads-vs-processes.txt: the table's rows, and two
// sentences of "Real-World Scenarios" and "The Hidden Cost of Parallelism".
const std::vector<ArticleClaim>& articleClaims()
{
    static const std::vector<ArticleClaim> claims = {
        {"Startup cost", "Startup Cost", "Very low", "Higher (process creation)",
         "Threads for fast startup tasks", "threads"},
        {"Memory usage", "Memory Usage", "Shared memory", "Separate memory per process",
         "Threads when memory is limited", "threads"},
        {"CPU utilization", "CPU Utilization", "Limited (GIL in some languages)",
         "Full multi-core usage", "Processes for computation", "processes"},
        {"Context switching", "Context Switching", "Lightweight", "Heavier",
         "Threads for frequent switching", "threads"},
        {"Communication", "Communication", "Fast (shared memory)", "Slower (IPC required)",
         "Threads for shared state", "threads"},
        {"Data safety", "Data Safety", "Risk of race conditions", "Isolated memory",
         "Processes for safer execution", "processes"},
        {"I/O performance", "I/O Performance", "Excellent", "Good but heavier",
         "Threads for I/O-bound tasks", "threads"},
        {"Scalability", "Scalability", "Limited by runtime", "Scales with cores",
         "Processes for scaling workloads", "processes"},
        {"Fault isolation", "Fault Isolation", "Low (crash affects all threads)",
         "High (isolated processes)", "Processes for critical systems", "processes"},
        {"Debugging", "Debugging", "Hard (race conditions)", "Easier (clear boundaries)",
         "Processes for clarity", "processes"},
        {"Mixed work (hybrid)", "", "", "", "Modern backend systems often combine approaches.",
         "hybrid"},
        {"Too many workers", "", "", "",
         "In some cases, adding more workers actually slows down the system because the "
         "overhead outweighs the benefit.",
         "fewer workers"},
    };
    return claims;
}

const ArticleClaim* findClaim(const std::string& aspect)
{
    for (const ArticleClaim& c : articleClaims())
        if (sameWords(c.aspect, aspect)) return &c;
    return nullptr;
}

int claimedWinnerSide(const ArticleClaim& claim, const ExperimentSpec& a, const ExperimentSpec& b)
{
    if (claim.winner.empty()) return -1;
    if (claim.winner == "fewer workers")
        return a.totalWorkers() == b.totalWorkers()  ? -1
               : a.totalWorkers() < b.totalWorkers() ? 0
                                                     : 1;
    // creating a thread or a process (spawn's method) counts as that model
    auto kind = [](const ExperimentSpec& s) -> std::string {
        const auto method = s.params.find("method");
        if (s.workload == "spawn" && method != s.params.end())
            return method->second == 0 ? "threads" : "processes";
        return toString(s.model);
    };
    const bool ia = kind(a) == claim.winner, ib = kind(b) == claim.winner;
    return ia == ib ? -1 : ia ? 0 : 1;
}

} // namespace corelab
