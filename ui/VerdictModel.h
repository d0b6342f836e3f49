#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>

#include "analysis/Compare.h"
#include "analysis/Table.h"

namespace corelab::ui {

// Verdict rows as a table, in one of two layouts chosen at construction:
//   Comparison  aspect | A | B | B/A | verdict | source, one row per aspect of one
//               comparison; the winner's value is shaded.
//   Table       aspect | A | B | measured winner | B/A | verdict | source, one row per
//               preset of the measured table; the winner's value is bold and the
//               winner cell shaded.
// Texts are formatted as the CLI formats them (formatValue, ratioText).
class VerdictModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Layout { Comparison, Table };
    enum CompareColumn {
        CompareAspect,
        CompareA,
        CompareB,
        CompareRatio,
        CompareVerdict,
        CompareSource,
        CompareColumnCount
    };
    enum TableColumn { Aspect, A, B, Winner, Ratio, Verdict, Source, ColumnCount };

    explicit VerdictModel(Layout layout, QObject* parent = nullptr);

    Layout layout() const { return layout_; }

    // Comparison layout: the verdict of `c`, its run labels in the headers.
    void setComparison(const Comparison& c);
    // Either layout: no rows (and plain "A"/"B" headers).
    void clear();
    // Table layout: the rows measured so far. Rows that only extend the ones shown are
    // inserted, so a view keeps its scroll position while the table is measured.
    void setRows(const std::vector<TableRow>& rows);
    void appendRow(const TableRow& row);

    // The winner cell's background; none until set (views pass a tint of their palette).
    void setWinnerBackground(const QColor& color);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // One row as served, computed once when it arrives.
    struct Line {
        QStringList cells;
        QString aspectTip; // Table layout: the preset's title
        int shaded = -1;   // the column carrying the winner's background
        int boldMask = 0;  // one bit per column drawn bold
        bool operator==(const Line&) const = default;
    };

private:
    Layout layout_;
    std::vector<Line> lines_;
    QString labelA_, labelB_; // Comparison layout: the run labels for the headers
    QColor winnerBackground_;
};

} // namespace corelab::ui
