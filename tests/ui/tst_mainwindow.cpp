#include <QAction>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include "CompareTab.h"
#include "EngineController.h"
#include "ExperimentPanel.h"
#include "MainWindow.h"
#include "Qcp.h"
#include "RunListModel.h"
#include "RunsPanel.h"
#include "TableTab.h"
#include "TestHelpers.h"
#include "UiTestHelpers.h"
#include "UiTestMain.h"
#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;
using corelab::test::captureLeader;
using corelab::test::processGone;

namespace {

bool waitForFinish(EngineController* c, int ms)
{
    QSignalSpy finished(c, &EngineController::runFinished);
    return finished.wait(ms);
}

// Any pixel noticeably different from the corner (background)?
int nonBackgroundPixels(const QImage& image)
{
    const QRgb bg = image.pixel(0, image.height() - 1);
    int n = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            if (image.pixel(x, y) != bg) ++n;
    return n;
}

} // namespace

class TstMainWindow : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> makeWindow(double durationS)
    {
        auto w = std::make_unique<MainWindow>(
            WindowOptions{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), false, {}});
        ExperimentSpec spec;
        spec.durationS = durationS;
        w->experimentPanel()->setSpec(spec);
        w->resize(1280, 800);
        QObject::connect(w->controller(), &EngineController::errorOccurred,
                         [](const QString& m) { qWarning("engine: %s", qPrintable(m)); });
        w->show();
        return w;
    }
    QTemporaryDir runs_;

