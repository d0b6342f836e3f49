#pragma once

#include <map>
#include <memory>
#include <optional>

#include <QElapsedTimer>
#include <QWidget>

#include "Picture.h"

#include "study/AdviseStudy.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace corelab::ui {

class StudyRunner;

// The Advise tab: the article's "How to choose quickly" answered by measurement. The
// workload is typed as `corelab advise` takes it (the same fields, ranges and errors:
// study/AdviseStudy.h), the same AdviseStudy runs through the StudyRunner, and the
// recommendation comes first, large, with each model's figures and the article's four
// questions below it.
class AdviseTab : public QWidget, public Picture {
    Q_OBJECT
public:
    explicit AdviseTab(QWidget* parent = nullptr);
    // Runs this tab's studies; call once.
    void attach(StudyRunner* runner);
    // Runs the typed question; the error line when it cannot.
    std::optional<QString> start();
    // The question as typed; the error, naming the field, when it is not one.
    std::optional<QString> readQuestion(AdviseQuestion& q) const;

    QLineEdit* field(AdviseField f) const { return fields_.at(f); }
    QCheckBox* lockBox() const { return lock_; }
    QPushButton* runButton() const { return run_; }
    QLabel* recommendation() const { return recommendation_; }
    QLabel* statusLine() const { return status_; }
    QTableWidget* modelsTable() const { return table_; }
    QLabel* questionsText() const { return questions_; }
    const AdviseStudy* study() const { return study_.get(); }

    QImage renderImage(double scale = 2.0) override;
    QString saveImage(const QString& path) override;

signals:
    void runRequested();
    void stopRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildForm();
    QWidget* buildResult();
    void connectRunner();
    void validate();
    void setRunning(bool running);
    void showAnswer(bool final);
    void updateProgress();
    void applyFonts();

    std::map<AdviseField, QLineEdit*> fields_;
    QCheckBox* lock_;
    QPushButton* run_;
    QProgressBar* progress_;
    QLabel* status_;
    QWidget* result_ = nullptr; // what the picture shows
    QLabel* caption_ = nullptr;
    QLabel* recommendation_;
    QTableWidget* table_;
    QLabel* questions_;
    QTimer* tick_;
    QElapsedTimer stepClock_;
    int step_ = -1;
    bool running_ = false;
    StudyRunner* runner_ = nullptr;
    std::unique_ptr<AdviseStudy> study_;
};

} // namespace corelab::ui
