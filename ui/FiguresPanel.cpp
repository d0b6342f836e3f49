#include "FiguresPanel.h"

#include <algorithm>
#include <cmath>

#include <QResizeEvent>
#include <QStringList>
#include <QTimer>

#include "RunSeries.h"
#include "Text.h"
#include "analysis/FigureWords.h"
#include "analysis/Format.h"

namespace corelab::ui {

namespace {

double lastValue(const Series& s)
{
    return s.empty() ? std::nan("") : s.v.back();
}

QString item(const QString& words, const QString& value)
{
    return words.toHtmlEscaped() % QStringLiteral(" <b>") % value.toHtmlEscaped() %
           QStringLiteral("</b>");
}

QString answerLine(const QString& words, const QString& value, const QString& help)
{
    return QStringLiteral("<span style=\"font-size:x-large\">") % words.toHtmlEscaped() %
           QStringLiteral(": <b>") % value.toHtmlEscaped() % QStringLiteral("</b></span> ") %
           QStringLiteral("<span style=\"font-size:small\">") % help.toHtmlEscaped() %
           QStringLiteral("</span>");
}

} // namespace

FiguresPanel::FiguresPanel(QWidget* parent)
    : QLabel(parent)
    , timer_(new QTimer(this))
{
    setObjectName(QStringLiteral("figuresPanel"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(8, 4, 8, 4);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    // a sample arrives up to 100 times a second; words need not follow that fast, and
    // laying out rich text twice (to set it, and for the holder's height) is a tenth of the
    // window's CPU while a run is live at 4 Hz (issue 14)
    timer_->setInterval(500);
    connect(timer_, &QTimer::timeout, this, [this] {
        // hidden (a compact timeline), nobody reads it
        if (!isVisible()) return;
        if (model_ && (!shownAny_ || model_->version() != shownVersion_)) refreshNow();
    });
    timer_->start();
}

void FiguresPanel::setModel(const RunSeries* model)
{
    model_ = model;
    shownAny_ = false;
}

void FiguresPanel::setPresetFigure(const std::string& figure)
{
    presetFigure_ = figure;
    shownAny_ = false;
}

void FiguresPanel::refreshNow()
{
    if (!model_) {
        setText({});
        return emit shown();
    }
    shownVersion_ = model_->version();
    shownAny_ = true;
    const RunRecord& r = model_->record();
    if (r.spec.workload.empty() || (model_->live() && r.samples.empty())) {
        setText(tr("The run's figures appear here when it starts."));
        return emit shown();
    }
    setText(model_->live() ? liveText() : finishedText());
    emit shown();
}

QString FiguresPanel::liveText() const
{
    const RunRecord& r = model_->record();
    const std::string answer = answeringFigure(r.spec.workload, presetFigure_);
    const QString now =
        QStringList{
            item(tr("throughput now"), qs(formatValue(lastValue(model_->opsPerS()), "ops/s"))),
            item(tr("RSS now"), qs(formatValue(lastValue(model_->rssMiB()) * kMiB, "B"))),
            item(tr("context switches now"),
                 qs(formatValue(lastValue(model_->ctxVoluntaryPerS()) +
                                    lastValue(model_->ctxInvoluntaryPerS()),
                                "per s")))}
            .join(QStringLiteral(" · "));
    return answerLine(qs(figureWords(answer)), tr("when the run ends"),
                      tr("running: %1 s of %2 s")
                          .arg(r.samples.back().t, 0, 'f', 1)
                          .arg(r.spec.durationS)) %
           QStringLiteral("<br>") % now;
}

QString FiguresPanel::finishedText() const
{
    const RunRecord& r = model_->record();
    const auto lines = runFigureLines(r, answeringFigure(r.spec.workload, presetFigure_));
    if (lines.empty()) return {};
    QStringList rest;
    for (std::size_t i = 1; i < lines.size(); ++i)
        rest << item(qs(lines[i].words), qs(lines[i].value));
    const FigureLine& answer = lines.front();
    return answerLine(qs(answer.words), qs(answer.value), qs(answer.help)) %
           QStringLiteral("<br>") % rest.join(QStringLiteral(" · "));
}

FiguresHolder::FiguresHolder(FiguresPanel* figures, QWidget* parent)
    : QWidget(parent)
    , figures_(figures)
{
    figures->setParent(this);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setFixedHeight(0);
}

void FiguresHolder::fit(bool growOnly)
{
    int h = figures_->heightForWidth(std::max(1, width()));
    if (h < 0) h = figures_->sizeHint().height();
    if (growOnly) h = std::max(h, height());
    if (h != height()) setFixedHeight(h);
}

void FiguresHolder::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    figures_->setGeometry(rect());
    if (event->size().width() != event->oldSize().width()) fit(false);
}

} // namespace corelab::ui