private slots:
    void startFillsEveryPanel()
    {
        auto w = makeWindow(1.0);
        QTest::mouseClick(w->experimentPanel()->startButton(), Qt::LeftButton);
        QVERIFY(w->controller()->running());
        QVERIFY(waitForFinish(w->controller(), 5000));
        w->timeline()->refreshNow();
        for (auto* panel : w->timeline()->panels())
            QVERIFY2(panel->hasData(), panel->metaObject()->className());
        QVERIFY(w->experimentPanel()->startButton()->isEnabled());
        // the finished run was saved into the runs folder (off the GUI thread)
        QThreadPool::globalInstance()->waitForDone();
        QCOMPARE(QDir(runs_.path()).entryList({QStringLiteral("*.corelab")}).size(), 1);
    }
    // The runs list shows a run when its file is whole: a click on the new entry
    // must load it, not find a file still being written on the thread pool.
    void aRunIsListedOnlyOnceItsFileIsWhole()
    {
        auto w = makeWindow(0.5);
        auto* list = w->findChild<RunListModel*>();
        QVERIFY(list);
        const int before = list->rowCount();
        QStringList problems;
        connect(list, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex& parent, int row) {
                    const QString path =
                        list->index(row, 0, parent).data(RunListModel::PathRole).toString();
                    try {
                        if (loadRunFile(path.toStdString()).samples.empty()) problems << path;
                    } catch (const std::exception& e) {
                        problems << path % QStringLiteral(": ") % QString::fromUtf8(e.what());
                    }
                });
        QTest::mouseClick(w->experimentPanel()->startButton(), Qt::LeftButton);
        QVERIFY(waitForFinish(w->controller(), 5000));
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), before + 1, 5000);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
    // F11 is for a projector: the runs list steps aside and the form keeps its size,
    // so the larger charts are not clipped; F11 again brings the list back.
    void presentationModeMakesRoomForTheCharts()
    {
        auto w = makeWindow(1.0);
        QAction* present = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::Key_F11)) present = a;
        QVERIFY(present);
        auto* runs = w->findChild<RunsPanel*>();
        QVERIFY(runs && runs->isVisible());
        const qreal formPoints = w->experimentPanel()->font().pointSizeF();
        present->trigger();
        QVERIFY(!runs->isVisible());
        QCOMPARE(w->experimentPanel()->font().pointSizeF(), formPoints);
        present->trigger();
        QVERIFY(runs->isVisible());
    }
    // Ctrl+= reaches the Compare tab, where every preset lands, not only the Run tab.
    void largerFontScalesTheCompareTab()
    {
        auto w = makeWindow(1.0);
        QAction* larger = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_Equal)) larger = a;
        QVERIFY(larger);
        const qreal before = w->compareView()->runButton()->font().pointSizeF();
        larger->trigger();
        larger->trigger();
        QVERIFY2(w->compareView()->runButton()->font().pointSizeF() > before * 1.1,
                 qPrintable(QString::number(w->compareView()->runButton()->font().pointSizeF())));
    }
    // F9 hides the form so the charts take the screen, and brings it back.
    void oneKeyHidesTheForm()
    {
        auto w = makeWindow(1.0);
        QAction* form = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::Key_F9)) form = a;
        QVERIFY(form);
        QVERIFY(w->experimentPanel()->isVisible());
        form->trigger();
        QVERIFY(!w->experimentPanel()->isVisible());
        form->trigger();
        QVERIFY(w->experimentPanel()->isVisible());
    }
    // The workload list follows the article's table: startup, memory, CPU, context
    // switching, communication, data safety, I/O.
    void workloadListFollowsTheArticle()
    {
        auto w = makeWindow(1.0);
        QComboBox* box = w->experimentPanel()->workloadBox();
        const QStringList first = {QStringLiteral("spawn"),     QStringLiteral("memory"),
                                   QStringLiteral("cpu"),       QStringLiteral("pingpong"),
                                   QStringLiteral("messaging"), QStringLiteral("counter"),
                                   QStringLiteral("io")};
        QVERIFY(box->count() >= first.size());
        for (int i = 0; i < first.size(); ++i)
            QCOMPARE(box->itemText(i), first[i]);
        // the form still opens on the cpu workload, not on the first entry
        QCOMPARE(box->currentText(), QStringLiteral("cpu"));
    }
    void stopEndsTheRunAndItsProcesses()
    {
        auto w = makeWindow(30.0);
        QTest::mouseClick(w->experimentPanel()->startButton(), Qt::LeftButton);
        const int leader = captureLeader(w->controller());
        QVERIFY(leader > 0);
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(w.get(), Qt::Key_Escape);
        QVERIFY(waitForFinish(w->controller(), 2000));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QTRY_VERIFY_WITH_TIMEOUT(processGone(leader), 1000);
    }
    void saveImageWritesTheView()
    {
        auto w = makeWindow(0.5);
        w->startRun();
        QVERIFY(waitForFinish(w->controller(), 4000));
        const QString path = runs_.filePath(QStringLiteral("view.png"));
        QCOMPARE(w->saveImage(path), QString());
        const QImage image(path);
        QVERIFY(!image.isNull());
        const auto* plot = w->timeline()->plot();
        QCOMPARE(image.width(), 2 * plot->width());
        QVERIFY(image.height() > 2 * plot->height());
        QVERIFY(nonBackgroundPixels(image) > image.width() * image.height() / 9 / 20);
    }
    // File → Save Report… is on only on the Table tab, once it shows a measured table.
    void saveReportActionFollowsTheTableTab()
    {
        auto w = makeWindow(1.0);
        QAction* action = w->saveReportAction();
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        w->tabs()->setCurrentWidget(w->tableView());
        QVERIFY2(!action->isEnabled(), "no table measured yet");
        Preset p;
        p.aspect = "CPU utilization";
        p.figure = "throughput";
        p.a.model = Model::Threads;
        p.b.model = Model::Processes;
        RunRecord a, b;
        a.spec = p.a;
        b.spec = p.b;
        a.summary.opsPerS = 100;
        b.summary.opsPerS = 190;
        w->tableView()->setRows({tableRow(p, {a}, {b})});
        QVERIFY(action->isEnabled());
        w->tabs()->setCurrentWidget(w->compareView());
        QVERIFY(!action->isEnabled());
        w->tabs()->setCurrentWidget(w->tableView());
        QVERIFY(action->isEnabled());
    }
    void closingMidRunLeavesNoProcess()
    {
        auto w = makeWindow(30.0);
        w->startRun();
        const int leader = captureLeader(w->controller());
        QVERIFY(leader > 0);
        w->close();
        QVERIFY(processGone(leader));
    }
};

CORELAB_UI_TEST(TstMainWindow)
#include "tst_mainwindow.moc"
