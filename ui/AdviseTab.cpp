#include "AdviseTab.h"

#include <algorithm>
#include <cmath>

#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "ImageExport.h"
#include "Qcp.h"
#include "StudyRunner.h"

namespace corelab::ui {

namespace {

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

// "Compute per task": a field's label as the start of a line
QString capitalised(const char* label)
{
    QString s = QString::fromUtf8(label);
    if (!s.isEmpty()) s[0] = s[0].toUpper();
    return s;
}

QString number(double v)
{
    return QString::number(v, 'g', v >= 1000 ? 5 : 3);
}

// "412 (398 – 430)": the median, then the range of the runs
QString spreadText(const Spread& s, double scale, const QString& unit)
{
    if (s.n == 0) return QObject::tr("not measured");
    const QString median = number(s.median * scale) + unit;
    if (s.n == 1) return median;
    return median + QStringLiteral(" (") + number(s.min * scale) + QStringLiteral(" – ") +
           number(s.max * scale) + QStringLiteral(")");
}

QString describeQuestion(const AdviseQuestion& q)
{
    return QObject::tr("Each task computes %1 ms and waits %2 ms, %3 at once, threads %4 · %5 s "
                       "per run, %6 per model")
        .arg(number(q.computeMs), number(q.waitMs))
        .arg(q.tasks)
        .arg(q.interpreterLock ? QObject::tr("under one interpreter lock")
                               : QObject::tr("without an interpreter lock"))
        .arg(number(q.runS))
        .arg(q.repeats);
}

const QString kInvalid = QStringLiteral("QLineEdit { border: 2px solid #d32f2f; }");

} // namespace

AdviseTab::AdviseTab(QWidget* parent)
    : QWidget(parent)
    , lock_(new QCheckBox(tr("Threads share one interpreter lock (as CPython's do)"), this))
    , run_(new QPushButton(tr("Run advice"), this))
    , progress_(new QProgressBar(this))
    , status_(new QLabel(this))
    , tick_(new QTimer(this))
{
    run_->setDefault(true);
    lock_->setChecked(AdviseQuestion{}.interpreterLock);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    status_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(buildForm());
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buildResult(), 1);
    tick_->setInterval(200);
    connect(tick_, &QTimer::timeout, this, &AdviseTab::updateProgress);
    connect(run_, &QPushButton::clicked, this, [this] {
        if (running_)
            emit stopRequested();
        else
            emit runRequested();
    });
    applyFonts();
    validate();
}

// The numbers as `corelab advise` takes them, two rows of fields and the lock.
QWidget* AdviseTab::buildForm()
{
    auto* form = new QWidget(this);
    auto* grid = new QHBoxLayout(form);
    grid->setContentsMargins(0, 0, 0, 0);
    const AdviseQuestion defaults;
    auto* left = new QFormLayout;
    auto* right = new QFormLayout;
    int i = 0;
    for (const AdviseFieldInfo& f : adviseFields()) {
        auto* edit = new QLineEdit(number(adviseFieldValue(defaults, f.field)), form);
        edit->setToolTip(
            tr("%1: %2 (corelab advise %3)")
                .arg(capitalised(f.label), QString::fromUtf8(f.what), QString::fromUtf8(f.flag)));
        edit->setMaximumWidth(120);
        fields_[f.field] = edit;
        auto* row = new QHBoxLayout;
        row->addWidget(edit);
        row->addWidget(new QLabel(QString::fromUtf8(f.what), form));
        (i++ < 3 ? left : right)->addRow(capitalised(f.label), row);
        connect(edit, &QLineEdit::textChanged, this, &AdviseTab::validate);
    }
    right->addRow(lock_);
    grid->addLayout(left);
    grid->addLayout(right);
    grid->addStretch(1);
    grid->addWidget(run_, 0, Qt::AlignTop);
    return form;
}

