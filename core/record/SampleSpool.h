#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "record/CompactChunkWriter.h"
#include "record/RunRecord.h"

namespace corelab {

// A live run's samples as they come, kept as the compact run file's chunks (11.5 bytes
// per worker reading instead of a 120-byte WorkerSample) in a spool file, so what a
// run holds in memory stays bounded however long it lasts.
//
// The spool file has no name from the moment it exists (created, then unlinked at
// once): nothing is ever left behind, whether the run finishes, is stopped, is
// discarded or the process is killed, because the kernel frees an unlinked file when
// its last descriptor closes. The run file is written from it at the end
// (writeRunFile), byte for byte what saveCompactRunFile writes for the same samples.
//
// Written by one thread; once closed, every const member may be called from any thread.
class SampleSpool {
public:
    // folder: where the spool's bytes go; empty: $TMPDIR, else /tmp. Throws
    // std::runtime_error when no file can be made there.
    explicit SampleSpool(std::string folder = {});
    ~SampleSpool();
    SampleSpool(const SampleSpool&) = delete;
    SampleSpool& operator=(const SampleSpool&) = delete;

    void add(const Sample& s);
    // Writes the last chunk; call once, after the last add().
    void close();

    std::size_t samples() const { return count_; }
    // Bytes of chunks in the spool file so far.
    std::uint64_t bytes() const { return size_; }

    // The compact run file of `head` (everything of a record but its samples) with the
    // spooled samples, written atomically (AtomicFile). Throws std::runtime_error.
    void writeRunFile(const RunRecord& head, const std::string& path) const;
    // `head` with the spooled samples in memory, for what needs them there (the JSON
    // layout, CSV): as much memory as the run would have taken without a spool.
    RunRecord load(const RunRecord& head) const;

private:
    template <class Out> void copyChunks(Out& out) const;
    void writeOut(const std::string& bytes);

    std::string folder_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::size_t count_ = 0;
    CompactChunkWriter chunk_;
    std::string pending_;
    // the writer reads the previous sample again: the last two are kept here
    Sample held_[2];
    int next_ = 0;
    bool closed_ = false;
};

} // namespace corelab
