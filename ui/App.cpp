#include "App.h"

#include <QApplication>
#include <QTimer>

#include "MainWindow.h"

namespace corelab::ui {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("CoreLab"));
    QCoreApplication::setApplicationName(QStringLiteral("corelab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CORELAB_VERSION));
}

int runWindow(int argc, char** argv)
{
    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/corelab/corelab.svg")));
    MainWindow window;
    window.show();
    const QStringList args = QCoreApplication::arguments();
    // --start: begin the last experiment at once (demos, screenshots)
    if (args.contains(QStringLiteral("--start")))
        QTimer::singleShot(300, &window, &MainWindow::startRun);
    // --open RUN-OR-COMPARISON.json, --experiment EXPERIMENT.json (a teacher's file)
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--open")) window.loadRunAsync(args[i + 1]);
        if (args[i] == QLatin1String("--experiment")) window.openExperiment(args[i + 1]);
    }
    return app.exec();
}

} // namespace corelab::ui
