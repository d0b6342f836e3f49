// Every saved picture's caption wraps, whatever its length: no "…", no text cut at the
// picture's edge, every word drawn, and the picture grows to hold it (D25, issue 12).
// Each picture is saved with a deliberately long caption: a long CPU model name and an
// experiment with many options. CORELAB_KEEP_PICTURES=DIR keeps the PNGs to look at.
#include <QCheckBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "CompareTab.h"
#include "ExperimentPanel.h"
#include "ImageExport.h"
#include "MainWindow.h"
#include "Qcp.h"
#include "RepeatTab.h"
#include "RunQueue.h"
#include "RunSeries.h"
#include "SpreadView.h"
#include "SweepTab.h"
#include "SweepView.h"
#include "TableTab.h"
#include "TextRecorder.h"
#include "UiTestMain.h"
#include "analysis/Compare.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

const std::string kLongCpu =
    "AMD EPYC 9754 128-Core Processor with a deliberately long model name, as some "
    "virtual machines report theirs";

// An experiment whose description runs past any picture's width.
ExperimentSpec longSpec()
{
    ExperimentSpec spec;
    spec.workload = "mixed";
    spec.workers = 2;
    spec.durationS = 0.3;
    spec.params = {{"compute-ms", 1}, {"wait-ms", 1}};
    spec.interpreterLock = true;
    return spec;
}

// Problems with the texts drawn in `region`: a "…", a text leaving the region's width, a
// word of `caption` not drawn there.
QStringList drawnProblems(const std::vector<DrawnText>& texts, const QStringList& caption,
                          const QRectF& region)
{
    QStringList problems;
    QStringList drawn;
    for (const DrawnText& t : texts) {
        if (!region.contains(t.box.center())) continue;
        drawn << wordsOf(t.text);
        if (t.text.contains(QChar(0x2026)))
            problems << QStringLiteral("“%1” is elided").arg(t.text);
        if (t.box.left() < region.left() - 1 || t.box.right() > region.right() + 1)
            problems << QStringLiteral("“%1” leaves the picture (%2 – %3 of %4 – %5)")
                            .arg(t.text)
                            .arg(t.box.left())
                            .arg(t.box.right())
                            .arg(region.left())
                            .arg(region.right());
    }
    for (const QString& line : caption)
        for (const QString& word : wordsOf(line))
            if (!drawn.contains(word)) problems << QStringLiteral("“%1” is not drawn").arg(word);
    return problems;
}

// The caption's lines each wrapped to `width` with QFontMetrics, the first bold: the
// least height that holds them.
int heightNeeded(const QStringList& caption, const QFont& font, int width)
{
    int h = 0;
    for (int i = 0; i < caption.size(); ++i) {
        QFont f = font;
        f.setBold(i == 0);
        const QFontMetrics fm(f);
        h += std::max(
            fm.lineSpacing(),
            fm.boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, caption[i]).height());
    }
    return h;
}

// The widest caption line, in its font.
int widestLine(const QStringList& caption, const QFont& font)
{
    int widest = 0;
    for (int i = 0; i < caption.size(); ++i) {
        QFont f = font;
        f.setBold(i == 0);
        widest = std::max(widest, QFontMetrics(f).horizontalAdvance(caption[i]));
    }
    return widest;
}

// Saves `picture` as PNG (kept in CORELAB_KEEP_PICTURES when set) and reads it back.
QImage savedPng(Picture& picture, const QString& name, const QTemporaryDir& dir)
{
    const QString keep = qEnvironmentVariable("CORELAB_KEEP_PICTURES");
    const QString path = (keep.isEmpty() ? dir.path() : keep) + u'/' + name + u".png";
    const QString error = picture.saveImage(path);
    if (!error.isEmpty()) qWarning("%s", qPrintable(error));
    return QImage(path);
}

// A chart under its caption, saved (at 2×) and painted: the caption is long enough to
// need wrapping, the picture is tall enough for it wrapped, and what is drawn above the
// chart is every word, none elided, none past the picture's edge.
QStringList captionedPlotProblems(QCustomPlot* plot, const QStringList& caption,
                                  const QImage& saved)
{
    QStringList problems;
    const int width = plot->width();
    if (widestLine(caption, plot->font()) <= width)
        problems << QStringLiteral("the caption fits one line: too short to test");
    const int need = heightNeeded(caption, plot->font(), width);
    if (saved.width() != 2 * width || saved.height() < 2 * (plot->height() + need))
        problems << QStringLiteral("the picture is %1×%2 px; its chart and caption need %3×%4")
                        .arg(saved.width())
                        .arg(saved.height())
                        .arg(2 * width)
                        .arg(2 * (plot->height() + need));
    const QSize size = captionedPlotSize(plot, caption);
    RecordingPage page(size);
    {
        QCPPainter p(&page);
        paintCaptionedPlot(p, plot, caption);
    }
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const QRectF captionArea(0, 0, size.width(), size.height() - plot->height());
    return problems + drawnProblems(page.texts(), caption, captionArea);
}

} // namespace

