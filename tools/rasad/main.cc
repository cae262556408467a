// rasad: the command-line tool. A thin layer over the library: parse flags, load data, run.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "rasad/ingest.h"
#include "rasad/lexicon.h"
#include "rasad/pipeline.h"
#include "rasad/version.h"

namespace {

using rasad::Status;

// Exit codes.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;      // bad flags (CLI11 also uses 1..)
constexpr int kExitCannotRun = 2;  // missing input, unreadable data files
constexpr int kExitPartial = 3;    // finished, but some input was skipped (see the summary)

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

struct CodeFlags {
  std::vector<std::string> inputs;
  std::string output = "-";
  std::string format = "jsonl";
  std::string input_format = "auto";
  bool sentences = false;
  bool tokens = false;
  int threads = 1;
  std::string data;
  std::string date;
  size_t max_article_bytes = 16u << 20;
  bool repair_utf8 = false;
  bool quiet = false;
  bool progress = false;
  std::string report;
  std::string summary;
};

int RunCode(const CodeFlags& f) {
  using namespace rasad;
  IngestOptions ingest;
  ingest.max_article_bytes = f.max_article_bytes;
  ingest.repair_utf8 = f.repair_utf8;
  if (f.input_format == "jsonl") ingest.format = InputFormat::kJsonl;
  if (f.input_format == "text") ingest.format = InputFormat::kText;
  if (f.input_format == "html") ingest.format = InputFormat::kHtml;
  if (!f.date.empty()) {
    auto d = ParseDate(f.date);
    if (!d.ok()) {
      std::cerr << "rasad: --date: " << d.status().message() << "\n";
      return kExitUsage;
    }
    ingest.default_date = *d;
  }
  const std::string data_dir = DataDir(f.data);
  auto boilerplate = Boilerplate::Load(data_dir + "/ingest/boilerplate.tsv");
  if (!boilerplate.ok()) {
    std::cerr << "rasad: " << boilerplate.status().ToString() << "\n";
    return kExitCannotRun;
  }
  auto reader = ArticleReader::Open(f.inputs, ingest, &*boilerplate);
  if (!reader.ok()) {
    std::cerr << "rasad: " << reader.status().message() << "\n";
    return kExitCannotRun;
  }
  std::FILE* out = stdout;
  if (f.output != "-") {
    out = std::fopen(f.output.c_str(), "wb");
    if (!out) {
      std::cerr << "rasad: cannot write " << f.output << ": " << std::strerror(errno) << "\n";
      return kExitCannotRun;
    }
  }
  std::ofstream report;
  if (!f.report.empty()) {
    report.open(f.report);
    if (!report) {
      std::cerr << "rasad: cannot write " << f.report << "\n";
      return kExitCannotRun;
    }
  }

  Pipeline pipeline(&*boilerplate, /*coder=*/nullptr);
  BatchOptions batch;
  batch.threads = f.threads;
  batch.output = f.tokens            ? OutputKind::kTokens
                 : f.sentences       ? OutputKind::kSentences
                 : f.format == "tsv" ? OutputKind::kEventsTsv
                                     : OutputKind::kEvents;
  if (batch.output == OutputKind::kEventsTsv) std::fprintf(out, "%s\n", EventTsvHeader());

  const bool show_progress = f.progress || (!f.quiet && isatty(2));
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  double last_progress = 0;
  uint64_t problems_shown = 0;
  constexpr uint64_t kMaxProblemsShown = 50;
  ArticleReader& r = **reader;
  BatchStats stats = RunBatch(
      r, pipeline, batch,
      [&](const std::string& chunk) { std::fwrite(chunk.data(), 1, chunk.size(), out); },
      [&](const IngestProblem& p) {
        if (report.is_open()) {
          std::string line = "{\"where\":";
          AppendJsonString(p.where, line);
          line += ",\"article_id\":";
          AppendJsonString(p.article_id, line);
          line += ",\"skipped\":";
          line += p.skipped ? "true" : "false";
          line += ",\"reason\":\"";
          line += StatusCodeName(p.status.code());
          line += "\",\"message\":";
          AppendJsonString(p.status.message(), line);
          report << line << "}\n";
        }
        if (f.quiet) return;
        if (++problems_shown <= kMaxProblemsShown) {
          std::cerr << (show_progress ? "\r\033[K" : "") << "rasad: " << p.ToString() << "\n";
        } else if (problems_shown == kMaxProblemsShown + 1) {
          std::cerr << "rasad: more problems not shown"
                    << (f.report.empty() ? " (use --report FILE)" : "") << "\n";
        }
      },
      [&](const BatchStats& s) {
        if (!show_progress) return;
        double now = seconds();
        if (now - last_progress < 0.25) return;
        last_progress = now;
        double rate = s.articles_read / (now > 0 ? now : 1);
        std::string eta;
        if (r.bytes_total() > 0 && r.bytes_done() > 0) {
          double frac = static_cast<double>(r.bytes_done()) / r.bytes_total();
          if (frac > 0 && frac <= 1) {
            int left = static_cast<int>(now / frac - now);
            eta = "  ETA " + std::to_string(left / 60) + ":" + (left % 60 < 10 ? "0" : "") +
                  std::to_string(left % 60) + "  " + std::to_string(static_cast<int>(frac * 100)) +
                  "%";
          }
        }
        std::fprintf(stderr, "\r\033[K%s articles  %.0f articles/s  %.1f MB/s%s",
                     FormatCount(s.articles_read).c_str(), rate,
                     s.text_bytes / 1e6 / (now > 0 ? now : 1), eta.c_str());
        std::fflush(stderr);
      });
  if (show_progress) std::fprintf(stderr, "\r\033[K");
  std::fflush(out);
  bool write_failed = std::ferror(out);
  if (out != stdout) write_failed |= std::fclose(out) != 0;
  if (write_failed) {
    std::cerr << "rasad: error writing output\n";
    return kExitCannotRun;
  }
  if (!f.summary.empty()) {
    std::ofstream sum(f.summary);
    std::string j = "{\"articles_read\":" + std::to_string(stats.articles_read) +
                    ",\"articles_coded\":" + std::to_string(stats.articles_coded) +
                    ",\"articles_skipped\":" + std::to_string(stats.articles_skipped) +
                    ",\"unreadable\":" + std::to_string(stats.problems_skipped) +
                    ",\"warnings\":" + std::to_string(stats.warnings) +
                    ",\"sentences\":" + std::to_string(stats.sentences) +
                    ",\"tokens\":" + std::to_string(stats.tokens) +
                    ",\"events\":" + std::to_string(stats.events) +
                    ",\"text_bytes\":" + std::to_string(stats.text_bytes) + ",\"by_lang\":{";
    bool first = true;
    for (auto& [k, v] : stats.by_lang) {
      j += (first ? "\"" : ",\"") + k + "\":" + std::to_string(v);
      first = false;
    }
    j += "},\"skip_reasons\":{";
    first = true;
    for (auto& [k, v] : stats.skip_reasons) {
      j += (first ? "" : ",");
      AppendJsonString(k, j);
      j += ":" + std::to_string(v);
      first = false;
    }
    j += "}}\n";
    sum << j;
    if (!sum) {
      std::cerr << "rasad: cannot write " << f.summary << "\n";
      return kExitCannotRun;
    }
  }
  if (!f.quiet) {
    double secs = seconds();
    std::string langs;
    for (auto& [k, v] : stats.by_lang)
      langs += (langs.empty() ? "" : ", ") + k + " " + FormatCount(v);
    std::cerr << "rasad: " << FormatCount(stats.articles_read) << " articles read"
              << (langs.empty() ? "" : " (" + langs + ")") << ", "
              << FormatCount(stats.articles_coded) << " coded, "
              << FormatCount(stats.articles_skipped) << " skipped";
    for (auto& [k, v] : stats.skip_reasons) std::cerr << " [" << k << ": " << FormatCount(v) << "]";
    std::cerr << ", " << FormatCount(stats.problems_skipped) << " unreadable, "
              << FormatCount(stats.warnings) << " warnings; " << FormatCount(stats.sentences)
              << " sentences, " << FormatCount(stats.tokens) << " tokens, "
              << FormatCount(stats.events) << " events; ";
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.2f s, %.1f MB/s\n", secs,
                  stats.text_bytes / 1e6 / (secs > 0 ? secs : 1));
    std::cerr << buf;
  }
  return stats.problems_skipped > 0 ? kExitPartial : kExitOk;
}

