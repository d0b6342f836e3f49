#include "RunListModel.h"

#include <QDir>
#include <QFileInfo>

#include "PlotStyle.h"

namespace corelab::ui {

int RunListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& e = entries_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return e.detail.isEmpty() ? e.title : e.title % QLatin1Char('\n') % e.detail;
    case Qt::ToolTipRole:
        return e.path;
    case PathRole:
        return e.path;
    case SessionRole:
        return e.session;
    default:
        return {};
    }
}

QString RunListModel::titleFor(const RunRecord& r)
{
    const auto& s = r.spec;
    QString layout = QString::number(s.workers);
    if (s.model == Model::Hybrid)
        layout += QStringLiteral("×") % QString::number(s.threadsPerProcess);
    return QString::fromStdString(s.workload) % QStringLiteral(" · ") %
           QString::fromLatin1(toString(s.model)) % QStringLiteral(" ") % layout %
           QStringLiteral(" · ") % QString::number(s.durationS) % QStringLiteral(" s");
}

RunListModel::Entry RunListModel::runEntry(const RunRecord& record, const QString& path)
{
    return {path, titleFor(record),
            formatSi(record.summary.opsPerS, QStringLiteral("ops/s")) % QStringLiteral(" · ") %
                QString::fromStdString(record.startedAt),
            true};
}

RunListModel::Entry RunListModel::comparisonEntry(const Comparison& c, const QString& path)
{
    const QString title = tr("compare %1: %2 vs %3")
                              .arg(QString::fromStdString(c.a.spec.workload),
                                   QString::fromStdString(runLabel(c.a, c.b, "A")),
                                   QString::fromStdString(runLabel(c.b, c.a, "B")));
    return {path, title, QString::fromStdString(c.a.startedAt), true};
}

void RunListModel::addSessionEntry(Entry e)
{
    const QString path = e.path;
    // the folder scan may have listed the same file already
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (!path.isEmpty() && entries_[i].path == path) {
            beginRemoveRows({}, static_cast<int>(i), static_cast<int>(i));
            entries_.erase(entries_.begin() + static_cast<long>(i));
            endRemoveRows();
            break;
        }
    beginInsertRows({}, 0, 0);
    entries_.insert(entries_.begin(), std::move(e));
    endInsertRows();
}

void RunListModel::scanFolder(const QString& folder)
{
    std::vector<Entry> kept;
    for (auto& e : entries_)
        if (e.session) kept.push_back(e);
    const auto files =
        QDir(folder).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    for (const auto& f : files) {
        const QString path = f.absoluteFilePath();
        const bool known =
            std::any_of(kept.begin(), kept.end(), [&](const Entry& e) { return e.path == path; });
        if (!known)
            kept.push_back({path, f.completeBaseName(),
                            f.lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm")), false});
    }
    beginResetModel();
    entries_ = std::move(kept);
    endResetModel();
}

} // namespace corelab::ui
