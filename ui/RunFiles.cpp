#include "RunFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

#include "RunListModel.h"
#include "StudyRunner.h"
#include "study/Study.h"

namespace corelab::ui {

RunFiles::RunFiles(QObject* parent)
    : QObject(parent)
    , list_(new RunListModel(this))
{
}

void RunFiles::follow(const StudyRunner* runner)
{
    connect(runner, &StudyRunner::stepStarted, this, [this, runner](int step) {
        if (step == 0) beginStudy(*runner->study());
    });
    connect(runner, &StudyRunner::stepFinished, this,
            [this](int, const RunRecord& record) { emit runSaved(record, saveRun(record)); });
}

void RunFiles::setFolder(const QString& folder)
{
    folder_ = folder;
    rescan();
}

void RunFiles::rescan()
{
    list_->scanFolder(folder_);
}

void RunFiles::beginStudy(const Study& study)
{
    const auto& plan = study.plan();
    const QString kind = QString::fromStdString(study.kind());
    studyFolder_.clear();
    if (kind == QLatin1String("run")) return;
    QString what;
    if (kind == QLatin1String("compare"))
        what = RunListModel::comparisonStem(plan.at(0), plan.at(1));
    if (kind == QLatin1String("sweep")) what = QString::fromStdString(plan.at(0).workload);
    if (kind == QLatin1String("repeat")) what = RunListModel::fileStem(plan.at(0));
    studyFolder_ = folder_ % QLatin1Char('/') % kind % QLatin1Char('-') %
                   RunListModel::timeStamp() %
                   (what.isEmpty() ? QString() : QLatin1Char('-') % what);
    list_->addSessionJob(studyFolder_);
}

QString RunFiles::saveRun(const RunRecord& record)
{
    const auto listIt = [this, folder = studyFolder_](RunListModel::Entry e) {
        if (folder.isEmpty())
            list_->addSessionEntry(std::move(e));
        else
            list_->addJobRun(folder, std::move(e));
    };
    if (record.samples.empty() && !record.spool) {
        listIt(RunListModel::runEntry(record, {}));
        return {};
    }
    const QString path = (studyFolder_.isEmpty() ? folder_ : studyFolder_) %
                         QStringLiteral("/run-") % RunListModel::timeStamp() % QLatin1Char('-') %
                         RunListModel::fileStem(record.spec) % QStringLiteral(".corelab");
    writeInBackground(
        path, [record, p = path.toStdString()] { corelab::saveRunFile(record, p); },
        [listIt, e = RunListModel::runEntry(record, path)] { listIt(e); });
    return path;
}

QString RunFiles::saveRunAs(const RunRecord& record, const QString& path) const
{
    try {
        corelab::saveRunFile(record, path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString RunFiles::saveRunFileAs(const QString& from, const QString& path) const
{
    try {
        corelab::saveRunFile(loadRunFile(from.toStdString()), path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

QString RunFiles::saveComparison(const Comparison& c)
{
    const QString path = studyFolder_ % QStringLiteral(".json");
    writeInBackground(
        path, [c, p = path.toStdString()] { saveCompareFile(c, p); },
        [this, folder = studyFolder_, path] { list_->setJobResult(folder, path); });
    return path;
}

// A long run's file takes a while to write: the GUI thread hands it to the pool. The
// file is listed (onWritten, on the GUI thread) when it is complete, so a click never
// finds half a file; a failure comes back as failed(). The pool is drained before
// the program exits.
void RunFiles::writeInBackground(const QString& path, std::function<void()> write,
                                 std::function<void()> onWritten)
{
    QPointer<RunFiles> self(this);
    QThreadPool::globalInstance()->start(
        [self, path, write = std::move(write), onWritten = std::move(onWritten)] {
            QString error;
            try {
                if (!QDir().mkpath(QFileInfo(path).absolutePath()))
                    throw std::runtime_error("cannot create the folder");
                write();
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
            QMetaObject::invokeMethod(qApp, [self, path, error, onWritten] {
                if (!self) return;
                if (error.isEmpty())
                    onWritten();
                else
                    emit self->failed(tr("could not save %1: %2").arg(path, error));
            });
        });
}

void RunFiles::load(const QString& path)
{
    QPointer<RunFiles> self(this);
    // a long run's file takes a while to read and derive: keep the GUI thread free
    QThreadPool::globalInstance()->start([self, path] {
        auto series = std::make_shared<RunSeries>();
        std::optional<Comparison> comparison;
        QString error;
        try {
            series->loadFile(path.toStdString());
        } catch (const std::exception& e) {
            series.reset();
            error = QString::fromUtf8(e.what());
            // not a run: perhaps a comparison of two
            try {
                comparison = loadCompareFile(path.toStdString());
            } catch (const std::exception&) {
            }
        }
        QMetaObject::invokeMethod(qApp,
                                  [self, series, path, comparison = std::move(comparison), error] {
                                      if (!self) return;
                                      if (series)
                                          emit self->runLoaded(series, path);
                                      else if (comparison)
                                          emit self->comparisonLoaded(*comparison);
                                      else
                                          emit self->failed(error);
                                  });
    });
}

} // namespace corelab::ui
