#pragma once

namespace corelab::worker {

// main() of corelab-worker. Two roles:
//   leader: --control-fd N --spec JSON --parent PID
//   child:  --child --control-fd N --spec JSON --parent PID --first K --count T
// (children are started by exec only with --spawn exec; fork children never exec).
int workerMain(int argc, char** argv);

} // namespace corelab::worker
