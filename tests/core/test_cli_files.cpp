#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "RunHelpers.h"
#include "TempFolderTest.h"
#include "record/RunRecord.h"

extern char** environ;

using namespace corelab;
using namespace corelab::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// The CLI's outputs and how it ended: what a user at a terminal sees.
struct CliResult {
    int status = -1; // wait status; -1: did not end in time
    std::string out, err;
    bool exited(int code) const { return WIFEXITED(status) && WEXITSTATUS(status) == code; }
};

class CliFiles : public TempFolderTest {
protected:
    CliFiles()
        : TempFolderTest("cli-files")
    {
    }

    // extraEnv: NAME=value entries put before the inherited environment
    pid_t start(const std::vector<std::string>& args, const std::vector<std::string>& extraEnv = {})
    {
        std::vector<char*> envp;
        for (const auto& e : extraEnv)
            envp.push_back(const_cast<char*>(e.c_str()));
        for (char** e = environ; *e; ++e)
            envp.push_back(*e);
        envp.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, path("stdout").c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&fa, 2, path("stderr").c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0600);
        // whatever the test runner left open is not the CLI's doing
        posix_spawn_file_actions_addclosefrom_np(&fa, 3);
        std::vector<char*> argv = {const_cast<char*>(CORELAB_CLI_PATH)};
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        pid_t pid = -1;
        EXPECT_EQ(posix_spawn(&pid, CORELAB_CLI_PATH, &fa, nullptr, argv.data(), envp.data()), 0);
        posix_spawn_file_actions_destroy(&fa);
        return pid;
    }

    CliResult finish(pid_t pid, std::chrono::seconds timeout = 60s)
    {
        CliResult r;
        const auto until = std::chrono::steady_clock::now() + timeout;
        int status = 0;
        while (::waitpid(pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > until) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                status = -1;
                break;
            }
            std::this_thread::sleep_for(20ms);
        }
        r.status = status;
        r.out = slurp(path("stdout"));
        r.err = slurp(path("stderr"));
        return r;
    }

    CliResult run(const std::vector<std::string>& args) { return finish(start(args)); }
};

} // namespace

TEST_F(CliFiles, AnEmptyOutputNameIsAnError)
{
    for (const char* flag : {"--out", "--csv"}) {
        const CliResult r = run({"run", "--duration", "0.2s", flag, ""});
        EXPECT_TRUE(r.exited(2)) << flag << " status " << r.status << ": " << r.err;
        EXPECT_NE(r.err.find(std::string(flag) + ": needs a file name"), std::string::npos)
            << r.err;
    }
}

TEST_F(CliFiles, SweepOnAFullDiskFailsNamingThePath)
{
    const std::string full = fullDevice(path("full"));
    const CliResult r =
        run({"sweep", "--models", "threads", "--counts", "1", "--duration", "0.2s", "--out", full});
    EXPECT_TRUE(r.exited(1)) << "status " << r.status << ": " << r.err;
    EXPECT_NE(r.err.find(full + ": cannot write: No space left on device"), std::string::npos)
        << r.err;
    EXPECT_TRUE(isCharDevice(full));
}

TEST_F(CliFiles, RunOnAFullDeviceFailsAndKeepsTheDevice)
{
    // the review's known item: as root, --out /dev/full replaced the device node
    const std::string full = fullDevice(path("full"));
    const CliResult r = run({"run", "--duration", "0.2s", "--out", full});
    EXPECT_TRUE(r.exited(1)) << "status " << r.status << ": " << r.err;
    EXPECT_NE(r.err.find(full), std::string::npos) << r.err;
    EXPECT_TRUE(isCharDevice(full)) << full << " was replaced";
}

