#include "VerdictModel.h"

#include <algorithm>

#include <QBrush>
#include <QFont>

#include "Text.h"
#include "analysis/Format.h"

namespace corelab::ui {

namespace {

using Line = VerdictModel::Line;

QString valueText(double v, const std::string& unit)
{
    return qs(formatValue(v, unit));
}

QStringList cells(const VerdictRow& r)
{
    return {qs(r.aspect),
            qs(formatValue(r.a, r.unit)),
            qs(formatValue(r.b, r.unit)),
            qs(ratioText(r)),
            qs(r.sentence),
            qs(r.source)};
}

// Which value column (1 = A, 2 = B) holds the winner, 0 for a tie.
int winnerColumn(const Comparison& c, const VerdictRow& r)
{
    if (r.winner.empty()) return 0;
    return r.winner == runLabel(c.a, c.b, "A") ? 1 : 2;
}

Line comparisonLine(const Comparison& c, const VerdictRow& r)
{
    const int winner = winnerColumn(c, r);
    return {cells(r), {}, winner == 0 ? -1 : winner, 0};
}

QString runName(const Preset& p, bool b)
{
    if (p.a.model != p.b.model) return QString::fromLatin1(toString(b ? p.b.model : p.a.model));
    RunRecord a, other;
    a.spec = b ? p.b : p.a;
    other.spec = b ? p.a : p.b;
    return qs(runLabel(a, other, b ? "B" : "A"));
}

QString winnerText(const VerdictRow& v)
{
    if (v.aspect.empty()) return VerdictModel::tr("not measured");
    if (!v.winner.empty()) return qs(v.winner);
    const double hi = std::max(v.a, v.b), lo = std::min(v.a, v.b);
    if (hi == 0 || (lo > 0 && hi / lo < kTieRatio)) return VerdictModel::tr("tie (< 10 %)");
    return VerdictModel::tr("neither (more is not better)");
}

Line tableLine(const TableRow& row)
{
    using C = VerdictModel::TableColumn;
    const VerdictRow& v = row.verdict;
    const bool measured = !v.aspect.empty();
    const QString la = runName(row.preset, false), lb = runName(row.preset, true);
    const QString figure = measured ? qs(v.aspect) : qs(row.preset.figure);
    const QString none = VerdictModel::tr("–");
    Line line;
    line.cells = {qs(row.preset.aspect) % QLatin1Char('\n') % figure,
                  la % QLatin1Char('\n') % (measured ? valueText(v.a, v.unit) : none),
                  lb % QLatin1Char('\n') % (measured ? valueText(v.b, v.unit) : none),
                  winnerText(v),
                  qs(ratioText(v)),
                  qs(v.sentence),
                  measured ? qs(v.source) : none};
    line.aspectTip = qs(row.preset.title);
    if (!v.winner.empty()) {
        line.shaded = C::Winner;
        if (qs(v.winner) == la) line.boldMask |= 1 << C::A;
        if (qs(v.winner) == lb) line.boldMask |= 1 << C::B;
    }
    return line;
}

QStringList tableHeaders()
{
    return {VerdictModel::tr("aspect"),
            VerdictModel::tr("A"),
            VerdictModel::tr("B"),
            VerdictModel::tr("measured winner"),
            VerdictModel::tr("B/A"),
            VerdictModel::tr("verdict"),
            VerdictModel::tr("how it was measured")};
}

QStringList tableHeaderTips()
{
    return {VerdictModel::tr("The row of the article's table, and the figure that answers it"),
            VerdictModel::tr("Run A of the preset: its model (or what sets it apart) and figure"),
            VerdictModel::tr("Run B of the preset: its model (or what sets it apart) and figure"),
            VerdictModel::tr("The better run by this figure; within 10 % is a tie"),
            VerdictModel::tr("B's figure divided by A's, two significant digits"),
            VerdictModel::tr("The sentence written from the two figures"),
            VerdictModel::tr("Where the figure comes from")};
}

} // namespace

VerdictModel::VerdictModel(Layout layout, QObject* parent)
    : QAbstractTableModel(parent)
    , layout_(layout)
{
}

void VerdictModel::setComparison(const Comparison& c)
{
    Q_ASSERT(layout_ == Layout::Comparison);
    beginResetModel();
    labelA_ = qs(runLabel(c.a, c.b, "A"));
    labelB_ = qs(runLabel(c.b, c.a, "B"));
    lines_.clear();
    for (const VerdictRow& r : c.verdict)
        lines_.push_back(comparisonLine(c, r));
    endResetModel();
}

void VerdictModel::clear()
{
    beginResetModel();
    labelA_.clear();
    labelB_.clear();
    lines_.clear();
    endResetModel();
}

void VerdictModel::setRows(const std::vector<TableRow>& rows)
{
    Q_ASSERT(layout_ == Layout::Table);
    std::vector<Line> lines;
    lines.reserve(rows.size());
    for (const TableRow& row : rows)
        lines.push_back(tableLine(row));
    if (lines == lines_) return;
    const bool extends =
        lines.size() > lines_.size() && std::equal(lines_.begin(), lines_.end(), lines.begin());
    if (!extends) {
        beginResetModel();
        lines_ = std::move(lines);
        endResetModel();
        return;
    }
    beginInsertRows({}, static_cast<int>(lines_.size()), static_cast<int>(lines.size()) - 1);
    lines_ = std::move(lines);
    endInsertRows();
}

void VerdictModel::appendRow(const TableRow& row)
{
    Q_ASSERT(layout_ == Layout::Table);
    const int at = static_cast<int>(lines_.size());
    beginInsertRows({}, at, at);
    lines_.push_back(tableLine(row));
    endInsertRows();
}

void VerdictModel::setWinnerBackground(const QColor& color)
{
    if (color == winnerBackground_) return;
    winnerBackground_ = color;
    if (!lines_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                         {Qt::BackgroundRole, Qt::ForegroundRole});
}

int VerdictModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(lines_.size());
}

int VerdictModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid()) return 0;
    if (layout_ == Layout::Comparison) return CompareColumnCount;
    return ColumnCount;
}

QVariant VerdictModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line& line = lines_[static_cast<std::size_t>(index.row())];
    const int col = index.column();
    const bool compare = layout_ == Layout::Comparison;
    const bool shaded = col == line.shaded && winnerBackground_.isValid();
    switch (role) {
    case Qt::DisplayRole:
        return line.cells.value(col);
    case Qt::ToolTipRole:
        if (compare) return {};
        if (col == Aspect && !line.aspectTip.isEmpty()) return line.aspectTip;
        return line.cells.value(col);
    case Qt::TextAlignmentRole:
        if (!compare) return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        if (col >= CompareA && col <= CompareRatio)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        return shaded ? QVariant(QBrush(winnerBackground_)) : QVariant();
    case Qt::ForegroundRole:
        // the comparison's shade is opaque and light in every theme
        return shaded && compare ? QVariant(QBrush(Qt::black)) : QVariant();
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

QVariant VerdictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
    if (layout_ == Layout::Table) {
        if (role == Qt::DisplayRole) return tableHeaders().value(section);
        if (role == Qt::ToolTipRole) return tableHeaderTips().value(section);
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case CompareAspect:
        return tr("aspect");
    case CompareA:
        return labelA_.isEmpty() ? QStringLiteral("A") : QString(QStringLiteral("A: ") % labelA_);
    case CompareB:
        return labelB_.isEmpty() ? QStringLiteral("B") : QString(QStringLiteral("B: ") % labelB_);
    case CompareRatio:
        return tr("B/A");
    case CompareVerdict:
        return tr("verdict");
    default:
        return tr("how it was measured");
    }
}

Qt::ItemFlags VerdictModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace corelab::ui
