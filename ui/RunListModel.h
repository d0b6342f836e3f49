#pragma once

#include <vector>

#include <QAbstractListModel>
#include <QDateTime>
#include <QString>

#include "analysis/Compare.h"

namespace corelab::ui {

// The runs the window can show: those of this session (newest first) and the run files
// found in the runs folder. Folder entries are listed by file name and read on demand.
class RunListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { PathRole = Qt::UserRole + 1, SessionRole };
    struct Entry {
        QString path;
        QString title;
        QString detail;
        bool session = false;
    };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // A finished run or comparison of this session, saved at `path`, on top.
    void addSessionEntry(Entry e);
    void addSessionRun(const RunRecord& record, const QString& path)
    {
        addSessionEntry(runEntry(record, path));
    }
    static Entry runEntry(const RunRecord& record, const QString& path);
    static Entry comparisonEntry(const Comparison& c, const QString& path);
    // Lists *.json in the folder (newest first), keeping session runs on top.
    void scanFolder(const QString& folder);
    const Entry& entry(int row) const { return entries_[static_cast<std::size_t>(row)]; }

    static QString titleFor(const RunRecord& record);

private:
    std::vector<Entry> entries_;
};

} // namespace corelab::ui
