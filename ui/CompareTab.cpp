#include "CompareTab.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "Qcp.h"

#include "OverlayView.h"
#include "RunSeries.h"
#include "StudyRunner.h"
#include "Text.h"
#include "VerdictTable.h"
#include "analysis/Answer.h"
#include "spec/Describe.h"
#include "spec/Rules.h"
#include "timeline/PanelFit.h"
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
    stack_->addWidget(buildTimelines());
    stack_->addWidget(overlay_);
    // the preset's question stays beside the charts while they fill
    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(stack_);
    charts->addWidget(buildPresetPanel());
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 0);
    charts->setCollapsible(0, false);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(charts);
    split->addWidget(verdict_);
    // the timelines' ten panels need the height at 1280×800; the table scrolls
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({580, 140});
    verdict_->setMinimumHeight(120);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildSetup());
    layout->addWidget(buildAnswer());
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

QWidget* CompareTab::buildAnswer()
{
    answerBox_ = new QWidget(this);
    auto* grid = new QGridLayout(answerBox_);
    grid->setContentsMargins(8, 2, 8, 4);
    answerHeadline_ = new QLabel(answerBox_);
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.7);
    large.setBold(true);
    answerHeadline_->setFont(large);
    answerHeadline_->setWordWrap(true);
    answerHeadline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    answerVerdict_ = new QLabel(answerBox_);
    QFont medium = font();
    medium.setPointSizeF(medium.pointSizeF() * 1.2);
    answerVerdict_->setFont(medium);
    answerVerdict_->setWordWrap(true);
    answerVerdict_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_ = new QToolButton(answerBox_);
    details_->setText(tr("Details: every figure"));
    details_->setToolTip(tr("Show or fold the verdict for every figure both runs measured"));
    details_->setCheckable(true);
    details_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    grid->addWidget(answerHeadline_, 0, 0);
    grid->addWidget(details_, 0, 1, Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(answerVerdict_, 1, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    connect(details_, &QToolButton::toggled, this, [this](bool on) {
        details_->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        verdict_->setVisible(on);
    });
    // folded: the answer is what a class reads first (the window restores the user's choice)
    details_->setArrowType(Qt::RightArrow);
    verdict_->setVisible(false);
    answerBox_->setVisible(false);
    return answerBox_;
}

QWidget* CompareTab::buildPresetPanel()
{
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    presetText_ = new QLabel(scroll);
    presetText_->setWordWrap(true);
    presetText_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    presetText_->setTextFormat(Qt::RichText);
    presetText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    presetText_->setContentsMargins(8, 4, 8, 4);
    scroll->setWidget(presetText_);
    // wide enough for a sentence per line or two, narrow enough to leave the charts room
    const int chars = fontMetrics().averageCharWidth();
    scroll->setMinimumWidth(24 * chars);
    scroll->setMaximumWidth(44 * chars);
    presetPanel_ = scroll;
    presetPanel_->setVisible(false);
    return presetPanel_;
}

bool CompareTab::detailsShown() const
{
    return details_->isChecked();
}

void CompareTab::setDetailsShown(bool shown)
{
    details_->setChecked(shown);
}

void CompareTab::setShownPreset(const std::optional<PresetNote>& preset)
{
    shownPreset_ = preset;
    QString html;
    if (preset) {
        const auto part = [&html](const QString& heading, const std::string& text) {
            if (text.empty()) return;
            html += QStringLiteral("<p><b>") % heading % QStringLiteral("</b><br>") %
                    qs(text).toHtmlEscaped() % QStringLiteral("</p>");
        };
        html = QStringLiteral("<p style=\"font-size:large\"><b>") %
               qs(preset->title).toHtmlEscaped() % QStringLiteral("</b></p>");
        part(tr("Question"), preset->question);
        part(tr("What to watch"), preset->watch);
        part(tr("What to expect"), preset->expect);
    }
    presetText_->setText(html);
    presetPanel_->setVisible(preset.has_value());
    updateAnswer();
}

QString CompareTab::presetText() const
{
    return presetText_->text();
}

QString CompareTab::answerText() const
{
    if (answerBox_->isHidden()) return {};
    return answerHeadline_->text() % QLatin1Char('\n') % answerVerdict_->text();
}

void CompareTab::updateAnswer()
{
    // the preset on show: the comparison's own, or the one `render` found for an old file
    const auto answer = comparison_ ? answerOf(*comparison_, shownPreset_) : std::nullopt;
    // short timelines keep the panels that answer the question open
    const auto order = panelPriority(slidePanel(), qs(shownPreset_ ? shownPreset_->watch : ""));
    for (auto* t : timelines_)
        t->setFoldOrder(order);
    answerBox_->setVisible(answer.has_value());
    if (!answer) return;
    answerHeadline_->setText(qs(answerHeadline(*answer)));
    answerVerdict_->setText(qs(answerVerdict(*answer)));
    details_->setText(
        tr("Details: all %1 figures").arg(static_cast<int>(comparison_->verdict.size())));
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
        timelines_[side]->setFoldOrder(panelPriority(slidePanel(), {}));
        layout->addWidget(headers_[side]);
        layout->addWidget(timelines_[side], 1);
        split->addWidget(pane);
    }
    foldAlike(timelines_[0], timelines_[1]);
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
        setShownPreset(study_ ? study_->preset() : std::nullopt);
        comparison_.reset();
        updateAnswer();
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
    // the side's series was the live target: StudyRunner has ended it (finishLive) with the
    // samples it derived live; deriving it again from `record` would show nothing for a long
    // run, whose samples are in record.spool, not in memory
    Q_UNUSED(side);
    Q_UNUSED(record);
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
    // a preset's texts go with its runs (a pair captured from the form has none)
    if (fixed_ && !(fixed_->question.empty() && fixed_->watch.empty() && fixed_->expect.empty()))
        study_->setPreset(presetNote(*fixed_));
    if (auto error = runner_->start(*study_, [this](int step) { return &models_[step]; }))
        return error;
    setRunning(true);
    return std::nullopt;
}

void CompareTab::setComparison(const Comparison& c, bool justRun)
{
    comparison_ = c;
    // just run: both series already hold what the live runs derived (finishRun)
    if (!justRun) {
        models_[0].setRecord(c.a);
        models_[1].setRecord(c.b);
    }
    verdict_->setComparison(c);
    setShownPreset(c.preset); // the preset it answers travels with it
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
