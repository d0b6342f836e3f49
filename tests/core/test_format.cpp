#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "analysis/Format.h"

using namespace corelab;

namespace {

constexpr double kKibibyte = 1024.0;
constexpr double kMebibyte = 1024.0 * kKibibyte;
constexpr double kGibibyte = 1024.0 * kMebibyte;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

} // namespace

TEST(Format, SignificantKeepsTrailingZerosAndNeverUsesAnExponent)
{
    EXPECT_EQ(significant(1, 3), "1.00");
    EXPECT_EQ(significant(37.24, 3), "37.2");
    EXPECT_EQ(significant(0.00123456, 3), "0.00123");
    EXPECT_EQ(significant(123456, 3), "123000");
    EXPECT_EQ(significant(-4.5678, 3), "-4.57");
    EXPECT_EQ(significant(0, 3), "0");
    // rounding can add a digit: 999.5 to three digits is a four-digit number
    EXPECT_EQ(significant(999.5, 3), "1000");
    EXPECT_EQ(significant(9.96, 2), "10");
}

TEST(Format, BytesBelowOneKibibyteAreWholeBytes)
{
    EXPECT_EQ(formatValue(0, "bytes"), "0 B");
    EXPECT_EQ(formatValue(1, "bytes"), "1 B");
    EXPECT_EQ(formatValue(1023, "bytes"), "1023 B");
    EXPECT_EQ(formatValue(1024, "bytes"), "1.00 KiB");
    EXPECT_EQ(formatValue(-512, "bytes"), "-512 B");
}

TEST(Format, BytesClimbBinaryUnitsWithThreeSignificantDigits)
{
    EXPECT_EQ(formatValue(1.5 * kKibibyte, "bytes"), "1.50 KiB");
    EXPECT_EQ(formatValue(10 * kKibibyte, "bytes"), "10.0 KiB");
    EXPECT_EQ(formatValue(999 * kKibibyte, "bytes"), "999 KiB");
    // 1000 KiB would need a fourth digit: it is written as a part of a MiB
    EXPECT_EQ(formatValue(1000 * kKibibyte, "bytes"), "0.977 MiB");
    EXPECT_EQ(formatValue(1023 * kKibibyte, "bytes"), "0.999 MiB");
    EXPECT_EQ(formatValue(kMebibyte, "bytes"), "1.00 MiB");
    EXPECT_EQ(formatValue(256 * kMebibyte, "bytes"), "256 MiB");
    EXPECT_EQ(formatValue(1536 * kMebibyte, "bytes"), "1.50 GiB");
    EXPECT_EQ(formatValue(3 * kGibibyte, "bytes"), "3.00 GiB");
    EXPECT_EQ(formatValue(-2 * kKibibyte, "bytes"), "-2.00 KiB");
    EXPECT_EQ(formatValue(2 * kKibibyte, "B"), "2.00 KiB") << "the spread view's name for bytes";
}

TEST(Format, SecondsAreWrittenInMicrosecondsMillisecondsOrSeconds)
{
    EXPECT_EQ(formatValue(0, "s"), "0 s");
    EXPECT_EQ(formatValue(412e-6, "s"), "412 µs");
    EXPECT_EQ(formatValue(0.0412, "s"), "41.2 ms");
    EXPECT_EQ(formatValue(1.5, "s"), "1.50 s");
    EXPECT_EQ(formatValue(12.345, "s"), "12.3 s");
    EXPECT_EQ(formatValue(-0.002, "s"), "-2.00 ms");
    EXPECT_EQ(formatValue(1e-7, "s"), "0.100 µs");
    // past the largest unit the whole seconds are written
    EXPECT_EQ(formatValue(3725.2, "s"), "3725 s");
}

TEST(Format, RoundingUpMovesToTheNextTimeUnit)
{
    EXPECT_EQ(formatValue(0.9995, "s"), "1.00 s");
    EXPECT_EQ(formatValue(999.5, "ms"), "1.00 s");
    EXPECT_EQ(formatValue(999.4, "ms"), "999 ms");
    EXPECT_EQ(formatValue(0.0009996, "s"), "1.00 ms");
}

TEST(Format, MillisecondAndMicrosecondFiguresShareTheTimeUnits)
{
    EXPECT_EQ(formatValue(37, "µs"), "37.0 µs");
    EXPECT_EQ(formatValue(1500, "µs"), "1.50 ms");
    EXPECT_EQ(formatValue(2.5, "ms"), "2.50 ms");
    EXPECT_EQ(formatValue(2500, "ms"), "2.50 s");
}

TEST(Format, ByteRatesTakeDecimalPrefixes)
{
    EXPECT_EQ(formatValue(0, "B/s"), "0 B/s");
    EXPECT_EQ(formatValue(800, "B/s"), "800 B/s");
    EXPECT_EQ(formatValue(12e3, "B/s"), "12.0 kB/s");
    EXPECT_EQ(formatValue(1.5e9, "B/s"), "1.50 GB/s");
    EXPECT_EQ(formatValue(1234, "MB/s"), "1.23 GB/s");
    EXPECT_EQ(formatValue(0.5, "MB/s"), "500 kB/s");
}

