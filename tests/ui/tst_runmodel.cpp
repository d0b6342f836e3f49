#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "RunListModel.h"
#include "RunSeries.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

RunRecord fixture()
{
    return loadRunFile(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json");
}

} // namespace

class TstRunModel : public QObject {
    Q_OBJECT
private slots:
    void derivesEveryPanelFromARecord()
    {
        RunSeries m;
        m.setRecord(fixture());
        QCOMPARE(m.coreBusyPercent().size(), std::size_t(m.record().machine.logicalCpus));
        QVERIFY(!m.opsPerS().empty());
        QVERIFY(!m.rssMiB().empty());
        QVERIFY(!m.ctxInvoluntaryPerS().empty());
        QVERIFY(!m.runqueueWaitMsPerS().empty());
        QCOMPARE(m.lanes().size(), std::size_t(2));
        for (const auto& [cpu, s] : m.coreBusyPercent())
            for (double v : s.v)
                QVERIFY(v >= 0 && v <= 100);
    }
    void runningLanesKnowTheirCore()
    {
        RunRecord r;
        r.spec.workers = 1;
        for (int i = 0; i < 4; ++i) {
            Sample s;
            s.t = 0.1 * i;
            WorkerSample w;
            w.state = 'R';
            w.lastCpu = 1;
            w.tid = 42;
            w.runNs = 100'000'000ULL * i; // running the whole interval
            s.workers.push_back(w);
            r.samples.push_back(s);
        }
        RunSeries m;
        m.setRecord(r);
        const Series& cpu = m.workerCpu().at(0);
        QCOMPARE(cpu.v.back(), 1.0);
        QCOMPARE(static_cast<LaneState>(static_cast<int>(m.lanes().at(0).v.back())),
                 LaneState::Running);
    }
    void liveBatchesEqualTheWholeRecord()
    {
        const RunRecord r = fixture();
        RunSeries whole, live;
        whole.setRecord(r);
        live.beginLive(r.spec);
        const auto before = live.version();
        const std::size_t half = r.samples.size() / 2;
        live.appendSamples({r.samples.begin(), r.samples.begin() + long(half)});
        live.appendSamples({r.samples.begin() + long(half), r.samples.end()});
        QVERIFY(live.version() > before);
        QCOMPARE(live.opsPerS().v, whole.opsPerS().v);
        QCOMPARE(live.runqueueWaitMsPerS().v, whole.runqueueWaitMsPerS().v);
        QCOMPARE(live.lanes().at(0).v, whole.lanes().at(0).v);
    }
    void throughputMatchesTheSummary()
    {
        RunSeries m;
        m.setRecord(fixture());
        // mean of Δops/Δt over the samples: within 25 % of the summary's ops/wall time
        double sum = 0;
        for (double v : m.opsPerS().v)
            sum += v;
        const double mean = sum / double(m.opsPerS().size());
        QVERIFY2(std::abs(mean / m.record().summary.opsPerS - 1) < 0.25,
                 qPrintable(QString::number(mean)));
    }
    void longSeriesStayBounded()
    {
        ui::Series s;
        const int n = 100000; // 10 Hz for almost three hours
        for (int i = 0; i < n; ++i)
            s.push(i * 0.1, i);
        QVERIFY(s.size() <= ui::Series::kMaxPoints);
        QVERIFY(s.thinning > 1);
        QCOMPARE(s.t.front(), 0.0);
        QVERIFY(std::is_sorted(s.t.begin(), s.t.end()));
        // a time between kept points is still covered, by the next kept point
        const double v = s.valueCovering(5000.05, 0.25);
        QVERIFY(!std::isnan(v));
        QVERIFY(std::fabs(v - 50000) <= s.thinning);
    }

