#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "RunHelpers.h"
#include "record/RunRecord.h"

extern char** environ;

using namespace corelab;
using namespace corelab::test;
using namespace std::chrono_literals;

namespace {

struct CliRun {
    pid_t pid = -1;
    std::string outPath, errPath;
};

// Starts `corelab ARGS…` with stdout and stderr sent to files.
CliRun startCli(const std::vector<std::string>& args)
{
    static int counter = 0;
    CliRun run;
    const auto dir = std::filesystem::temp_directory_path();
    const std::string stem =
        "corelab-cli-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
    run.outPath = dir / (stem + ".out");
    run.errPath = dir / (stem + ".err");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, run.outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&fa, 2, run.errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<char*> argv = {const_cast<char*>(CORELAB_CLI_PATH)};
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&run.pid, CORELAB_CLI_PATH, &fa, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    return run;
}

// Waits for the CLI to end (at most `timeout`); returns its wait status, -1 on timeout.
int waitCli(const CliRun& run, std::chrono::milliseconds timeout)
{
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    while (waitpid(run.pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() - start > timeout) {
            kill(run.pid, SIGKILL);
            waitpid(run.pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(20ms);
    }
    return status;
}

// The leader is the CLI's only child; found through /proc/<cli>/task/*/children.
int childOf(pid_t parent)
{
    for (int tries = 0; tries < 100; ++tries) {
        for (const auto& task :
             std::filesystem::directory_iterator("/proc/" + std::to_string(parent) + "/task")) {
            std::ifstream children(task.path() / "children");
            int pid = 0;
            if (children >> pid) return pid;
        }
        std::this_thread::sleep_for(20ms);
    }
    return 0;
}

} // namespace

TEST(Cli, BadInputExitsWithTwoAndOneClearLine)
{
    const std::vector<std::vector<std::string>> bad = {
        {"run", "--workers", "0"},
        {"run", "--workers", "many"},
        {"run", "--model", "fibers"},
        {"run", "--duration", "forever"},
        {"run", "--rate", "1000"},
        {"run", "--workload", "nope"},
        {"run", "--rounds", "0"},
        {"run", "--workers"},
        {"run", "stray"},
        {"frobnicate"},
    };
    for (const auto& args : bad) {
        const CliRun run = startCli(args);
        const int status = waitCli(run, 10s);
        ASSERT_TRUE(WIFEXITED(status)) << args.back();
        EXPECT_EQ(WEXITSTATUS(status), 2) << args.back();
        const std::string err = slurp(run.errPath);
        EXPECT_FALSE(err.empty()) << args.back();
        EXPECT_EQ(err.find("terminate"), std::string::npos) << err;
    }
}

TEST(Cli, HelpExplainsEveryFlag)
{
    const CliRun run = startCli({"run", "--help"});
    ASSERT_EQ(waitCli(run, 10s), 0);
    const std::string help = slurp(run.outPath);
    for (const char* flag :
         {"--workload", "--model", "--workers", "--threads-per-process", "--spawn", "--duration",
          "--rate", "--out", "--csv", "--json", "--log-level", "--rounds"})
        EXPECT_NE(help.find(flag), std::string::npos) << flag;
}

TEST(Cli, JsonSummaryHasTheDocumentedKeys)
{
    const CliRun run = startCli({"run", "--model", "hybrid", "--workers", "2",
                                 "--threads-per-process", "2", "--duration", "0.5s", "--json"});
    ASSERT_EQ(waitCli(run, 30s), 0) << slurp(run.errPath);
    const auto j = nlohmann::json::parse(slurp(run.outPath));
    for (const char* key : {"ops_total", "ops_per_s", "wall_s", "workers", "busy_cores_mean",
                            "peak_rss_bytes", "peak_pss_bytes", "peak_uss_bytes", "ctx_voluntary",
                            "ctx_involuntary", "runqueue_wait_s"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["workers"], 4);
    EXPECT_GT(j["ops_total"].get<double>(), 0);
}

TEST(Cli, CtrlCStopsSavesAndLeavesNoProcess)
{
    const std::string out = std::filesystem::temp_directory_path() /
                            ("corelab-int-" + std::to_string(getpid()) + ".json");
    const CliRun run = startCli(
        {"run", "--model", "processes", "--workers", "2", "--duration", "60s", "--out", out});
    const int leader = childOf(run.pid);
    ASSERT_GT(leader, 0);
    std::this_thread::sleep_for(700ms);
    kill(run.pid, SIGINT);
    const int status = waitCli(run, 10s);
    ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
    EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(run.errPath);
    const RunRecord r = loadRunFile(out);
    EXPECT_TRUE(r.summary.stoppedEarly);
    EXPECT_GT(r.summary.opsTotal, 0u);
    EXPECT_NE(slurp(run.outPath).find("Stopped early"), std::string::npos);
    EXPECT_TRUE(processesInGroup(leader).empty());
    std::filesystem::remove(out);
}

TEST(Cli, KilledCliTakesItsWorkersWithIt)
{
    for (const char* model : {"threads", "processes"}) {
        const CliRun run =
            startCli({"run", "--model", model, "--workers", "2", "--duration", "60s"});
        const int leader = childOf(run.pid);
        ASSERT_GT(leader, 0);
        std::this_thread::sleep_for(500ms);
        ASSERT_FALSE(processesInGroup(leader).empty());
        kill(run.pid, SIGKILL);
        waitCli(run, 5s);
        const auto start = std::chrono::steady_clock::now();
        while (!processesInGroup(leader).empty() && elapsedS(start) < 5)
            std::this_thread::sleep_for(20ms);
        EXPECT_TRUE(processesInGroup(leader).empty())
            << model << ": parent-death signal did not fire";
    }
}

TEST(Cli, QuickTableFillsEveryRowAsJson)
{
    const CliRun run = startCli({"table", "--quick", "--json"});
    ASSERT_EQ(waitCli(run, 120s), 0) << slurp(run.errPath);
    const auto rows = nlohmann::json::parse(slurp(run.outPath));
    ASSERT_TRUE(rows.is_array());
    EXPECT_GE(rows.size(), 12u);
    int articleRows = 0;
    for (const auto& row : rows) {
        EXPECT_FALSE(row.at("aspect").get<std::string>().empty());
        EXPECT_NE(row.at("aspect"), "Deadlock") << "the deadlock is not a row of the table";
        EXPECT_FALSE(row.at("figure").get<std::string>().empty()) << row.dump();
        for (const char* side : {"a", "b"}) {
            const auto& s = row.at(side);
            EXPECT_GE(s.at("runs").get<int>(), 2) << row.dump();
            EXPECT_FALSE(s.at("label").get<std::string>().empty()) << row.dump();
            if (s.at("answer").is_number()) {
                EXPECT_LE(s.at("min").get<double>(), s.at("max").get<double>()) << row.dump();
            }
        }
        const std::string agreement = row.at("agreement");
        EXPECT_TRUE(agreement == "agrees" || agreement == "differs" || agreement == "tie" ||
                    agreement == "no claim" || agreement == "not measured")
            << agreement;
        // every row that does not agree says why
        if (agreement != "agrees") {
            EXPECT_FALSE(row.at("reason").get<std::string>().empty()) << row.dump();
        }
        if (!row.at("claim").is_null() &&
            row.at("claim").at("quoted_from") == "the article's table")
            ++articleRows;
    }
    EXPECT_EQ(articleRows, 10);
}

TEST(Cli, AdviseRefusesBadNumbersAndAnswersInWords)
{
    for (const std::vector<std::string>& args : {std::vector<std::string>{"advise", "--tasks", "0"},
                                                 {"advise", "--compute-ms", "-1"},
                                                 {"advise", "--wait-ms", "lots"},
                                                 {"advise", "--compute-ms", "0", "--wait-ms", "0"},
                                                 {"advise", "--repeats", "2.5"},
                                                 {"advise", "--frobnicate"}}) {
        const CliRun run = startCli(args);
        const int status = waitCli(run, 10s);
        ASSERT_TRUE(WIFEXITED(status)) << args.back();
        EXPECT_EQ(WEXITSTATUS(status), 2) << args.back();
        EXPECT_NE(slurp(run.errPath).find("corelab advise:"), std::string::npos) << args.back();
    }
    const CliRun run = startCli({"advise", "--compute-ms", "1", "--wait-ms", "4", "--tasks", "2",
                                 "--duration", "0.3", "--repeats", "1", "--json"});
    ASSERT_EQ(waitCli(run, 60s), 0) << slurp(run.errPath);
    const auto j = nlohmann::json::parse(slurp(run.outPath));
    ASSERT_EQ(j.at("models").size(), 4u) << "threads, processes, hybrid and async";
    for (const auto& m : j.at("models")) {
        EXPECT_GT(m.at("tasks_per_s").at("median").get<double>(), 0) << m.dump();
        // a task computes 1 ms: it cannot cost less CPU than that
        EXPECT_GT(m.at("cpu_ms_per_task").at("median").get<double>(), 0.5) << m.dump();
    }
    EXPECT_FALSE(j.at("recommendation").get<std::string>().empty());
}

TEST(Cli, CompareJsonCarriesTheAnswerBesideTheVerdict)
{
    const CliRun run =
        startCli({"compare", "--workload", "cpu", "--workers", "2", "--duration", "0.3", "--json"});
    ASSERT_EQ(waitCli(run, 60s), 0) << slurp(run.errPath);
    const auto j = nlohmann::json::parse(slurp(run.outPath));
    ASSERT_TRUE(j.is_object()) << "an object with the answer and the verdict, not a bare array";
    const auto& rows = j.at("verdict");
    ASSERT_TRUE(rows.is_array());
    ASSERT_FALSE(rows.empty());
    for (const auto& row : rows)
        for (const char* key : {"aspect", "unit", "a", "b", "winner", "sentence", "source"})
            EXPECT_TRUE(row.contains(key)) << key << " " << row.dump();
    const auto& answer = j.at("answer");
    ASSERT_TRUE(answer.is_object()) << "the cpu workload has an answering figure";
    const std::string figure = answer.at("figure"), headline = answer.at("headline");
    EXPECT_FALSE(figure.empty());
    EXPECT_FALSE(headline.empty());
    // the line the text output prints: the figure, the headline, then the judgement
    EXPECT_EQ(answer.at("line").get<std::string>().rfind(figure + ": " + headline, 0), 0u)
        << answer.dump();
    // the answer is read from a verdict row, never judged again: that row's winner is its
    bool fromARow = false;
    for (const auto& row : rows)
        fromARow = fromARow || (!answer.at("winner").get<std::string>().empty() &&
                                row.at("winner") == answer.at("winner"));
    EXPECT_TRUE(answer.at("winner").get<std::string>().empty() || fromARow) << j.dump();
}
