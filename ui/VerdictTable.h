#pragma once

#include <QTableView>

#include "analysis/Compare.h"

class QPainter;

namespace corelab::ui {

class VerdictModel;

// The verdict of a comparison: aspect | A | B | B/A | verdict | source, one row per
// aspect both runs measured.
class VerdictTable : public QTableView {
    Q_OBJECT
public:
    explicit VerdictTable(QWidget* parent = nullptr);
    void setComparison(const Comparison& c);
    void clearVerdict();

    VerdictModel* verdictModel() const { return model_; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void layoutColumns();
    void tintWinner();

    VerdictModel* model_;
};

// The same table drawn for an image: fits `width`, returns the height it used (with
// `paint` false only measures). `compact`: the figures alone (aspect, A, B, B/A), one
// line each, for a picture whose answer already says the verdict.
int paintVerdict(QPainter& p, const Comparison& c, const QRect& area, const QColor& fg,
                 const QColor& winnerBg, bool paint = true, bool compact = false);

} // namespace corelab::ui
