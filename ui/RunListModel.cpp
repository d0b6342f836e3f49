#include "RunListModel.h"

#include <algorithm>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include "analysis/Compare.h"
#include "timeline/PlotStyle.h"

namespace corelab::ui {

namespace {

// Run files in either layout (docs/run-file.md) and job results (comparisons, JSON).
const QStringList& listedFiles()
{
    static const QStringList patterns{QStringLiteral("*.corelab"), QStringLiteral("*.json")};
    return patterns;
}

QString runsDetail(std::size_t runs)
{
    return runs == 1 ? RunListModel::tr("1 run") : RunListModel::tr("%1 runs").arg(runs);
}

// A name CoreLab wrote, "<kind>-<yyyyMMdd-HHmmss-zzz>[-<what>]", as a title and a
// date; any other name as itself and its file's time.
RunListModel::Entry entryFromName(const QFileInfo& f)
{
    static const QRegularExpression named(
        QStringLiteral("^(run|compare|sweep|repeat|table)-(\\d{8}-\\d{6})-\\d{3}-?(.*)$"));
    RunListModel::Entry e;
    e.path = f.isFile() ? f.absoluteFilePath() : QString();
    const auto m = named.match(f.isFile() ? f.completeBaseName() : f.fileName());
    if (!m.hasMatch()) {
        e.title = f.completeBaseName();
        e.detail = f.lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        return e;
    }
    QString what = m.captured(3);
    what.replace(QLatin1Char('-'), QLatin1Char(' '));
    e.title =
        m.captured(1) == QLatin1String("run") ? what : m.captured(1) % QStringLiteral(" · ") % what;
    if (what.isEmpty()) e.title = m.captured(1);
    e.detail = QDateTime::fromString(m.captured(2), QStringLiteral("yyyyMMdd-HHmmss"))
                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return e;
}

// A job folder: its runs in name order (which is run order), and the result file
// of the same name beside it, if there is one.
RunListModel::Entry jobFromFolder(const QFileInfo& dir)
{
    RunListModel::Entry job = entryFromName(dir);
    job.folder = dir.absoluteFilePath();
    for (const QFileInfo& f :
         QDir(job.folder).entryInfoList(listedFiles(), QDir::Files, QDir::Name))
        job.runs.push_back(entryFromName(f));
    const QFileInfo result(job.folder % QStringLiteral(".json"));
    if (result.isFile()) job.path = result.absoluteFilePath();
    return job;
}

} // namespace

QModelIndex RunListModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column != 0 || row < 0) return {};
    if (!parent.isValid())
        return row < static_cast<int>(entries_.size()) ? createIndex(row, 0, nullptr)
                                                       : QModelIndex();
    if (parent.internalPointer()) return {}; // runs have no children
    const Entry* job = entries_[static_cast<std::size_t>(parent.row())].get();
    return row < static_cast<int>(job->runs.size()) ? createIndex(row, 0, const_cast<Entry*>(job))
                                                    : QModelIndex();
}

// A top-level index carries no pointer; a run's carries its job, whose row is
// looked up (the list is short), so inserting on top never leaves a stale parent.
QModelIndex RunListModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || !child.internalPointer()) return {};
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].get() == child.internalPointer())
            return createIndex(static_cast<int>(i), 0, nullptr);
    return {};
}

int RunListModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) return static_cast<int>(entries_.size());
    if (parent.internalPointer() || parent.column() != 0) return 0;
    return static_cast<int>(entries_[static_cast<std::size_t>(parent.row())]->runs.size());
}

int RunListModel::columnCount(const QModelIndex&) const
{
    return 1;
}

const RunListModel::Entry* RunListModel::entryAt(const QModelIndex& index) const
{
    if (!index.isValid()) return nullptr;
    if (!index.internalPointer()) return entries_[static_cast<std::size_t>(index.row())].get();
    return &static_cast<const Entry*>(index.internalPointer())
                ->runs[static_cast<std::size_t>(index.row())];
}

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Entry& e = *entryAt(index);
    switch (role) {
    case Qt::DisplayRole: {
        // a job's count is read from its runs, so it never falls behind them
        const QString detail = e.folder.isEmpty()
                                   ? e.detail
                                   : runsDetail(e.runs.size()) % QStringLiteral(" · ") % e.detail;
        return detail.isEmpty() ? e.title : e.title % QLatin1Char('\n') % detail;
    }
    case Qt::ToolTipRole:
        return e.path.isEmpty() ? e.folder : e.path;
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

QString RunListModel::timeStamp()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
}

