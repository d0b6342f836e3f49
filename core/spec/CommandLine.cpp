#include "spec/CommandLine.h"

namespace corelab {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isQuote(char c)
{
    return c == '\'' || c == '"';
}

// A word holding both kinds of quote: each single quote in double quotes, the rest in single
// quotes, the pieces side by side.
std::string quotePieces(const std::string& word)
{
    std::string out;
    char open = 0;
    for (char c : word) {
        const char wanted = c == '\'' ? '"' : '\'';
        if (open != wanted) {
            if (open) out.push_back(open);
            out.push_back(wanted);
            open = wanted;
        }
        out.push_back(c);
    }
    out.push_back(open);
    return out;
}

std::string quoted(const std::string& word)
{
    bool blank = false;
    bool single = false;
    bool dbl = false;
    for (char c : word) {
        blank = blank || isBlank(c);
        single = single || c == '\'';
        dbl = dbl || c == '"';
    }
    if (!word.empty() && !blank && !single && !dbl) return word;
    if (!dbl) return '"' + word + '"';
    if (!single) return '\'' + word + '\'';
    return quotePieces(word);
}

} // namespace

std::vector<std::string> splitCommandLine(const std::string& text)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false; // '' is a word, though an empty one
    char quote = 0;
    for (char c : text) {
        if (quote ? c == quote : isQuote(c)) {
            quote = quote ? 0 : c;
            inWord = true;
        } else if (!quote && isBlank(c)) {
            if (inWord) words.push_back(std::move(word));
            word.clear();
            inWord = false;
        } else {
            word.push_back(c);
            inWord = true;
        }
    }
    if (inWord) words.push_back(std::move(word));
    return words;
}

std::string joinCommandLine(const std::vector<std::string>& words)
{
    std::string line;
    for (const std::string& w : words)
        line += (line.empty() ? "" : " ") + quoted(w);
    return line;
}

} // namespace corelab
