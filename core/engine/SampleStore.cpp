#include "engine/SampleStore.h"

#include <algorithm>

#include "Log.h"

namespace corelab {

SampleStore::SampleStore(std::size_t budget, const std::string& spoolFolder)
    : budget_(budget)
{
    try {
        spool_ = std::make_shared<SampleSpool>(spoolFolder);
    } catch (const std::exception& e) {
        logger("engine")->warn("{}: the samples stay in memory", e.what());
    }
}

std::optional<std::string> SampleStore::add(Sample sample)
{
    std::optional<std::string> error;
    summary_.add(sample);
    try {
        if (spool_) spool_->add(sample);
    } catch (const std::exception& e) {
        // the disk is full, say: from here the samples stay in memory (thinned when past
        // the budget), and those only the spool had are lost
        error = std::string(e.what()) + (dropped_ ? ": earlier samples lost" : "");
        spool_.reset();
        dropped_ = false;
    }
    if (dropped_) return error;
    held_ += sample.workers.size() + 1;
    samples_.push_back(std::move(sample));
    if (held_ <= budget_) return error;
    if (!spool_) {
        thin();
        return error;
    }
    // the spool has them all: the record holds none from here on
    samples_.clear();
    samples_.shrink_to_fit();
    held_ = 0;
    dropped_ = true;
    logger("engine")->info("samples past {} worker readings are kept in the spool only", budget_);
    return error;
}

namespace {

void foldMemory(Sample& into, const Sample& dropped)
{
    if (!dropped.memory) return;
    if (!into.memory) {
        into.memory = dropped.memory;
        return;
    }
    MemorySample& m = *into.memory;
    m.rssBytes = std::max(m.rssBytes, dropped.memory->rssBytes);
    m.pssBytes = std::max(m.pssBytes, dropped.memory->pssBytes);
    m.ussBytes = std::max(m.ussBytes, dropped.memory->ussBytes);
    m.sharedBytes = std::max(m.sharedBytes, dropped.memory->sharedBytes);
    m.processes = std::max(m.processes, dropped.memory->processes);
}

} // namespace

// Halves the time resolution of the held samples. Counters are cumulative, so dropping
// a sample loses detail, not totals; a dropped memory reading is folded into the kept one
// before it (field-wise maximum), so peaks survive. The first and last samples are
// always kept. (The summary has seen every sample already.)
void SampleStore::thin()
{
    std::vector<Sample> kept;
    held_ = 0;
    for (std::size_t i = 0; i < samples_.size(); ++i) {
        if (i % 2 == 1 && i + 1 != samples_.size()) {
            foldMemory(kept.back(), samples_[i]);
            continue;
        }
        held_ += samples_[i].workers.size() + 1;
        kept.push_back(std::move(samples_[i]));
    }
    samples_ = std::move(kept);
    logger("engine")->info("record thinned to {} samples to stay within its memory budget",
                           samples_.size());
}

std::optional<std::string> SampleStore::finish(RunRecord& record)
{
    std::optional<std::string> error;
    record.samples = std::move(samples_);
    samples_ = {};
    held_ = 0;
    if (!spool_) return error;
    try {
        spool_->close();
        if (dropped_) record.spool = spool_;
    } catch (const std::exception& e) {
        // only the spool had the samples: the record goes without them
        if (dropped_) error = e.what();
    }
    spool_.reset(); // the record's copy, if any, keeps it open
    return error;
}

} // namespace corelab
