// On a 1280×800 screen in presentation mode, with a comparison loaded, no legend entry, panel
// title or table header on the Run and Compare tabs is cut or elided: each text's
// measured width fits the rectangle it is drawn in, and the rectangle is on screen.
#include <QHeaderView>
#include <QStyle>
#include <QTabWidget>
#include <QtTest>

#include "CompareTab.h"
#include "MainWindow.h"
#include "Qcp.h"
#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

int widestLine(const QFontMetrics& fm, const QString& text)
{
    int widest = 0;
    for (const QString& line : text.split(u'\n'))
        widest = std::max(widest, fm.horizontalAdvance(line));
    return widest;
}

// Every entry of every shown legend: its text fits its cell, the cell is inside the
// plot, and no two entries, nor an entry and the panel title, overlap.
QStringList clippedLegendTexts(TimelineView* view)
{
    QStringList problems;
    const QRect plotRect = view->plot()->rect();
    for (TimelinePanel* panel : view->panels()) {
        if (!panel->rect()->visible()) continue;
        const QCPTextElement* title = panel->titleElement();
        const QFontMetrics titleFm(title->font());
        const QRect titleText(title->rect().topLeft(),
                              QSize(widestLine(titleFm, title->text()), title->rect().height()));
        if (!plotRect.contains(titleText))
            problems << QStringLiteral("title “%1” runs off the plot").arg(title->text());
        QCPLegend* legend = panel->legend();
        if (!legend->visible()) continue;
        std::vector<QRect> cells;
        for (int i = 0; i < legend->itemCount(); ++i) {
            auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
            if (!item) continue;
            const QString text = item->plottable()->name();
            const int need = QFontMetrics(item->font()).horizontalAdvance(text) +
                             legend->iconSize().width() + legend->iconTextPadding();
            const QRect cell = item->rect();
            if (need > cell.width() + 1)
                problems << QStringLiteral("legend “%1” needs %2 px, has %3")
                                .arg(text)
                                .arg(need)
                                .arg(cell.width());
            if (!plotRect.contains(item->outerRect()))
                problems << QStringLiteral("legend “%1” runs off the plot").arg(text);
            if (cell.intersects(titleText))
                problems << QStringLiteral("legend “%1” covers the title").arg(text);
            for (const QRect& other : cells)
                if (other.intersects(cell))
                    problems << QStringLiteral("legend “%1” overlaps another entry").arg(text);
            cells.push_back(cell);
        }
    }
    return problems;
}

// Titles and legend entries given less height than their text: the plot's rows were
// squeezed below their minimum.
QStringList squeezedTexts(TimelineView* view)
{
    QStringList problems;
    for (TimelinePanel* panel : view->panels()) {
        if (!panel->rect()->visible()) continue;
        const QCPTextElement* title = panel->titleElement();
        if (title->rect().height() + 1 < QFontMetrics(title->font()).height())
            problems << QStringLiteral("title “%1” squeezed to %2 px high")
                            .arg(title->text())
                            .arg(title->rect().height());
        QCPLegend* legend = panel->legend();
        if (!legend->visible()) continue;
        for (int i = 0; i < legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
                item && item->rect().height() + 1 < QFontMetrics(item->font()).height())
                problems << QStringLiteral("legend “%1” squeezed to %2 px high")
                                .arg(item->plottable()->name())
                                .arg(item->rect().height());
    }
    return problems;
}

// Every section of every shown horizontal header holds its text without "…".
QStringList elidedHeaders(QWidget* tab)
{
    QStringList problems;
    for (QHeaderView* header : tab->findChildren<QHeaderView*>()) {
        if (!header->isVisible() || header->orientation() != Qt::Horizontal || !header->model())
            continue;
        const QFontMetrics fm(header->font());
        const int margins =
            2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
        for (int s = 0; s < header->count(); ++s) {
            if (header->isSectionHidden(s)) continue;
            const QString text = header->model()->headerData(s, Qt::Horizontal).toString();
            const int need = widestLine(fm, text) + margins;
            if (need > header->sectionSize(s))
                problems << QStringLiteral("header “%1” needs %2 px, has %3")
                                .arg(text)
                                .arg(need)
                                .arg(header->sectionSize(s));
            if (header->sectionViewportPosition(s) + header->sectionSize(s) > header->width() + 1)
                problems << QStringLiteral("header “%1” runs off the table (%2 + %3 > %4)")
                                .arg(text)
                                .arg(header->sectionViewportPosition(s))
                                .arg(header->sectionSize(s))
                                .arg(header->width());
        }
    }
    return problems;
}

} // namespace

class TstPresentationFit : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> window_;

    void settle(QWidget* tab)
    {
        window_->tabs()->setCurrentWidget(tab);
        QTest::qWait(200);
        for (TimelineView* view : tab->findChildren<TimelineView*>()) {
            view->refreshNow();
            view->plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase()
    {
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), QDir::tempPath(), false, {}};
        window_ = std::make_unique<MainWindow>(o);
        window_->resize(1280, 800);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        window_->loadRunAsync(QStringLiteral(CORELAB_UI_FIXTURES "/compare-03-lock-1s.json"));
        QTRY_COMPARE_WITH_TIMEOUT(window_->tabs()->currentWidget(),
                                  static_cast<QWidget*>(window_->compareView()), 10000);
        window_->togglePresentation();
        QTRY_COMPARE(window_->size(), QSize(1280, 800));
    }
    void compareTabFits()
    {
        settle(window_->compareView());
        const auto views = window_->compareView()->findChildren<TimelineView*>();
        QVERIFY(!views.isEmpty());
        QStringList problems = elidedHeaders(window_->compareView());
        for (TimelineView* view : views)
            if (view->isVisible()) problems << clippedLegendTexts(view);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    void runTabFits()
    {
        window_->loadRunAsync(QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"));
        QTRY_VERIFY_WITH_TIMEOUT(!window_->shownModel().record().samples.empty(), 10000);
        settle(window_->timeline());
        const QStringList problems =
            clippedLegendTexts(window_->timeline()) + elidedHeaders(window_->timeline());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    void rowsAreNotSqueezed()
    {
        QStringList problems;
        for (QWidget* tab : {static_cast<QWidget*>(window_->compareView()),
                             static_cast<QWidget*>(window_->timeline())}) {
            settle(tab);
            for (TimelineView* view : tab->findChildren<TimelineView*>())
                if (view->isVisible()) problems << squeezedTexts(view);
            if (auto* view = qobject_cast<TimelineView*>(tab)) problems << squeezedTexts(view);
        }
        for (const QString& p : problems)
            qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    void theCheckSeesACutLegend()
    {
        // the same check on a timeline too narrow for its text must complain
        TimelineView narrow;
        narrow.resize(220, 700);
        narrow.setPresentation(3.0, 2.0);
        narrow.show();
        narrow.setModel(&window_->shownModel());
        narrow.refreshNow();
        narrow.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY(!clippedLegendTexts(&narrow).isEmpty());
    }
};

// A 1280×800 screen, as a projector's: full screen takes that size, whatever the
// offscreen platform's default screen would be.
int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen:configfile=" CORELAB_UI_FIXTURES
                                                 "/offscreen-1280x800.json"));
    QApplication app(argc, argv);
    TstPresentationFit test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_presentationfit.moc"
