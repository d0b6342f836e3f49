#include "StudyStatus.h"

#include <QPainter>

#include "RunFiles.h"
#include "RunListModel.h"
#include "StudyRunner.h"
#include "spec/Describe.h"

namespace corelab::ui {

StudyStatus::StudyStatus(const StudyRunner* runner, const RunFiles* files, QWidget* parent)
    : QLabel(parent)
    , runner_(runner)
{
    connect(runner, &StudyRunner::stepStarted, this, &StudyStatus::onStepStarted);
    connect(runner, &StudyRunner::finished, this, &StudyStatus::onFinished);
    connect(files, &RunFiles::runSaved, this, &StudyStatus::onRunSaved);
}

void StudyStatus::setText(const QString& line)
{
    setToolTip(line);
    QLabel::setText(line);
}

QSize StudyStatus::minimumSizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("…")) * 8,
            QLabel::minimumSizeHint().height()};
}

void StudyStatus::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = contentsRect();
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(text(), Qt::ElideMiddle, area.width()));
}

void StudyStatus::onStepStarted(int step)
{
    const Study& study = *runner_->study();
    const QString what =
        QString::fromStdString(describe(study.plan().at(static_cast<std::size_t>(step))));
    setText(study.steps() == 1 ? tr("running %1").arg(what)
                               : tr("%1: running %2 (%3)")
                                     .arg(QString::fromStdString(study.kind()),
                                          QString::fromStdString(study.stepLabel(step)), what));
}

void StudyStatus::onRunSaved(const RunRecord& record, const QString& path)
{
    if (!runner_->study() || runner_->study()->kind() != "run") return; // a study says more
    setText(tr("run finished: %1").arg(RunListModel::titleFor(record)) %
            (path.isEmpty() ? QString() : tr(" — saved to %1").arg(path)));
}

void StudyStatus::onFinished(bool complete)
{
    const Study& study = *runner_->study();
    const QString kind = QString::fromStdString(study.kind());
    // a single run said where it went; a whole comparison says where its file went
    if (kind == QLatin1String("run") || (complete && kind == QLatin1String("compare"))) return;
    setText(complete ? tr("%1 finished").arg(kind)
                     : tr("%1 stopped after %2 of %3 runs")
                           .arg(kind)
                           .arg(runner_->wholeRuns())
                           .arg(study.steps()));
}

} // namespace corelab::ui
