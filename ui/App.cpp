#include "App.h"

#include <iostream>

#include <QApplication>
#include <QTimer>

#include "CompareTab.h"
#include "ImageExport.h"
#include "MainWindow.h"
#include "RunSeries.h"
#include "timeline/TimelineView.h"

namespace corelab::ui {

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("CoreLab"));
    QCoreApplication::setApplicationName(QStringLiteral("corelab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CORELAB_VERSION));
}

struct RenderArgs {
    std::string input;
    std::string output;
    int width = 1600;
    int height = 1000;
};

// Returns the one-line complaint for bad input, empty when the arguments are fine.
std::string parseRenderArgs(const std::vector<std::string>& args, RenderArgs& out)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if ((a == "--out" || a == "-o") && hasValue) {
            out.output = args[++i];
        } else if ((a == "--width" || a == "--height") && hasValue) {
            int v = 0;
            try {
                v = std::stoi(args[++i]);
            } catch (const std::exception&) {
            }
            if (v < 200 || v > 10000) return a + " must be a number of pixels from 200 to 10000";
            (a == "--width" ? out.width : out.height) = v;
        } else if (!a.empty() && a[0] != '-' && out.input.empty()) {
            out.input = a;
        } else {
            return "unexpected argument '" + a + "'";
        }
    }
    if (out.input.empty())
        return "missing the run or comparison file (corelab render RUN.json --out FILE.png)";
    if (out.output.empty()) return "missing --out FILE.png|pdf";
    const auto dot = out.output.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : out.output.substr(dot);
    if (ext != ".png" && ext != ".pdf") return "--out must end in .png or .pdf";
    return {};
}

// Both timelines side by side, the verdict under them, and the caption.
int renderComparison(const Comparison& c, const RenderArgs& r)
{
    CompareTab view;
    view.resize(r.width, r.height);
    view.setComparison(c);
    view.show();
    QCoreApplication::processEvents();
    const QString error = view.saveImage(QString::fromStdString(r.output));
    if (!error.isEmpty()) {
        std::cerr << "corelab render: " << error.toStdString() << "\n";
        return 1;
    }
    std::cout << "wrote " << r.output << "\n";
    return 0;
}

} // namespace

int runWindow(int argc, char** argv)
{
    QApplication app(argc, argv);
    setIdentity();
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

int renderCommand(int argc, char** argv, const std::vector<std::string>& args)
{
    RenderArgs r;
    if (const std::string error = parseRenderArgs(args, r); !error.empty()) {
        std::cerr << "corelab render: " << error << "\n";
        return 2;
    }
    RunRecord record;
    std::optional<Comparison> comparison;
    try {
        record = loadRunFile(r.input);
    } catch (const std::exception& e) {
        // not a run file: a comparison file, or the run file's complaint stands
        try {
            comparison = loadCompareFile(r.input);
        } catch (const std::exception&) {
            std::cerr << "corelab render: " << e.what() << "\n";
            return 2;
        }
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    setIdentity();
    if (comparison) return renderComparison(*comparison, r);
    RunSeries model;
    model.setRecord(std::move(record));
    TimelineView view;
    view.setModel(&model);
    view.resize(r.width, r.height);
    view.show();
    QCoreApplication::processEvents();
    view.refreshNow();
    const QString error =
        saveTimelineImage(view.plot(), model.record(), QString::fromStdString(r.output));
    if (!error.isEmpty()) {
        std::cerr << "corelab render: " << error.toStdString() << "\n";
        return 1;
    }
    std::cout << "wrote " << r.output << "\n";
    return 0;
}

} // namespace corelab::ui
