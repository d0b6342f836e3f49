#pragma once

#include <string>
#include <vector>

#include "spec/ExperimentSpec.h"

namespace corelab {

// What the reference article on threads and processes claims about one aspect (its
// table under "Performance Trade-Offs in Practice"; docs/workloads.md names it), kept
// apart from the presets that measure it so an experiment can change without touching
// the quote. The cells are the article's, word for word; `aspect` and `winner` are
// CoreLab's reading of them, and every sentence CoreLab writes about a row comes from
// analysis/TableText.cpp and the measurement.
struct ArticleClaim {
    std::string aspect;          // the preset aspect it answers (compared ignoring case)
    std::string row;             // the article's table row, "" for a claim from its prose
    std::string multithreading;  // quoted: the row's "Multithreading" cell
    std::string multiprocessing; // quoted: the row's "Multiprocessing" cell
    std::string whenItWins;      // quoted: "When It Wins", or the prose sentence
    // Who the article says wins, in CoreLab's terms: "threads", "processes", "hybrid" or
    // "fewer workers"; "" when it names no winner.
    std::string winner;
};

// The ten rows of the article's table, then its prose claims about mixed work and too
// many workers.
const std::vector<ArticleClaim>& articleClaims();
// The claim about `aspect` ("Startup cost" finds "Startup Cost"), or nullptr.
const ArticleClaim* findClaim(const std::string& aspect);

// Which side the claim's winner is, in the article's terms: creating a thread or a
// process (spawn's method) or running as one (the model), or fewer workers. 0 for A, 1
// for B, -1 when the claim names no winner or it fits both sides or neither.
int claimedWinnerSide(const ArticleClaim& claim, const ExperimentSpec& a, const ExperimentSpec& b);

} // namespace corelab
