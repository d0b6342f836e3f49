#pragma once

#include <memory>
#include <optional>

#include <QWidget>

#include "Picture.h"
#include "RunSeries.h"
#include "analysis/Compare.h"
#include "spec/Preset.h"
#include "study/CompareStudy.h"

class QCPPainter;
class QComboBox;
class QLabel;
class QToolButton;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace corelab::ui {

struct CompareSheet;
class OverlayView;
class StudyRunner;
class TimelineView;
class VerdictTable;

// The Compare tab: one experiment as A and B, run one after the other, shown side by
// side (or overlaid) from t = 0 on identical scales, with the verdict table under them.
// A and B are the form's experiment under two models, or two fixed specs (a preset,
// an experiment file).
class CompareTab : public QWidget, public Picture {
    Q_OBJECT
public:
    explicit CompareTab(QWidget* parent = nullptr);
    ~CompareTab() override;

    // A and B for the form's spec: the fixed pair when set, else the spec under the
    // two chosen models.
    std::pair<ExperimentSpec, ExperimentSpec> specsFor(const ExperimentSpec& form) const;
    // A preset or experiment file: its A and B (and texts, kept for saving) replace
    // the form and the model choice until clearFixedSpecs().
    void setFixedPreset(const Preset& preset);
    // A (0) or B (1) becomes exactly `form`; the other side keeps what it was.
    void captureSide(int side, const ExperimentSpec& form);
    void clearFixedSpecs();
    bool hasFixedSpecs() const { return fixed_.has_value(); }
    const std::optional<Preset>& fixedPreset() const { return fixed_; }
    void setModels(Model a, Model b);
    // What File → Save Experiment writes: the pair (with a preset's texts when it came
    // from one), or the form alone when not `pair`.
    Preset experimentFor(const ExperimentSpec& form, bool pair) const;
    void describeFor(const ExperimentSpec& form);

    // Runs this tab's comparisons; call once.
    void attach(StudyRunner* runner);
    // Runs A and then B for the form (see specsFor); the error line when it cannot.
    std::optional<QString> start(const ExperimentSpec& form);
    // The comparison that runs or ran last, or nullptr.
    const CompareStudy* study() const { return study_.get(); }
    // What side 0 (A) or 1 (B) shows: live while it runs, then its record.
    const RunSeries& series(int side) const { return models_[side]; }
    // Both runs done (justRun) or a comparison file loaded: shows both and the verdict.
    void setComparison(const Comparison& c, bool justRun = false);
    const std::optional<Comparison>& comparison() const { return comparison_; }
    void setRunning(bool running);
    void setOverlaid(bool overlaid);
    bool overlaid() const;

    TimelineView* timeline(int side) const { return timelines_[side]; }
    OverlayView* overlay() const { return overlay_; }
    VerdictTable* verdictTable() const { return verdict_; }
    QPushButton* runButton() const { return run_; }

    // The picture's size in logical pixels: a landscape page.
    static constexpr QSize kPageSize{1280, 800};
    // A page (caption with the preset's question, both timelines or the overlay, the
    // answering figure large, the verdict's first rows) or a slide (title, question,
    // timelines, answering figure), exactly `pixels` large.
    QImage renderPage(const QSize& pixels, bool slide);
    // .png of exactly `pixels`, or .pdf, by suffix; empty on success, else the error.
    QString savePage(const QString& path, const QSize& pixels, bool slide);
    // The page or slide laid out at `logical` size, painted from the painter's origin
    // (a handout places it on a larger page); without `details` a page leaves out the
    // verdict's other rows, so the timelines take their room. False when there is
    // nothing to show yet.
    bool paintPage(QCPPainter& p, const QSizeF& logical, bool slide, bool details = true);
    // The page at scale × kPageSize.
    QImage renderImage(double scale = 2.0) override;
    // The page as .png (2× pixel density) or .pdf by suffix; empty on success, else the error.
    QString saveImage(const QString& path) override;
    // The preset the comparison on show answers: its title, question, what to watch and
    // what to expect stay beside the charts and go on the picture. Set from the preset
    // while it runs, from the comparison (Comparison::preset) once shown; `corelab
    // render` sets it for an older file that has none.
    void setShownPreset(const std::optional<PresetNote>& preset);
    const std::optional<PresetNote>& shownPreset() const { return shownPreset_; }
    // The answer above the charts: the answering figure, large, and its verdict.
    QString answerText() const;
    // The preset's texts beside the charts ("" when no preset is on show).
    QString presetText() const;
    // The verdict table with every figure, folded under "Details" (remembered).
    bool detailsShown() const;
    void setDetailsShown(bool shown);

signals:
    void runRequested();
    void stopRequested();
    void captureRequested(int side);
    // Both runs ran whole: the comparison is on show and wants saving.
    void comparisonFinished(const corelab::Comparison& c);

private:
    QWidget* buildSetup();
    QWidget* buildTimelines();
    QWidget* buildAnswer();
    QWidget* buildPresetPanel();
    void updateAnswer();
    void updateShared();
    void updateHeaders();
    QString sideTitle(int side) const;
    std::optional<CompareSheet> makeSheet(const QSizeF& logical, bool slide, bool details = true);
    // The timeline panel a slide shows: the one the answering figure is drawn in.
    int slidePanel() const;
    void beginRun(int side);
    void liveChanged();
    void finishRun(int side, const RunRecord& record);

    QComboBox* modelA_;
    QComboBox* modelB_;
    QComboBox* layoutMode_;
    QLabel* setupText_;
    QPushButton* run_;
    QPushButton* reset_;
    QPushButton* capture_[2];
    QStackedWidget* stack_;
    QLabel* headers_[2];
    QWidget* answerBox_;
    QLabel* answerHeadline_;
    QLabel* answerVerdict_;
    QToolButton* details_;
    QWidget* presetPanel_;
    QLabel* presetText_;
    TimelineView* timelines_[2];
    OverlayView* overlay_;
    VerdictTable* verdict_;
    QTimer* scaleTimer_;
    RunSeries models_[2];
    StudyRunner* runner_ = nullptr;
    std::unique_ptr<CompareStudy> study_;
    std::optional<Preset> fixed_;
    std::optional<PresetNote> shownPreset_; // what the comparison on show answers
    std::optional<Comparison> comparison_;
    bool running_ = false;
    bool scaleDirty_ = false;
};

} // namespace corelab::ui
