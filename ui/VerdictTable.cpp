#include "VerdictTable.h"

#include <algorithm>

#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QPainter>

#include "Text.h"
#include "Theme.h"
#include "VerdictModel.h"

namespace corelab::ui {

namespace {

using CompareCol = VerdictModel::CompareColumn;

// The model's header and cells as text, header first.
std::vector<QStringList> textRows(const VerdictModel& m)
{
    std::vector<QStringList> rows(static_cast<std::size_t>(m.rowCount()) + 1);
    for (int col = 0; col < m.columnCount(); ++col) {
        rows[0].push_back(m.headerData(col, Qt::Horizontal).toString());
        for (int r = 0; r < m.rowCount(); ++r)
            rows[static_cast<std::size_t>(r) + 1].push_back(m.index(r, col).data().toString());
    }
    return rows;
}

// Which value column (1 = A, 2 = B) holds the winner, 0 for a tie.
int winnerColumn(const VerdictModel& m, int row)
{
    for (int col : {CompareCol::CompareA, CompareCol::CompareB})
        if (m.index(row, col).data(Qt::BackgroundRole).isValid()) return col;
    return 0;
}

} // namespace

VerdictTable::VerdictTable(QWidget* parent)
    : QTableView(parent)
    , model_(new VerdictModel(this))
{
    setModel(model_);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone); // a verdict is read whole, its rows grow instead
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(false);
    tintWinner();
    clearVerdict();
    // a wrapped verdict needs its row height again whenever a column changes width
    connect(horizontalHeader(), &QHeaderView::sectionResized, this,
            [this] { resizeRowsToContents(); });
}

void VerdictTable::resizeEvent(QResizeEvent* event)
{
    QTableView::resizeEvent(event);
    // the stretched verdict column changed width: wrap its sentences again
    resizeRowsToContents();
}

void VerdictTable::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) tintWinner();
    QTableView::changeEvent(event);
}

void VerdictTable::tintWinner()
{
    model_->setWinnerBackground(currentTheme().winner);
}

void VerdictTable::clearVerdict()
{
    model_->clear();
    layoutColumns();
}

void VerdictTable::layoutColumns()
{
    auto* h = horizontalHeader();
    for (int col : {CompareCol::CompareAspect, CompareCol::CompareA, CompareCol::CompareB,
                    CompareCol::CompareRatio})
        h->setSectionResizeMode(col, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(CompareCol::CompareVerdict, QHeaderView::Stretch);
    // the source is short but wordy: wrapped in a narrow column, the verdict gets the room
    h->setSectionResizeMode(CompareCol::CompareSource, QHeaderView::Interactive);
    h->resizeSection(CompareCol::CompareSource, fontMetrics().averageCharWidth() * 22);
}

void VerdictTable::setComparison(const Comparison& c)
{
    model_->setComparison(c);
    layoutColumns();
    resizeRowsToContents();
}

int paintVerdict(QPainter& p, const Comparison& c, const QRect& area, const QColor& fg,
                 const QColor& winnerBg, bool paint, bool compact)
{
    VerdictModel model;
    model.setWinnerBackground(winnerBg);
    model.setComparison(c);
    const QFontMetrics fm(p.font());
    QFont boldFont = p.font();
    boldFont.setBold(true);
    const QFontMetrics bold(boldFont);
    const int pad = fm.height() / 3;
    const std::vector<QStringList> rows = textRows(model);
    // fixed columns as wide as their widest cell; the verdict takes what is left
    const std::vector<int> fixedCols =
        compact ? std::vector<int>{0, 1, 2, 3} : std::vector<int>{0, 1, 2, 3, 5};
    const int lastCol = compact ? 4 : 6;
    std::vector<int> widths(6, 0);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (int col : fixedCols)
            widths[col] = std::max(widths[col],
                                   (i ? fm : bold).horizontalAdvance(rows[i][col]) + 2 * pad + 1);
    int fixed = 0;
    for (int col : fixedCols)
        fixed += widths[col];
    if (!compact) widths[4] = std::max(area.width() - fixed, 10 * fm.averageCharWidth());
    const int right = compact ? area.left() + fixed : area.right();
    int y = area.top();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const QRect bound = compact ? QRect()
                                    : fm.boundingRect(QRect(0, 0, widths[4] - 2 * pad, 10000),
                                                      Qt::TextWordWrap, rows[i][4]);
        const int h = std::max(fm.height(), bound.height()) + 2 * pad;
        int x = area.left();
        const int winner = i == 0 ? 0 : winnerColumn(model, static_cast<int>(i) - 1);
        for (int col = 0; col < lastCol && paint; ++col) {
            const QRect cell(x, y, widths[col], h);
            if (col == winner && winner != 0) p.fillRect(cell, winnerBg);
            QFont f = p.font();
            f.setBold(i == 0);
            p.setFont(f);
            p.setPen(col == winner && winner != 0 ? QColor(Qt::black) : fg);
            const int align = (col >= 1 && col <= 3 ? Qt::AlignRight : Qt::AlignLeft) |
                              Qt::AlignTop | Qt::TextWordWrap;
            p.drawText(cell.adjusted(pad, pad, -pad, -pad), align, rows[i][col]);
            x += widths[col];
        }
        y += h;
        if (paint) {
            p.setPen(QPen(fg, 0.5));
            p.drawLine(area.left(), y, right, y);
        }
    }
    QFont f = p.font();
    f.setBold(false);
    p.setFont(f);
    return y - area.top();
}

} // namespace corelab::ui
