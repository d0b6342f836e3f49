// The window on a 1280×800 projector: on every tab it can be made 1280 pixels wide, and
// a long status line does not widen it. (A tab widget is as wide as the widest minimum
// of all its pages, shown or not: the Compare tab's two timelines held the whole window
// at 1318 pixels whichever tab was shown.)
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "MainWindow.h"
#include "StudyStatus.h"
#include "UiTestMain.h"

using namespace corelab::ui;

class TstWindowWidth : public QObject {
    Q_OBJECT

    QTemporaryDir runs_;

    std::unique_ptr<MainWindow> window()
    {
        auto w = std::make_unique<MainWindow>(
            WindowOptions{QStringLiteral(CORELAB_WORKER_PATH), runs_.path(), false, {}});
        w->show();
        QCoreApplication::processEvents();
        return w;
    }

    static int widthAt1280(MainWindow& w)
    {
        w.resize(1280, 800);
        QCoreApplication::processEvents();
        return w.width();
    }

private slots:
    void everyTabFitsA1280Screen()
    {
        auto w = window();
        for (int i = 0; i < w->tabs()->count(); ++i) {
            w->tabs()->setCurrentIndex(i);
            QCoreApplication::processEvents();
            const QString tab = w->tabs()->tabText(i);
            QVERIFY2(widthAt1280(*w) <= 1280,
                     qPrintable(tab + QStringLiteral(" tab: the window stays %1 px wide, its "
                                                     "minimum %2 px")
                                          .arg(w->width())
                                          .arg(w->minimumSizeHint().width())));
        }
    }

    void aLongStatusLineDoesNotWidenTheWindow()
    {
        auto w = window();
        auto* status = w->statusBar()->findChild<StudyStatus*>();
        QVERIFY(status);
        const QString longLine =
            QStringLiteral("showing ") + QString(300, QLatin1Char('x')) + QStringLiteral(" end");
        status->setText(longLine);
        QCoreApplication::processEvents();
        QVERIFY(widthAt1280(*w) <= 1280);
        // cut in the middle, both ends readable, the whole line in the tooltip
        QCOMPARE(status->toolTip(), longLine);
    }
};

CORELAB_UI_TEST(TstWindowWidth)
#include "tst_windowwidth.moc"
