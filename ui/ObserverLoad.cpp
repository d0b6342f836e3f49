#include "ObserverLoad.h"

#include <QApplication>
#include <QPaintEvent>
#include <QStringList>
#include <QWidget>

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
    // as wide as its widest live text, so a figure one digit longer does not lay the
    // status bar out again
    setMinimumWidth(
        fontMetrics().horizontalAdvance(tr("window %1 % of a core").arg(100.0, 0, 'f', 1)) +
        contentsMargins().left() + contentsMargins().right());
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

namespace corelab::ui {

PaintCounter::PaintCounter(QObject* parent)
    : QObject(parent)
{
    qApp->installEventFilter(this);
}

PaintCounter::~PaintCounter()
{
    if (qApp) qApp->removeEventFilter(this);
}

QString PaintCounter::keyOf(const QObject* object)
{
    const QString name = object->objectName();
    const QString cls = QString::fromLatin1(object->metaObject()->className());
    return name.isEmpty() ? cls : cls + u'#' + name;
}

PaintCounter::Counts PaintCounter::total(const QString& prefix) const
{
    Counts sum;
    for (auto it = counts_.cbegin(); it != counts_.cend(); ++it) {
        if (!it.key().startsWith(prefix)) continue;
        sum.paints += it->paints;
        sum.wholePaints += it->wholePaints;
        sum.pixels += it->pixels;
        sum.resizes += it->resizes;
        sum.layoutRequests += it->layoutRequests;
        sum.other += it->other;
    }
    return sum;
}

bool PaintCounter::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::Paint:
        if (auto* widget = qobject_cast<QWidget*>(watched)) {
            Counts& c = counts_[keyOf(watched)];
            const QRect r = static_cast<QPaintEvent*>(event)->rect();
            ++c.paints;
            c.pixels += static_cast<qint64>(r.width()) * r.height();
            if (r.contains(widget->rect())) ++c.wholePaints;
        }
        break;
    case QEvent::Resize:
        if (watched->isWidgetType()) ++counts_[keyOf(watched)].resizes;
        break;
    case QEvent::LayoutRequest:
        if (watched->isWidgetType()) ++counts_[keyOf(watched)].layoutRequests;
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

QString PaintCounter::report(int samples) const
{
    const double per = samples > 0 ? 1.0 / samples : 1.0;
    QStringList keys = counts_.keys();
    keys.sort();
    QString out = QStringLiteral("%1 samples; per sample: paints (whole widget) kpixels "
                                 "resizes layout-requests other\n")
                      .arg(samples);
    for (const QString& key : keys) {
        const Counts& c = counts_[key];
        out += QStringLiteral("%1  %2 (%3)  %4  %5  %6  %7\n")
                   .arg(key, -40)
                   .arg(c.paints * per, 0, 'f', 2)
                   .arg(c.wholePaints * per, 0, 'f', 2)
                   .arg(static_cast<double>(c.pixels) * per / 1000.0, 0, 'f', 0)
                   .arg(c.resizes * per, 0, 'f', 2)
                   .arg(c.layoutRequests * per, 0, 'f', 2)
                   .arg(c.other * per, 0, 'f', 2);
    }
    return out;
}

} // namespace corelab::ui
