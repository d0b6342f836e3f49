#pragma once

#include <QWidget>

class QListView;

namespace corelab::ui {

class RunListModel;

// Right side of the window: runs of this session and of the runs folder.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    RunsPanel(RunListModel* model, QWidget* parent = nullptr);
    QListView* view() const { return view_; }

signals:
    void runSelected(const QString& path);
    void openRequested();
    void refreshRequested();

private:
    void connectSignals();
    RunListModel* model_;
    QListView* view_;
};

} // namespace corelab::ui
