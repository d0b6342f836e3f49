#include "TableModel.h"

#include <iterator>

#include <QBrush>
#include <QFont>

#include "Text.h"

namespace corelab::ui {

namespace {

QString winnerText(const TableRow& r)
{
    if (r.agreement == Agreement::NotMeasured) return TableModel::tr("not measured");
    if (r.winner.empty()) return TableModel::tr("none: a tie");
    return qs(r.winner);
}

QString agreementCell(const TableRow& r)
{
    switch (r.agreement) {
    case Agreement::Agrees:
        return TableModel::tr("agrees");
    case Agreement::Differs:
        return TableModel::tr("differs");
    case Agreement::Tie:
        return TableModel::tr("tie (within run-to-run spread)");
    case Agreement::NoClaim:
        return TableModel::tr("no claim to check");
    default:
        return TableModel::tr("not measured");
    }
}

TableModel::Line lineOf(const TableRow& r)
{
    using C = TableModel::Column;
    TableModel::Line line;
    const QChar nl = QLatin1Char('\n');
    line.cells = {qs(r.preset.aspect) % nl % qs(r.figure),
                  r.claim ? qs(claimText(*r.claim)) : TableModel::tr("(the article says nothing)"),
                  qs(r.a.label) % nl % qs(sideText(r, r.a)),
                  qs(r.b.label) % nl % qs(sideText(r, r.b)),
                  winnerText(r),
                  agreementCell(r),
                  qs(r.reason)};
    line.aspectTip = qs(r.preset.title) % nl % qs(r.preset.question);
    line.winner = !r.winner.empty();
    if (r.winner == r.a.label && line.winner) line.boldMask |= 1 << C::A;
    if (r.winner == r.b.label && line.winner) line.boldMask |= 1 << C::B;
    if (r.agreement == Agreement::Differs) line.boldMask |= 1 << C::Agrees;
    return line;
}

QStringList headers()
{
    return {TableModel::tr("aspect"), TableModel::tr("the article says"), TableModel::tr("A"),
            TableModel::tr("B"),      TableModel::tr("winner here"),      TableModel::tr("agrees?"),
            TableModel::tr("why")};
}

QStringList headerTips()
{
    return {TableModel::tr("The row of the article's table, and the figure that answers it"),
            TableModel::tr("Quoted from the article: its Multithreading, Multiprocessing and "
                           "When It Wins cells"),
            TableModel::tr("Run A: the median of its runs, with the lowest and highest"),
            TableModel::tr("Run B: the median of its runs, with the lowest and highest"),
            TableModel::tr("The better side, called only when the two ranges do not overlap"),
            TableModel::tr("Whether the winner here is the article's"),
            TableModel::tr("Written from the measurement: why it ties or differs, and other "
                           "programs' load")};
}

} // namespace

TableModel::TableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TableModel::setRows(const std::vector<TableRow>& rows)
{
    std::vector<TableModel::Line> lines;
    lines.reserve(rows.size());
    for (const TableRow& row : rows)
        lines.push_back(lineOf(row));
    if (lines.size() < lines_.size()) {
        beginResetModel();
        lines_ = std::move(lines);
        endResetModel();
        return;
    }
    // a row gains a run at a time: change it in place and add the new ones at the end
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        if (lines_[i] == lines[i]) continue;
        lines_[i] = std::move(lines[i]);
        const int r = static_cast<int>(i);
        emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
    }
    if (lines.size() == lines_.size()) return;
    beginInsertRows({}, static_cast<int>(lines_.size()), static_cast<int>(lines.size()) - 1);
    lines_.insert(
        lines_.end(),
        std::make_move_iterator(lines.begin() + static_cast<std::ptrdiff_t>(lines_.size())),
        std::make_move_iterator(lines.end()));
    endInsertRows();
}

void TableModel::setWinnerBackground(const QColor& color)
{
    if (color == winnerBackground_) return;
    winnerBackground_ = color;
    if (!lines_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::BackgroundRole});
}

int TableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(lines_.size());
}

int TableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TableModel::Line& line = lines_[static_cast<std::size_t>(index.row())];
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return line.cells.value(col);
    case Qt::ToolTipRole:
        return col == Aspect ? line.aspectTip : line.cells.value(col);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (col == Winner && line.winner && winnerBackground_.isValid())
            return QBrush(winnerBackground_);
        return {};
    case Qt::FontRole:
        if (line.boldMask & (1 << col)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return headers().value(section);
    if (role == Qt::ToolTipRole) return headerTips().value(section);
    return {};
}

Qt::ItemFlags TableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace corelab::ui
