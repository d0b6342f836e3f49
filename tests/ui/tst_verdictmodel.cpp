// VerdictModel in both layouts, wrapped in QAbstractItemModelTester: a comparison
// shown and cleared, then the measured table growing row by row.
#include <QAbstractItemModelTester>
#include <QBrush>
#include <QFont>
#include <QSignalSpy>
#include <QtTest>

#include "VerdictModel.h"
#include "analysis/Format.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

constexpr double kMiB = 1048576.0;
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

QList<int> boldColumns(const VerdictModel& m, int row)
{
    QList<int> bold;
    for (int col = 0; col < m.columnCount(); ++col)
        if (cell(m, row, col, Qt::FontRole).value<QFont>().bold()) bold.push_back(col);
    return bold;
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

// Memory preset: threads share one copy, four forked processes' PSS is larger.
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

// Two figures within the tie ratio, so no winner.
TableRow tieRow()
{
    TableRow row;
    row.preset.title = "Throughput";
    row.preset.aspect = "Throughput";
    row.preset.figure = "throughput";
    row.preset.a.model = Model::Threads;
    row.preset.b.model = Model::Processes;
    row.verdict = {"throughput", "ops/s", 1000, 1050, 1.05, "", "about the same", "counters"};
    return row;
}

} // namespace

class TstVerdictModel : public QObject {
    Q_OBJECT
private slots:
    void comparisonShownAndCleared()
    {
        using C = VerdictModel::CompareColumn;
        VerdictModel m(VerdictModel::Layout::Comparison);
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
        QCOMPARE(boldColumns(m, 0), QList<int>{});

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

    void measuredRowsAppendOneByOne()
    {
        using C = VerdictModel::TableColumn;
        VerdictModel m(VerdictModel::Layout::Table);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setWinnerBackground(kShade);
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.columnCount(), 7);
        QCOMPARE(header(m, C::Winner), QStringLiteral("measured winner"));
        QCOMPARE(header(m, C::Ratio), QStringLiteral("B/A"));
        QCOMPARE(header(m, C::Source), QStringLiteral("how it was measured"));
        for (int col = 0; col < C::ColumnCount; ++col)
            QVERIFY(!header(m, col, Qt::ToolTipRole).isEmpty());

        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        std::vector<TableRow> rows;
        for (const TableRow& row : {memoryRow(), unmeasuredRow(), tieRow()}) {
            rows.push_back(row);
            m.setRows(rows);
            const int last = static_cast<int>(rows.size()) - 1;
            QCOMPARE(m.rowCount(), last + 1);
            QCOMPARE(inserted.count(), last + 1);
            QCOMPARE(inserted.back().at(1).toInt(), last);
            QCOMPARE(inserted.back().at(2).toInt(), last);
        }
        QCOMPARE(reset.count(), 0);
        m.setRows(rows); // nothing new
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(reset.count(), 0);

        const VerdictRow& mem = rows[0].verdict;
        QCOMPARE(cell(m, 0, C::Aspect).toString(),
                 QString(QStringLiteral("Memory usage\n") % qs(mem.aspect)));
        QCOMPARE(cell(m, 0, C::Aspect, Qt::ToolTipRole).toString(),
                 QStringLiteral("Memory: one copy or four?"));
        QCOMPARE(cell(m, 0, C::A).toString(),
                 QString(QStringLiteral("threads\n") % qs(formatValue(256 * kMiB, mem.unit))));
        QCOMPARE(cell(m, 0, C::B).toString(),
                 QString(QStringLiteral("processes\n") % qs(formatValue(1536 * kMiB, mem.unit))));
        QCOMPARE(cell(m, 0, C::B, Qt::ToolTipRole), cell(m, 0, C::B));
        QCOMPARE(cell(m, 0, C::Winner).toString(), QStringLiteral("threads"));
        QCOMPARE(cell(m, 0, C::Ratio).toString(), qs(formatRatio(1536.0 / 256)));
        QCOMPARE(cell(m, 0, C::Verdict).toString(), qs(mem.sentence));
        QCOMPARE(cell(m, 0, C::Source).toString(), qs(mem.source));
        // the measured winner is shaded and the winner's value bold
        QCOMPARE(shadedColumns(m, 0), QList<int>{C::Winner});
        QCOMPARE(boldColumns(m, 0), QList<int>{C::A});
        QVERIFY(!cell(m, 0, C::Winner, Qt::ForegroundRole).isValid());

        QCOMPARE(cell(m, 1, C::Aspect).toString(),
                 QStringLiteral("Too many workers\ncreate_p50_us"));
        QCOMPARE(cell(m, 1, C::A).toString(), QStringLiteral("2 workers\n–"));
        QCOMPARE(cell(m, 1, C::B).toString(), QStringLiteral("16 workers\n–"));
        QCOMPARE(cell(m, 1, C::Winner).toString(), QStringLiteral("not measured"));
        QCOMPARE(cell(m, 1, C::Ratio).toString(), QStringLiteral("–"));
        QCOMPARE(cell(m, 1, C::Source).toString(), QStringLiteral("–"));
        QCOMPARE(shadedColumns(m, 1), QList<int>{});
        QCOMPARE(boldColumns(m, 1), QList<int>{});

        QCOMPARE(cell(m, 2, C::Winner).toString(), QStringLiteral("tie (< 10 %)"));
        QCOMPARE(cell(m, 2, C::Ratio).toString(), qs(formatRatio(1.05)));
        QCOMPARE(shadedColumns(m, 2), QList<int>{});
        QCOMPARE(boldColumns(m, 2), QList<int>{});

        // a new table (a row that changed) starts over
        m.setRows({unmeasuredRow()});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(cell(m, 0, C::Winner).toString(), QStringLiteral("not measured"));
        m.appendRow(memoryRow());
        QCOMPARE(inserted.count(), 4);
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(boldColumns(m, 1), QList<int>{C::A});
        m.clear();
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.columnCount(), 7);
    }
};

QTEST_MAIN(TstVerdictModel)
#include "tst_verdictmodel.moc"
