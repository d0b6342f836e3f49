#include "CompareTab.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "Qcp.h"

#include "OverlayView.h"
#include "RunSeries.h"
#include "StudyRunner.h"
#include "VerdictTable.h"
#include "spec/Describe.h"
#include "spec/Rules.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

namespace {

const Model kModels[] = {Model::Threads, Model::Processes, Model::Hybrid, Model::Async};

QComboBox* modelCombo(QWidget* parent, Model initial)
{
    auto* box = new QComboBox(parent);
    for (Model m : kModels)
        box->addItem(QString::fromLatin1(toString(m)), static_cast<int>(m));
    box->setCurrentIndex(box->findData(static_cast<int>(initial)));
    return box;
}

} // namespace

CompareTab::CompareTab(QWidget* parent)
    : QWidget(parent)
    , stack_(new QStackedWidget(this))
    , overlay_(new OverlayView(this))
    , verdict_(new VerdictTable(this))
    , scaleTimer_(new QTimer(this))
{
    auto* split = new QSplitter(Qt::Vertical, this);
    stack_->addWidget(buildTimelines());
    stack_->addWidget(overlay_);
    split->addWidget(stack_);
    split->addWidget(verdict_);
    // the timelines' ten panels need the height at 1280×800; the table scrolls
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({580, 140});
    verdict_->setMinimumHeight(120);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildSetup());
    layout->addWidget(split, 1);
    overlay_->setModels(&models_[0], &models_[1], QStringLiteral("A"), QStringLiteral("B"));
    // the shared scale is recomputed at most five times a second while B runs live
    scaleTimer_->setInterval(200);
    connect(scaleTimer_, &QTimer::timeout, this, [this] {
        if (scaleDirty_) updateShared();
    });
    scaleTimer_->start();
}

CompareTab::~CompareTab() = default;

QWidget* CompareTab::buildSetup()
{
    auto* box = new QWidget(this);
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(6, 4, 6, 4);
    modelA_ = modelCombo(box, Model::Threads);
    modelB_ = modelCombo(box, Model::Processes);
    layoutMode_ = new QComboBox(box);
    layoutMode_->addItems({tr("Side by side"), tr("Overlaid")});
    run_ = new QPushButton(tr("Run comparison"), box);
    run_->setToolTip(tr("Runs A, then B — never at the same time — and writes the verdict."));
    reset_ = new QPushButton(tr("Use the form"), box);
    reset_->setToolTip(tr("Forget the preset or file and compare the form's experiment."));
    reset_->setVisible(false);
    for (int side = 0; side < 2; ++side) {
        capture_[side] = new QPushButton(side ? tr("B ← form") : tr("A ← form"), box);
        capture_[side]->setToolTip(
            tr("Make %1 exactly the experiment in the form, so A and B may differ in anything")
                .arg(side ? QStringLiteral("B") : QStringLiteral("A")));
        connect(capture_[side], &QPushButton::clicked, this,
                [this, side] { emit captureRequested(side); });
    }
    setupText_ = new QLabel(box);
    setupText_->setWordWrap(true);
    setupText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("A:"), box));
    row->addWidget(modelA_);
    row->addWidget(new QLabel(tr("B:"), box));
    row->addWidget(modelB_);
    row->addWidget(capture_[0]);
    row->addWidget(capture_[1]);
    row->addWidget(reset_);
    row->addStretch(1);
    row->addWidget(layoutMode_);
    row->addWidget(run_);
    grid->addLayout(row, 0, 0);
    grid->addWidget(setupText_, 1, 0);
    connect(run_, &QPushButton::clicked, this, [this] {
        if (running_)
            emit stopRequested();
        else
            emit runRequested();
    });
    connect(reset_, &QPushButton::clicked, this, &CompareTab::clearFixedSpecs);
    connect(layoutMode_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { stack_->setCurrentIndex(i); });
    return box;
}

QWidget* CompareTab::buildTimelines()
{
    auto* split = new QSplitter(Qt::Horizontal, this);
    for (int side = 0; side < 2; ++side) {
        auto* pane = new QWidget(split);
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        headers_[side] = new QLabel(pane);
        QFont bold = headers_[side]->font();
        bold.setBold(true);
        headers_[side]->setFont(bold);
        headers_[side]->setWordWrap(true);
        timelines_[side] = new TimelineView(pane);
        timelines_[side]->setModel(&models_[side]);
        timelines_[side]->setCompact(true);
        layout->addWidget(headers_[side]);
        layout->addWidget(timelines_[side], 1);
        split->addWidget(pane);
    }
    updateHeaders();
    return split;
}

std::pair<ExperimentSpec, ExperimentSpec> CompareTab::specsFor(const ExperimentSpec& form) const
{
    if (fixed_) return {fixed_->a, fixed_->b};
    return {specUnderModel(form, static_cast<Model>(modelA_->currentData().toInt())),
            specUnderModel(form, static_cast<Model>(modelB_->currentData().toInt()))};
}

void CompareTab::setFixedPreset(const Preset& preset)
{
    fixed_ = preset;
    modelA_->setEnabled(false);
    modelB_->setEnabled(false);
    reset_->setVisible(true);
    describeFor(preset.a);
}

Preset CompareTab::experimentFor(const ExperimentSpec& form, bool pair) const
{
    // a pair loaded from a preset keeps its question, what to watch and what to expect
    Preset p = pair && fixed_ ? *fixed_ : Preset{};
    p.single = !pair;
    std::tie(p.a, p.b) = pair ? specsFor(form) : std::make_pair(form, form);
    return p;
}