    void runListModelIsWellBehaved()
    {
        QTemporaryDir dir;
        QFile::copy(QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
                    dir.filePath(QStringLiteral("a.json")));
        RunListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.scanFolder(dir.path());
        QCOMPARE(model.rowCount(), 1);
        model.addSessionRun(fixture(), dir.filePath(QStringLiteral("a.json")));
        QCOMPARE(model.rowCount(), 1); // the same file is not listed twice
        QVERIFY(model.index(0, 0).data(RunListModel::SessionRole).toBool());
        model.addSessionRun(fixture(), QString());
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.index(0, 0).data().toString().contains(QStringLiteral("threads")));
    }

    // A job's runs fold under it, in the session and after a rescan; a file beside a
    // job folder with its name is the job's result, not an entry of its own.
    void jobsFoldTheirRuns()
    {
        QTemporaryDir dir;
        const QString runs = dir.path();
        const QString job =
            runs % QStringLiteral("/compare-20261130-101500-123-cpu-threads-vs-processes");
        QVERIFY(QDir().mkpath(job));
        const QString fixturePath = QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json");
        // runs in both layouts: compact as the window saves them now, JSON as before
        const QString compactPath =
            QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.corelab");
        QVERIFY(QFile::copy(fixturePath,
                            job % QStringLiteral("/run-20261130-101501-000-cpu-threads-2.json")));
        QVERIFY(QFile::copy(
            compactPath, job % QStringLiteral("/run-20261130-101502-000-cpu-processes-2.corelab")));
        QVERIFY(QFile::copy(fixturePath, job % QStringLiteral(".json")));
        QVERIFY(QFile::copy(compactPath,
                            runs % QStringLiteral("/run-20261130-101400-000-io-async-8.corelab")));
        QVERIFY(QFile::copy(fixturePath, runs % QStringLiteral("/mine.json")));

        RunListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.scanFolder(runs);
        QCOMPARE(model.rowCount(), 3); // the job, the io run, mine.json
        QModelIndex jobIndex;
        QStringList titles;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = model.index(r, 0);
            titles << i.data().toString().section(QLatin1Char('\n'), 0, 0);
            if (model.rowCount(i) > 0) jobIndex = i;
        }
        QVERIFY(titles.contains(QStringLiteral("compare · cpu threads vs processes")));
        QVERIFY(titles.contains(QStringLiteral("io async 8")));
        QVERIFY(titles.contains(QStringLiteral("mine")));
        QVERIFY(jobIndex.isValid());
        QCOMPARE(model.rowCount(jobIndex), 2);
        QCOMPARE(jobIndex.data(RunListModel::PathRole).toString(),
                 QFileInfo(job % QStringLiteral(".json")).absoluteFilePath());
        QCOMPARE(model.index(0, 0, jobIndex).data().toString().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("cpu threads 2"));
        QCOMPARE(model.parent(model.index(1, 0, jobIndex)), jobIndex);

        // a session job on top: its runs arrive one by one, and a single run pushed on
        // top later leaves them under the right parent
        const QString sweep = runs % QStringLiteral("/sweep-20261130-102000-000-cpu");
        model.addSessionJob(sweep);
        QPersistentModelIndex top = model.index(0, 0);
        QVERIFY(top.data().toString().startsWith(QStringLiteral("sweep · cpu\n0 runs")));
        model.addJobRun(sweep,
                        RunListModel::runEntry(fixture(), sweep % QStringLiteral("/run-1.json")));
        QPersistentModelIndex firstRun = model.index(0, 0, top);
        model.addSessionRun(fixture(), QString());
        model.addJobRun(sweep,
                        RunListModel::runEntry(fixture(), sweep % QStringLiteral("/run-2.json")));
        QCOMPARE(top.row(), 1);
        QCOMPARE(model.rowCount(top), 2);
        QVERIFY(top.data().toString().contains(QStringLiteral("2 runs")));
        QCOMPARE(model.parent(firstRun), QModelIndex(top));
        QCOMPARE(firstRun.data(RunListModel::PathRole).toString(),
                 sweep % QStringLiteral("/run-1.json"));

        // a rescan keeps the session's job and does not list its folder twice
        QVERIFY(QDir().mkpath(sweep));
        QVERIFY(QFile::copy(fixturePath, sweep % QStringLiteral("/run-1.json")));
        model.scanFolder(runs);
        QCOMPARE(model.rowCount(), 5);
    }
};

QTEST_GUILESS_MAIN(TstRunModel)
#include "tst_runmodel.moc"
