#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "PresetsTab.h"
#include "UiTestMain.h"
#include "spec/Describe.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

const QString kPresets = QStringLiteral(CORELAB_UI_FIXTURES "/../../../resources/presets");

QPushButton* button(const PresetsTab& g, const QString& text)
{
    for (auto* b : g.findChildren<QPushButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

QString labelText(const PresetsTab& g, const char* name)
{
    auto* label = g.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

Preset emitted(const QSignalSpy& spy)
{
    return spy.last().at(0).value<Preset>();
}

} // namespace

class TstPresetGallery : public QObject {
    Q_OBJECT
private slots:
    void listsEveryPresetOfTheFolder()
    {
        PresetsTab g;
        g.loadFolder(kPresets);
        const auto files = presetFiles(kPresets.toStdString());
        // the table's twelve rows and the deadlock, an experiment of its own
        QCOMPARE(files.size(), 13u);
        QCOMPARE(g.presets().size(), 13u);
        QCOMPARE(g.list()->count(), 13);
        for (int i = 0; i < 13; ++i)
            QCOMPARE(g.list()->item(i)->text(),
                     QString::fromStdString(loadPreset(files[std::size_t(i)]).title));
        QCOMPARE(g.currentIndex(), 0);
    }

    void selectingShowsQuestionAndBothRuns()
    {
        PresetsTab g;
        g.loadFolder(kPresets);
        for (int i : {1, 7, 11}) {
            g.setCurrentIndex(i);
            QCOMPARE(g.currentIndex(), i);
            const Preset& p = g.presets()[std::size_t(i)];
            QCOMPARE(labelText(g, "title"), QString::fromStdString(p.title));
            QCOMPARE(labelText(g, "question"), QString::fromStdString(p.question));
            QCOMPARE(labelText(g, "watch"), QString::fromStdString(p.watch));
            QCOMPARE(labelText(g, "expect"), QString::fromStdString(p.expect));
            QVERIFY(labelText(g, "specA").startsWith(QString::fromStdString(describe(p.a))));
            QVERIFY(labelText(g, "specB").startsWith(QString::fromStdString(describe(p.b))));
            QVERIFY(labelText(g, "aspect").contains(QString::fromStdString(p.aspect)));
        }
        const QString grab = qEnvironmentVariable("CORELAB_GRAB_DIR");
        if (!grab.isEmpty()) {
            g.setCurrentIndex(1);
            g.resize(1100, 700);
            g.grab().save(grab % QStringLiteral("/b-gallery.png"));
        }
    }

    void buttonsAndDoubleClickEmitTheSelectedPreset()
    {
        PresetsTab g;
        g.loadFolder(kPresets);
        QSignalSpy load(&g, &PresetsTab::loadRequested);
        QSignalSpy compare(&g, &PresetsTab::compareRequested);
        g.setCurrentIndex(5);
        button(g, QStringLiteral("Load into form"))->click();
        QCOMPARE(load.count(), 1);
        QVERIFY(emitted(load).a == g.presets()[5].a);
        QCOMPARE(emitted(load).title, g.presets()[5].title);
        button(g, QStringLiteral("Run this comparison"))->click();
        QCOMPARE(compare.count(), 1);
        QCOMPARE(emitted(compare).title, g.presets()[5].title);
        QVERIFY(emitted(compare).b == g.presets()[5].b);

        g.resize(900, 600);
        g.show();
        QVERIFY(QTest::qWaitForWindowExposed(&g));
        auto* item = g.list()->item(2);
        const QPoint at = g.list()->visualItemRect(item).center();
        QTest::mouseClick(g.list()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(g.list()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(compare.count(), 2);
        QCOMPARE(emitted(compare).title, g.presets()[2].title);
        QCOMPARE(load.count(), 1);
    }

    void brokenFileIsListedWithItsError()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(kPresets % QStringLiteral("/01-startup-cost.json"),
                            dir.filePath(QStringLiteral("01-good.json"))));
        QFile broken(dir.filePath(QStringLiteral("02-broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{ \"title\": \"half a preset\", ");
        broken.close();
        PresetsTab g;
        g.loadFolder(dir.path());
        QCOMPARE(g.list()->count(), 2);
        QCOMPARE(g.presets().size(), 1u);
        auto* item = g.list()->item(1);
        QCOMPARE(item->text(), QStringLiteral("02-broken.json"));
        QVERIFY(item->toolTip().contains(QStringLiteral("02-broken.json")));
        QVERIFY(item->data(PresetsTab::SubtitleRole)
                    .toString()
                    .startsWith(QStringLiteral("cannot be read: ")));
        QVERIFY(!item->data(PresetsTab::SubtitleRole).toString().contains(dir.path()));
        g.list()->setCurrentRow(1);
        QCOMPARE(g.currentIndex(), -1);
        QVERIFY(labelText(g, "aspect").contains(QStringLiteral("cannot be read")));
        QVERIFY(!button(g, QStringLiteral("Run this comparison"))->isEnabled());
        if (const QString grab = qEnvironmentVariable("CORELAB_GRAB_DIR"); !grab.isEmpty()) {
            g.resize(1100, 500);
            g.grab().save(grab % QStringLiteral("/b-gallery-broken.png"));
        }
        QSignalSpy compare(&g, &PresetsTab::compareRequested);
        emit g.list()->itemDoubleClicked(item);
        QCOMPARE(compare.count(), 0);
        g.list()->setCurrentRow(0);
        QVERIFY(button(g, QStringLiteral("Run this comparison"))->isEnabled());
        QCOMPARE(labelText(g, "question"), QString::fromStdString(g.presets()[0].question));
    }

    void singleExperimentLoadsInsteadOfComparing()
    {
        QTemporaryDir dir;
        QFile single(dir.filePath(QStringLiteral("mine.json")));
        QVERIFY(single.open(QIODevice::WriteOnly));
        single.write(R"({"title": "My experiment", "spec": {"workload": "cpu", "workers": 3}})");
        single.close();
        PresetsTab g;
        g.loadFolder(dir.path());
        QCOMPARE(g.presets().size(), 1u);
        QVERIFY(g.presets()[0].single);
        QCOMPARE(labelText(g, "title"), QStringLiteral("My experiment"));
        QVERIFY(!button(g, QStringLiteral("Run this comparison"))->isEnabled());
        QVERIFY(button(g, QStringLiteral("Load into form"))->isEnabled());
        QVERIFY(!g.findChild<QLabel*>(QStringLiteral("specB"))->isVisibleTo(&g));
        QVERIFY(!g.findChild<QLabel*>(QStringLiteral("question"))->isVisibleTo(&g));
        QVERIFY(labelText(g, "specA").contains(QStringLiteral("3 threads")));
        QSignalSpy load(&g, &PresetsTab::loadRequested);
        QSignalSpy compare(&g, &PresetsTab::compareRequested);
        emit g.list()->itemDoubleClicked(g.list()->item(0));
        QCOMPARE(load.count(), 1);
        QCOMPARE(compare.count(), 0);
        QCOMPARE(emitted(load).a.workers, 3);
    }

    void missingFolderShowsNothingToPick()
    {
        PresetsTab g;
        g.loadFolder(QStringLiteral("/nonexistent/presets"));
        QCOMPARE(g.list()->count(), 0);
        QCOMPARE(g.currentIndex(), -1);
        QVERIFY(labelText(g, "title").contains(QStringLiteral("No presets")));
        QVERIFY(!button(g, QStringLiteral("Load into form"))->isEnabled());
    }
};

CORELAB_UI_TEST(TstPresetGallery)
#include "tst_presetgallery.moc"
