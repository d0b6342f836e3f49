#include "AtomicFile.h"
#include "JsonInput.h"
#include "record/CompactRunFile.h"
#include "record/RunFileJson.h"
#include "record/RunRecord.h"
#include "record/SampleSpool.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace corelab {

using nlohmann::json;

namespace {

// Invalid UTF-8 (say, in an error text taken from a worker) becomes U+FFFD instead of
// failing the whole save.
std::string dumpJson(const json& j, int indent)
{
    return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

template <class T>
void writeArray(AtomicFile& out, const char* key, const std::vector<T>& items, bool last)
{
    out.write("\"" + std::string(key) + "\": [");
    for (std::size_t i = 0; i < items.size(); ++i) {
        out.write(i == 0 ? "\n" : ",\n");
        out.write(dumpJson(json(items[i]), -1));
    }
    out.write(last ? "\n]\n" : "\n],\n");
}

std::string shortest(double v)
{
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? std::string(buffer, end) : std::string("nan");
}

// Only a state letter could need quoting; this keeps a stray ',' or '"' from
// shifting every later column.
std::string csvField(char c)
{
    if (c == ',' || c == '"' || c == '\n' || c == '\r')
        return c == '"' ? std::string("\"\"\"\"") : "\"" + std::string(1, c) + "\"";
    return std::string(1, c);
}

std::string csvRow(double t, const WorkerSample& w)
{
    std::string row = shortest(t);
    for (auto v : {std::int64_t(w.index), std::int64_t(w.pid), std::int64_t(w.tid)})
        row += "," + std::to_string(v);
    row += "," + csvField(w.state) + "," + std::to_string(w.lastCpu);
    for (auto v : {w.ops, w.runNs, w.waitNs, w.timeslices, w.ctxVoluntary, w.ctxInvoluntary,
                   w.minorFaults, w.majorFaults})
        row += "," + std::to_string(v);
    return row + "\n";
}

} // namespace

// The head (spec, machine, summary) is indented for people; events and samples are
// written one compact object per line: indenting every field of a long run would make
// the file several times larger, while a line per sample still reads, greps and diffs
// well. Streaming element by element also avoids holding a second, JSON-tree copy of
// all samples in memory.
void writeRunFileJson(AtomicFile& out, const RunRecord& r)
{
    if (r.spool) return writeRunFileJson(out, r.spool->load(r));
    json head = runFileHead(r);
    out.write("{\n\"schema\": " + dumpJson(head["schema"], 1) + ",\n");
    head.erase("schema");
    for (const auto& [key, value] : head.items())
        out.write("\"" + key + "\": " + dumpJson(value, 1) + ",\n");
    writeArray(out, "events", r.events, false);
    writeArray(out, "samples", r.samples, true);
    out.write("}");
}

void saveRunFile(const RunRecord& r, const std::string& path)
{
    if (path.ends_with(kCompactRunFileExtension)) return saveCompactRunFile(r, path);
    AtomicFile out(path);
    writeRunFileJson(out, r);
    out.write("\n");
    out.commit();
}

RunRecord parseRunFile(std::string_view bytes)
{
    if (isCompactRunFile(bytes)) {
        ByteSource in(bytes);
        return readCompactRunFile(in);
    }
    const json j = parseJsonInput(bytes, kRecordLimits);
    if (!j.is_object()) throw std::invalid_argument("not a CoreLab run file");
    return j.get<RunRecord>();
}

namespace {

// The compact layout is read straight from the file, chunk by chunk; nullopt when the
// file does not start like one (then it is read whole, as JSON).
std::optional<RunRecord> loadCompact(const std::string& path, const RunFileSink* sink)
{
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) throw ioError(path, "cannot open", errno);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw ioError(path, "cannot read", errno);
    if (!S_ISREG(st.st_mode)) throw std::runtime_error(path + ": not a regular file");
    char magic[8] = {};
    if (::pread(fd, magic, sizeof magic, 0) != static_cast<ssize_t>(sizeof magic) ||
        !isCompactRunFile(std::string_view(magic, sizeof magic)))
        return std::nullopt;
    if (static_cast<std::uint64_t>(st.st_size) > kRecordLimits.maxBytes)
        throw std::runtime_error(path + ": larger than " +
                                 std::to_string(kRecordLimits.maxBytes >> 20) +
                                 " MiB: not a file CoreLab wrote");
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    ByteSource in(fd, static_cast<std::uint64_t>(st.st_size));
    try {
        return readCompactRunFile(in, sink);
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

} // namespace

RunRecord loadRunFile(const std::string& path)
{
    if (auto compact = loadCompact(path, nullptr)) return std::move(*compact);
    const std::string bytes = readInputFile(path, kRecordLimits.maxBytes);
    try {
        return parseRunFile(bytes);
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

RunRecord loadRunFile(const std::string& path, const RunFileSink& sink)
{
    if (auto compact = loadCompact(path, &sink)) return std::move(*compact);
    // a JSON file (schema 1) is parsed whole anyway: its samples go over in one batch
    RunRecord r = loadRunFile(path);
    const std::vector<Sample> samples = std::move(r.samples);
    r.samples.clear();
    if (sink.head) sink.head(r, samples.size());
    if (sink.samples && !samples.empty()) sink.samples(samples);
    return r;
}

void saveSamplesCsv(const RunRecord& r, const std::string& path)
{
    if (r.spool) return saveSamplesCsv(r.spool->load(r), path);
    AtomicFile out(path);
    out.write("t_s,worker,pid,tid,state,last_cpu,ops,run_ns,wait_ns,timeslices,ctx_voluntary,"
              "ctx_involuntary,minor_faults,major_faults\n");
    for (const auto& sample : r.samples)
        for (const auto& worker : sample.workers)
            out.write(csvRow(sample.t, worker));
    out.commit();
}

} // namespace corelab
