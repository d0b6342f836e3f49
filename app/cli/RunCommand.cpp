#include "cli/RunCommand.h"

#include <iostream>

#include <nlohmann/json.hpp>

#include "Log.h"
#include "cli/Report.h"
#include "cli/RunOptions.h"
#include "cli/Runner.h"

namespace corelab::cli {

namespace {

bool writeOutputs(const RunOptions& o, const RunRecord& record)
{
    try {
        if (!o.outPath.empty()) saveRunFile(record, o.outPath);
        if (!o.csvPath.empty()) saveSamplesCsv(record, o.csvPath);
    } catch (const std::exception& e) {
        std::cerr << "corelab: " << e.what() << "\n";
        return false;
    }
    return true;
}

} // namespace

int runCommand(const std::vector<std::string>& args)
{
    RunOptions o;
    setLogLevel(o.logLevel);
    if (auto err = parseRunOptions(args, o)) {
        std::cerr << "corelab run: " << *err << "\n";
        return 2;
    }
    if (o.help) {
        std::cout << runHelp();
        return 0;
    }
    installInterruptHandler();
    std::string startError;
    const auto outcome = runHeadless(o.spec, "", startError);
    if (!outcome) {
        std::cerr << "corelab run: " << startError << "\n";
        return 2;
    }
    for (const auto& e : outcome->errors)
        std::cerr << "corelab run: " << e << "\n";
    if (o.json)
        std::cout << summaryJson(outcome->record).dump(2) << "\n";
    else
        std::cout << formatSummary(outcome->record);
    const bool saved = writeOutputs(o, outcome->record);
    return outcome->errors.empty() && saved ? 0 : 1;
}

} // namespace corelab::cli