// The recommendation first, then the models' figures, then the article's questions.
QWidget* AdviseTab::buildResult()
{
    result_ = new QWidget(this);
    result_->setAutoFillBackground(true);
    caption_ = new QLabel(result_);
    recommendation_ = new QLabel(result_);
    table_ = new QTableWidget(0, 4, result_);
    questions_ = new QLabel(result_);
    for (QLabel* l : {caption_, recommendation_, questions_}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    table_->setHorizontalHeaderLabels({tr("Model"), tr("Tasks per second: median (min – max)"),
                                       tr("CPU per task"), tr("Memory per task (PSS)")});
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setFocusPolicy(Qt::NoFocus);
    table_->setVisible(false); // an empty table is a dark box until a study has rows
    auto* layout = new QVBoxLayout(result_);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(caption_);
    layout->addWidget(recommendation_);
    layout->addWidget(table_);
    layout->addWidget(questions_);
    layout->addStretch(1);
    recommendation_->setText(
        tr("Describe the work — how long each task computes, how long it then waits, how many "
           "run at once — and CoreLab runs it as threads, processes, hybrid and async and "
           "recommends the one that completed the most tasks."));
    return result_;
}

void AdviseTab::applyFonts()
{
    if (!recommendation_) return; // a font change while the constructor builds
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.6);
    big.setBold(true);
    recommendation_->setFont(big);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    caption_->setFont(small);
}

// Presentation mode sets the tab's font: the recommendation stays larger than the rest.
void AdviseTab::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) applyFonts();
    QWidget::changeEvent(event);
}

std::optional<QString> AdviseTab::readQuestion(AdviseQuestion& q) const
{
    for (const AdviseFieldInfo& f : adviseFields())
        if (auto bad =
                setAdviseField(q, f.field, fields_.at(f.field)->text().trimmed().toStdString()))
            return capitalised(f.label) + QStringLiteral(": ") + text(*bad);
    q.interpreterLock = lock_->isChecked();
    if (auto bad = checkAdviseQuestion(q)) return capitalised(bad->c_str());
    return std::nullopt;
}

// Run is on only for a question `corelab advise` would take; the line names the field.
void AdviseTab::validate()
{
    AdviseQuestion q;
    const auto error = readQuestion(q);
    bool anyBad = false;
    for (const AdviseFieldInfo& f : adviseFields()) {
        AdviseQuestion one;
        const bool bad =
            setAdviseField(one, f.field, fields_.at(f.field)->text().trimmed().toStdString())
                .has_value();
        anyBad = anyBad || bad;
        fields_.at(f.field)->setStyleSheet(bad ? kInvalid : QString());
    }
    // both parts 0: the error is the pair's
    if (error && !anyBad)
        for (AdviseField f : {AdviseField::ComputeMs, AdviseField::WaitMs})
            fields_.at(f)->setStyleSheet(kInvalid);
    if (running_) return;
    run_->setEnabled(!error);
    if (error)
        status_->setText(*error);
    else
        status_->setText(tr("%1 runs: four models × %2 repeats of %3 s, about %4 s in all.")
                             .arg(4 * q.repeats)
                             .arg(q.repeats)
                             .arg(number(q.runS))
                             .arg(std::ceil(4 * q.repeats * (q.runS + 0.3))));
}

void AdviseTab::setRunning(bool running)
{
    running_ = running;
    run_->setText(running ? tr("Stop advice") : tr("Run advice"));
    for (auto& [f, edit] : fields_)
        edit->setEnabled(!running);
    lock_->setEnabled(!running);
    progress_->setVisible(running);
    if (running)
        tick_->start();
    else
        tick_->stop();
    if (!running) validate();
}

void AdviseTab::attach(StudyRunner* runner)
{
    runner_ = runner;
    connect(this, &AdviseTab::stopRequested, runner, &StudyRunner::stop);
    connectRunner();
}

