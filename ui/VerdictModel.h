#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>

#include "analysis/Compare.h"

namespace corelab::ui {

// A comparison's verdict rows as a table: aspect | A | B | B/A | verdict | source, one
// row per aspect; the winner's value is shaded. Texts are formatted as the CLI formats
// them (verdictCell, ratioText). The measured table has its own model (TableModel.h).
class VerdictModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum CompareColumn {
        CompareAspect,
        CompareA,
        CompareB,
        CompareRatio,
        CompareVerdict,
        CompareSource,
        CompareColumnCount
    };

    explicit VerdictModel(QObject* parent = nullptr);

    // The verdict of `c`, its run labels in the headers.
    void setComparison(const Comparison& c);
    // No rows (and plain "A"/"B" headers).
    void clear();

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
        int shaded = -1; // the column carrying the winner's background
        bool operator==(const Line&) const = default;
    };

private:
    std::vector<Line> lines_;
    QString labelA_, labelB_; // the run labels for the headers
    QColor winnerBackground_;
};

} // namespace corelab::ui
