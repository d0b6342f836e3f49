#pragma once

#include <memory>
#include <vector>

#include <QAbstractItemModel>
#include <QString>

#include "analysis/Compare.h"

namespace corelab::ui {

// The runs the window can show: those of this session and the files of the runs
// folder, newest first. A job's runs (a comparison's A and B, a sweep, repeats, the
// table) live in a folder named after the job and show as one entry with the runs
// under it; a file of the same name beside the folder (a comparison) is the job's
// result and opens on a click. Folder entries are named from their file names and
// read on demand.
class RunListModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Roles { PathRole = Qt::UserRole + 1, SessionRole };
    struct Entry {
        QString path; // the file a click opens; empty for a job without a result
        QString title;
        QString detail; // a job: its date (the run count is added on display)
        bool session = false;
        QString folder;          // a job: where its runs are
        std::vector<Entry> runs; // a job: its runs, in run order
    };

    using QAbstractItemModel::QAbstractItemModel;
    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // A finished run or comparison of this session, saved at `path`, on top.
    void addSessionEntry(Entry e);
    void addSessionRun(const RunRecord& record, const QString& path)
    {
        addSessionEntry(runEntry(record, path));
    }
    // A job of this session, on top, named after its folder; its runs are saved there.
    void addSessionJob(const QString& folder);
    // A run of the job in `folder`, after its others.
    void addJobRun(const QString& folder, Entry run);
    // The job's result file (a comparison): a click on the job opens it.
    void setJobResult(const QString& folder, const QString& path);
    // Lists the folder's run files (*.corelab, *.json) and job folders, keeping session
    // entries on top.
    void scanFolder(const QString& folder);

    static Entry runEntry(const RunRecord& record, const QString& path);
    static QString titleFor(const RunRecord& record);
    // File and folder names say when and what ran: "run-<timeStamp()>-<fileStem>.corelab",
    // "sweep-<timeStamp()>-cpu/", "compare-<timeStamp()>-<comparisonStem>.json".
    static QString timeStamp();                          // now, "yyyyMMdd-HHmmss-zzz"
    static QString fileStem(const ExperimentSpec& spec); // "cpu-threads-2", "cpu-hybrid-2x3"
    // by what differs: "spawn-threads-pthread-create-vs-fork" (analysis/Compare.h)
    static QString comparisonStem(const ExperimentSpec& a, const ExperimentSpec& b);

private:
    Entry* jobAt(const QString& folder, int* row);
    const Entry* entryAt(const QModelIndex& index) const;
    std::vector<std::unique_ptr<Entry>> entries_;
};

} // namespace corelab::ui
