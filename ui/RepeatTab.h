#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace corelab::ui {

class SpreadView;

// The Repeat tab: how many times, and the spread of the runs so far.
class RepeatTab : public QWidget {
    Q_OBJECT
public:
    explicit RepeatTab(QWidget* parent = nullptr);
    int times() const;
    void setRunning(bool running);
    void setStatus(const QString& text);
    SpreadView* view() const { return view_; }
    QSpinBox* timesField() const { return times_; }

signals:
    void runRequested();
    void stopRequested();

private:
    QSpinBox* times_;
    QPushButton* run_;
    QLabel* status_;
    SpreadView* view_;
    bool running_ = false;
};

} // namespace corelab::ui
