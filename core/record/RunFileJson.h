#pragma once

#include "record/RunRecord.h"

namespace corelab {

class AtomicFile;

// Writes `r` as the JSON run file's object ("{" … "}", no newline after it) into an
// open file: the head indented, then events and samples one compact line each, every
// sample from the spool when the record has one (a long run's record holds few or none
// in memory). The JSON run file is this object; a comparison file holds two.
void writeRunFileJson(AtomicFile& out, const RunRecord& r);

} // namespace corelab
