#include "App.h"

#include <QApplication>
#include <QDir>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <optional>

#include <fcntl.h>
#include <unistd.h>

#include "EngineController.h"
#include "ExperimentPanel.h"
#include "MainWindow.h"
#include "record/Synthetic.h"

// corelab_ui is a static library: the linker leaves out its compiled resources (the icon)
// unless they are asked for by name, and Q_INIT_RESOURCE may not stand inside a namespace
static void initResources()
{
    Q_INIT_RESOURCE(corelab);
}

namespace corelab::ui {

namespace {

int g_termPipe[2] = {-1, -1};

void onTerminate(int)
{
    const char byte = 1;
    (void)!::write(g_termPipe[1], &byte, 1);
}

// SIGTERM and SIGHUP would kill the window with the live run unsaved. The handler only
// writes a byte; the GUI thread reads it and stops the run as the Stop button does.
void closeOnTerminate(QApplication& app, MainWindow& window)
{
    if (::pipe2(g_termPipe, O_CLOEXEC | O_NONBLOCK) != 0) return;
    auto* notifier = new QSocketNotifier(g_termPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &window, [&window] {
        char bytes[16];
        while (::read(g_termPipe[0], bytes, sizeof bytes) > 0) {}
        window.stopAndClose();
    });
    struct sigaction sa {};
    sa.sa_handler = onTerminate;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
}

} // namespace

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
    initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/corelab/corelab.svg")));
    const QStringList args = QCoreApplication::arguments();
    // --synthetic CPUSxWORKERS[xSECONDS] (hidden): Start plays a made-up run of that size
    // (record/Synthetic.h) through the live path; its runs are kept out of the user's folder
    std::optional<SyntheticShape> synthetic;
    if (const auto at = args.indexOf(QStringLiteral("--synthetic")); at > 0) {
        synthetic = parseSyntheticShape(args.value(at + 1).toStdString());
        if (!synthetic) {
            qCritical("corelab: --synthetic wants CPUSxWORKERS[xSECONDS], e.g. 256x512");
            return 2;
        }
    }
    WindowOptions options;
    if (synthetic)
        options.runsFolder = QDir::tempPath() + QStringLiteral("/corelab-synthetic-runs");
    MainWindow window(options);
    if (synthetic) {
        window.controller()->setSynthetic(*synthetic);
        window.experimentPanel()->setSpec(SyntheticSource(*synthetic).spec());
        QTimer::singleShot(300, &window, &MainWindow::startRun);
    }
    window.show();
    closeOnTerminate(app, window);
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
