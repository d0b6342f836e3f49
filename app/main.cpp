#include <iostream>
#include <string>
#include <vector>

#include "Installation.h"
#include "cli/AdviseCommand.h"
#include "cli/CompareCommand.h"
#include "cli/RepeatCommand.h"
#include "cli/RunCommand.h"
#include "cli/SweepCommand.h"
#include "cli/TableCommand.h"

#ifdef CORELAB_HAVE_UI
#include "App.h"
#include "cli/RenderCommand.h"
#include "cli/ReportCommand.h"
#endif

namespace {

const char* usage =
    "usage: corelab                 open the window\n"
    "       corelab --open RUN-OR-COMPARE.json | --experiment EXPERIMENT.json [--start]\n"
    "                               open the window on a file; --start runs the experiment\n"
    "       corelab run [options]   run one experiment headless (see corelab run --help)\n"
    "       corelab compare …       one experiment as threads and as processes, with a verdict\n"
    "       corelab sweep …         speedup and efficiency over worker counts\n"
    "       corelab repeat …        one experiment N times: the spread of every figure\n"
    "       corelab table [--quick]  the threads-vs-processes table, measured here\n"
    "       corelab advise …        threads or processes for your work, measured here\n"
    "       corelab render RUN.corelab|RUN.json|COMPARE.json --out FILE.png|pdf\n"
    "                      [--width PX] [--height PX]\n"
    "                      [--slide] [--preset PRESET.json]\n"
    "                      [--theme system|projector-dark|projector-light]\n"
    "       corelab report --out FILE.pdf [--quick] [--format pdf|png]\n"
    "                      the table, measured, as a lab handout (see corelab report --help)\n"
    "       corelab --help | --version\n";

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "compare")
        return corelab::cli::compareCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "table")
        return corelab::cli::tableCommand({args.begin() + 1, args.end()},
                                          corelab::defaultPresetsFolder());
    if (!args.empty() && args[0] == "sweep")
        return corelab::cli::sweepCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "repeat")
        return corelab::cli::repeatCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "advise")
        return corelab::cli::adviseCommand({args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "run")
        return corelab::cli::runCommand({args.begin() + 1, args.end()});
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
        std::cout << usage;
        return 0;
    }
    if (!args.empty() && args[0] == "--version") {
        std::cout << "corelab " << CORELAB_VERSION << "\n";
        return 0;
    }
#ifdef CORELAB_HAVE_UI
    if (!args.empty() && args[0] == "render")
        return corelab::cli::renderCommand(argc, argv, {args.begin() + 1, args.end()});
    if (!args.empty() && args[0] == "report")
        return corelab::cli::reportCommand(argc, argv, {args.begin() + 1, args.end()},
                                           corelab::defaultPresetsFolder());
    if (args.empty() || args[0].rfind("-", 0) == 0) return corelab::ui::runWindow(argc, argv);
#endif
    std::cerr << "corelab: unknown command '" << (args.empty() ? "" : args[0]) << "'\n" << usage;
    return 2;
}