QString RunListModel::fileStem(const ExperimentSpec& s)
{
    QString layout = QString::number(s.workers);
    if (s.model == Model::Hybrid) layout += QLatin1Char('x') % QString::number(s.threadsPerProcess);
    return QString::fromStdString(s.workload) % QLatin1Char('-') %
           QString::fromLatin1(toString(s.model)) % QLatin1Char('-') % layout;
}

QString RunListModel::comparisonStem(const ExperimentSpec& a, const ExperimentSpec& b)
{
    return QString::fromStdString(corelab::comparisonStem(a, b));
}

RunListModel::Entry RunListModel::runEntry(const RunRecord& record, const QString& path)
{
    return {path,
            titleFor(record),
            formatSi(record.summary.opsPerS, QStringLiteral("ops/s")) % QStringLiteral(" · ") %
                QString::fromStdString(record.startedAt),
            true,
            {},
            {}};
}

void RunListModel::addSessionEntry(Entry e)
{
    // the folder scan may have listed the same file already
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (!e.path.isEmpty() && entries_[i]->path == e.path) {
            beginRemoveRows({}, static_cast<int>(i), static_cast<int>(i));
            entries_.erase(entries_.begin() + static_cast<long>(i));
            endRemoveRows();
            break;
        }
    beginInsertRows({}, 0, 0);
    entries_.insert(entries_.begin(), std::make_unique<Entry>(std::move(e)));
    endInsertRows();
}

void RunListModel::addSessionJob(const QString& folder)
{
    Entry job = entryFromName(QFileInfo(folder));
    job.session = true;
    job.folder = folder;
    addSessionEntry(std::move(job));
}

RunListModel::Entry* RunListModel::jobAt(const QString& folder, int* row)
{
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (!folder.isEmpty() && entries_[i]->folder == folder) {
            *row = static_cast<int>(i);
            return entries_[i].get();
        }
    return nullptr;
}

void RunListModel::addJobRun(const QString& folder, Entry run)
{
    int row = 0;
    Entry* job = jobAt(folder, &row);
    if (!job) return addSessionEntry(std::move(run)); // the job was dropped by a rescan
    const QModelIndex parent = index(row, 0);
    const int at = static_cast<int>(job->runs.size());
    beginInsertRows(parent, at, at);
    job->runs.push_back(std::move(run));
    endInsertRows();
    emit dataChanged(parent, parent);
}

void RunListModel::setJobResult(const QString& folder, const QString& path)
{
    int row = 0;
    Entry* job = jobAt(folder, &row);
    if (!job) return;
    job->path = path;
    emit dataChanged(index(row, 0), index(row, 0));
}

void RunListModel::scanFolder(const QString& folder)
{
    std::vector<std::unique_ptr<Entry>> kept;
    for (auto& e : entries_)
        if (e->session) kept.push_back(std::move(e));
    const auto known = [&](const QFileInfo& f) {
        const QString path = f.absoluteFilePath();
        return std::any_of(kept.begin(), kept.end(), [&](const auto& e) {
            return e->path == path || e->folder == path ||
                   (!e->folder.isEmpty() && path == e->folder % QStringLiteral(".json"));
        });
    };
    const QDir dir(folder);
    for (const QFileInfo& f : dir.entryInfoList(
             {QStringLiteral("*")}, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time)) {
        if (known(f)) continue;
        if (f.isDir()) {
            if (!QDir(f.absoluteFilePath()).entryList(listedFiles(), QDir::Files).isEmpty())
                kept.push_back(std::make_unique<Entry>(jobFromFolder(f)));
        } else if (QDir::match(listedFiles(), f.fileName()) &&
                   !QFileInfo(dir.filePath(f.completeBaseName())).isDir()) { // a job's result
            kept.push_back(std::make_unique<Entry>(entryFromName(f)));
        }
    }
    beginResetModel();
    entries_ = std::move(kept);
    endResetModel();
}

} // namespace corelab::ui
