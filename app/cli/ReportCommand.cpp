#include "cli/ReportCommand.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include <QApplication>

#include "App.h"
#include "Handout.h"
#include "cli/Runner.h"
#include "cli/TableCommand.h"

namespace corelab::cli {

namespace {

const char* reportHelp =
    "usage: corelab report --out FILE [--quick] [--format pdf|png] [--presets DIR]\n\n"
    "Measures the article's table as `corelab table` does (same runs, same progress on\n"
    "stderr) and writes a lab handout: a cover (machine, CPU, cores, kernel, date, CoreLab\n"
    "version, the other programs' load), the table, then one page per row with its\n"
    "question, the comparison picture of the run nearest each side's median, the answer\n"
    "over all runs, whether it agrees with the article and why, and what to watch.\n"
    "  --out FILE      pdf: the PDF (A4 landscape, 2 + rows pages);\n"
    "                  png: FILE-01.png (cover), FILE-02.png (table), FILE-03.png … (one\n"
    "                  per row), 1920 × 1080 slides; a trailing .png of FILE is dropped\n"
    "  --format F      pdf (the default) or png\n"
    "  --quick         2 runs per side of 0.3 s instead of 3 of 0.6 s\n"
    "  --presets DIR   the presets to measure (default: the installed presets, else the\n"
    "                  source tree's resources/presets)\n"
    "Exit status: 0 written, 1 a run or a write failed (the path is named), 2 bad options.\n";

struct ReportArgs {
    std::string out;
    std::string format = "pdf";
    std::string presets;
    bool quick = false;
    bool help = false;
};

// Returns the one-line complaint for bad options, empty when they are fine.
std::string parseReportArgs(const std::vector<std::string>& args, ReportArgs& r)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if ((a == "--out" || a == "-o") && hasValue)
            r.out = args[++i];
        else if (a == "--format" && hasValue)
            r.format = args[++i];
        else if (a == "--presets" && hasValue)
            r.presets = args[++i];
        else if (a == "--quick")
            r.quick = true;
        else if (a == "--help" || a == "-h")
            r.help = true;
        else
            return "unexpected '" + a + "' (see --help)";
    }
    if (r.help) return {};
    if (r.format != "pdf" && r.format != "png")
        return "--format must be pdf or png, not '" + r.format + "'";
    if (r.out.empty()) return "missing --out FILE (corelab report --out lab.pdf)";
    if (r.format == "pdf" && std::filesystem::path(r.out).extension() != ".pdf")
        return "--out must end in .pdf (or give --format png)";
    return {};
}

// Before minutes of measuring: the handout's folder must be there or creatable (the
// atomic writer makes missing folders), under a folder this user may write to.
std::string folderProblem(const std::string& out)
{
    std::filesystem::path folder = std::filesystem::absolute(out).parent_path();
    std::error_code ec;
    while (!std::filesystem::exists(folder, ec) && folder.has_parent_path() &&
           folder != folder.parent_path())
        folder = folder.parent_path();
    if (!std::filesystem::is_directory(folder, ec))
        return out + ": cannot write there: " + folder.string() + " is not a folder";
    if (access(folder.c_str(), W_OK) != 0)
        return out + ": cannot write there: " + folder.string() + " is not writable";
    return {};
}

} // namespace

int reportCommand(int argc, char** argv, const std::vector<std::string>& args,
                  const std::string& defaultPresets)
{
    ReportArgs r;
    r.presets = defaultPresets;
    if (const std::string error = parseReportArgs(args, r); !error.empty()) {
        std::cerr << "corelab report: " << error << "\n";
        return 2;
    }
    if (r.help) {
        std::cout << reportHelp;
        return 0;
    }
    if (const std::string problem = folderProblem(r.out); !problem.empty()) {
        std::cerr << "corelab report: " << problem << "\n";
        return 1;
    }
    const auto study = tableStudyOf(r.presets, r.quick, "report");
    if (!study) return 2;
    // Ctrl+C still writes the rows measured before it
    if (runStudy(*study, "report") != 0 && !interrupted()) return 1;
    if (study->rows().empty()) {
        std::cerr << "corelab report: no row was measured: nothing to write\n";
        return 1;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    ui::setApplicationIdentity();
    const auto drawStart = std::chrono::steady_clock::now();
    ui::Handout handout(study->rows(), study->options());
    const QString out = QString::fromStdString(r.out);
    const QString error =
        r.format == "png" ? ui::saveHandoutSlides(handout, out) : ui::saveHandoutPdf(handout, out);
    if (!error.isEmpty()) {
        std::cerr << "corelab report: " << error.toStdString() << "\n";
        return 1;
    }
    const std::chrono::duration<double> drawn = std::chrono::steady_clock::now() - drawStart;
    char took[32];
    std::snprintf(took, sizeof took, "drawn in %.1f s", drawn.count());
    if (r.format == "png") {
        const QStringList names = ui::handoutSlideNames(out, handout.pages());
        std::cout << "wrote " << handout.pages() << " slides, " << took << ": "
                  << names.first().toStdString() << " … " << names.last().toStdString() << "\n";
    } else {
        std::cout << "wrote " << r.out << " (" << handout.pages() << " pages, " << took << ")\n";
    }
    return interrupted() ? 1 : 0;
}

} // namespace corelab::cli
