#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>

#include "analysis/Table.h"

namespace corelab::ui {

// The measured table, one row per preset: the aspect and its answering figure, the
// article's claim (quoted), A's and B's answer with its spread, the measured winner,
// whether it agrees with the article, and why not. Texts are the CLI's (analysis/Table.h).
class TableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Aspect, Claim, A, B, Winner, Agrees, Why, ColumnCount };

    explicit TableModel(QObject* parent = nullptr);

    // The rows measured so far. Rows shown are changed in place and new ones inserted,
    // so a view keeps its scroll position while the table is measured; fewer rows than
    // shown start over.
    void setRows(const std::vector<TableRow>& rows);
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
        QString aspectTip; // the preset's title and question
        int boldMask = 0;  // one bit per column drawn bold: the winner's answer
        bool winner = false;
        bool operator==(const Line&) const = default;
    };

private:
    std::vector<Line> lines_;
    QColor winnerBackground_;
};

} // namespace corelab::ui
