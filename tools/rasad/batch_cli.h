// What `rasad code` and `rasad ingest` share: their input flags, opening the data and the inputs,
// the problem and progress lines on stderr, and the exit codes of the rasad tool.
#ifndef RASAD_TOOLS_RASAD_BATCH_CLI_H_
#define RASAD_TOOLS_RASAD_BATCH_CLI_H_

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rasad/article.h"
#include "rasad/coder.h"
#include "rasad/ingest.h"
#include "rasad/pipeline.h"

namespace rasad_cli {

// Exit codes.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;      // bad flags (CLI11 also uses 1..)
constexpr int kExitCannotRun = 2;  // missing input, unreadable data files
constexpr int kExitPartial = 3;    // finished, but some input was skipped (see the summary)

// The data directory: the --data flag, else $RASAD_DATA, else the built-in one.
std::string DataDir(const std::string& flag);

// 1234567 → "1,234,567".
std::string FormatCount(uint64_t n);

// Parses a --date flag (YYYY, YYYY-MM, YYYY-MM-DD) into `*date`, which is left alone when the flag
// is empty. Returns false, having said why on stderr, when the date is bad.
bool ParseDateFlag(const std::string& flag, rasad::Date* date);

// The flags of a command that reads articles and codes them (`rasad code`, `rasad ingest`).
struct BatchFlags {
  std::vector<std::string> inputs;  // none: standard input
  std::string input_format = "auto";
  int threads = 1;
  std::string data;
  std::string date;
  size_t max_article_bytes = 16u << 20;
  bool repair_utf8 = false;
  bool quiet = false;
  bool progress = false;
  std::string report;
  std::string summary;

  // Add the flags to `cmd` in three parts, so that each command's own options keep their place
  // in --help: the inputs and --input-format; -j; --data to --summary.
  void AddInputs(CLI::App* cmd);
  void AddThreads(CLI::App* cmd);
  void AddRun(CLI::App* cmd);
};

// What a batch command reads from: the data, the articles and the --report file. Not movable: the
// reader points at the boilerplate.
struct BatchInputs {
  std::string data_dir;
  rasad::Boilerplate boilerplate;
  std::unique_ptr<rasad::ArticleReader> reader;
  std::ofstream report;                 // open when --report was given
  std::unique_ptr<rasad::Coder> coder;  // null unless asked for

  BatchInputs() = default;
  BatchInputs(const BatchInputs&) = delete;
  BatchInputs& operator=(const BatchInputs&) = delete;

  // Parses --date, loads the boilerplate, opens the reader on the inputs, runs `after_reader`
  // (`rasad code` opens its output there; it returns an exit code), opens the --report file and,
  // with `load_coder`, loads the coder. Returns kExitOk, or says why not on stderr and returns
  // kExitUsage (a bad --date) or kExitCannotRun.
  int Open(const BatchFlags& f, bool load_coder, const std::function<int()>& after_reader = {});
};

// The stderr side of a batch run, from its start: every input problem (also to the --report
// file), a progress line, and the time taken.
class BatchConsole {
 public:
  // What the progress line shows after the articles per second.
  enum class Rate { kMegabytes, kEvents };

  // `in` must outlive this object.
  BatchConsole(const BatchFlags& f, BatchInputs* in, Rate rate);

  // Writes a problem to the --report file and, unless -q, to stderr (at most 50 of them).
  void Problem(const rasad::IngestProblem& p);
  // Redraws the progress line (at most four times a second) when stderr is a terminal or with
  // --progress.
  void Progress(const rasad::BatchStats& s);
  // After the run: clears the progress line.
  void EndProgress();
  // Seconds since this object was made.
  double Seconds() const;

  std::function<void(const rasad::IngestProblem&)> OnProblem() {
    return [this](const rasad::IngestProblem& p) { Problem(p); };
  }
  std::function<void(const rasad::BatchStats&)> OnProgress() {
    return [this](const rasad::BatchStats& s) { Progress(s); };
  }

 private:
  const BatchFlags& f_;
  BatchInputs& in_;
  Rate rate_;
  bool show_progress_;
  std::chrono::steady_clock::time_point start_;
  double last_progress_ = 0;
  uint64_t problems_shown_ = 0;
};

// The start of the line a batch command ends with: "rasad: 12 articles read (ar 7, fa 5), 10
// coded, 2 skipped [no text: 2]".
std::string SummaryLineStart(const rasad::BatchStats& s);

// Writes `json` to the --summary file `path`. Returns kExitOk, or says why not and returns
// kExitCannotRun.
int WriteSummary(const std::string& path, const std::string& json);

// The exit code of a finished run: kExitPartial when some input was unreadable.
inline int BatchExitCode(const rasad::BatchStats& s) {
  return s.problems_skipped > 0 ? kExitPartial : kExitOk;
}

}  // namespace rasad_cli

#endif  // RASAD_TOOLS_RASAD_BATCH_CLI_H_
