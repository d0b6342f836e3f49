#pragma once

namespace corelab {

// Which way a figure is better, declared with the figure: a comparison that guessed
// it from the figure's name would shade "fewer µs per switch" as a loss.
enum class Better { Higher, Lower, Neither };

} // namespace corelab
