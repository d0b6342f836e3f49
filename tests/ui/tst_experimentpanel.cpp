#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "ExperimentPanel.h"
#include "ParamForm.h"
#include "UiTestMain.h"
#include "WorkloadOptionsBox.h"
#include "catalogue/Catalogue.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

// A spec as validate() leaves it: every workload parameter filled in.
ExperimentSpec validated(ExperimentSpec s)
{
    const auto error = validate(s);
    if (error) qWarning("%s", error->text().c_str());
    return error ? ExperimentSpec{} : s;
}

QLabel* messageLabel(const ExperimentPanel& panel)
{
    for (auto* label : panel.findChildren<QLabel*>())
        if (label->text() == panel.messageText()) return label;
    return nullptr;
}

// Saves the panel as a PNG when CORELAB_PANEL_PNG names a file (for a look at the
// layout); a %1 in the name becomes the data tag.
void maybeGrab(ExperimentPanel& panel)
{
    QString path = qEnvironmentVariable("CORELAB_PANEL_PNG");
    path.replace(QStringLiteral("%1"), QString::fromLatin1(QTest::currentDataTag()));
    if (path.isEmpty()) return;
    panel.optionsBox()->setExpanded(true);
    panel.resize(panel.sizeHint());
    panel.grab().save(path);
}

ExperimentSpec specFor(const std::string& workload, Model model = Model::Threads, int workers = 2)
{
    ExperimentSpec s;
    s.workload = workload;
    s.model = model;
    s.workers = workers;
    return validated(s);
}

} // namespace

class TstExperimentPanel : public QObject {
    Q_OBJECT
private slots:
    void choiceParamsAreComboBoxes()
    {
        ExperimentPanel panel;
        panel.setSpec(specFor("io"));
        auto* mode = qobject_cast<QComboBox*>(panel.paramForm()->editor("mode"));
        QVERIFY(mode);
        QCOMPARE(mode->count(), 3);
        QCOMPARE(mode->itemText(1), QStringLiteral("file"));
        mode->setCurrentIndex(2);
        QCOMPARE(panel.spec().params.at("mode"), 2.0);
        auto* latency = qobject_cast<QDoubleSpinBox*>(panel.paramForm()->editor("latency-ms"));
        QVERIFY(latency);
        QCOMPARE(latency->suffix(), QStringLiteral(" ms"));
        QVERIFY(latency->toolTip().contains(QStringLiteral("1000")));
    }

    void asyncOnlyForWorkloadsThatWait()
    {
        ExperimentPanel panel;
        for (const auto& w : workloads()) {
            ExperimentSpec s; // not every workload is valid with these; that does not matter
            s.workload = w.name;
            panel.setSpec(s);
            QCOMPARE(panel.workloadBox()->currentText(), QString::fromStdString(w.name));
            const bool expected = w.name == "io" || w.name == "mixed";
            QCOMPARE(panel.modelButton(Model::Async)->isEnabled(), expected);
        }
        panel.setSpec(specFor("io"));
        QTest::mouseClick(panel.modelButton(Model::Async), Qt::LeftButton);
        QSpinBox* workers = panel.workersField();
        QCOMPARE(workers->maximum(), SpecLimits::maxInFlight);
        workers->setValue(5000);
        QCOMPARE(panel.spec().model, Model::Async);
        QCOMPARE(panel.spec().workers, 5000);
        QVERIFY2(panel.startButton()->isEnabled(), qPrintable(panel.messageText()));
        bool relabelled = false;
        for (auto* label : panel.findChildren<QLabel*>())
            relabelled |= label->text() == QStringLiteral("Requests in flight");
        QVERIFY(relabelled);
        QTest::mouseClick(panel.modelButton(Model::Threads), Qt::LeftButton);
        QCOMPARE(workers->maximum(), SpecLimits::maxWorkers);
    }

