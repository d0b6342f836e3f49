#pragma once

#include <QTableWidget>

#include "analysis/Compare.h"

class QPainter;

namespace corelab::ui {

// The verdict of a comparison: aspect | A | B | B/A | verdict | source, one row per
// aspect both runs measured.
class VerdictTable : public QTableWidget {
    Q_OBJECT
public:
    explicit VerdictTable(QWidget* parent = nullptr);
    void setComparison(const Comparison& c);
    void clearVerdict();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void layoutColumns();
};

// The same table drawn for an image: fits `width`, returns the height it used (with
// `paint` false only measures).
int paintVerdict(QPainter& p, const Comparison& c, const QRect& area, const QColor& fg,
                 const QColor& winnerBg, bool paint = true);

} // namespace corelab::ui
