#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "AtomicFile.h"
#include "TempFolderTest.h"
#include "TestHelpers.h"

using namespace corelab;
using namespace corelab::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

void save(const std::string& path, const std::string& text)
{
    AtomicFile out(path);
    out.write(text);
    out.commit();
}

std::string saveError(const std::string& path, const std::string& text)
{
    try {
        save(path, text);
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

class AtomicFileTest : public TempFolderTest {
protected:
    AtomicFileTest()
        : TempFolderTest("atomic")
    {
    }
    // everything in the folder, so a temp file left behind shows
    std::vector<std::string> names() const
    {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(dir_))
            out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

} // namespace

TEST_F(AtomicFileTest, APlantedSymlinkAtThePredictableTempNameIsNotFollowed)
{
    // the review's attack: <out>.tmp-<pid> planted as a link to someone's file
    save(path("victim.txt"), "IMPORTANT victim data\n");
    const std::string out = path("res.json");
    fs::create_symlink(path("victim.txt"), out + ".tmp-" + std::to_string(::getpid()));
    save(out, "{}\n");
    EXPECT_EQ(slurp(path("victim.txt")), "IMPORTANT victim data\n");
    EXPECT_FALSE(fs::is_symlink(out));
    EXPECT_EQ(slurp(out), "{}\n");
}

TEST_F(AtomicFileTest, APlantedFifoAtThePredictableTempNameDoesNotHangTheSave)
{
    const std::string out = path("fifo.json");
    const std::string planted = out + ".tmp-" + std::to_string(::getpid());
    ASSERT_EQ(::mkfifo(planted.c_str(), 0600), 0);
    auto saved = std::async(std::launch::async, [&] { return saveError(out, "{}\n"); });
    if (saved.wait_for(10s) != std::future_status::ready) {
        // release the blocked open() so the test can end, then fail it
        const int fd = ::open(planted.c_str(), O_RDONLY | O_NONBLOCK);
        saved.wait();
        ::close(fd);
        FAIL() << "the save waited on a FIFO planted at its temp name";
    }
    EXPECT_EQ(saved.get(), "");
    EXPECT_EQ(slurp(out), "{}\n");
}

TEST_F(AtomicFileTest, TwoSavesOfOnePathAtOnceUseTwoTempFiles)
{
    const std::string out = path("run.json");
    AtomicFile first(out);
    AtomicFile second(out);
    first.write("first\n");
    second.write("second\n");
    first.commit();
    EXPECT_EQ(slurp(out), "first\n");
    second.commit();
    EXPECT_EQ(slurp(out), "second\n");
    EXPECT_EQ(names(), std::vector<std::string>{"run.json"});
}

TEST_F(AtomicFileTest, ANameOfTwoHundredFiftyOneBytesCanBeSaved)
{
    const std::string name = std::string(246, 'n') + ".json";
    ASSERT_EQ(name.size(), 251u);
    save(path(name), "long\n");
    EXPECT_EQ(slurp(path(name)), "long\n");
    EXPECT_EQ(names(), std::vector<std::string>{name});
}

TEST_F(AtomicFileTest, ADeviceIsWrittenIntoAndNeverReplaced)
{
    const std::string full = fullDevice(path("full"));
    ASSERT_TRUE(isCharDevice(full));
    const std::string error = saveError(full, std::string(100000, 'x'));
    EXPECT_NE(error.find(full + ": cannot write: No space left on device"), std::string::npos)
        << error;
    EXPECT_TRUE(isCharDevice(full)) << full << " was replaced";

    EXPECT_EQ(saveError("/dev/null", "nothing\n"), "");
    EXPECT_TRUE(isCharDevice("/dev/null"));
}

TEST_F(AtomicFileTest, AFifoWithNoReaderIsRefusedAndOneWithAReaderIsWritten)
{
    const std::string fifo = path("pipe");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto lonely = std::async(std::launch::async, [&] { return saveError(fifo, "x\n"); });
    ASSERT_EQ(lonely.wait_for(10s), std::future_status::ready) << "the save hung on a FIFO";
    EXPECT_NE(lonely.get().find("no program reads"), std::string::npos);

    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    ASSERT_GE(reader, 0);
    EXPECT_EQ(saveError(fifo, "through the pipe\n"), "");
    char buffer[64] = {};
    EXPECT_EQ(::read(reader, buffer, sizeof buffer), 17);
    EXPECT_EQ(std::string(buffer), "through the pipe\n");
    ::close(reader);
    struct stat st {};
    ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST_F(AtomicFileTest, ASymlinkIsFollowedAndStaysALink)
{
    save(path("real.json"), "old\n");
    fs::create_symlink("real.json", path("link.json"));
    save(path("link.json"), "new\n");
    EXPECT_TRUE(fs::is_symlink(path("link.json")));
    EXPECT_EQ(slurp(path("real.json")), "new\n");
    EXPECT_EQ(names(), (std::vector<std::string>{"link.json", "real.json"}));

    fs::create_symlink("nowhere.json", path("dangling.json"));
    EXPECT_NE(saveError(path("dangling.json"), "x").find("points nowhere"), std::string::npos);
}

TEST_F(AtomicFileTest, AFailedWriteKeepsTheOldFileAndNamesThePath)
{
    // a full disk without a mount: the file-size limit fails writes beyond 64 KiB (EFBIG)
    const std::string out = path("run.json");
    save(out, "the previous run\n");
    struct rlimit old {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = 64 * 1024;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const std::string error = saveError(out, std::string(3 << 20, 'x'));
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    EXPECT_NE(error.find(out + ": cannot write"), std::string::npos) << error;
    EXPECT_EQ(slurp(out), "the previous run\n");
    EXPECT_EQ(names(), std::vector<std::string>{"run.json"});
}

TEST_F(AtomicFileTest, AnEmptyPathOrAFolderIsAnError)
{
    EXPECT_NE(saveError("", "x").find("no file name"), std::string::npos);
    fs::create_directories(path("folder"));
    EXPECT_NE(saveError(path("folder"), "x").find(path("folder")), std::string::npos);
    save(path("plain"), "a file");
    EXPECT_NE(saveError(path("plain/run.json"), "x").find(path("plain/run.json")),
              std::string::npos);
    EXPECT_EQ(names(), (std::vector<std::string>{"folder", "plain"}));
}

TEST_F(AtomicFileTest, TheDescriptorIsNotInheritedByAProgramStartedMeanwhile)
{
    AtomicFile open(path("run.json"));
    bool leaked = false;
    for (const auto& fd : fs::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        const auto target = fs::read_symlink(fd.path(), ec);
        if (ec || target.filename().string().find(".tmp-") == std::string::npos) continue;
        const int flags = ::fcntl(std::stoi(fd.path().filename()), F_GETFD);
        leaked |= !(flags & FD_CLOEXEC);
    }
    EXPECT_FALSE(leaked);
}
