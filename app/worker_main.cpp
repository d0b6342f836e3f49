#include "worker/WorkerMain.h"

int main(int argc, char** argv)
{
    return corelab::worker::workerMain(argc, argv);
}
