#pragma once

#include <optional>

#include <QElapsedTimer>
#include <QLabel>

namespace corelab::ui {

class StudyRunner;

// The status bar's note of what the window itself costs while it watches a run: its own
// CPU time (utime + stime of /proc/self/stat, core/probe/OwnCpu.h: the window with its
// engine and sampler threads) since the run started, as % of one core, updated at most
// once a second. It is load the workers did not cause: the observer's.
class ObserverLoad : public QLabel {
    Q_OBJECT
public:
    explicit ObserverLoad(const StudyRunner* runner, QWidget* parent = nullptr);

    // % of a core since the run started, or nullopt before one started.
    std::optional<double> percent() const;

private:
    void begin();
    void update(bool final);

    QElapsedTimer wall_;  // since the run started
    QElapsedTimer shown_; // since the text last changed
    std::optional<double> cpuAtStart_;
};

} // namespace corelab::ui
