#include "RunsPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

#include "RunListModel.h"

namespace corelab::ui {

RunsPanel::RunsPanel(RunListModel* model, QWidget* parent)
    : QWidget(parent)
    , model_(model)
    , view_(new QListView(this))
{
    view_->setModel(model_);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(true);
    view_->setUniformItemSizes(false);
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

void RunsPanel::connectSignals()
{
    connect(view_, &QListView::activated, this, [this](const QModelIndex& index) {
        emit runSelected(index.data(RunListModel::PathRole).toString());
    });
    connect(view_, &QListView::clicked, this, [this](const QModelIndex& index) {
        emit runSelected(index.data(RunListModel::PathRole).toString());
    });
}

} // namespace corelab::ui
