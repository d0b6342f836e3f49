#pragma once

#include <string>

#include "record/RunRecord.h"

namespace corelab {

// Did other programs take cores this run's workers needed? Only then are its CPU use
// and throughput below what the machine gives: its workers and the others together
// wanted more cores than there are (a quarter core of slack for the sampling). Below
// half a core of others the loss is within a run's own noise (kTieRatio on two
// cores), and CoreLab's own window takes a few tenths while it draws. The others'
// load is otherBusyCores (record/Summarize.h); a run that did not measure it is not
// crowded.
bool crowdedByOthers(const RunRecord& r);

// One sentence for a crowded run (how many cores the others kept, of how many, and
// what that does to its figures); empty when it was not crowded. Every view that
// draws busy cores or judges a run by them says it.
std::string otherLoadWarning(const RunRecord& r);

} // namespace corelab
