#include "JsonInput.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "AtomicFile.h"

namespace corelab {

namespace {

std::string mebibytes(std::size_t bytes)
{
    return std::to_string(bytes >> 20) + " MiB";
}

// One linear pass that tracks only strings and brackets: cheap next to parsing, and it
// never recurses, whatever the input.
void checkNesting(std::string_view bytes, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                throw std::invalid_argument("nested deeper than " + std::to_string(maxDepth) +
                                            " levels (at byte " + std::to_string(i) + ")");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

} // namespace

std::string plainJsonMessage(const std::exception& e)
{
    const std::string text = e.what();
    if (text.rfind("[json.exception.", 0) != 0) return text;
    const auto end = text.find("] ");
    return end == std::string::npos ? text : text.substr(end + 2);
}

nlohmann::json parseJsonInput(std::string_view bytes, const JsonLimits& limits)
{
    if (bytes.size() > limits.maxBytes)
        throw std::invalid_argument("larger than " + mebibytes(limits.maxBytes) +
                                    ": not a file CoreLab wrote");
    checkNesting(bytes, limits.maxDepth);
    try {
        return nlohmann::json::parse(bytes.begin(), bytes.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw std::invalid_argument("not valid JSON (truncated or damaged?): " +
                                    plainJsonMessage(e));
    }
}

std::string readInputFile(const std::string& path, std::size_t maxBytes)
{
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) throw ioError(path, "cannot open", errno);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw ioError(path, "cannot read", errno);
    if (!S_ISREG(st.st_mode)) throw std::runtime_error(path + ": not a regular file");
    if (static_cast<std::uint64_t>(st.st_size) > maxBytes)
        throw std::runtime_error(path + ": larger than " + mebibytes(maxBytes) +
                                 ": not a file CoreLab wrote");
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    for (;;) {
        if (done == bytes.size()) {
            // the file may have grown since fstat; read on up to the cap
            if (bytes.size() > maxBytes)
                throw std::runtime_error(path + ": larger than " + mebibytes(maxBytes) +
                                         ": not a file CoreLab wrote");
            bytes.resize(std::min(maxBytes + 1, std::max<std::size_t>(4096, bytes.size() * 2)));
        }
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw ioError(path, "cannot read", errno);
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    bytes.resize(done);
    return bytes;
}

} // namespace corelab
