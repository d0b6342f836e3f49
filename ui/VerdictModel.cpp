#include "VerdictModel.h"

#include <algorithm>

#include <QBrush>

#include "Text.h"
#include "analysis/FigureWords.h"
#include "analysis/Format.h"

namespace corelab::ui {

namespace {

QStringList cells(const VerdictRow& r)
{
    return {qs(figureWords(r.aspect)), qs(verdictCell(r, r.a)), qs(verdictCell(r, r.b)),
            qs(ratioText(r)),          qs(r.sentence),          qs(r.source)};
}

// Which value column (1 = A, 2 = B) holds the winner, 0 for a tie or a label neither
// run has now (a file written when runs were named otherwise: "method=fork").
int winnerColumn(const Comparison& c, const VerdictRow& r)
{
    if (r.winner.empty()) return 0;
    if (r.winner == runLabel(c.a, c.b, "A")) return 1;
    return r.winner == runLabel(c.b, c.a, "B") ? 2 : 0;
}

VerdictModel::Line comparisonLine(const Comparison& c, const VerdictRow& r)
{
    const int winner = winnerColumn(c, r);
    return {cells(r), winner == 0 ? -1 : winner};
}

} // namespace

VerdictModel::VerdictModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void VerdictModel::setComparison(const Comparison& c)
{
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
    return parent.isValid() ? 0 : CompareColumnCount;
}

QVariant VerdictModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const VerdictModel::Line& line = lines_[static_cast<std::size_t>(index.row())];
    const int col = index.column();
    const bool shaded = col == line.shaded && winnerBackground_.isValid();
    switch (role) {
    case Qt::DisplayRole:
        return line.cells.value(col);
    case Qt::TextAlignmentRole:
        if (col >= CompareA && col <= CompareRatio)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        return shaded ? QVariant(QBrush(winnerBackground_)) : QVariant();
    case Qt::ForegroundRole:
        // the shade is opaque and light in every theme
        return shaded ? QVariant(QBrush(Qt::black)) : QVariant();
    default:
        return {};
    }
}

QVariant VerdictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
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
