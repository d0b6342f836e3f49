#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "RunFiles.h"
#include "RunListModel.h"
#include "RunSeries.h"
#include "UiTestMain.h"
#include "record/Synthetic.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

RunRecord fixture()
{
    return loadRunFile(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json");
}

// Equal to the bit, NaN where the other has NaN (a hole is a hole in both).
bool sameValues(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](double x, double y) {
               return x == y || (std::isnan(x) && std::isnan(y));
           });
}

QString differs(const QString& what, const Series& a, const Series& b)
{
    if (a.thinning == b.thinning && sameValues(a.t, b.t) && sameValues(a.v, b.v)) return {};
    return what % QStringLiteral(": %1 vs %2 points").arg(a.size()).arg(b.size());
}

QString differs(const QString& what, const std::map<int, Series>& a, const std::map<int, Series>& b)
{
    if (a.size() != b.size())
        return what % QStringLiteral(": %1 vs %2 series").arg(a.size()).arg(b.size());
    for (const auto& [key, series] : a) {
        const auto other = b.find(key);
        if (other == b.end()) return what % QStringLiteral(" %1 missing").arg(key);
        if (QString d = differs(what % QStringLiteral(" %1").arg(key), series, other->second);
            !d.isEmpty())
            return d;
    }
    return {};
}

