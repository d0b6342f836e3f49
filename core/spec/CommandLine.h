#pragma once

#include <string>
#include <vector>

namespace corelab {

// The words of ExperimentSpec::command written as one line a person types: `corelab run
// --command` and the window's command field both read it. Blanks (space, tab) separate words;
// single or double quotes group them, as a shell's do, and quoted pieces next to each other
// join into one word. A backslash is an ordinary character: there are no escapes, so a path or
// a pattern passes through as written.
// "python3 'my script.py' -v" -> {"python3", "my script.py", "-v"}
std::vector<std::string> splitCommandLine(const std::string& text);

// The inverse: words with blanks or quotes (and empty words) are quoted so that
// splitCommandLine(joinCommandLine(words)) == words for any words.
std::string joinCommandLine(const std::vector<std::string>& words);

} // namespace corelab
