#include "RepeatTab.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "SpreadView.h"

namespace corelab::ui {

RepeatTab::RepeatTab(QWidget* parent)
    : QWidget(parent)
    , times_(new QSpinBox(this))
    , run_(new QPushButton(tr("Run repeats"), this))
    , status_(new QLabel(this))
    , view_(new SpreadView(this))
{
    run_->setDefault(true);
    times_->setRange(2, 100);
    times_->setValue(5);
    times_->setSuffix(tr(" times"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Repeat the form's experiment"), this));
    bar->addWidget(times_);
    bar->addStretch(1);
    bar->addWidget(run_);
    status_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(bar);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);
    setStatus(tr("Runs the same experiment several times, one after another, to show how much "
                 "one run varies on this machine."));
    connect(run_, &QPushButton::clicked, this, [this] {
        if (running_)
            emit stopRequested();
        else
            emit runRequested();
    });
}

int RepeatTab::times() const
{
    return times_->value();
}

void RepeatTab::setRunning(bool running)
{
    running_ = running;
    run_->setText(running ? tr("Stop repeats") : tr("Run repeats"));
    times_->setEnabled(!running);
}

void RepeatTab::setStatus(const QString& text)
{
    status_->setText(text);
}

} // namespace corelab::ui
