// What `rasad code` and `rasad ingest` share (batch_cli.h).
#include "batch_cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "rasad/event.h"
#include "rasad/status.h"

namespace rasad_cli {

std::string DataDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("RASAD_DATA")) return env;
  return RASAD_DEFAULT_DATA_DIR;
}

std::string FormatCount(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(i, ",");
  return s;
}

bool ParseDateFlag(const std::string& flag, rasad::Date* date) {
  if (flag.empty()) return true;
  auto d = rasad::ParseDate(flag);
  if (!d.ok()) {
    std::cerr << "rasad: --date: " << d.status().message() << "\n";
    return false;
  }
  *date = *d;
  return true;
}

void BatchFlags::AddInputs(CLI::App* cmd) {
  cmd->add_option("inputs", inputs,
                  "Files (.jsonl, .txt, .html, optionally .gz/.zst), directories, or - for stdin "
                  "(default: stdin)");
  cmd->add_option("--input-format", input_format, "Input format (auto: from name and content)")
      ->check(CLI::IsMember({"auto", "jsonl", "text", "html"}))
      ->capture_default_str();
}

void BatchFlags::AddThreads(CLI::App* cmd) {
  cmd->add_option("-j,--threads", threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
}

void BatchFlags::AddRun(CLI::App* cmd) {
  cmd->add_option("--data", data, "Data directory (default: $RASAD_DATA or the built-in one)");
  cmd->add_option("--date", date, "Date for articles that have none (YYYY, YYYY-MM, YYYY-MM-DD)");
  cmd->add_option("--max-article-bytes", max_article_bytes, "Skip articles larger than this")
      ->capture_default_str();
  cmd->add_flag("--repair-utf8", repair_utf8,
                "Replace malformed UTF-8 with U+FFFD instead of skipping the article");
  cmd->add_flag("-q,--quiet", quiet, "No progress, problems or summary on stderr");
  cmd->add_flag("--progress", progress, "Show progress even when stderr is not a terminal");
  cmd->add_option("--report", report, "Write every input problem as JSON Lines to this file");
  cmd->add_option("--summary", summary, "Write the run's totals as JSON to this file");
}

int BatchInputs::Open(const BatchFlags& f, bool load_coder,
                      const std::function<int()>& after_reader) {
  using namespace rasad;
  IngestOptions ingest;
  ingest.max_article_bytes = f.max_article_bytes;
  ingest.repair_utf8 = f.repair_utf8;
  if (f.input_format == "jsonl") ingest.format = InputFormat::kJsonl;
  if (f.input_format == "text") ingest.format = InputFormat::kText;
  if (f.input_format == "html") ingest.format = InputFormat::kHtml;
  if (!ParseDateFlag(f.date, &ingest.default_date)) return kExitUsage;
  data_dir = DataDir(f.data);
  auto loaded_boilerplate = Boilerplate::Load(data_dir + "/ingest/boilerplate.tsv");
  if (!loaded_boilerplate.ok()) {
    std::cerr << "rasad: " << loaded_boilerplate.status().ToString() << "\n";
    return kExitCannotRun;
  }
  boilerplate = std::move(loaded_boilerplate).value();
  std::vector<std::string> paths = f.inputs.empty() ? std::vector<std::string>{"-"} : f.inputs;
  auto opened = ArticleReader::Open(paths, ingest, &boilerplate);
  if (!opened.ok()) {
    std::cerr << "rasad: " << opened.status().message() << "\n";
    return kExitCannotRun;
  }
  reader = std::move(opened).value();
  if (after_reader) {
    if (int rc = after_reader(); rc != kExitOk) return rc;
  }
  if (!f.report.empty()) {
    report.open(f.report);
    if (!report) {
      std::cerr << "rasad: cannot write " << f.report << "\n";
      return kExitCannotRun;
    }
  }
  if (load_coder) {
    auto loaded = Coder::Load(data_dir);
    if (!loaded.ok()) {
      std::cerr << loaded.status().message() << "\nrasad: cannot load the data in " << data_dir
                << "\n";
      return kExitCannotRun;
    }
    coder = std::move(loaded).value();
  }
  return kExitOk;
}

BatchConsole::BatchConsole(const BatchFlags& f, BatchInputs* in, Rate rate)
    : f_(f),
      in_(*in),
      rate_(rate),
      show_progress_(f.progress || (!f.quiet && isatty(2))),
      start_(std::chrono::steady_clock::now()) {}

double BatchConsole::Seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void BatchConsole::Problem(const rasad::IngestProblem& p) {
  constexpr uint64_t kMaxProblemsShown = 50;
  if (in_.report.is_open()) {
    std::string line = "{\"where\":";
    rasad::AppendJsonString(p.where, line);
    line += ",\"article_id\":";
    rasad::AppendJsonString(p.article_id, line);
    line += ",\"skipped\":";
    line += p.skipped ? "true" : "false";
    line += ",\"reason\":\"";
    line += rasad::StatusCodeName(p.status.code());
    line += "\",\"message\":";
    rasad::AppendJsonString(p.status.message(), line);
    in_.report << line << "}\n";
  }
  if (f_.quiet) return;
  if (++problems_shown_ <= kMaxProblemsShown) {
    std::cerr << (show_progress_ ? "\r\033[K" : "") << "rasad: " << p.ToString() << "\n";
  } else if (problems_shown_ == kMaxProblemsShown + 1) {
    std::cerr << "rasad: more problems not shown"
              << (f_.report.empty() ? " (use --report FILE)" : "") << "\n";
  }
}

void BatchConsole::Progress(const rasad::BatchStats& s) {
  if (!show_progress_) return;
  double now = Seconds();
  if (now - last_progress_ < 0.25) return;
  last_progress_ = now;
  const double secs = now > 0 ? now : 1;
  const rasad::ArticleReader& r = *in_.reader;
  std::string eta;
  if (r.bytes_total() > 0 && r.bytes_done() > 0) {
    double frac = static_cast<double>(r.bytes_done()) / r.bytes_total();
    if (frac > 0 && frac <= 1) {
      int left = static_cast<int>(now / frac - now);
      eta = "  ETA " + std::to_string(left / 60) + ":" + (left % 60 < 10 ? "0" : "") +
            std::to_string(left % 60) + "  " + std::to_string(static_cast<int>(frac * 100)) + "%";
    }
  }
  char rate[64];
  if (rate_ == Rate::kMegabytes) {
    std::snprintf(rate, sizeof rate, "%.1f MB/s", s.text_bytes / 1e6 / secs);
  } else {
    std::snprintf(rate, sizeof rate, "%s events", FormatCount(s.events).c_str());
  }
  std::fprintf(stderr, "\r\033[K%s articles  %.0f articles/s  %s%s",
               FormatCount(s.articles_read).c_str(), s.articles_read / secs, rate, eta.c_str());
  std::fflush(stderr);
}

void BatchConsole::EndProgress() {
  if (show_progress_) std::fprintf(stderr, "\r\033[K");
}

std::string SummaryLineStart(const rasad::BatchStats& s) {
  std::string langs;
  for (auto& [k, v] : s.by_lang) langs += (langs.empty() ? "" : ", ") + k + " " + FormatCount(v);
  std::string line = "rasad: " + FormatCount(s.articles_read) + " articles read" +
                     (langs.empty() ? "" : " (" + langs + ")") + ", " +
                     FormatCount(s.articles_coded) + " coded, " + FormatCount(s.articles_skipped) +
                     " skipped";
  for (auto& [k, v] : s.skip_reasons) line += " [" + k + ": " + FormatCount(v) + "]";
  return line;
}

int WriteSummary(const std::string& path, const std::string& json) {
  std::ofstream sum(path);
  sum << json;
  if (!sum) {
    std::cerr << "rasad: cannot write " << path << "\n";
    return kExitCannotRun;
  }
  return kExitOk;
}

}  // namespace rasad_cli
