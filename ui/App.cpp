#include "App.h"

#include <QApplication>
#include <QDir>
#include <QSocketNotifier>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
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

// The value after `name` on the command line, or empty.
QString optionValue(const QStringList& args, const QString& name)
{
    const auto i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : QString();
}

// Options for demos and scripts/screenshots.sh: --theme KEY, --size WxH (before show),
// --tab NAME and --presentation (once --open has loaded, which shows its own tab),
// --screenshot FILE (the window's own grab, --after MS from start, then quit).
void applyViewOptions(QApplication& app, MainWindow& window, const QStringList& args)
{
    if (const QString key = optionValue(args, QStringLiteral("--theme")); !key.isEmpty())
        window.setTheme(themeFromKey(key));
    const int after = std::max(1000, optionValue(args, QStringLiteral("--after")).toInt());
    const QString tab = optionValue(args, QStringLiteral("--tab"));
    const bool present = args.contains(QStringLiteral("--presentation"));
    QTimer::singleShot(after / 2, &window, [&window, tab, present] {
        for (int i = 0; i < window.tabs()->count(); ++i)
            if (!tab.isEmpty() && window.tabs()->tabText(i).compare(tab, Qt::CaseInsensitive) == 0)
                window.tabs()->setCurrentIndex(i);
        if (present) window.togglePresentation();
    });
    const QString shot = optionValue(args, QStringLiteral("--screenshot"));
    if (shot.isEmpty()) return;
    QTimer::singleShot(after, &window, [&app, &window, shot] {
        window.grab().save(shot);
        window.close();
        app.quit();
    });
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
        // --synthetic-speed N (hidden): play it N times faster than its clock (the soak
        // benchmark plays an hour in minutes)
        const double speed = optionValue(args, QStringLiteral("--synthetic-speed")).toDouble();
        window.controller()->setSynthetic(*synthetic, speed > 0 ? speed : 1);
        window.experimentPanel()->setSpec(SyntheticSource(*synthetic).spec());
        QTimer::singleShot(300, &window, &MainWindow::startRun);
    }
    if (const QStringList size =
            optionValue(args, QStringLiteral("--size")).split(QLatin1Char('x'));
        size.size() == 2)
        window.resize(size[0].toInt(), size[1].toInt());
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
    applyViewOptions(app, window, args);
    return app.exec();
}

} // namespace corelab::ui