void CompareTab::captureSide(int side, const ExperimentSpec& form)
{
    Preset p;
    if (fixed_) {
        p = *fixed_;
    } else {
        std::tie(p.a, p.b) = specsFor(form);
        p.title = tr("Your own A and B").toStdString();
        p.aspect = p.title;
    }
    (side ? p.b : p.a) = form;
    setFixedPreset(p);
}

void CompareTab::clearFixedSpecs()
{
    fixed_.reset();
    modelA_->setEnabled(!running_);
    modelB_->setEnabled(!running_);
    reset_->setVisible(false);
    setupText_->setText(tr("Compares the experiment in the form under the two models."));
}

void CompareTab::setModels(Model a, Model b)
{
    modelA_->setCurrentIndex(modelA_->findData(static_cast<int>(a)));
    modelB_->setCurrentIndex(modelB_->findData(static_cast<int>(b)));
}

void CompareTab::describeFor(const ExperimentSpec& form)
{
    const auto [a, b] = specsFor(form);
    QString text = fixed_ ? QStringLiteral("<b>%1</b><br>")
                                .arg(QString::fromStdString(fixed_->title).toHtmlEscaped())
                          : QString();
    text += tr("Runs next — A: ") % QString::fromStdString(describe(a)).toHtmlEscaped() %
            QStringLiteral("<br>") % tr("then B: ") %
            QString::fromStdString(describe(b)).toHtmlEscaped();
    setupText_->setText(text);
}

void CompareTab::beginRun(int side)
{
    if (side == 0) {
        shownPreset_ = fixed_;
        comparison_.reset();
        verdict_->clearVerdict();
        models_[1].setRecord(RunRecord{});
    }
    updateHeaders();
    liveChanged();
}

void CompareTab::liveChanged()
{
    scaleDirty_ = true;
    for (auto* t : timelines_)
        t->modelChanged();
    overlay_->modelChanged();
}

void CompareTab::finishRun(int side, const RunRecord& record)
{
    models_[side].setRecord(record);
    updateHeaders();
    updateShared();
}

void CompareTab::attach(StudyRunner* runner)
{
    runner_ = runner;
    connect(this, &CompareTab::stopRequested, runner, &StudyRunner::stop);
    auto mine = [this] { return study_ && runner_->study() == study_.get(); };
    connect(runner, &StudyRunner::stepStarted, this, [this, mine](int step) {
        if (mine()) beginRun(step);
    });
    connect(runner, &StudyRunner::stepFinished, this, [this, mine](int step, const auto& record) {
        if (mine()) finishRun(step, record);
    });
    connect(runner, &StudyRunner::liveChanged, this, [this](RunSeries* live) {
        if (live == &models_[0] || live == &models_[1]) liveChanged();
    });
    connect(runner, &StudyRunner::finished, this, [this, mine] {
        if (!mine()) return;
        setRunning(false);
        if (const auto& c = study_->comparison()) {
            setComparison(*c, true);
            emit comparisonFinished(*c);
        }
    });
}

std::optional<QString> CompareTab::start(const ExperimentSpec& form)
{
    if (runner_->active()) return tr("a run is already in progress: stop it or wait for it to end");
    const auto [a, b] = specsFor(form);
    study_ = std::make_unique<CompareStudy>(a, b);
    if (auto error = runner_->start(*study_, [this](int step) { return &models_[step]; }))
        return error;
    setRunning(true);
    return std::nullopt;
}

void CompareTab::setComparison(const Comparison& c, bool justRun)
{
    if (!justRun) shownPreset_.reset(); // a file: the preset was for another pair
    comparison_ = c;
    models_[0].setRecord(c.a);
    models_[1].setRecord(c.b);
    verdict_->setComparison(c);
    updateHeaders();
    updateShared();
}

void CompareTab::setRunning(bool running)
{
    running_ = running;
    run_->setText(running ? tr("Stop comparison") : tr("Run comparison"));
    modelA_->setEnabled(!running && !fixed_);
    modelB_->setEnabled(!running && !fixed_);
    reset_->setEnabled(!running);
    for (auto* b : capture_)
        b->setEnabled(!running);
}

void CompareTab::setOverlaid(bool overlaid)
{
    layoutMode_->setCurrentIndex(overlaid ? 1 : 0);
}

bool CompareTab::overlaid() const
{
    return layoutMode_->currentIndex() == 1;
}

QString CompareTab::sideTitle(int side) const
{
    const RunRecord& r = models_[side].record();
    const RunRecord& other = models_[1 - side].record();
    const char* letter = side ? "B" : "A";
    if (r.startedAt.empty() && !models_[side].live())
        return QString::fromLatin1(letter) % tr(" — not run yet");
    QString title = QString::fromLatin1(letter) % QStringLiteral(" — ") %
                    QString::fromStdString(runLabel(r, other, letter)) % QStringLiteral(": ") %
                    QString::fromStdString(describe(r.spec));
    if (models_[side].live() && r.summary.wallS == 0) title += tr(" (running…)");
    if (r.summary.opsTotal > 0)
        title += QStringLiteral(" · ") % formatSi(r.summary.opsPerS, QStringLiteral("ops/s"));
    return title;
}

void CompareTab::updateHeaders()
{
    for (int side = 0; side < 2; ++side)
        headers_[side]->setText(sideTitle(side));
    const RunRecord& a = models_[0].record();
    const RunRecord& b = models_[1].record();
    overlay_->setModels(&models_[0], &models_[1], QString::fromStdString(runLabel(a, b, "A")),
                        QString::fromStdString(runLabel(b, a, "B")));
}

void CompareTab::updateShared()
{
    scaleDirty_ = false;
    const ScaleFloor floor = sharedScale({&models_[0], &models_[1]});
    for (auto* t : timelines_) {
        t->setScaleFloor(floor);
        t->modelChanged();
    }
    overlay_->modelChanged();
}

} // namespace corelab::ui
