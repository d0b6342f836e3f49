#include "TestHelpers.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace corelab::test {

// read(2), not a stream: std::filebuf throws when a read fails (a /proc file of a process
// that ended meanwhile), whatever the stream's exception mask
std::string slurp(const std::string& path)
{
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string text;
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0) text.append(buffer, static_cast<std::size_t>(n));
    close(fd);
    return text;
}

bool isCharDevice(const std::string& path)
{
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}

std::string fullDevice(const std::string& privatePath)
{
    if (::geteuid() == 0 && ::mknod(privatePath.c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0)
        return privatePath;
    return "/dev/full";
}

namespace {

struct ProcStat {
    char state = 0;
    int ppid = 0, group = 0;
};

// Fields 3–5 of /proc/PID/stat, read after the last ')': a command's name may hold
// spaces and parentheses. False when the process is gone.
bool readStat(int pid, ProcStat& out)
{
    const std::string text = slurp("/proc/" + std::to_string(pid) + "/stat");
    const auto close = text.rfind(')');
    if (close == std::string::npos || close + 2 >= text.size()) return false;
    std::istringstream rest(text.substr(close + 2));
    return static_cast<bool>(rest >> out.state >> out.ppid >> out.group);
}

} // namespace

std::vector<int> processesInGroup(int pgid)
{
    std::vector<int> found;
    DIR* proc = opendir("/proc");
    if (!proc) return found;
    while (dirent* e = readdir(proc)) {
        const int pid = std::atoi(e->d_name);
        ProcStat stat;
        if (pid > 0 && readStat(pid, stat) && stat.group == pgid && stat.state != 'Z')
            found.push_back(pid);
    }
    closedir(proc);
    return found;
}

bool processAlive(int pid)
{
    ProcStat stat;
    return kill(pid, 0) == 0 && readStat(pid, stat) && stat.state != 'Z';
}

bool processGone(int pid)
{
    return pid > 0 && kill(pid, 0) == -1 && errno == ESRCH;
}

double secondsFor(const std::string& command)
{
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (status != 0) std::printf("  (exit status %d)\n", status);
    return took.count();
}

} // namespace corelab::test
