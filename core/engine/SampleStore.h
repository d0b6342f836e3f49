#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "record/RunRecord.h"
#include "record/SampleSpool.h"
#include "record/Summarize.h"

namespace corelab {

// Where a live run's samples go, so that what it holds stays bounded however long it
// lasts: every sample into the spool (compressed chunks in an unnamed file) and into the
// summary, and into the record's own list only while that fits the budget. Both the
// engine's Run and the SyntheticRun keep their samples here.
class SampleStore {
public:
    // budget: worker readings (a sample counts its workers + 1) the record may hold in
    // memory; spoolFolder as EngineOptions. Without a spool (none could be made, or
    // the disk filled) samples past the budget halve the record's time resolution.
    SampleStore(std::size_t budget, const std::string& spoolFolder);

    // An error line when the spool failed just now (said once; samples then stay in
    // memory, and those only the spool had are lost).
    std::optional<std::string> add(Sample sample);
    // Moves what was kept into `record`: its samples when they fit the budget, else its
    // spool (record.spool; record.samples empty). An error line when the spool failed.
    std::optional<std::string> finish(RunRecord& record);

    const SummaryBuilder& summary() const { return summary_; }
    // What is held in memory now: the record's samples and their worker readings.
    std::size_t heldSamples() const { return samples_.size(); }
    std::size_t heldWorkerReadings() const { return held_; }
    bool spooled() const { return spool_ != nullptr; }
    const std::vector<Sample>& samples() const { return samples_; }

private:
    void thin();

    std::size_t budget_;
    std::shared_ptr<SampleSpool> spool_;
    SummaryBuilder summary_;
    std::vector<Sample> samples_;
    std::size_t held_ = 0;
    bool dropped_ = false; // samples_ gave up: only the spool has them
};

} // namespace corelab
