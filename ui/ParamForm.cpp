#include "ParamForm.h"

#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

#include "catalogue/Catalogue.h"
#include "spec/CommandLine.h"

namespace corelab::ui {

namespace {

int decimalsFor(const ParamInfo& p)
{
    const bool integral = std::floor(p.defaultValue) == p.defaultValue &&
                          std::floor(p.min) == p.min && std::floor(p.max) == p.max;
    return integral ? 0 : 3;
}

QString rangeTip(const ParamInfo& p)
{
    return QString::fromStdString(p.help) %
           QObject::tr(" (%1 … %2, default %3)").arg(p.min).arg(p.max).arg(p.defaultValue);
}

} // namespace

ParamForm::ParamForm(QWidget* parent)
    : QGroupBox(tr("Workload parameters"), parent)
    , form_(new QFormLayout(this))
{
}

void ParamForm::setWorkload(const WorkloadInfo* workload)
{
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    editors_.clear();
    command_ = nullptr;
    if (!workload) return;
    if (workload->name == "external") addCommandRow();
    for (const auto& p : workload->params) {
        QWidget* editor = makeEditor(p);
        editor->setToolTip(rangeTip(p));
        form_->addRow(QString::fromStdString(p.name), editor);
        editors_[p.name] = editor;
    }
    setVisible(command_ || !workload->params.empty());
}

QWidget* ParamForm::makeEditor(const ParamInfo& p)
{
    if (!p.choices.empty()) {
        auto* combo = new QComboBox(this);
        for (const auto& name : p.choices)
            combo->addItem(QString::fromStdString(name));
        combo->setCurrentIndex(static_cast<int>(p.defaultValue));
        connect(combo, &QComboBox::currentIndexChanged, this, &ParamForm::changed);
        return combo;
    }
    auto* spin = new QDoubleSpinBox(this);
    spin->setDecimals(decimalsFor(p));
    spin->setRange(p.min, p.max);
    spin->setValue(p.defaultValue);
    if (!p.unit.empty()) spin->setSuffix(QChar(u' ') % QString::fromStdString(p.unit));
    connect(spin, &QDoubleSpinBox::valueChanged, this, &ParamForm::changed);
    return spin;
}

void ParamForm::addCommandRow()
{
    command_ = new QLineEdit(commandText_, this);
    command_->setPlaceholderText(
        QStringLiteral("/usr/bin/python3 resources/scripts/cpu_threads.py 2"));
    command_->setToolTip(tr("The program and its arguments, split at blanks; quotes group "
                            "words (like corelab run --command)."));
    auto* hint = new QLabel(tr("e.g. <code>/usr/bin/python3 resources/scripts/cpu_threads.py "
                               "2</code>; a line <code>corelab-ops N</code> on its output "
                               "counts N ops"),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false); // greyed: a hint, not a value
    connect(command_, &QLineEdit::textChanged, this, [this](const QString& text) {
        commandText_ = text;
        emit changed();
    });
    form_->addRow(tr("Command"), command_);
    form_->addRow(hint);
}

QWidget* ParamForm::editor(const std::string& name) const
{
    auto it = editors_.find(name);
    return it == editors_.end() ? nullptr : it->second;
}

void ParamForm::apply(ExperimentSpec& spec) const
{
    for (const auto& [name, editor] : editors_) {
        if (auto* combo = qobject_cast<QComboBox*>(editor))
            spec.params[name] = combo->currentIndex();
        else if (auto* spin = qobject_cast<QDoubleSpinBox*>(editor))
            spec.params[name] = spin->value();
    }
    if (command_) spec.command = splitCommandLine(command_->text().toStdString());
}

void ParamForm::setFrom(const ExperimentSpec& spec)
{
    const QSignalBlocker block(this);
    for (const auto& [name, value] : spec.params) {
        auto it = editors_.find(name);
        if (it == editors_.end()) continue;
        if (auto* combo = qobject_cast<QComboBox*>(it->second))
            combo->setCurrentIndex(static_cast<int>(value));
        else if (auto* spin = qobject_cast<QDoubleSpinBox*>(it->second))
            spin->setValue(value);
    }
    if (command_) command_->setText(QString::fromStdString(joinCommandLine(spec.command)));
}

} // namespace corelab::ui