// Loads and validates every data file; prints what it holds, or every bad line.
int RunCheckData(const std::string& data_flag) {
  const std::string dir = DataDir(data_flag);
  auto lex = rasad::Lexicon::Load(dir);
  auto boilerplate = rasad::Boilerplate::Load(dir + "/ingest/boilerplate.tsv");
  if (!lex.ok() || !boilerplate.ok()) {
    if (!lex.ok()) std::cerr << lex.status().message() << "\n";
    if (!boilerplate.ok()) std::cerr << boilerplate.status().message() << "\n";
    std::cerr << "rasad: data in " << dir << " has errors\n";
    return kExitCannotRun;
  }
  size_t ar = 0, fa = 0;
  for (const auto& p : lex->patterns) (p.lang == rasad::Lang::kArabic ? ar : fa)++;
  std::cout << "data: " << dir << "\n"
            << "  countries      " << lex->countries.size() << "\n"
            << "  organizations  " << lex->organizations.size() << "\n"
            << "  people         " << lex->people.size() << " (" << lex->tenures.size()
            << " offices)\n"
            << "  agents         " << lex->agents.size() << "\n"
            << "  places         " << lex->places.size() << "\n"
            << "  CAMEO codes    " << lex->codes.size() << "\n"
            << "  patterns       " << ar << " Arabic, " << fa << " Persian\n"
            << "  boilerplate    " << boilerplate->size() << "\n"
            << "ok\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rasad — codes Arabic and Persian news into political event data (CAMEO)", "rasad"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(RASAD_VERSION));

  CodeFlags code;
  CLI::App* code_cmd =
      app.add_subcommand("code", "Read articles and write coded events (JSON Lines)");
  code_cmd->add_option(
      "inputs", code.inputs,
      "Files (.jsonl, .txt, .html, optionally .gz/.zst), directories, or - for stdin "
      "(default: stdin)");
  code_cmd->add_option("-o,--output", code.output, "Write output here instead of stdout");
  code_cmd->add_option("--format", code.format, "Event output format")
      ->check(CLI::IsMember({"jsonl", "tsv"}))
      ->capture_default_str();
  code_cmd
      ->add_option("--input-format", code.input_format,
                   "Input format (auto: from name and content)")
      ->check(CLI::IsMember({"auto", "jsonl", "text", "html"}))
      ->capture_default_str();
  code_cmd->add_flag("--sentences", code.sentences, "Debug view: write sentences, not events");
  code_cmd->add_flag("--tokens", code.tokens,
                     "Debug view: write tokens with keys and clitic candidates");
  code_cmd->add_option("-j,--threads", code.threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  code_cmd->add_option("--data", code.data,
                       "Data directory (default: $RASAD_DATA or the built-in one)");
  code_cmd->add_option("--date", code.date,
                       "Date for articles that have none (YYYY, YYYY-MM, YYYY-MM-DD)");
  code_cmd
      ->add_option("--max-article-bytes", code.max_article_bytes, "Skip articles larger than this")
      ->capture_default_str();
  code_cmd->add_flag("--repair-utf8", code.repair_utf8,
                     "Replace malformed UTF-8 with U+FFFD instead of skipping the article");
  code_cmd->add_flag("-q,--quiet", code.quiet, "No progress, problems or summary on stderr");
  code_cmd->add_flag("--progress", code.progress,
                     "Show progress even when stderr is not a terminal");
  code_cmd->add_option("--report", code.report,
                       "Write every input problem as JSON Lines to this file");
  code_cmd->add_option("--summary", code.summary, "Write the run's totals as JSON to this file");

  CLI::App* version_cmd = app.add_subcommand("version", "Print the version");
  std::string check_data_dir;
  CLI::App* check_cmd = app.add_subcommand(
      "check-data", "Validate every data file (dictionaries, patterns, code tables)");
  check_cmd->add_option("--data", check_data_dir,
                        "Data directory (default: $RASAD_DATA or the built-in one)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  if (version_cmd->parsed()) {
    std::cout << "rasad " << RASAD_VERSION << "\n";
    return kExitOk;
  }
  if (code_cmd->parsed()) return RunCode(code);
  if (check_cmd->parsed()) return RunCheckData(check_data_dir);
  return kExitUsage;
}
