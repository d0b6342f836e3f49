#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QImage>
#include <QString>
#include <QWidget>

#include "Picture.h"
#include "TableModel.h"
#include "analysis/Compare.h"
#include "study/TableStudy.h"

class QCheckBox;
class QLabel;
class QPainter;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace corelab::ui {

class StudyRunner;

// The article's table, measured here: one row per preset, the article's claim beside
// A's and B's answer with its spread, the winner here, whether it agrees and why not.
// Double-clicking a row opens its two runs' timelines (rowOpened).
class TableTab : public QWidget, public Picture {
    Q_OBJECT
public:
    using Column = TableModel::Column;
    using enum TableModel::Column;

    explicit TableTab(QWidget* parent = nullptr);

    // What the table measures (one row per preset) and on which CPU, for the caption.
    void setPresets(std::vector<Preset> presets, const QString& cpuModel);
    // Runs this tab's table; call once.
    void attach(StudyRunner* runner);
    // Measures every preset (quick: shorter runs); the error line when it cannot.
    std::optional<QString> start(bool quick);

    // The rows measured so far.
    void setRows(const std::vector<TableRow>& rows);
    // `done` runs (or rows) of `total` have finished and `now` is being measured:
    // "measuring 3/12: startup cost (A)". done == total hides the progress.
    void setProgress(int done, int total, const QString& now);
    // The start button becomes "Stop" while the table is being measured.
    void setRunning(bool running);
    // One line under the title of exported images, e.g. the machine it ran on.
    void setCaption(const QString& caption);

    // The whole table (every row, no scroll bars) under a title and the caption, at
    // `scale` × its logical size: for slides.
    QImage renderImage(double scale = 2.0) override;
    // .png (2× pixel density) or .pdf (vector) by suffix; empty on success, else the error.
    QString saveImage(const QString& path) override;

    // The export (title, caption, every row) scaled to fit `area`, at the width that
    // leaves its text largest: the handout's table page. Returns that scale.
    double paintTable(QPainter& p, const QSizeF& area);

    // A handout (cover, table, a page per row) of the rows on show: not measured again.
    // Possible once a table has rows and none is being measured or saved.
    bool canSaveReport() const;
    // Writes it to `path` (PDF) without blocking the window; reportSaved() follows.
    void saveReport(const QString& path);
    QPushButton* reportButton() const { return report_; }

    QTableView* table() const { return table_; }
    TableModel* model() const { return model_; }
    // The row's representative run of A and of B (nearest each side's median) with their
    // verdict, as the Compare tab shows two runs; nullopt for a row that has no whole run
    // of a side kept.
    std::optional<Comparison> comparisonOf(int row) const;

signals:
    void startRequested(bool quick);
    void stopRequested();
    // A row was double-clicked: show its two runs.
    void rowOpened(const corelab::Comparison& c);
    // Save Report… was clicked: the window asks where.
    void reportRequested();
    // canSaveReport() may have changed.
    void reportAvailable(bool available);
    // A saveReport() ended; `error` is empty on success.
    void reportSaved(const QString& path, const QString& error);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildToolbar();
    void onStartClicked();
    void updateReportButton();

    QPushButton* start_;
    QPushButton* report_;
    QCheckBox* quick_;
    QProgressBar* progress_;
    QLabel* now_;
    TableModel* model_;
    std::vector<TableRow> rows_;
    QTableView* table_;
    QLabel* caption_;
    QTimer* fitLater_;
    bool running_ = false;
    std::vector<Preset> presets_;
    QString cpuModel_;
    QString doneCaption_; // where and when, from the first run, as under every picture
    StudyRunner* runner_ = nullptr;
    std::unique_ptr<TableStudy> study_;
    TableOptions options_ = tableOptions(false); // of the rows on show
    bool savingReport_ = false;
};

} // namespace corelab::ui