TEST_F(CliFiles, RenderRefusesACraftedRunFileWithExitTwo)
{
    const std::string crafted =
        std::string(CORELAB_UNTRUSTED_CORPUS) + "/run/worker-index-6400845.json";
    const CliResult r = run({"render", crafted, "--out", path("x.png")});
    if (r.err.find("unknown command") != std::string::npos) GTEST_SKIP() << "built without UI";
    EXPECT_TRUE(r.exited(2)) << "status " << r.status << ": " << r.err;
    EXPECT_NE(r.err.find("samples[3].workers[0].worker: 6400845"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(path("x.png")));
}

TEST_F(CliFiles, RenderDrawsACompactRunAndRefusesATruncatedOneNamingTheByte)
{
    const std::string compact =
        std::string(CORELAB_BASE_RUN).substr(0, std::string(CORELAB_BASE_RUN).size() - 5) +
        ".corelab";
    const CliResult r = run({"render", compact, "--out", path("x.png")});
    if (r.err.find("unknown command") != std::string::npos) GTEST_SKIP() << "built without UI";
    EXPECT_TRUE(r.exited(0)) << "status " << r.status << ": " << r.err;
    EXPECT_GT(fs::file_size(path("x.png")), 10000u);

    const std::string cut =
        std::string(CORELAB_UNTRUSTED_CORPUS) + "/run/compact-truncated.corelab";
    const CliResult bad = run({"render", cut, "--out", path("y.png")});
    EXPECT_TRUE(bad.exited(2)) << "status " << bad.status << ": " << bad.err;
    EXPECT_NE(bad.err.find("truncated at byte " + std::to_string(fs::file_size(cut))),
              std::string::npos)
        << bad.err;
    EXPECT_FALSE(fs::exists(path("y.png")));
}

TEST_F(CliFiles, CompareRefusesADeeplyNestedPresetWithExitTwo)
{
    std::string deep = "{\"spec\":";
    for (int i = 0; i < 100000; ++i)
        deep += "{\"a\":";
    deep += "1" + std::string(100001, '}');
    std::ofstream(path("deep.json")) << deep;
    const CliResult r = run({"compare", "--preset", path("deep.json"), "--duration", "0.2s"});
    EXPECT_TRUE(r.exited(2)) << "status " << r.status << ": " << r.err;
    EXPECT_NE(r.err.find("nested deeper than 64 levels"), std::string::npos) << r.err;
}

TEST_F(CliFiles, HangupStopsTheRunAndSavesWhatWasMeasured)
{
    // a closed terminal or SSH session, as Ctrl+C
    const std::string out = path("hup.json");
    const pid_t cli =
        start({"run", "--model", "processes", "--workers", "2", "--duration", "60s", "--out", out});
    std::this_thread::sleep_for(1200ms);
    ::kill(cli, SIGHUP);
    const CliResult r = finish(cli, 20s);
    ASSERT_TRUE(r.exited(0)) << "status " << r.status << ": " << r.err;
    const RunRecord saved = loadRunFile(out);
    EXPECT_TRUE(saved.summary.stoppedEarly);
    EXPECT_FALSE(saved.samples.empty());
}

// No run leaves a process behind, even when CoreLab itself is killed: SIGKILL leaves the
// CLI (or window) no say, so the leader ends the command's processes when it finds its
// parent gone. The command's own children have no parent-death signal: without that they
// outlived the run, handed to init.
TEST_F(CliFiles, AKilledCliLeavesNoProcessOfItsCommandBehind)
{
    const std::string marker = std::to_string(100000 + ::getpid()) + ".42";
    // the CLI, the leader (the spec names the command), the shell and its sleep
    const pid_t cli =
        start({"run", "--duration", "60s", "--", "sh", "-c", "sleep " + marker + "; :"});
    for (int i = 0; i < 1000 && corelab::test::processesWith(marker).size() < 4; ++i)
        std::this_thread::sleep_for(10ms);
    const std::size_t running = corelab::test::processesWith(marker).size();
    ::kill(cli, SIGKILL);
    finish(cli, 20s);
    bool gone = false;
    for (int i = 0; i < 300 && !(gone = corelab::test::processesWith(marker).empty()); ++i)
        std::this_thread::sleep_for(10ms);
    for (int pid :
         corelab::test::processesWith(marker)) // whatever the check found must not outlive the test
        ::kill(pid, SIGKILL);
    ASSERT_EQ(running, 4u) << "the command did not start";
    EXPECT_TRUE(gone) << "a process of the command outlived the killed CLI";
}

TEST_F(CliFiles, AnExternalCommandGetsOnlyOneDevNull)
{
    // the command lists its descriptors and where they point; stdin is /dev/null, and no
    // other descriptor may be (the review found fd 8 -> /dev/null left over from dup2)
    const std::string list = path("fds");
    const CliResult r =
        run({"run", "--duration", "0.5s", "--", "sh", "-c",
             "exec > " + list +
                 "; for f in /proc/$$/fd/*; do echo \"${f##*/} =$(readlink $f)\"; done"});
    ASSERT_TRUE(r.exited(0)) << "status " << r.status << ": " << r.err;
    std::ifstream in(list);
    std::string line;
    int lines = 0;
    while (std::getline(in, line)) {
        ++lines;
        const auto eq = line.find(" =");
        ASSERT_NE(eq, std::string::npos) << line;
        const int fd = std::stoi(line.substr(0, eq));
        const std::string target = line.substr(eq + 2);
        if (fd == 0) {
            EXPECT_EQ(target, "/dev/null");
        }
        if (fd > 2) {
            EXPECT_NE(target, "/dev/null") << "descriptor " << fd << " reached the command";
        }
    }
    EXPECT_GE(lines, 3);
}

TEST_F(CliFiles, ATerminatedWindowSavesItsLiveRunAndExitsCleanly)
{
    const std::string home = path("home");
    std::ofstream(path("long.json"))
        << R"({"spec": {"workload": "cpu", "model": "processes", "workers": 2, "duration_s": 60}})";
    const pid_t window =
        start({"--experiment", path("long.json"), "--start"},
              {"QT_QPA_PLATFORM=offscreen", "HOME=" + home, "XDG_DATA_HOME=" + home + "/data",
               "XDG_CONFIG_HOME=" + home + "/config", "XDG_CACHE_HOME=" + home + "/cache"});
    std::this_thread::sleep_for(3s);
    ::kill(window, SIGTERM);
    const CliResult r = finish(window, 30s);
    if (r.err.find("unknown command") != std::string::npos) GTEST_SKIP() << "built without UI";
    ASSERT_TRUE(r.exited(0)) << "status " << r.status << ": " << r.err;
    std::vector<fs::path> runs;
    for (const auto& e : fs::recursive_directory_iterator(home))
        if (e.path().filename().string().rfind("run-", 0) == 0) runs.push_back(e.path());
    ASSERT_EQ(runs.size(), 1u) << "the live run was not saved";
    const RunRecord saved = loadRunFile(runs[0]);
    EXPECT_TRUE(saved.summary.stoppedEarly);
    EXPECT_EQ(saved.spec.durationS, 60);
}
