#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QImage>
#include <QString>
#include <QWidget>

#include "Picture.h"
#include "VerdictModel.h"
#include "study/TableStudy.h"

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace corelab::ui {

class StudyRunner;

// The article's table, measured here: one row per preset, A against B, with the
// measured winner, the ratio, the verdict sentence and where the figure comes from.
class TableTab : public QWidget, public Picture {
    Q_OBJECT
public:
    using Column = VerdictModel::TableColumn;
    using enum VerdictModel::TableColumn;

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

    QTableView* table() const { return table_; }
    VerdictModel* model() const { return model_; }

signals:
    void startRequested(bool quick);
    void stopRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildToolbar();
    void onStartClicked();

    QPushButton* start_;
    QCheckBox* quick_;
    QProgressBar* progress_;
    QLabel* now_;
    VerdictModel* model_;
    QTableView* table_;
    QLabel* caption_;
    QTimer* fitLater_;
    bool running_ = false;
    std::vector<Preset> presets_;
    QString cpuModel_;
    QString doneCaption_; // where and when, from the first run, as under every picture
    StudyRunner* runner_ = nullptr;
    std::unique_ptr<TableStudy> study_;
};

} // namespace corelab::ui
