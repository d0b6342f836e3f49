// The machine a run file records (probe/MachineInfo): this one, and fake /proc and
// cgroup trees. The second test keeps the run file's fixture it was written with.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>
#include <sched.h>

#include "RunFileFixture.h"
#include "probe/MachineInfo.h"

namespace fs = std::filesystem;
using namespace corelab::test;

TEST(MachineInfo, DescribesThisMachine)
{
    const auto m = corelab::readMachineInfo();
    EXPECT_GE(m.logicalCpus, 1);
    EXPECT_GE(m.usableCpus, 1);
    EXPECT_LE(m.usableCpus, m.logicalCpus);
    EXPECT_FALSE(m.kernel.empty());
    EXPECT_FALSE(m.hostname.empty());
    EXPECT_FALSE(m.cpuModel.empty());
    EXPECT_GT(m.memoryBytes, 0u);
}

TEST_F(RunRecordTest, MachineInfoReadsFakeProcAndCgroupTrees)
{
    const auto proc = dir_ / "proc";
    const auto cgroup = dir_ / "cgroup";
    fs::create_directories(proc / "self");
    fs::create_directories(cgroup / "a" / "b");
    writeText((proc / "cpuinfo").string(), "processor\t: 0\nmodel name\t: Test CPU @ 3.00GHz\n");
    writeText((proc / "meminfo").string(), "MemTotal:        2048 kB\nMemFree:  1 kB\n");
    writeText((proc / "self" / "cgroup").string(), "1:cpu:/x\n0::/a/b\n");
    writeText((cgroup / "a" / "b" / "cpu.max").string(), "max 100000\n");
    const auto unlimited = corelab::readMachineInfo(proc.string(), cgroup.string());
    EXPECT_EQ(unlimited.cpuModel, "Test CPU @ 3.00GHz");
    EXPECT_EQ(unlimited.memoryBytes, 2048u * 1024);
    cpu_set_t mask;
    ASSERT_EQ(sched_getaffinity(0, sizeof mask, &mask), 0);
    EXPECT_EQ(unlimited.usableCpus, std::min(CPU_COUNT(&mask), unlimited.logicalCpus));

    // A half-CPU quota on an ancestor still limits us, rounded up to one CPU.
    writeText((cgroup / "a" / "cpu.max").string(), "50000 100000\n");
    EXPECT_EQ(corelab::readMachineInfo(proc.string(), cgroup.string()).usableCpus, 1);

    writeText((proc / "cpuinfo").string(), "processor\t: 0\nCPU part\t: 0xd0c\n");
    EXPECT_EQ(corelab::readMachineInfo(proc.string(), cgroup.string()).cpuModel, "unknown");
}

// A read that fails after the open (a /proc file of a process that ended meanwhile: ESRCH;
// here a folder: EISDIR) is "no text", not an exception: std::filebuf threw one from
// underflow, and a test reading /proc/*/cmdline died of it.
TEST(MachineInfo, AFileThatCannotBeReadIsNoTextNotAnException)
{
    EXPECT_FALSE(readTextFile("/proc").has_value());
    EXPECT_FALSE(readTextFile("/nonexistent/corelab").has_value());
    const auto self = readTextFile("/proc/self/stat");
    ASSERT_TRUE(self.has_value());
    EXPECT_NE(self->find('('), std::string::npos);
}