TEST(Format, BusyCoresHaveTwoDecimals)
{
    EXPECT_EQ(formatValue(1.984, "busy cores"), "1.98 busy cores");
    EXPECT_EQ(formatValue(2, "busy cores"), "2.00 busy cores");
    EXPECT_EQ(formatValue(0, "busy cores"), "0.00 busy cores");
    EXPECT_EQ(formatValue(12.3456, "busy cores"), "12.35 busy cores");
    EXPECT_EQ(formatValue(-0.001, "busy cores"), "0.00 busy cores") << "no minus zero";
    EXPECT_EQ(formatValue(0.5, "cores"), "0.50 cores");
    // from /proc/stat's 10 ms ticks: one decimal is all the source carries
    EXPECT_EQ(formatValue(1.06, "cores (/proc/stat)"), "1.1 cores");
    EXPECT_EQ(formatValue(0.04, "cores (/proc/stat)"), "0.0 cores");
}

TEST(Format, CountsAreWholeAndExact)
{
    // three significant digits would hide the three lost updates
    EXPECT_EQ(formatValue(1999997, "increments"), "1,999,997 increments");
    // "count" names no thing: the number stands alone
    EXPECT_EQ(formatValue(-1234, "count"), "-1,234");
    EXPECT_EQ(formatValue(999, "count"), "999");
    EXPECT_EQ(formatValue(100000, "count"), "100,000");
    EXPECT_EQ(formatValue(0, "workers"), "0 workers");
    EXPECT_EQ(formatValue(16, "workers"), "16 workers");
    EXPECT_EQ(formatValue(3.6, "tasks"), "4 tasks");
    EXPECT_EQ(formatValue(-1, "CPU id"), "-1 CPU id");
    EXPECT_EQ(formatValue(-0.4, "count"), "0") << "no minus zero";
    EXPECT_EQ(formatValue(12345678, "round trips"), "12,345,678 round trips");
}

TEST(Format, OneThingIsNamedInTheSingular)
{
    EXPECT_EQ(formatValue(1, "pairs"), "1 pair");
    EXPECT_EQ(formatValue(1, "workers"), "1 worker");
    EXPECT_EQ(formatValue(1, "processes"), "1 process");
    EXPECT_EQ(formatValue(1, "switches"), "1 switch");
    EXPECT_EQ(formatValue(1, "round trips"), "1 round trip");
    EXPECT_EQ(formatValue(-1, "threads"), "-1 thread");
    EXPECT_EQ(formatValue(2, "pairs"), "2 pairs");
    EXPECT_EQ(formatValue(0, "pairs"), "0 pairs");
}

TEST(Format, FlagsReadYesOrNo)
{
    EXPECT_EQ(formatValue(1, "yes=1/no=0"), "yes");
    EXPECT_EQ(formatValue(0, "yes=1/no=0"), "no");
    EXPECT_EQ(formatValue(0.5, "yes=1/no=0"), "0.500 yes=1/no=0");
}

TEST(Format, OtherUnitsTakeAnSiPrefixAndThreeSignificantDigits)
{
    EXPECT_EQ(formatValue(2.75e9, "ops/s"), "2.75 G ops/s");
    EXPECT_EQ(formatValue(412e3, "ops/s"), "412 k ops/s");
    EXPECT_EQ(formatValue(5.85e6, "tasks/s"), "5.85 M tasks/s");
    EXPECT_EQ(formatValue(12, "ops/s"), "12.0 ops/s");
    EXPECT_EQ(formatValue(0, "ops/s"), "0 ops/s");
    EXPECT_EQ(formatValue(999.4, "ops/s"), "999 ops/s");
    EXPECT_EQ(formatValue(999.5, "ops/s"), "1.00 k ops/s");
    EXPECT_EQ(formatValue(-2500, "ops/s"), "-2.50 k ops/s");
    EXPECT_EQ(formatValue(1234, "per s"), "1.23 k per s");
    EXPECT_EQ(formatValue(0.25, "ratio"), "0.250 ratio");
    EXPECT_EQ(formatValue(2.5e15, "ops/s"), "2500 T ops/s");
}

TEST(Format, AFigureWithoutAUnitIsJustTheNumber)
{
    EXPECT_EQ(formatValue(37.2, ""), "37.2");
    EXPECT_EQ(formatValue(4.2e6, ""), "4.20 M");
}

TEST(Format, NonFiniteValuesSayNoFigureOrInfinity)
{
    for (const char* unit : {"bytes", "s", "busy cores", "workers", "ops/s", ""}) {
        EXPECT_EQ(formatValue(kNaN, unit), "–") << unit;
        EXPECT_EQ(formatValue(kInf, unit), "∞") << unit;
        EXPECT_EQ(formatValue(-kInf, unit), "-∞") << unit;
    }
}

TEST(Format, RatiosHaveTwoSignificantDigitsAndAreWholeFromTen)
{
    EXPECT_EQ(formatRatio(1.9), "1.9×");
    EXPECT_EQ(formatRatio(2), "2.0×");
    EXPECT_EQ(formatRatio(0.5321), "0.53×");
    EXPECT_EQ(formatRatio(9.96), "10×");
    EXPECT_EQ(formatRatio(12.4), "12×");
    EXPECT_EQ(formatRatio(123.4), "123×");
    EXPECT_EQ(formatRatio(kNaN), "–");
    EXPECT_EQ(formatRatio(kInf), "∞×");
}
