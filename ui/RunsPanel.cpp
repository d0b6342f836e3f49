#include "RunsPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "RunListModel.h"

namespace corelab::ui {

RunsPanel::RunsPanel(RunListModel* model, QWidget* parent)
    : QWidget(parent)
    , model_(model)
    , view_(new QTreeView(this))
{
    view_->setModel(model_);
    view_->setHeaderHidden(true);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(true);
    view_->setUniformRowHeights(false);
    view_->setIndentation(12);
    auto* open = new QPushButton(tr("Open…"), this);
    auto* refresh = new QPushButton(tr("Refresh"), this);
    connect(open, &QPushButton::clicked, this, &RunsPanel::openRequested);
    connect(refresh, &QPushButton::clicked, this, &RunsPanel::refreshRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(refresh);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(new QLabel(tr("<b>Runs</b>"), this));
    layout->addWidget(view_, 1);
    layout->addLayout(buttons);
    connectSignals();
}

// A click opens what the entry names; a job without a result file folds open.
void RunsPanel::connectSignals()
{
    view_->setExpandsOnDoubleClick(false); // a click folds, a double-click would undo it
    connect(view_, &QTreeView::clicked, this, [this](const QModelIndex& index) {
        const QString path = index.data(RunListModel::PathRole).toString();
        if (!path.isEmpty())
            emit runSelected(path);
        else if (model_->hasChildren(index))
            view_->setExpanded(index, !view_->isExpanded(index));
    });
    connect(view_, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString path = index.data(RunListModel::PathRole).toString();
        if (!path.isEmpty()) emit runSelected(path);
    });
}

} // namespace corelab::ui
