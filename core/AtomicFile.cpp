#include "AtomicFile.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace corelab {

std::runtime_error ioError(const std::string& path, const std::string& what, int err)
{
    return std::runtime_error(path + ": " + what + ": " + std::strerror(err));
}

} // namespace corelab