// Every series both views draw from, compared point by point; empty when all agree.
QString firstDifference(const RunSeries& a, const RunSeries& b)
{
    QStringList out;
    out << differs(QStringLiteral("core busy"), a.coreBusyPercent(), b.coreBusyPercent())
        << differs(QStringLiteral("core workers"), a.coreWorkersPercent(), b.coreWorkersPercent())
        << differs(QStringLiteral("core other"), a.coreOtherPercent(), b.coreOtherPercent())
        << differs(QStringLiteral("core worker"), a.coreWorker(), b.coreWorker())
        << differs(QStringLiteral("busy cores"), a.workerBusyCores(), b.workerBusyCores())
        << differs(QStringLiteral("ops"), a.opsPerS(), b.opsPerS())
        << differs(QStringLiteral("worker ops"), a.workerOpsPerS(), b.workerOpsPerS())
        << differs(QStringLiteral("rss"), a.rssMiB(), b.rssMiB())
        << differs(QStringLiteral("pss"), a.pssMiB(), b.pssMiB())
        << differs(QStringLiteral("uss"), a.ussMiB(), b.ussMiB())
        << differs(QStringLiteral("ctx vol"), a.ctxVoluntaryPerS(), b.ctxVoluntaryPerS())
        << differs(QStringLiteral("ctx invol"), a.ctxInvoluntaryPerS(), b.ctxInvoluntaryPerS())
        << differs(QStringLiteral("wait"), a.runqueueWaitMsPerS(), b.runqueueWaitMsPerS())
        << differs(QStringLiteral("lanes"), a.lanes(), b.lanes())
        << differs(QStringLiteral("worker cpu"), a.workerCpu(), b.workerCpu());
    if (a.laneShares().size() != b.laneShares().size()) out << QStringLiteral("lane shares");
    for (const auto& [worker, shares] : a.laneShares()) {
        const auto other = b.laneShares().find(worker);
        if (other == b.laneShares().end() || !sameValues(shares.t, other->second.t)) {
            out << QStringLiteral("lane shares %1").arg(worker);
            continue;
        }
        for (std::size_t i = 0; i < shares.size(); ++i)
            if (shares.at(i) != other->second.at(i)) {
                out << QStringLiteral("lane shares %1 at %2").arg(worker).arg(i);
                break;
            }
    }
    if (a.lastTime() != b.lastTime()) out << QStringLiteral("last time");
    RunRecord headA = a.record(), headB = b.record();
    headA.samples.clear();
    headB.samples.clear();
    if (!(headA == headB)) out << QStringLiteral("record head");
    out.removeAll(QString());
    return out.join(QStringLiteral("; "));
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
    // A file read chunk by chunk (the samples derived as they come, never all held)
    // gives every series exactly as the whole record does: the fixtures in both layouts,
    // and a synthetic run (a crash, a stall, sleepers) long enough for several chunks.
    void aFileLoadedChunkByChunkDerivesWhatTheWholeRecordDoes()
    {
        QTemporaryDir dir;
        const QString synthetic = dir.filePath(QStringLiteral("synthetic.corelab"));
        const RunRecord made = syntheticRecord(SyntheticShape{32, 96, 240, 10, 8, 3});
        saveRunFile(made, synthetic.toStdString());
        for (const QString& path :
             {QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
              QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.corelab"), synthetic}) {
            const RunRecord r = loadRunFile(path.toStdString());
            RunSeries whole, chunked;
            whole.setRecord(r);
            chunked.loadFile(path.toStdString());
            QVERIFY(!chunked.live());
            QVERIFY(!chunked.lanes().empty());
            const QString difference = firstDifference(whole, chunked);
            QVERIFY2(difference.isEmpty(), qPrintable(path % QStringLiteral(": ") % difference));
            // only the last sample is kept
            QCOMPARE(chunked.record().samples.size(), std::size_t(1));
            QVERIFY(chunked.record().samples.back() == r.samples.back());
        }
        // the synthetic run's crashed worker is held crashed to the end in both
        RunSeries m;
        m.loadFile(synthetic.toStdString());
        SyntheticSource source(SyntheticShape{32, 96, 240, 10, 8, 3});
        const Series& crashed = m.lanes().at(source.plan().crashedWorker);
        QCOMPARE(static_cast<LaneState>(static_cast<int>(crashed.v.back())), LaneState::Crashed);
    }

    // The window's way in: RunFiles reads the file off the GUI thread into a RunSeries;
    // saving that run elsewhere reads the file again, since the series kept no samples.
    void theWindowOpensARunAsSeriesAndSavesItWhole()
    {
        const QString path = QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.corelab");
        RunFiles files;
        std::shared_ptr<RunSeries> shown;
        QString shownPath;
        connect(&files, &RunFiles::runLoaded, this,
                [&](std::shared_ptr<RunSeries> series, const QString& from) {
                    shown = std::move(series);
                    shownPath = from;
                });
        files.load(path);
        QTRY_VERIFY_WITH_TIMEOUT(shown != nullptr, 10000);
        QCOMPARE(shownPath, path);
        RunSeries whole;
        whole.setRecord(loadRunFile(path.toStdString()));
        QVERIFY(firstDifference(*shown, whole).isEmpty());
        QCOMPARE(shown->record().samples.size(), std::size_t(1));

        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("copy.json"));
        QCOMPARE(files.saveRunFileAs(path, copy), QString());
        RunRecord saved = loadRunFile(copy.toStdString());
        saved.schema = whole.record().schema;
        QVERIFY(saved == whole.record());
    }

    // A damaged file is refused and leaves what was shown as it was.
    void aDamagedFileLeavesTheSeriesAsTheyWere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.corelab"));
        QFile in(QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.corelab"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        bytes.chop(40);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        RunSeries m, before;
        m.setRecord(fixture());
        before.setRecord(fixture());
        const auto version = m.version();
        bool threw = false;
        try {
            m.loadFile(path.toStdString());
        } catch (const std::exception&) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(m.version(), version);
        QVERIFY(firstDifference(m, before).isEmpty());
    }

    // Shares are kept in 1/65535ths: what comes back is what went in, that close.
    void laneSharesKeepTheirValues()
    {
        ShareSeries s;
        const LaneShares in{0.5f, 0.25f, 0.125f, 0.0625f, 0.0625f, 0, 0, 0};
        const LaneShares odd{1.0f / 3, 2.0f / 3, 0, 0, 0, 0, 0, 1e-6f};
        s.push(0.1, in);
        s.push(0.2, odd);
        for (std::size_t k = 0; k < in.size(); ++k) {
            QVERIFY(std::fabs(s.at(0)[k] - in[k]) <= 0.5f / 65535 + 1e-7f);
            QVERIFY(std::fabs(s.at(1)[k] - odd[k]) <= 0.5f / 65535 + 1e-7f);
        }
        LaneShares sum{};
        s.addTo(0, sum);
        s.addTo(1, sum);
        QVERIFY(std::fabs(sum[0] - (0.5f + 1.0f / 3)) < 2e-5f);
        QCOMPARE(s.covering(0.15, 0.25), std::ptrdiff_t(1));
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
        // the first kept point ends the first merged interval
        QCOMPARE(s.t.front(), (s.thinning - 1) * 0.1);
        QVERIFY(std::is_sorted(s.t.begin(), s.t.end()));
        // a time between kept points is still covered, by the next kept point
        const double v = s.valueCovering(5000.05, 0.25);
        QVERIFY(!std::isnan(v));
        QVERIFY(std::fabs(v - 50000) <= s.thinning);
    }

    // Thinning merges neighbours, it drops nothing: a one-sample spike is spread over its
    // merged interval (dropping every other point lost it), and the rate's integral, the
    // work done, stays what it was.
    void thinningKeepsEverySamplesWork()
    {
        ui::Series s;
        const std::size_t n = ui::Series::kMaxPoints + 1; // one thinning
        double integral = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double rate = i == 1001 ? 1000.0 : 1.0; // an odd index: the one dropped
            s.push(static_cast<double>(i + 1) * 0.1, rate);
            integral += rate * 0.1;
        }
        QCOMPARE(s.thinning, 2);
        double kept = 0, previous = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            kept += s.v[i] * (s.t[i] - previous);
            previous = s.t[i];
        }
        QVERIFY2(std::abs(kept - integral) < 1e-6 * integral,
                 qPrintable(QStringLiteral("%1 vs %2").arg(kept).arg(integral)));
        QCOMPARE(s.maxValue(), (1.0 + 1000.0) / 2);
    }

    // A run of many CPUs and workers keeps fewer points in each CPU's and worker's series
    // (issue 14: the window's memory over an hour of 256 workers), and no series keeps
    // room for twice what it holds; a run of a few keeps every sample. The samples here
    // come from one worker and one CPU: what bounds the series is the run's size, from
    // its spec and machine.
    void manyWorkersKeepFewerPointsEach()
    {
        const std::size_t n = ui::Series::kMinPoints + 1000;
        const auto play = [n](int workers, int cpus) {
            auto m = std::make_unique<RunSeries>();
            ExperimentSpec spec;
            spec.workers = workers;
            MachineInfo machine;
            machine.logicalCpus = cpus;
            m->beginLive(spec, &machine);
            for (std::size_t i = 0; i < n; ++i) {
                Sample s;
                s.t = 0.1 * static_cast<double>(i);
                s.cores = {CoreSample{0, 0.5, 0, 0, 0.5}};
                WorkerSample w;
                w.state = 'R';
                w.lastCpu = 0;
                w.ops = 1000 * i;
                w.runNs = 50'000'000 * i;
                s.workers = {w};
                m->appendSamples({s});
            }
            return m;
        };
        const auto few = play(2, 2);
        QCOMPARE(few->workerOpsPerS().at(0).size(), n - 1); // a rate needs two samples
        QCOMPARE(few->coreBusyPercent().at(0).size(), n);

        const auto many = play(512, 256);
        for (const ui::Series* s : {&many->workerOpsPerS().at(0), &many->coreBusyPercent().at(0),
                                    &many->coreWorkersPercent().at(0)}) {
            QVERIFY2(s->size() <= ui::Series::kMinPoints, qPrintable(QString::number(s->size())));
            QVERIFY(s->thinning > 1);
            QVERIFY2(s->t.capacity() <= ui::Series::kMinPoints + 1,
                     qPrintable(QString::number(s->t.capacity())));
        }
        QVERIFY(many->lanes().at(0).size() <= ui::Series::kMinPoints);
        // the run's own totals are one series each: they keep every sample
        QCOMPARE(many->opsPerS().size(), few->opsPerS().size());
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

CORELAB_UI_TEST(TstRunModel)
#include "tst_runmodel.moc"
