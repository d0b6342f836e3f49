#pragma once

#include <memory>
#include <optional>

#include <QWidget>

#include "Picture.h"

#include "study/RepeatStudy.h"

class QLabel;
class QPushButton;
class QSpinBox;

namespace corelab::ui {

class SpreadView;
class StudyRunner;

// The Repeat tab: how many times, and the spread of the runs so far.
class RepeatTab : public QWidget, public Picture {
    Q_OBJECT
public:
    explicit RepeatTab(QWidget* parent = nullptr);
    int times() const;
    // Runs this tab's repeats; call once.
    void attach(StudyRunner* runner);
    // Repeats the form's experiment times() times; the error line when it cannot.
    std::optional<QString> start(const ExperimentSpec& form);
    SpreadView* view() const { return view_; }
    QSpinBox* timesField() const { return times_; }

    // The picture's caption: what was repeated, how often, where and when.
    QStringList caption() const;
    QImage renderImage(double scale = 2.0) override;
    QString saveImage(const QString& path) override;

signals:
    void runRequested();
    void stopRequested();

private:
    void setRunning(bool running);
    void setStatus(const QString& text);

    QSpinBox* times_;
    QPushButton* run_;
    QLabel* status_;
    SpreadView* view_;
    bool running_ = false;
    StudyRunner* runner_ = nullptr;
    std::unique_ptr<RepeatStudy> study_;
};

} // namespace corelab::ui
