#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "TableTab.h"
#include "TestHelpers.h"
#include "UiTestMain.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::kMiB;

namespace {

RunRecord memoryRun(const ExperimentSpec& spec, double pssMiB)
{
    RunRecord r;
    r.spec = spec;
    r.machine.usableCpus = 2;
    r.summary.wallS = 1;
    r.summary.workers = spec.totalWorkers();
    r.summary.peakPssBytes = static_cast<std::uint64_t>(pssMiB * kMiB);
    r.samples.resize(2);
    return r;
}

Preset memoryPreset()
{
    Preset p;
    p.title = "Memory: one copy or four?";
    p.question = "How much memory do four workers need?";
    p.aspect = "Memory usage";
    p.figure = "peak PSS";
    p.a.workload = p.b.workload = "memory";
    p.a.model = Model::Threads;
    p.b.model = Model::Processes;
    return p;
}

// Threads share one copy, four forked processes' PSS is larger, in every run.
TableRow memoryRow()
{
    const Preset p = memoryPreset();
    return tableRow(p, {memoryRun(p.a, 256), memoryRun(p.a, 260)},
                    {memoryRun(p.b, 1536), memoryRun(p.b, 1500)});
}

// The ranges overlap, and other programs took a core during one B run.
TableRow tieRow()
{
    const Preset p = memoryPreset();
    std::vector<RunRecord> b = {memoryRun(p.b, 250), memoryRun(p.b, 300)};
    b[1].summary.busyCoresMean = 1;
    b[1].summary.machineBusyCoresMean = 2.4;
    return tableRow(p, {memoryRun(p.a, 256), memoryRun(p.a, 280)}, b);
}

QVariant cellData(const TableTab& v, int row, int column, int role = Qt::DisplayRole)
{
    return v.table()->model()->index(row, column).data(role);
}

QString text(const TableTab& v, int row, int column)
{
    return cellData(v, row, column).toString();
}

QLabel* progressLabel(const TableTab& v)
{
    for (auto* l : v.findChildren<QLabel*>())
        if (l->text().startsWith(QStringLiteral("measuring"))) return l;
    return nullptr;
}

QPushButton* startButton(const TableTab& v)
{
    return v.findChild<QPushButton*>();
}

} // namespace

