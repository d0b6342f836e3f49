#pragma once

#include <cstddef>
#include <tuple>
#include <utility>

#include "record/Sample.h"

namespace corelab {

// The compact run file (schema 2) stores each field of the samples as a column of its
// own. The columns are derived from these lists and nowhere else: a field added to a
// sample struct is stored by adding one line here (and, since that changes the layout,
// bumping the container version in CompactRunFile.cpp). Names are the run file's JSON
// keys; how a column is encoded follows from the field's type (docs/run-file.md).
template <class S, class T> struct Column {
    const char* name;
    T S::*member;
};
template <class S, class T> Column(const char*, T S::*) -> Column<S, T>;

inline constexpr std::tuple kCoreColumns{
    Column{"cpu", &CoreSample::cpu},       Column{"user", &CoreSample::user},
    Column{"system", &CoreSample::system}, Column{"iowait", &CoreSample::iowait},
    Column{"busy", &CoreSample::busy},
};

inline constexpr std::tuple kWorkerColumns{
    Column{"worker", &WorkerSample::index},
    Column{"pid", &WorkerSample::pid},
    Column{"tid", &WorkerSample::tid},
    Column{"state", &WorkerSample::state},
    Column{"last_cpu", &WorkerSample::lastCpu},
    Column{"ops", &WorkerSample::ops},
    Column{"run_ns", &WorkerSample::runNs},
    Column{"wait_ns", &WorkerSample::waitNs},
    Column{"timeslices", &WorkerSample::timeslices},
    Column{"ctx_voluntary", &WorkerSample::ctxVoluntary},
    Column{"ctx_involuntary", &WorkerSample::ctxInvoluntary},
    Column{"minor_faults", &WorkerSample::minorFaults},
    Column{"major_faults", &WorkerSample::majorFaults},
    Column{"lock_held_ns", &WorkerSample::lockHeldNs},
    Column{"lock_wait_ns", &WorkerSample::lockWaitNs},
};

inline constexpr std::tuple kMemoryColumns{
    Column{"rss_bytes", &MemorySample::rssBytes},
    Column{"pss_bytes", &MemorySample::pssBytes},
    Column{"uss_bytes", &MemorySample::ussBytes},
    Column{"shared_bytes", &MemorySample::sharedBytes},
    Column{"processes", &MemorySample::processes},
};

inline constexpr std::tuple kPressureColumns{
    Column{"cpu_some", &PressureSample::cpuSome},
    Column{"memory_some", &PressureSample::memorySome},
    Column{"io_some", &PressureSample::ioSome},
};

// Calls f(index, column) for each column of a list, in order.
template <class Columns, class F> constexpr void forEachColumn(const Columns& columns, F&& f)
{
    [&]<std::size_t... I>(std::index_sequence<I...>)
    {
        (f(I, std::get<I>(columns)), ...);
    }
    (std::make_index_sequence<std::tuple_size_v<Columns>>{});
}

template <class Columns>
inline constexpr std::size_t kColumnCount = std::tuple_size_v<std::remove_cvref_t<Columns>>;

} // namespace corelab
