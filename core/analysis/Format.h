#pragma once

#include <string>

namespace corelab {

// A figure with its unit as people read it: the one formatter behind the compare
// tab, its image, the measured table and the CLI, so one figure reads the same in
// each. Never more digits than the sources in docs/measurement.md carry:
//   bytes ("bytes", "B")      whole bytes below 1 KiB, then KiB, MiB, GiB, TiB with
//                             three significant digits: "1023 B", "1.00 KiB", "256 MiB"
//   time ("s", "ms", "µs")    µs, ms or s with three significant digits: "412 µs", "1.00 s"
//   byte rates ("B/s", "MB/s") B/s, kB/s, MB/s, GB/s with three significant digits
//   busy cores ("busy cores", "cores")  two decimals: "1.98 busy cores" (schedstat, ns)
//   "cores (/proc/stat)"      one decimal: "1.1 cores" (10 ms ticks, ±0.1 core)
//   counts (workers, increments, messages, …)  whole, exact, thousands grouped:
//                             "1,999,997 increments", one in the singular ("1 pair"),
//                             "count" without a unit ("0")
//   flags ("yes=1/no=0")      "yes" or "no"
//   anything else             k, M, G, T prefix, three significant digits: "2.75 M ops/s"
// NaN is "–" (no figure), infinities "∞" and "-∞".
std::string formatValue(double value, const std::string& unit);

// B / A with two significant digits, whole from 10 up: "0.53×", "2.0×", "12×". Runs
// on a shared machine vary by about 10 %, so a third digit would be noise.
std::string formatRatio(double ratio);

// `digits` significant digits, trailing zeros kept, never an exponent: "1.00",
// "37.2", "0.00123", "1000" (999.5 to three digits).
std::string significant(double value, int digits);

} // namespace corelab