class TstMeasuredTable : public QObject {
    Q_OBJECT
private slots:
    void cellsSetTheClaimBesideTheMeasurement()
    {
        TableTab view;
        QAbstractItemModelTester tester(view.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(view.model(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(view.model(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(view.model(), &QAbstractItemModel::rowsInserted);
        view.setRows({tieRow()});
        view.setRows({memoryRow(), tieRow()}); // the first row changes, one more arrives
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(inserted.count(), 2);
        using C = TableTab::Column;
        QCOMPARE(view.table()->model()->rowCount(), 2);
        QCOMPARE(view.table()->model()->headerData(C::Claim, Qt::Horizontal).toString(),
                 QStringLiteral("the article says"));
        QCOMPARE(view.table()->model()->headerData(C::Agrees, Qt::Horizontal).toString(),
                 QStringLiteral("agrees?"));
        QCOMPARE(text(view, 0, C::Aspect), QStringLiteral("Memory usage\npeak PSS"));
        QVERIFY(cellData(view, 0, C::Aspect, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("How much memory")));
        QCOMPARE(text(view, 0, C::Claim),
                 QStringLiteral("threads “Shared memory”; processes “Separate memory per "
                                "process”; wins: “Threads when memory is limited”"));
        QCOMPARE(text(view, 0, C::A),
                 QStringLiteral("threads\n258 MiB (256 MiB – 260 MiB, 2 runs)"));
        QVERIFY(text(view, 0, C::B).startsWith(QStringLiteral("processes\n1.48 GiB (")));
        QCOMPARE(text(view, 0, C::Winner), QStringLiteral("threads"));
        QCOMPARE(text(view, 0, C::Agrees), QStringLiteral("agrees"));
        QCOMPARE(text(view, 0, C::Why), QString());
        QVERIFY(cellData(view, 0, C::A, Qt::FontRole).value<QFont>().bold());
        QVERIFY(!cellData(view, 0, C::B, Qt::FontRole).value<QFont>().bold());
        QVERIFY(cellData(view, 0, C::Winner, Qt::BackgroundRole).value<QBrush>().style() !=
                Qt::NoBrush);

        QCOMPARE(text(view, 1, C::Winner), QStringLiteral("none: a tie"));
        QCOMPARE(text(view, 1, C::Agrees), QStringLiteral("tie (within run-to-run spread)"));
        QVERIFY2(text(view, 1, C::Why).contains(QStringLiteral("the ranges overlap")),
                 qPrintable(text(view, 1, C::Why)));
        QVERIFY2(text(view, 1, C::Why).contains(QStringLiteral("measured under load")),
                 qPrintable(text(view, 1, C::Why)));
        QVERIFY(!cellData(view, 1, C::Winner, Qt::BackgroundRole).isValid());
        QVERIFY(view.table()->wordWrap());
        // a narrow window wraps the reason onto several lines and the row grows with it
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(view.table()->rowHeight(1) >= 3 * view.table()->fontMetrics().lineSpacing());
    }

    void doubleClickOpensTheRowsTwoRuns()
    {
        TableTab view;
        QSignalSpy opened(&view, &TableTab::rowOpened);
        TableRow kept = memoryRow();
        kept.aRun = memoryRun(kept.preset.a, 256);
        kept.bRun = memoryRun(kept.preset.b, 1536);
        view.setRows({memoryRow(), kept});
        QVERIFY2(!view.comparisonOf(0), "a row without its runs kept opens nothing");
        view.resize(1000, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRect cell = view.table()->visualRect(view.table()->model()->index(1, 0));
        // a view opens the index the double-click's own press went to, as a real one sends
        QTest::mousePress(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseRelease(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(opened.count(), 1);
        const auto c = opened.at(0).at(0).value<Comparison>();
        QCOMPARE(c.a.spec.model, Model::Threads);
        QCOMPARE(c.b.spec.model, Model::Processes);
        QCOMPARE(c.a.samples.size(), std::size_t(2));
        QVERIFY(!c.verdict.empty());
        // the row's question opens with it, beside its timelines
        QVERIFY(c.preset.has_value());
        QCOMPARE(c.preset->title, kept.preset.title);
        QCOMPARE(c.preset->figure, kept.preset.figure);
    }

    void progressShowsTheRunBeingMeasured()
    {
        TableTab view;
        auto* bar = view.findChild<QProgressBar*>();
        QVERIFY(!bar->isVisibleTo(&view));
        view.setProgress(2, 12, QStringLiteral("startup cost (A)"));
        auto* label = progressLabel(view);
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("measuring 3/12: startup cost (A)"));
        QVERIFY(label->isVisibleTo(&view));
        QVERIFY(bar->isVisibleTo(&view));
        QCOMPARE(bar->value(), 2);
        QCOMPARE(bar->maximum(), 12);
        view.setProgress(12, 12, {});
        QVERIFY(!bar->isVisibleTo(&view));
        QVERIFY(!label->isVisibleTo(&view));
    }

    void startButtonBecomesStop()
    {
        TableTab view;
        QSignalSpy start(&view, &TableTab::startRequested);
        QSignalSpy stop(&view, &TableTab::stopRequested);
        auto* button = startButton(view);
        QCOMPARE(button->text(), QStringLiteral("Measure the whole table"));
        view.findChild<QCheckBox*>()->setChecked(true);
        QVERIFY(view.findChild<QCheckBox*>()->text().contains(QStringLiteral("0.3 s")));
        button->click();
        QCOMPARE(start.count(), 1);
        QCOMPARE(start.at(0).at(0).toBool(), true);
        view.setRunning(true);
        QCOMPARE(button->text(), QStringLiteral("Stop"));
        button->click();
        QCOMPARE(stop.count(), 1);
        QCOMPARE(start.count(), 1);
        view.setRunning(false);
        view.findChild<QCheckBox*>()->setChecked(false);
        button->click();
        QCOMPARE(start.at(1).at(0).toBool(), false);
    }

    void rendersEveryRowAtTwiceTheSize()
    {
        TableTab view;
        view.setCaption(QStringLiteral("Test machine · 2 logical CPUs"));
        view.resize(1300, 300);
        view.setRows({memoryRow(), tieRow(), memoryRow(), tieRow()});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.renderImage(2.0);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 2 * view.table()->width());
        int rows = view.table()->horizontalHeader()->height();
        for (int r = 0; r < view.table()->model()->rowCount(); ++r)
            rows += view.table()->rowHeight(r);
        QVERIFY2(image.height() >= 2 * rows, qPrintable(QString::number(image.height())));
        const QString dir = qEnvironmentVariable("CORELAB_GRAB_DIR");
        if (!dir.isEmpty()) {
            image.save(dir % QStringLiteral("/b-table-export.png"));
            view.resize(1280, 800);
            view.setProgress(3, 24, QStringLiteral("Memory usage (B)"));
            view.grab().save(dir % QStringLiteral("/b-table.png"));
            view.resize(760, 500);
            QTest::qWait(50); // the header resizes its stretched column on a timer
            view.grab().save(dir % QStringLiteral("/b-table-narrow.png"));
        }
    }

    // On a 16:9 slide the whole table's text is drawn at least at 85 % of its size on
    // screen (0.89 here): the answer columns widen with the slide, so rows take fewer
    // lines. They once kept their on-screen width: the rows stayed tall, the table came
    // out at 73 % with a third of the slide empty.
    void aSlideDrawsTheTableNearItsOwnSize()
    {
        TableTab view;
        view.setCaption(QStringLiteral("Test machine · 2 logical CPUs"));
        // every row of the shipped table, with the article's words beside each
        std::vector<TableRow> rows;
        for (const std::string& file :
             presetFiles(CORELAB_UI_FIXTURES "/../../../resources/presets")) {
            const Preset p = loadPreset(file);
            if (!p.table.inTable) continue;
            rows.push_back(tableRow(p, {memoryRun(p.a, 256), memoryRun(p.a, 260)},
                                    {memoryRun(p.b, 1536), memoryRun(p.b, 1500)}));
        }
        QVERIFY(rows.size() >= 10);
        view.setRows(rows);
        // the handout's slide, as it lays out (Handout::kSlideLayout) less its margins
        QImage slide(1240, 680, QImage::Format_ARGB32);
        QPainter p(&slide);
        const double scale = view.paintTable(p, QSizeF(slide.size()));
        QVERIFY2(scale >= 0.85, qPrintable(QString::number(scale)));
    }

    void savesPngAndPdfOnly()
    {
        TableTab view;
        view.setRows({memoryRow()});
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("table.png"));
        QCOMPARE(view.saveImage(png), QString());
        QVERIFY(!QImage(png).isNull());
        const QString pdf = dir.filePath(QStringLiteral("table.pdf"));
        QCOMPARE(view.saveImage(pdf), QString());
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5).startsWith("%PDF"));
        const QString txt = dir.filePath(QStringLiteral("table.txt"));
        QVERIFY(!view.saveImage(txt).isEmpty());
        QVERIFY(!QFile::exists(txt));
        // a folder that cannot exist: its parent is a file
        QVERIFY(!view.saveImage(dir.filePath(QStringLiteral("table.pdf/t.png"))).isEmpty());
    }

    // Save Report needs a measured table, and none being measured or saved.
    void saveReportIsOffUntilATableIsMeasured()
    {
        TableTab view;
        QSignalSpy available(&view, &TableTab::reportAvailable);
        QVERIFY(view.reportButton());
        QVERIFY(!view.reportButton()->isEnabled());
        QVERIFY(!view.canSaveReport());
        view.setRows({memoryRow(), tieRow()});
        QVERIFY(view.reportButton()->isEnabled());
        QCOMPARE(available.count(), 1);
        QCOMPARE(available.at(0).at(0).toBool(), true);
        view.setRunning(true);
        QVERIFY(!view.reportButton()->isEnabled());
        view.setRunning(false);
        QVERIFY(view.reportButton()->isEnabled());
        QSignalSpy requested(&view, &TableTab::reportRequested);
        view.reportButton()->click();
        QCOMPARE(requested.count(), 1);
        view.setRows({});
        QVERIFY(!view.reportButton()->isEnabled());
    }

    // The table on show becomes a PDF of a cover, the table and a page per row; the call
    // returns before the file is written, and the button is off until it is.
    void saveReportWritesAPagePerRowWithoutWaiting()
    {
        TableTab view;
        TableRow kept = memoryRow();
        kept.aRun = memoryRun(kept.preset.a, 256);
        kept.bRun = memoryRun(kept.preset.b, 1536);
        kept.aRepeat = kept.bRepeat = 1;
        view.setRows({kept, tieRow()});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lab.pdf"));
        QSignalSpy saved(&view, &TableTab::reportSaved);
        // the longest the event loop waited while the handout was drawn: a page at most
        QElapsedTimer sinceTick;
        qint64 longest = 0;
        QTimer tick;
        tick.setInterval(5);
        connect(&tick, &QTimer::timeout, &tick,
                [&] { longest = std::max(longest, sinceTick.restart()); });
        QElapsedTimer call;
        call.start();
        view.saveReport(path);
        const qint64 callMs = call.elapsed();
        QVERIFY(!QFile::exists(path));
        QVERIFY(!view.reportButton()->isEnabled());
        sinceTick.start();
        tick.start();
        QVERIFY(saved.wait(30000));
        tick.stop();
        qInfo("saveReport() returned after %lld ms; the event loop then waited at most %lld ms",
              callMs, longest);
        QCOMPARE(saved.at(0).at(0).toString(), path);
        QVERIFY2(saved.at(0).at(1).toString().isEmpty(), qPrintable(saved.at(0).at(1).toString()));
        QVERIFY(view.reportButton()->isEnabled());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString pdf = QString::fromLatin1(f.readAll());
        QCOMPARE(pdf.count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?![A-Za-z])"))), 4);
    }

    void saveReportNamesAPathItCannotWrite()
    {
        TableTab view;
        view.setRows({memoryRow()});
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("a-file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        // a folder cannot be made where a file is
        const QString path = dir.filePath(QStringLiteral("a-file/lab.pdf"));
        QSignalSpy saved(&view, &TableTab::reportSaved);
        view.saveReport(path);
        QVERIFY(saved.wait(30000));
        QVERIFY2(saved.at(0).at(1).toString().contains(path),
                 qPrintable(saved.at(0).at(1).toString()));
    }

    // At 760 pixels the fixed columns give up width, the reason keeps enough to be read:
    // no horizontal scrolling, no header cut, and rows a few lines tall, not dozens.
    void narrowWindowKeepsTheReasonReadable()
    {
        TableTab view;
        view.setRows({memoryRow(), tieRow()});
        view.resize(760, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTableView* t = view.table();
        const int ch = t->fontMetrics().averageCharWidth();
        QTRY_VERIFY2(t->columnWidth(TableTab::Why) >= 30 * ch,
                     qPrintable(QStringLiteral("why is %1 px, %2 characters")
                                    .arg(t->columnWidth(TableTab::Why))
                                    .arg(t->columnWidth(TableTab::Why) / ch)));
        QHeaderView* h = t->horizontalHeader();
        QVERIFY2(h->length() <= t->viewport()->width() + 1,
                 qPrintable(QStringLiteral("columns %1 px in a %2 px table")
                                .arg(h->length())
                                .arg(t->viewport()->width())));
        const QFontMetrics hfm(h->font());
        for (int c = 0; c < TableTab::ColumnCount; ++c) {
            const QString title = t->model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(hfm.horizontalAdvance(title) < h->sectionSize(c), qPrintable(title));
        }
        const int line = t->fontMetrics().lineSpacing();
        QTRY_VERIFY2(
            t->rowHeight(1) <= 12 * line,
            qPrintable(QStringLiteral("row 1 is %1 lines tall").arg(t->rowHeight(1) / line)));
        // a wide window gives the fixed columns their full width back
        view.resize(1800, 600);
        QTRY_COMPARE(t->columnWidth(TableTab::Claim), 30 * ch);
    }

    void winnerTintFollowsThePalette()
    {
        TableTab view;
        view.setRows({memoryRow()});
        QPalette p = view.palette();
        p.setColor(QPalette::Highlight, QColor(200, 0, 0));
        view.setPalette(p);
        const QColor tint =
            cellData(view, 0, TableTab::Winner, Qt::BackgroundRole).value<QBrush>().color();
        QCOMPARE(tint.red(), 200);
        QVERIFY(tint.alpha() < 100);
    }
};

CORELAB_UI_TEST(TstMeasuredTable)
#include "tst_measuredtable.moc"