class TstCaptions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QTemporaryDir runs_;

    std::unique_ptr<MainWindow> makeWindow()
    {
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), false, {}};
        auto w = std::make_unique<MainWindow>(o);
        w->experimentPanel()->setSpec(longSpec());
        w->resize(1280, 800);
        w->show();
        return w;
    }
    // A chart narrower than its caption's lines, however wide the window's form leaves it.
    static void narrow(QWidget* view)
    {
        view->setFixedWidth(600);
        QTest::qWait(50); // the layout gives the chart its width
    }
    static bool waitForQueue(MainWindow& w)
    {
        QSignalSpy done(w.queue(), &RunQueue::finished);
        return done.wait(20000) && done.front().at(1).toBool();
    }

private slots:
    // The Run tab's picture: the caption used to run off the right edge, cut.
    void runPictureWrapsItsCaption()
    {
        RunRecord record = loadRunFile(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json");
        record.machine.cpuModel = kLongCpu;
        record.spec.interpreterLock = true;
        record.spec.crashWorker = 1;
        record.spec.crashAtS = 0.5;
        record.spec.restart = true;
        RunSeries model;
        model.setRecord(record);
        TimelineView view;
        view.resize(900, 700);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        const QImage saved = savedPng(view, QStringLiteral("run"), dir_);
        const QStringList problems =
            captionedPlotProblems(view.plot(), captionLines(record), saved);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    // The Sweep and Repeat pictures used to end their long lines in "…".
    void sweepPictureWrapsItsCaption()
    {
        auto w = makeWindow();
        SweepTab* tab = w->sweepTab();
        tab->modelBox(Model::Processes)->setChecked(false);
        tab->maxWorkersField()->setValue(2);
        w->startSweep();
        QVERIFY(waitForQueue(*w));
        narrow(tab->view());
        const QImage saved = savedPng(*tab, QStringLiteral("sweep"), dir_);
        const QStringList problems =
            captionedPlotProblems(tab->view()->plot(), tab->caption(), saved);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    void repeatPictureWrapsItsCaption()
    {
        auto w = makeWindow();
        w->repeatTab()->timesField()->setValue(2);
        w->startRepeat();
        QVERIFY(waitForQueue(*w));
        RepeatTab* tab = w->repeatTab();
        narrow(tab->view());
        const QImage saved = savedPng(*tab, QStringLiteral("repeat"), dir_);
        const QStringList problems =
            captionedPlotProblems(tab->view()->plot(), tab->caption(), saved);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    // The Compare page wraps its caption too, the machine line included.
    void comparePictureWrapsItsCaption()
    {
        Comparison c = loadCompareFile(CORELAB_UI_FIXTURES "/compare-03-lock-1s.json");
        for (RunRecord* r : {&c.a, &c.b})
            r->machine.cpuModel = kLongCpu;
        CompareTab tab;
        tab.resize(CompareTab::kPageSize);
        tab.setComparison(c);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QVERIFY(!savedPng(tab, QStringLiteral("compare"), dir_).isNull());
        RecordingPage page(CompareTab::kPageSize);
        {
            QCPPainter p(&page);
            QVERIFY(tab.paintPage(p, QSizeF(CompareTab::kPageSize), false));
        }
        const QStringList problems = drawnProblems(page.texts(), {captionLines(c.a).value(1)},
                                                   QRectF(QPointF(), CompareTab::kPageSize));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    // The Table picture's header: its caption line used to run past the table, cut.
    void tablePictureWrapsItsCaption()
    {
        RunRecord record = loadRunFile(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json");
        record.machine.cpuModel = kLongCpu;
        const QString caption =
            QStringLiteral("The threads-vs-processes table, measured: 3 runs per side · ") +
            captionLines(record).value(1);
        TableTab tab;
        tab.setCaption(caption);
        tab.resize(1200, 600);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QVERIFY(QFontMetrics(tab.font()).horizontalAdvance(caption) > 1200); // long enough
        QVERIFY(!savedPng(tab, QStringLiteral("table"), dir_).isNull());
        // the narrowest export (1200 px) at its own size: nothing drawn past its width
        const QSize size(1200, 100000);
        RecordingPage page(size);
        {
            QCPPainter p(&page);
            tab.paintTable(p, QSizeF(size));
        }
        const QStringList problems =
            drawnProblems(page.texts(), {caption}, QRectF(QPointF(), size));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

CORELAB_UI_TEST(TstCaptions)
#include "tst_captions.moc"
