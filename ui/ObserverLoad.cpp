#include "ObserverLoad.h"

#include "StudyRunner.h"
#include "probe/OwnCpu.h"

namespace corelab::ui {

ObserverLoad::ObserverLoad(const StudyRunner* runner, QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("observerLoad"));
    setToolTip(tr("CPU time this window (with its engine and sampler) used since the run "
                  "started, as a share of one core: load on the machine that the workers "
                  "did not cause (/proc/self/stat)."));
    connect(runner, &StudyRunner::stepStarted, this, [this] { begin(); });
    connect(runner, &StudyRunner::liveChanged, this, [this] {
        if (!shown_.isValid() || shown_.elapsed() >= 1000) update(false);
    });
    connect(runner, &StudyRunner::stepFinished, this, [this] { update(true); });
}

void ObserverLoad::begin()
{
    cpuAtStart_ = probe::ownCpuSeconds();
    wall_.start();
    shown_.invalidate();
    setText(QString());
}

std::optional<double> ObserverLoad::percent() const
{
    if (!cpuAtStart_) return std::nullopt;
    const auto now = probe::ownCpuSeconds();
    if (!now) return std::nullopt;
    return probe::percentOfCore(*now - *cpuAtStart_, static_cast<double>(wall_.elapsed()) / 1e3);
}

void ObserverLoad::update(bool final)
{
    // the first second holds a tick or two of 10 ms: too coarse to say anything
    if (!final && wall_.elapsed() < 1000) return;
    const auto p = percent();
    if (!p) return;
    shown_.start();
    setText(final ? tr("window used %1 % of a core during the run").arg(*p, 0, 'f', 1)
                  : tr("window %1 % of a core").arg(*p, 0, 'f', 1));
}

} // namespace corelab::ui
