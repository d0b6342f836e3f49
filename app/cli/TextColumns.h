#pragma once

#include <cstddef>
#include <string>

namespace corelab::cli {

// Terminal columns of UTF-8 text: one per code point ("µ", "×", "–" are one).
inline std::size_t columns(const std::string& text)
{
    std::size_t n = 0;
    for (const unsigned char c : text)
        n += (c & 0xC0) != 0x80; // not a continuation byte
    return n;
}

// `text` and spaces after it, `width` columns in all (no fewer than its own).
inline std::string padRight(const std::string& text, std::size_t width)
{
    const std::size_t n = columns(text);
    return text + std::string(width > n ? width - n : 0, ' ');
}

} // namespace corelab::cli