void AdviseTab::connectRunner()
{
    auto mine = [this] { return study_ && runner_->study() == study_.get(); };
    connect(runner_, &StudyRunner::stepStarted, this, [this, mine](int step, const auto&, auto*) {
        if (!mine()) return;
        step_ = step;
        stepClock_.start();
        status_->setText(tr("Run %1").arg(text(study_->stepLabel(step))));
        updateProgress();
    });
    connect(runner_, &StudyRunner::stepFinished, this, [this, mine](int, const auto&, bool whole) {
        if (mine() && whole) showAnswer(false);
    });
    connect(runner_, &StudyRunner::finished, this, [this, mine](bool complete, const QString& e) {
        if (!mine()) return;
        setRunning(false);
        showAnswer(true);
        status_->setText(
            complete ? tr("Finished: %1 runs.").arg(study_->steps())
                     : tr("Stopped after %1 of %2 runs%3.")
                           .arg(runner_->wholeRuns())
                           .arg(study_->steps())
                           .arg(e.isEmpty() ? QString() : QString(QStringLiteral(": ") + e)));
    });
}

// Progress within the plan, the running step by its clock: runs are a second or more.
void AdviseTab::updateProgress()
{
    if (!study_ || step_ < 0) return;
    const double runS = study_->question().runS;
    const double within = std::min(1.0, stepClock_.elapsed() / 1000.0 / runS);
    const double done = (step_ + within) / study_->steps();
    progress_->setValue(static_cast<int>(done * 1000));
    const double left = (study_->steps() - step_ - within) * runS;
    progress_->setFormat(tr("%1 of %2 runs · about %3 s left")
                             .arg(step_ + 1)
                             .arg(study_->steps())
                             .arg(std::ceil(left)));
}

std::optional<QString> AdviseTab::start()
{
    if (!runner_) return tr("the Advise tab has no runner");
    if (runner_->active()) return tr("a run is already in progress: stop it or wait for it to end");
    AdviseQuestion q;
    if (auto error = readQuestion(q)) return error;
    study_ = std::make_unique<AdviseStudy>(q);
    step_ = -1;
    progress_->setValue(0);
    if (auto error = runner_->start(*study_)) return error;
    setRunning(true);
    showAnswer(false);
    return std::nullopt;
}

// The figures so far while the study runs; the recommendation once it has ended.
void AdviseTab::showAnswer(bool final)
{
    const AdviseQuestion& q = study_->question();
    const AdviseAnswer a = study_->answer();
    QString caption = describeQuestion(q);
    if (!study_->runs().empty())
        caption += QStringLiteral("\n") + captionLines(study_->runs().front()).value(1);
    caption_->setText(caption);
    recommendation_->setText(final ? text(a.sentence)
                                   : tr("Measuring… the recommendation follows the last run."));
    table_->setVisible(true);
    table_->setRowCount(static_cast<int>(a.models.size()));
    for (std::size_t i = 0; i < a.models.size(); ++i) {
        const AdviseModel& m = a.models[i];
        const QStringList cells = {
            text(m.label), spreadText(m.tasksPerS, 1, QString()),
            spreadText(m.cpuMsPerTask, 1, QStringLiteral(" ms")),
            spreadText(m.pssPerTaskBytes, 1.0 / 1024, QStringLiteral(" KiB"))};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            QFont f = table_->font();
            f.setBold(final && a.best == i);
            item->setFont(f);
            table_->setItem(static_cast<int>(i), c, item);
        }
    }
    QString questions;
    if (final) {
        questions = tr("The article's four questions (How to Choose Quickly):");
        for (const std::string& line : articleQuestions(q, a))
            questions += QStringLiteral("\n• ") + text(line);
    }
    questions_->setText(questions);
    table_->setFixedHeight(table_->horizontalHeader()->height() +
                           table_->verticalHeader()->length() + 2 * table_->frameWidth());
}

QImage AdviseTab::renderImage(double scale)
{
    // the labels may have new text whose height is not laid out yet
    result_->layout()->activate();
    const QSize size = result_->size().isEmpty() ? result_->sizeHint() : result_->size();
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(result_->palette().color(QPalette::Window));
    QPainter painter(&image);
    result_->render(&painter);
    return image;
}

QString AdviseTab::saveImage(const QString& path)
{
    if (!path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        return savePngImage(renderImage(2.0), path);
    result_->layout()->activate();
    const QSize size = result_->size().isEmpty() ? result_->sizeHint() : result_->size();
    return writePdfPage(path, QSizeF(size), 72, [this](QCPPainter& p) { result_->render(&p); });
}

} // namespace corelab::ui
