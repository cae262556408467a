// The monotonic clock the stages are timed with (StageTimes, the store's write time, the coder's
// parts for the benchmark). Internal to the library.
#ifndef RASAD_SRC_BASE_CLOCK_H_
#define RASAD_SRC_BASE_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace rasad {

inline uint64_t NowNs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

}  // namespace rasad

#endif  // RASAD_SRC_BASE_CLOCK_H_
