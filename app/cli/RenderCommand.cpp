#include "cli/RenderCommand.h"

#include <cmath>
#include <exception>
#include <iostream>
#include <optional>
#include <utility>

#include <QApplication>

#include "App.h"
#include "CompareTab.h"
#include "ImageExport.h"
#include "Installation.h"
#include "RunSeries.h"
#include "Theme.h"
#include "analysis/Compare.h"
#include "record/RunRecord.h"
#include "record/Synthetic.h"
#include "spec/Preset.h"
#include "timeline/TimelinePlot.h"
#include "timeline/TimelineView.h"

namespace corelab::cli {

namespace {

struct RenderArgs {
    std::string input;
    std::string output;
    int width = 0; // 0: the default for a page or a slide
    int height = 0;
    bool slide = false;
    std::string preset; // the preset the comparison answers; empty: looked up by its specs
    ui::ThemeId theme = ui::ThemeId::System; // the window's --theme keys; System: light, as before
    // hidden --synthetic CPUSxWORKERS[xSECONDS]: a made-up run (record/Synthetic.h), no file
    std::optional<SyntheticShape> synthetic;
};

// A page is landscape 16:10, a slide 16:9 (1920 × 1080); one given side sets the other.
QSize pictureSize(const RenderArgs& r)
{
    const double ratio = r.slide ? 16.0 / 9.0 : 16.0 / 10.0;
    if (r.width > 0 && r.height > 0) return {r.width, r.height};
    if (r.width > 0) return {r.width, static_cast<int>(std::lround(r.width / ratio))};
    if (r.height > 0) return {static_cast<int>(std::lround(r.height * ratio)), r.height};
    return r.slide ? QSize(1920, 1080) : QSize(2560, 1600);
}

// The preset the comparison answers: --preset, else the one the file carries, else (a
// file from before comparisons kept it) the preset whose A and B are the comparison's.
std::optional<PresetNote> presetFor(const Comparison& c, const std::string& path)
{
    try {
        if (!path.empty()) return presetNote(loadPreset(path));
        if (c.preset) return c.preset;
        for (const std::string& file : presetFiles(defaultPresetsFolder())) {
            Preset p = loadPreset(file);
            if (p.a == c.a.spec && p.b == c.b.spec) return presetNote(p);
        }
    } catch (const std::exception& e) {
        std::cerr << "corelab render: " << e.what() << "\n";
    }
    return std::nullopt;
}

// Returns the one-line complaint for bad input, empty when the arguments are fine.
std::string parseRenderArgs(const std::vector<std::string>& args, RenderArgs& out)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if ((a == "--out" || a == "-o") && hasValue) {
            out.output = args[++i];
        } else if (a == "--slide") {
            out.slide = true;
        } else if (a == "--preset" && hasValue) {
            out.preset = args[++i];
        } else if (a == "--theme" && hasValue) {
            // themeFromKey() takes anything else for System: a typo must not pass silently
            const QString key = QString::fromStdString(args[++i]);
            if (ui::themeKey(ui::themeFromKey(key)) != key)
                return "--theme must be system, projector-dark or projector-light";
            out.theme = ui::themeFromKey(key);
        } else if (a == "--synthetic" && hasValue) {
            out.synthetic = parseSyntheticShape(args[++i]);
            if (!out.synthetic) return "--synthetic wants CPUSxWORKERS[xSECONDS], e.g. 256x512";
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
    if (out.input.empty() && !out.synthetic)
        return "missing the run or comparison file (corelab render RUN.corelab --out FILE.png)";
    if (out.output.empty()) return "missing --out FILE.png|pdf";
    const auto dot = out.output.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : out.output.substr(dot);
    if (ext != ".png" && ext != ".pdf") return "--out must end in .png or .pdf";
    return {};
}

// Both timelines side by side, the verdict under them, and the caption.
int renderComparison(const Comparison& c, const RenderArgs& r)
{
    const QSize size = pictureSize(r);
    ui::CompareTab view;
    view.resize(size);
    view.setComparison(c);
    view.setShownPreset(presetFor(c, r.preset));
    view.show();
    QCoreApplication::processEvents();
    const QString error = view.savePage(QString::fromStdString(r.output), size, r.slide);
    if (!error.isEmpty()) {
        std::cerr << "corelab render: " << error.toStdString() << "\n";
        return 1;
    }
    std::cout << "wrote " << r.output << "\n";
    return 0;
}

} // namespace

int renderCommand(int argc, char** argv, const std::vector<std::string>& args)
{
    RenderArgs r;
    if (const std::string error = parseRenderArgs(args, r); !error.empty()) {
        std::cerr << "corelab render: " << error << "\n";
        return 2;
    }
    // a run file's samples are derived chunk by chunk as they are read, never all held
    ui::RunSeries model;
    std::optional<Comparison> comparison;
    try {
        if (r.synthetic)
            model.setRecord(syntheticRecord(*r.synthetic));
        else
            model.loadFile(r.input);
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
    ui::setApplicationIdentity();
    if (r.theme != ui::ThemeId::System) ui::applyTheme(r.theme);
    if (comparison) return renderComparison(*comparison, r);
    ui::TimelineView view;
    view.setModel(&model);
    const QSize size = pictureSize(r);
    view.resize(size);
    view.show();
    QCoreApplication::processEvents();
    view.layoutFor(ui::timelinePagePlotSize(view.plot(), model.record(), size, r.slide));
    // the picture is drawn afresh, not from the window's paint buffers
    view.timelinePlot()->releasePaintBuffers();
    const QString error = ui::saveTimelinePage(view.plot(), model.record(),
                                               QString::fromStdString(r.output), size, r.slide);
    if (!error.isEmpty()) {
        std::cerr << "corelab render: " << error.toStdString() << "\n";
        return 1;
    }
    std::cout << "wrote " << r.output << "\n";
    return 0;
}

} // namespace corelab::cli
