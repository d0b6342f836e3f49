#include "catalogue/Catalogue.h"
#include "runtime/WorkerContext.h"

namespace corelab {

namespace {

// The leader runs the command itself (worker/ExternalRunner), so no worker thread
// ever calls this.
void runNothing(WorkerContext&) {}

std::string whyUnsupported(const ExperimentSpec& spec)
{
    if (spec.model != Model::Threads || spec.workers != 1)
        return "the command decides for itself how many threads and processes it uses: run it "
               "with --model threads --workers 1 (the defaults for external)";
    if (spec.interpreterLock)
        return "the emulated interpreter lock applies to CoreLab's own kernels; a Python command "
               "brings its real one";
    if (spec.crashWorker >= 0)
        return "crash injection applies to CoreLab's own kernels, not to another program";
    return {};
}

// How many of the command's threads and processes were alive at once, at most.
void summarizeExternal(const WorkloadResult& r, std::map<std::string, double>& out)
{
    out["threads_peak"] = static_cast<double>(r.samples.peakAliveThreads);
    out["processes_peak"] = static_cast<double>(r.samples.peakAliveProcesses);
}

} // namespace

WorkloadInfo externalWorkload()
{
    WorkloadInfo w;
    w.name = "external";
    w.description = "Any program: runs your command (e.g. python3 script.py) and measures all of "
                    "its processes and threads; a line 'corelab-ops N' on its stdout counts N ops.";
    w.opUnit = "op reported by the command";
    w.run = runNothing;
    w.unsupported = whyUnsupported;
    w.summarize = summarizeExternal;
    w.figures = {{"threads_peak", "threads", Better::Neither,
                  "most threads of the command alive at one sample"},
                 {"processes_peak", "processes", Better::Neither,
                  "most processes of the command alive at one sample"}};
    return w;
}

} // namespace corelab
