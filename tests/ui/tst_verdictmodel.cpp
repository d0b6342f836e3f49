// VerdictModel wrapped in QAbstractItemModelTester: a comparison shown and cleared,
// and a figure one run did not measure. The measured table's model is tested in
// tst_measuredtable.
#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "TestHelpers.h"
#include "UiTestMain.h"
#include "VerdictModel.h"
#include "analysis/Format.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::kMiB;

namespace {

const QColor kShade(200, 220, 255);

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QVariant cell(const VerdictModel& m, int row, int column, int role = Qt::DisplayRole)
{
    return m.index(row, column).data(role);
}

QString header(const VerdictModel& m, int section, int role = Qt::DisplayRole)
{
    return m.headerData(section, Qt::Horizontal, role).toString();
}

// The columns of `row` that carry the winner's background.
QList<int> shadedColumns(const VerdictModel& m, int row)
{
    QList<int> shaded;
    for (int col = 0; col < m.columnCount(); ++col)
        if (cell(m, row, col, Qt::BackgroundRole).isValid()) shaded.push_back(col);
    return shaded;
}

// Threads against processes: threads win throughput, processes win the latency, and
// the busy cores are a tie.
Comparison threadsVsProcesses()
{
    Comparison c;
    c.a.spec.model = Model::Threads;
    c.b.spec.model = Model::Processes;
    c.verdict = {
        {"throughput", "ops/s", 2000, 1000, 0.5, "threads", "threads did twice the work",
         "worker counters, 10 Hz"},
        {"message latency", "µs", 412, 37, 37.0 / 412, "processes", "processes answered sooner",
         "worker histograms"},
        {"busy cores", "busy cores", 1.98, 2.0, 2.0 / 1.98, "", "a tie", "schedstat"},
    };
    return c;
}

} // namespace

class TstVerdictModel : public QObject {
    Q_OBJECT
private slots:
    void comparisonShownAndCleared()
    {
        using C = VerdictModel::CompareColumn;
        VerdictModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setWinnerBackground(kShade);
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.columnCount(), 6);
        const QStringList plain = {
            QStringLiteral("aspect"),  QStringLiteral("A"),
            QStringLiteral("B"),       QStringLiteral("B/A"),
            QStringLiteral("verdict"), QStringLiteral("how it was measured")};
        for (int col = 0; col < 6; ++col)
            QCOMPARE(header(m, col), plain[col]);

        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        const Comparison c = threadsVsProcesses();
        m.setComparison(c);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.columnCount(), 6);
        QCOMPARE(header(m, C::CompareA), QStringLiteral("A: threads"));
        QCOMPARE(header(m, C::CompareB), QStringLiteral("B: processes"));
        QCOMPARE(header(m, C::CompareVerdict), QStringLiteral("verdict"));
        for (int r = 0; r < 3; ++r) {
            const VerdictRow& v = c.verdict[static_cast<std::size_t>(r)];
            QCOMPARE(cell(m, r, C::CompareAspect).toString(), qs(v.aspect));
            QCOMPARE(cell(m, r, C::CompareA).toString(), qs(formatValue(v.a, v.unit)));
            QCOMPARE(cell(m, r, C::CompareB).toString(), qs(formatValue(v.b, v.unit)));
            QCOMPARE(cell(m, r, C::CompareRatio).toString(), qs(formatRatio(v.b / v.a)));
            QCOMPARE(cell(m, r, C::CompareVerdict).toString(), qs(v.sentence));
            QCOMPARE(cell(m, r, C::CompareSource).toString(), qs(v.source));
            for (int col : {C::CompareA, C::CompareB, C::CompareRatio})
                QCOMPARE(cell(m, r, col, Qt::TextAlignmentRole).value<Qt::Alignment>(),
                         Qt::AlignRight | Qt::AlignVCenter);
            QVERIFY(!cell(m, r, C::CompareAspect, Qt::ToolTipRole).isValid());
        }
        QCOMPARE(cell(m, 0, C::CompareA).toString(), qs(formatValue(2000, "ops/s")));
        QCOMPARE(cell(m, 0, C::CompareRatio).toString(), qs(formatRatio(0.5)));
        // the winner's value is shaded, with dark text on the light shade; a tie is not
        QCOMPARE(shadedColumns(m, 0), QList<int>{C::CompareA});
        QCOMPARE(shadedColumns(m, 1), QList<int>{C::CompareB});
        QCOMPARE(shadedColumns(m, 2), QList<int>{});
        QCOMPARE(cell(m, 0, C::CompareA, Qt::BackgroundRole).value<QBrush>().color(), kShade);
        QCOMPARE(cell(m, 0, C::CompareA, Qt::ForegroundRole).value<QBrush>().color(),
                 QColor(Qt::black));
        QVERIFY(!cell(m, 0, C::CompareB, Qt::ForegroundRole).isValid());

        // a new palette recolours the shown rows in place
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.setWinnerBackground(QColor(Qt::yellow));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(cell(m, 1, C::CompareB, Qt::BackgroundRole).value<QBrush>().color(),
                 QColor(Qt::yellow));

        m.clear();
        QCOMPARE(reset.count(), 2);
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(header(m, C::CompareA), QStringLiteral("A"));
        QCOMPARE(header(m, C::CompareB), QStringLiteral("B"));
    }

    void aFigureOneRunDidNotMeasureSaysSoInItsCell()
    {
        using C = VerdictModel::CompareColumn;
        Comparison c = threadsVsProcesses();
        c.verdict = {{"peak PSS", "B", 256 * kMiB, std::nan(""), 0, "", "not compared", "smaps"}};
        VerdictModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setComparison(c);
        QCOMPARE(cell(m, 0, C::CompareA).toString(), qs(formatValue(256 * kMiB, "B")));
        QCOMPARE(cell(m, 0, C::CompareB).toString(), QStringLiteral("not measured"));
        QCOMPARE(cell(m, 0, C::CompareRatio).toString(), QStringLiteral("–"));
    }
};

CORELAB_UI_TEST(TstVerdictModel)
#include "tst_verdictmodel.moc"
