// The Table tab's study: every preset's A and B, alternating, one row per preset.
#include "ImageExport.h"
#include "RunSeries.h"
#include "StudyRunner.h"
#include "TableTab.h"

namespace corelab::ui {

void TableTab::setPresets(std::vector<Preset> presets, const QString& cpuModel)
{
    presets_ = std::move(presets);
    cpuModel_ = cpuModel;
}

void TableTab::attach(StudyRunner* runner)
{
    runner_ = runner;
    connect(this, &TableTab::stopRequested, runner, &StudyRunner::stop);
    auto mine = [this] { return study_ && runner_->study() == study_.get(); };
    connect(runner, &StudyRunner::stepStarted, this, [this, mine](int step) {
        if (!mine()) return;
        setProgress(step, study_->steps(), QString::fromStdString(study_->stepLabel(step)));
    });
    connect(runner, &StudyRunner::stepFinished, this,
            [this, mine](int, const RunRecord& record, bool whole) {
                if (!mine() || !whole) return;
                if (doneCaption_.isEmpty())
                    doneCaption_ =
                        tr("The threads-vs-processes table, measured: %1 runs per side · %2")
                            .arg(study_->options().repeats)
                            .arg(captionLines(record).value(1));
                setRows(study_->rows());
            });
    connect(runner, &StudyRunner::finished, this, [this, mine] {
        if (!mine()) return;
        setRunning(false);
        setProgress(study_->steps(), study_->steps(), {});
        if (!doneCaption_.isEmpty()) setCaption(doneCaption_);
    });
}

std::optional<QString> TableTab::start(bool quick)
{
    if (runner_->active()) return tr("a run is already in progress: stop it or wait for it to end");
    options_ = tableOptions(quick);
    study_ = std::make_unique<TableStudy>(presets_, options_);
    doneCaption_.clear();
    if (auto error = runner_->start(*study_)) return error;
    setRows({});
    setCaption(tr("Measuring on %1").arg(cpuModel_));
    setRunning(true);
    return std::nullopt;
}

} // namespace corelab::ui
