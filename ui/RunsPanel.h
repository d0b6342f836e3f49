#pragma once

#include <QWidget>

class QTreeView;

namespace corelab::ui {

class RunListModel;

// Right side of the window: runs of this session and of the runs folder; a job's
// runs fold under it.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    RunsPanel(RunListModel* model, QWidget* parent = nullptr);
    QTreeView* view() const { return view_; }

signals:
    void runSelected(const QString& path);
    void openRequested();
    void refreshRequested();

private:
    void connectSignals();
    RunListModel* model_;
    QTreeView* view_;
};

} // namespace corelab::ui