    void externalShowsCommandAndSplitsWords()
    {
        ExperimentPanel panel;
        panel.setSpec(specFor("io"));
        QVERIFY(!panel.paramForm()->commandEdit());
        auto* box = panel.workloadBox();
        const int external = box->findText(QStringLiteral("external"));
        box->setCurrentIndex(external);
        emit box->activated(external);
        QLineEdit* command = panel.paramForm()->commandEdit();
        QVERIFY(command);
        QVERIFY(command->isVisibleTo(&panel));
        QVERIFY(!panel.startButton()->isEnabled()); // no command yet
        command->setText(QStringLiteral("/usr/bin/python3 \"my script.py\"  2"));
        const ExperimentSpec s = panel.spec();
        QCOMPARE(s.command, (std::vector<std::string>{"/usr/bin/python3", "my script.py", "2"}));
        QCOMPARE(s.model, Model::Threads);
        QCOMPARE(s.workers, 1);
        QVERIFY2(panel.startButton()->isEnabled(), qPrintable(panel.messageText()));
    }

    void invalidCombinationShowsErrorAndDisablesStart()
    {
        ExperimentPanel panel;
        panel.setSpec(specFor("cpu", Model::Processes));
        panel.optionsBox()->restart()->setChecked(true);
        QVERIFY(panel.startButton()->isEnabled());
        QTest::mouseClick(panel.modelButton(Model::Threads), Qt::LeftButton);
        QVERIFY(panel.messageText().startsWith(QStringLiteral("restart")));
        QVERIFY(!panel.startButton()->isEnabled());
        QVERIFY(messageLabel(panel)->styleSheet().contains(QStringLiteral("color")));
        QVERIFY(panel.optionsBox()->restart()->isEnabled()); // so it can be unticked
        panel.optionsBox()->restart()->setChecked(false);
        QVERIFY(panel.startButton()->isEnabled());
        QVERIFY(!panel.optionsBox()->restart()->isEnabled());
    }

    void crashWorkerNoneIsMinusOne()
    {
        ExperimentPanel panel;
        QSpinBox* crash = panel.optionsBox()->crashWorker();
        QCOMPARE(crash->value(), -1);
        QCOMPARE(crash->text(), QStringLiteral("none"));
        QCOMPARE(panel.spec().crashWorker, -1);
    }

    void roundTripUsesEveryOption_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("async") << QByteArray(R"({"workload":"io","model":"async","workers":64,
            "duration_s":4.5,"rate_hz":20,"params":{"mode":2,"latency-ms":25,"file-mib":128},
            "interpreter_lock":true,"switch_interval_ms":2.5,"crash_worker":0,"crash_at_s":1.25})");
        QTest::newRow("hybrid") << QByteArray(R"({"workload":"counter","model":"hybrid",
            "workers":3,"threads_per_process":2,"spawn":"exec","params":{"sync":2},
            "interpreter_lock":true,"switch_interval_ms":0.5,"crash_worker":4,"crash_at_s":2,
            "restart":true})");
        QTest::newRow("external") << QByteArray(R"({"workload":"external","workers":1,
            "command":["/usr/bin/python3","my script.py","2"]})");
    }

    void roundTripUsesEveryOption()
    {
        QFETCH(QByteArray, json);
        const ExperimentSpec s = validated(nlohmann::json::parse(json.toStdString()));
        QVERIFY(s != ExperimentSpec{});
        ExperimentPanel panel;
        panel.setSpec(s);
        QVERIFY2(panel.startButton()->isEnabled(), qPrintable(panel.messageText()));
        QCOMPARE(nlohmann::json(panel.spec()).dump(), nlohmann::json(s).dump());
        QVERIFY(panel.spec() == s);
        maybeGrab(panel);
    }

    void storedSpecWithoutNewKeysGetsDefaults()
    {
        // what QSettings holds from before the options existed
        const auto old = nlohmann::json::parse(
            R"({"workload":"cpu","model":"processes","workers":4,"threads_per_process":1,
                "spawn":"fork","duration_s":3,"rate_hz":10,"params":{"rounds":64}})");
        ExperimentPanel panel;
        panel.setSpec(old.get<ExperimentSpec>());
        const ExperimentSpec s = panel.spec();
        const ExperimentSpec defaults;
        QCOMPARE(s.workers, 4);
        QCOMPARE(s.interpreterLock, defaults.interpreterLock);
        QCOMPARE(s.switchIntervalMs, defaults.switchIntervalMs);
        QCOMPARE(s.crashWorker, -1);
        QVERIFY(!s.restart && s.command.empty());
        QVERIFY(!panel.optionsBox()->isExpanded());
        QVERIFY(panel.startButton()->isEnabled());
    }
};

CORELAB_UI_TEST(TstExperimentPanel)
#include "tst_experimentpanel.moc"
