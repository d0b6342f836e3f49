#pragma once

#include <string>

#include <QString>

namespace corelab::ui {

// The core speaks UTF-8 std::string, the widgets QString: one short name for the crossing.
inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace corelab::ui
