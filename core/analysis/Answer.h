#pragma once

#include <optional>
#include <string>

#include "analysis/Compare.h"

namespace corelab {

// What a comparison answers, said first: the answering figure of both runs (the
// preset's, else the workload's; FigureWords.h), who did better, and whether that is
// what the article's row the preset measures expects. Read from the verdict row, never
// judged again: the Compare tab, its picture and `corelab compare` all print this.
struct Answer {
    std::string figure;    // in words: "median time to create"
    std::string headline;  // "threads (pthread_create) 13.1 µs vs fork 4.85 ms — 371×"
    std::string winner;    // the better side's label; "" for a tie or a figure with no better
    std::string judgement; // "threads (pthread_create) did better", "about the same", ""
    std::string agreement; // "as the preset expects", "the preset expects fork to win: …", ""
    std::string load;      // when other programs took cores the workers needed, says so
};

// The answer of `c` to its preset (c.preset), or nullopt when its verdict has no row
// for the answering figure.
std::optional<Answer> answerOf(const Comparison& c);
// The same to `preset` (a file from before comparisons kept theirs: `corelab render`
// finds it by the specs).
std::optional<Answer> answerOf(const Comparison& c, const std::optional<PresetNote>& preset);

// The figure and the headline: "median time to create: threads (pthread_create) 13.1 µs
// vs fork 4.85 ms — 371×".
std::string answerHeadline(const Answer& a);
// The judgement, the agreement and any other load: "Threads (pthread_create) did better,
// as the preset expects." ("" when there is none of them).
std::string answerVerdict(const Answer& a);
// Both in one line, for the command line.
std::string answerLine(const Answer& a);

} // namespace corelab
