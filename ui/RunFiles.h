#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "RunSeries.h"
#include "analysis/Compare.h"
#include "record/RunRecord.h"

namespace corelab {
class Study;
} // namespace corelab

namespace corelab::ui {

class RunListModel;
class StudyRunner;

// Where runs are kept: the runs folder, a folder of its own for each study's runs
// with a comparison's file beside it, and the list of them. Files are written and
// read off the GUI thread; a file is listed only once it is whole.
class RunFiles : public QObject {
    Q_OBJECT
public:
    explicit RunFiles(QObject* parent = nullptr);

    RunListModel* list() const { return list_; }
    QString folder() const { return folder_; }
    // Keeps every run the runner finishes, whole or not, in its study's folder.
    void follow(const StudyRunner* runner);
    // Changes the runs folder and lists what it holds.
    void setFolder(const QString& folder);
    void rescan();
    // A study starts: its runs go into a folder named for it (a single run's into the
    // runs folder itself).
    void beginStudy(const Study& study);
    // Saves a run of the current study, stopped or whole; returns its path, empty when
    // nothing was measured (the run is listed without a file).
    QString saveRun(const RunRecord& record);
    // Saves a run where the user chose, now; the error, or empty on success.
    QString saveRunAs(const RunRecord& record, const QString& path) const;
    // The same for a run shown from its file `from`: its samples are not in memory (a
    // loaded run keeps only what it draws), so the file is read again, whole.
    QString saveRunFileAs(const QString& from, const QString& path) const;
    // Saves the current study's comparison beside its folder; returns the path.
    QString saveComparison(const Comparison& c);
    // Reads a run file (deriving its series as it reads, RunSeries::loadFile), or else
    // a comparison file; runLoaded, comparisonLoaded or failed follows on the GUI thread.
    void load(const QString& path);

signals:
    // path is empty when nothing was measured (listed without a file)
    void runSaved(const corelab::RunRecord& record, const QString& path);
    void runLoaded(std::shared_ptr<corelab::ui::RunSeries> series, const QString& path);
    void comparisonLoaded(const corelab::Comparison& c);
    void failed(const QString& message);

private:
    void writeInBackground(const QString& path, std::function<void()> write,
                           std::function<void()> onWritten);

    RunListModel* list_;
    QString folder_;
    QString studyFolder_; // empty for a single run
};

} // namespace corelab::ui
