#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "TableTab.h"
#include "record/SummaryFigures.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

constexpr double kMiB = 1048576.0;

// Memory preset measured: threads share one copy, four forked processes' PSS is larger.
TableRow memoryRow()
{
    Preset p;
    p.title = "Memory: one copy or four?";
    p.aspect = "Memory usage";
    p.figure = "peak PSS";
    p.a.workload = p.b.workload = "memory";
    p.a.model = Model::Threads;
    p.b.model = Model::Processes;
    RunRecord a, b;
    a.spec = p.a;
    b.spec = p.b;
    a.summary.wallS = b.summary.wallS = 1;
    a.summary.peakPssBytes = static_cast<std::uint64_t>(256 * kMiB);
    b.summary.peakPssBytes = static_cast<std::uint64_t>(1536 * kMiB);
    return tableRow(p, a, b);
}

// Same model on both sides, and a figure neither run produced.
TableRow unmeasuredRow()
{
    Preset p;
    p.title = "Too many workers";
    p.aspect = "Too many workers";
    p.figure = "create_p50_us";
    p.a.workers = 2;
    p.b.workers = 16;
    RunRecord a, b;
    a.spec = p.a;
    b.spec = p.b;
    return tableRow(p, a, b);
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
    void cellsShowModelsValuesAndVerdict()
    {
        TableTab view;
        view.setRows({memoryRow(), unmeasuredRow()});
        using C = TableTab::Column;
        QCOMPARE(view.table()->model()->rowCount(), 2);
        QCOMPARE(view.table()->model()->headerData(C::Source, Qt::Horizontal).toString(),
                 QStringLiteral("how it was measured"));
        QCOMPARE(text(view, 0, C::Aspect), QStringLiteral("Memory usage\npeak PSS"));
        QCOMPARE(text(view, 0, C::A), QStringLiteral("threads\n256 MiB"));
        QCOMPARE(text(view, 0, C::B), QStringLiteral("processes\n1.50 GiB"));
        QCOMPARE(text(view, 0, C::Winner), QStringLiteral("threads"));
        QCOMPARE(text(view, 0, C::Ratio), QStringLiteral("6.0×"));
        QVERIFY(text(view, 0, C::Verdict).startsWith(QStringLiteral("threads used less peak PSS")));
        QCOMPARE(text(view, 0, C::Source),
                 QString::fromUtf8(findSummaryFigure("peak_pss_bytes")->source));
        QVERIFY(cellData(view, 0, C::A, Qt::FontRole).value<QFont>().bold());
        QVERIFY(cellData(view, 0, C::Winner, Qt::BackgroundRole).value<QBrush>().style() !=
                Qt::NoBrush);

        QCOMPARE(text(view, 1, C::A), QStringLiteral("2 workers\n–"));
        QCOMPARE(text(view, 1, C::B), QStringLiteral("16 workers\n–"));
        QCOMPARE(text(view, 1, C::Winner), QStringLiteral("not measured"));
        QCOMPARE(text(view, 1, C::Verdict), QStringLiteral("no create_p50_us was measured"));
        QVERIFY(view.table()->wordWrap());
        // a narrow window wraps the verdict onto several lines and the row grows with it
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(view.table()->rowHeight(0) >= 3 * view.table()->fontMetrics().lineSpacing());
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
        QVERIFY(view.findChild<QCheckBox*>()->text().contains(QStringLiteral("0.5 s")));
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
        view.setRows({memoryRow(), unmeasuredRow(), memoryRow(), unmeasuredRow()});
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
        QVERIFY(!view.saveImage(dir.filePath(QStringLiteral("missing/dir/t.png"))).isEmpty());
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

QTEST_MAIN(TstMeasuredTable)
#include "tst_measuredtable.moc"
