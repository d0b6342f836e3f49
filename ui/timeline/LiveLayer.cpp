#include "timeline/LiveLayer.h"

#include "Qcp.h"
#include "timeline/TimelinePlot.h"

namespace corelab::ui {

namespace {

const QString kLive = QStringLiteral("live");

void describeAxis(const QCPAxis* axis, QString& out)
{
    const QCPRange r = axis->range();
    out += QString::number(r.lower, 'g', 12) + u' ' + QString::number(r.upper, 'g', 12) + u' ' +
           QString::number(axis->visible()) + QString::number(axis->tickLabels()) +
           QString::number(axis->rangeReversed()) + axis->label() + u'|';
    if (auto* text = dynamic_cast<QCPAxisTickerText*>(axis->ticker().data())) {
        const auto& ticks = text->ticks();
        for (auto it = ticks.cbegin(); it != ticks.cend(); ++it)
            out += QString::number(it.key()) + u'=' + it.value() + u'|';
    }
}

} // namespace

LiveLayer::LiveLayer(TimelinePlot* plot)
    : plot_(plot)
{
    plot->addLayer(kLive, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    layer_ = plot->layer(kLive);
    layer_->setMode(QCPLayer::lmBuffered);
    for (int i = 0; i < plot->plottableCount(); ++i)
        plot->plottable(i)->setLayer(layer_);
    for (int i = 0; i < plot->itemCount(); ++i)
        if (plot->item(i)->layer()->name() == QLatin1String("main"))
            plot->item(i)->setLayer(layer_);
    plot->setCurrentLayer(layer_);
    // QCPLayer::replot replots the whole plot when any paint buffer was invalidated (an
    // item added to or removed from a layer, a layer shown): count what was done, not
    // what was asked
    QObject::connect(plot, &QCustomPlot::beforeReplot, [this] { ++whole_; });
}

// Everything the other layers draw that a panel's update may change: the layout's
// elements and their places, axes (range, labels, text ticks), titles, legends and
// colour scales. Pens, fonts and colours change only with the style: invalidate().
QString LiveLayer::signature() const
{
    QString out;
    out += QString::number(plot_->viewport().width()) + u'x' +
           QString::number(plot_->viewport().height()) + u';';
    for (QCPLayoutElement* e : plot_->plotLayout()->elements(true)) {
        if (!e) continue;
        const QRect r = e->outerRect();
        out += QString::number(e->visible()) + u'@' + QString::number(r.x()) + u',' +
               QString::number(r.y()) + u',' + QString::number(r.width()) + u',' +
               QString::number(r.height()) + u';';
        if (auto* rect = qobject_cast<QCPAxisRect*>(e)) {
            for (const QCPAxis* axis : rect->axes())
                describeAxis(axis, out);
        } else if (auto* text = qobject_cast<QCPTextElement*>(e)) {
            out += text->text() + u';';
        } else if (auto* legend = qobject_cast<QCPLegend*>(e)) {
            out += QString::number(legend->itemCount()) + u'/' +
                   QString::number(legend->columnCount()) + u';';
        } else if (auto* scale = qobject_cast<QCPColorScale*>(e)) {
            out += QString::number(scale->dataRange().lower, 'g', 17) + u' ' +
                   QString::number(scale->dataRange().upper, 'g', 17) + u';';
            describeAxis(scale->axis(), out);
        }
    }
    return out;
}

bool LiveLayer::replot()
{
    QString now = signature();
    if (!signature_.isEmpty() && now == signature_) {
        const int wholeBefore = whole_;
        plot_->replotLayer(layer_);
        if (whole_ == wholeBefore) ++layerOnly_;
        return whole_ != wholeBefore;
    }
    signature_ = std::move(now);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return true;
}

} // namespace corelab::ui
