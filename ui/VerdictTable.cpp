#include "VerdictTable.h"

#include <algorithm>

#include <QFontMetrics>
#include <QHeaderView>
#include <QPainter>

#include "Text.h"
#include "analysis/Format.h"

namespace corelab::ui {

namespace {

QStringList headers(const Comparison& c)
{
    const QString la = QString::fromStdString(runLabel(c.a, c.b, "A"));
    const QString lb = QString::fromStdString(runLabel(c.b, c.a, "B"));
    return {QObject::tr("aspect"), QStringLiteral("A: ") % la, QStringLiteral("B: ") % lb,
            QObject::tr("B/A"),    QObject::tr("verdict"),     QObject::tr("how it was measured")};
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

} // namespace

VerdictTable::VerdictTable(QWidget* parent)
    : QTableWidget(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone); // a verdict is read whole, its rows grow instead
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(false);
    clearVerdict();
    // a wrapped verdict needs its row height again whenever a column changes width
    connect(horizontalHeader(), &QHeaderView::sectionResized, this,
            [this] { resizeRowsToContents(); });
}

void VerdictTable::resizeEvent(QResizeEvent* event)
{
    QTableWidget::resizeEvent(event);
    // the stretched verdict column changed width: wrap its sentences again
    resizeRowsToContents();
}

void VerdictTable::clearVerdict()
{
    clear();
    setRowCount(0);
    setColumnCount(6);
    setHorizontalHeaderLabels({tr("aspect"), QStringLiteral("A"), QStringLiteral("B"), tr("B/A"),
                               tr("verdict"), tr("how it was measured")});
    layoutColumns();
}

void VerdictTable::layoutColumns()
{
    auto* h = horizontalHeader();
    for (int col : {0, 1, 2, 3})
        h->setSectionResizeMode(col, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(4, QHeaderView::Stretch);
    // the source is short but wordy: wrapped in a narrow column, the verdict gets the room
    h->setSectionResizeMode(5, QHeaderView::Interactive);
    h->resizeSection(5, fontMetrics().averageCharWidth() * 22);
}

void VerdictTable::setComparison(const Comparison& c)
{
    clear();
    setColumnCount(6);
    setHorizontalHeaderLabels(headers(c));
    setRowCount(static_cast<int>(c.verdict.size()));
    const QColor win = palette().color(QPalette::Highlight).lighter(170);
    for (int row = 0; row < rowCount(); ++row) {
        const VerdictRow& r = c.verdict[static_cast<std::size_t>(row)];
        const QStringList texts = cells(r);
        for (int col = 0; col < texts.size(); ++col) {
            auto* item = new QTableWidgetItem(texts[col]);
            if (col >= 1 && col <= 3) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (col != 0 && col == winnerColumn(c, r)) {
                item->setBackground(win);
                item->setForeground(QColor(Qt::black));
            }
            setItem(row, col, item);
        }
    }
    layoutColumns();
    resizeRowsToContents();
}

int paintVerdict(QPainter& p, const Comparison& c, const QRect& area, const QColor& fg,
                 const QColor& winnerBg, bool paint)
{
    const QFontMetrics fm(p.font());
    QFont boldFont = p.font();
    boldFont.setBold(true);
    const QFontMetrics bold(boldFont);
    const int pad = fm.height() / 3;
    std::vector<QStringList> rows{headers(c)};
    for (const VerdictRow& r : c.verdict)
        rows.push_back(cells(r));
    // fixed columns as wide as their widest cell; the verdict takes what is left
    std::vector<int> widths(6, 0);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (int col : {0, 1, 2, 3, 5})
            widths[col] = std::max(widths[col],
                                   (i ? fm : bold).horizontalAdvance(rows[i][col]) + 2 * pad + 1);
    int fixed = 0;
    for (int col : {0, 1, 2, 3, 5})
        fixed += widths[col];
    widths[4] = std::max(area.width() - fixed, 10 * fm.averageCharWidth());
    int y = area.top();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const QRect bound =
            fm.boundingRect(QRect(0, 0, widths[4] - 2 * pad, 10000), Qt::TextWordWrap, rows[i][4]);
        const int h = std::max(fm.height(), bound.height()) + 2 * pad;
        int x = area.left();
        const int winner = i == 0 ? 0 : winnerColumn(c, c.verdict[i - 1]);
        for (int col = 0; col < 6 && paint; ++col) {
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
            p.drawLine(area.left(), y, area.right(), y);
        }
    }
    QFont f = p.font();
    f.setBold(false);
    p.setFont(f);
    return y - area.top();
}

} // namespace corelab::ui
