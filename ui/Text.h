#pragma once

#include <string>

#include <QString>

namespace corelab::ui {

// The core speaks UTF-8 std::string, the widgets QString: one short name for the crossing.
inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

// Bytes in a MiB: the run record counts bytes, the charts and texts say MiB.
inline constexpr double kMiB = 1024.0 * 1024.0;

} // namespace corelab::ui
