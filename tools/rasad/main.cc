// rasad: the command-line tool. A thin layer over the library: parse flags, load data, run.
#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "batch_cli.h"
#include "cmd_serve.h"
#include "cmd_store.h"
#include "rasad/coder.h"
#include "rasad/eval.h"
#include "rasad/ingest.h"
#include "rasad/lexicon.h"
#include "rasad/pipeline.h"
#include "rasad/store.h"
#include "rasad/version.h"

namespace {

using rasad::Status;
using rasad_cli::DataDir;
using rasad_cli::FormatCount;
using rasad_cli::kExitCannotRun;
using rasad_cli::kExitOk;
using rasad_cli::kExitUsage;

constexpr int kExitBelowFloor = 4;  // eval: a score fell below its floor

struct CodeFlags : rasad_cli::BatchFlags {
  std::string output = "-";
  std::string format = "jsonl";
  bool sentences = false;
  bool tokens = false;
};

int RunCode(const CodeFlags& f) {
  using namespace rasad;
  std::FILE* out = stdout;
  rasad_cli::BatchInputs in;
  int rc = in.Open(f, !f.sentences && !f.tokens, [&] {
    if (f.output == "-") return kExitOk;
    out = std::fopen(f.output.c_str(), "wb");
    if (out) return kExitOk;
    std::cerr << "rasad: cannot write " << f.output << ": " << std::strerror(errno) << "\n";
    return kExitCannotRun;
  });
  if (rc != kExitOk) return rc;
  Pipeline pipeline(&in.boilerplate, in.coder.get());
  BatchOptions batch;
  batch.threads = f.threads;
  batch.output = f.tokens            ? OutputKind::kTokens
                 : f.sentences       ? OutputKind::kSentences
                 : f.format == "tsv" ? OutputKind::kEventsTsv
                                     : OutputKind::kEvents;
  if (batch.output == OutputKind::kEventsTsv) std::fprintf(out, "%s\n", EventTsvHeader());

  rasad_cli::BatchConsole console(f, &in, rasad_cli::BatchConsole::Rate::kMegabytes);
  BatchStats stats = RunBatch(
      *in.reader, pipeline, batch,
      [&](const std::string& chunk) { std::fwrite(chunk.data(), 1, chunk.size(), out); },
      console.OnProblem(), console.OnProgress());
  console.EndProgress();
  std::fflush(out);
  bool write_failed = std::ferror(out);
  if (out != stdout) write_failed |= std::fclose(out) != 0;
  if (write_failed) {
    std::cerr << "rasad: error writing output\n";
    return kExitCannotRun;
  }
  if (!f.summary.empty()) {
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
    if (int rc = rasad_cli::WriteSummary(f.summary, j); rc != kExitOk) return rc;
  }
  if (!f.quiet) {
    double secs = console.Seconds();
    std::cerr << rasad_cli::SummaryLineStart(stats) << ", " << FormatCount(stats.problems_skipped)
              << " unreadable, " << FormatCount(stats.warnings) << " warnings; "
              << FormatCount(stats.sentences) << " sentences, " << FormatCount(stats.tokens)
              << " tokens, " << FormatCount(stats.events) << " events; ";
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.2f s, %.1f MB/s\n", secs,
                  stats.text_bytes / 1e6 / (secs > 0 ? secs : 1));
    std::cerr << buf;
  }
  return rasad_cli::BatchExitCode(stats);
}

struct EvalFlags {
  std::vector<std::string> gold;
  std::string data;
  std::string floor;
  std::vector<std::string> articles;
  bool errors = false;
};

// The articles of `paths` whose id is in `ids`. Input problems are counted on stderr; they only
// mean fewer sentences are coded in their article, which the report shows.
rasad::StatusOr<rasad::ArticleIndex> ReadGoldArticles(const std::vector<std::string>& paths,
                                                      const std::set<std::string>& ids) {
  using namespace rasad;
  auto reader = ArticleReader::Open(paths, IngestOptions{}, nullptr);
  if (!reader.ok()) return reader.status();
  ArticleIndex out;
  Article a;
  std::vector<IngestProblem> problems;
  while ((*reader)->Next(&a, &problems)) {
    if (ids.count(a.id)) out[a.id] = a;
  }
  if (!problems.empty()) {
    std::cerr << "rasad: " << problems.size()
              << " problem(s) reading the articles, first: " << problems.front().ToString() << "\n";
  }
  return out;
}

// Scores the coder on gold files (the language is the file's name: ar.tsv, fa.tsv) and, with
// --floor, fails when a score is below its floor.
int RunEval(const EvalFlags& f) {
  using namespace rasad;
  auto coder = Coder::Load(DataDir(f.data));
  if (!coder.ok()) {
    std::cerr << coder.status().message() << "\n";
    return kExitCannotRun;
  }
  Pipeline pipeline(nullptr, coder->get());
  std::vector<std::vector<GoldSentence>> golds;
  std::vector<Lang> langs;
  golds.reserve(f.gold.size());
  for (const std::string& path : f.gold) {
    std::string base = path.substr(path.find_last_of('/') + 1);
    Lang lang = LangFromCode(base.substr(0, base.find('.')));
    if (lang != Lang::kArabic && lang != Lang::kPersian) {
      std::cerr << "rasad: " << path << ": name the gold file by its language (ar.tsv, fa.tsv)\n";
      return kExitUsage;
    }
    auto gold = LoadGold(path);
    if (!gold.ok()) {
      std::cerr << gold.status().message() << "\n";
      return kExitCannotRun;
    }
    golds.push_back(std::move(gold).value());
    langs.push_back(lang);
  }
  // The articles of every gold file, read once.
  std::optional<ArticleIndex> articles;
  if (!f.articles.empty()) {
    std::set<std::string> ids;
    for (const auto& gold : golds) {
      for (const GoldSentence& g : gold) ids.insert(g.article_id);
    }
    auto read = ReadGoldArticles(f.articles, ids);
    if (!read.ok()) {
      std::cerr << "rasad: " << read.status().message() << "\n";
      return kExitCannotRun;
    }
    articles = std::move(read).value();
  }
  std::vector<EvalReport> reports;
  for (size_t i = 0; i < golds.size(); ++i) {
    reports.push_back(
        Evaluate(golds[i], langs[i], pipeline, f.gold[i], articles ? &*articles : nullptr));
    std::cout << FormatReport(reports.back(), f.errors) << "\n";
  }
  if (f.floor.empty()) return kExitOk;
  std::ifstream in(f.floor);
  if (!in) {
    std::cerr << "rasad: cannot read " << f.floor << "\n";
    return kExitCannotRun;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto floors = ParseFloors(ss.str(), f.floor);
  if (!floors.ok()) {
    std::cerr << floors.status().message() << "\n";
    return kExitCannotRun;
  }
  std::vector<std::string> failures = CheckFloors(reports, *floors);
  for (const std::string& m : failures) std::cout << "BELOW FLOOR: " << m << "\n";
  if (!failures.empty()) return kExitBelowFloor;
  std::cout << "all " << floors->size() << " floors hold (" << f.floor << ")\n";
  return kExitOk;
}

struct DyadFlags {
  std::string a, b;
  std::vector<std::string> inputs;
  std::string by = "year";
};

// Summarises coded events (JSON Lines from `rasad code`) for one dyad, both directions: events per
// period by quad class, summed Goldstein score, and which side dominates.
int RunDyad(const DyadFlags& f) {
  using namespace rasad;
  std::map<std::string, std::array<int, 5>> counts;  // period → quad 1..4 counts (index 0 unused)
  std::map<std::string, double> goldstein;
  simdjson::dom::parser parser;
  auto country_of = [](std::string_view c) { return std::string(c.substr(0, 3)); };
  size_t total = 0;
  std::vector<std::string> inputs = f.inputs.empty() ? std::vector<std::string>{"-"} : f.inputs;
  for (const std::string& path : inputs) {
    std::ifstream file;
    if (path != "-") {
      file.open(path);
      if (!file) {
        std::cerr << "rasad: cannot read " << path << "\n";
        return kExitCannotRun;
      }
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::string line;
    size_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty()) continue;
      simdjson::dom::element e;
      if (parser.parse(line).get(e)) {
        std::cerr << "rasad: " << path << ":" << line_no << ": not a JSON event, skipped\n";
        continue;
      }
      std::string_view src, tgt, date;
      int64_t quad = 0;
      double g = 0;
      bool negated = false;
      if (e["source_country"].get(src) || e["target_country"].get(tgt) || e["date"].get(date) ||
          e["quad"].get(quad) || e["goldstein"].get(g)) {
        std::cerr << "rasad: " << path << ":" << line_no << ": missing event fields, skipped\n";
        continue;
      }
      if (e["negated"].get(negated)) negated = false;
      if (negated || quad < 1 || quad > 4) continue;
      std::string s = country_of(src), t = country_of(tgt);
      if (!((s == f.a && t == f.b) || (s == f.b && t == f.a))) continue;
      size_t len = f.by == "month" ? 7 : 4;
      if (date.size() < len) continue;  // undated, or not precise enough for this period
      std::string period(date.substr(0, len));
      counts[period][quad]++;
      goldstein[period] += g;
      ++total;
    }
  }
  std::printf("%s-%s by %s: %zu events\n", f.a.c_str(), f.b.c_str(), f.by.c_str(), total);
  std::printf("%-8s %8s %8s %8s %8s %10s %6s  %s\n", "period", "v.coop", "m.coop", "v.confl",
              "m.confl", "goldstein", "net", "balance");
  for (const auto& [period, c] : counts) {
    const int64_t quad[4] = {c[1], c[2], c[3], c[4]};
    const double net = NetCooperation(quad);  // the index of `rasad timeline`
    const char* balance = net > 0 ? "cooperation" : net < 0 ? "conflict" : "even";
    std::printf("%-8s %8d %8d %8d %8d %10.1f %+6.2f  %s\n", period.c_str(), c[1], c[2], c[3], c[4],
                goldstein[period], net, balance);
  }
  return kExitOk;
}

struct ExplainFlags {
  std::string sentence;
  std::string lang;
  std::string date;
  std::string data;
};

// Prints, for one sentence, its tokens and keys, the dates, actors and patterns found, and why each
// event was or was not emitted.
int RunExplain(const ExplainFlags& f) {
  using namespace rasad;
  auto coder = Coder::Load(DataDir(f.data));
  if (!coder.ok()) {
    std::cerr << coder.status().message() << "\n";
    return kExitCannotRun;
  }
  Article article;
  article.id = "explain";
  article.text = f.sentence;
  article.lang_hint = LangFromCode(f.lang);
  if (!rasad_cli::ParseDateFlag(f.date, &article.date)) return kExitUsage;
  const Coder& c = **coder;
  Pipeline pipeline(nullptr, nullptr);
  AnalyzedArticle a;
  StageTimes times;
  pipeline.Analyze(article, &a, &times);
  if (!f.lang.empty() &&
      (article.lang_hint == Lang::kArabic || article.lang_hint == Lang::kPersian)) {
    for (auto& s : a.sentences) s.lang = article.lang_hint;
  }
  if (!a.skip_reason.empty()) {
    std::cout << "not coded: " << a.skip_reason << "\n";
    return kExitOk;
  }
  const Lexicon& lex = c.lexicon();
  const TokenizedText& t = a.text;
  Discourse discourse(c, a);  // a reference may point back to an earlier sentence of the text
  for (const SentenceInfo& s : a.sentences) {
    std::cout << "sentence " << s.index << " [" << LangCode(s.lang) << "] "
              << t.text().substr(s.span.begin, s.span.end - s.span.begin) << "\n";
    std::cout << "  tokens:";
    for (uint32_t k = s.span.first_token; k < s.span.end_token; ++k) {
      const Token& tok = t.tokens()[k];
      std::cout << " " << k << ":" << t.surface(tok);
      if (t.key(tok) != t.surface(tok)) std::cout << "[" << t.key(tok) << "]";
    }
    std::cout << "\n";
    SentenceAnalysis an = c.AnalyzeSentence(a, s, false, nullptr, &discourse);
    std::cout << "  actors:\n";
    for (const ActorMention& m : an.mentions) {
      std::cout << "    " << m.first_token << "-" << m.end_token - 1 << " "
                << t.text().substr(
                       t.tokens()[m.first_token].begin,
                       t.tokens()[m.end_token - 1].end - t.tokens()[m.first_token].begin)
                << "  (" << MentionKindName(m.target.kind)
                << (m.stripped ? ", via clitic stripping" : "")
                << (m.surname ? ", last name of a person named in full before" : "") << ")\n";
    }
    std::cout << "  resolved:\n";
    for (const ResolvedActor& r : an.actors) {
      std::cout << "    " << r.first_token << "-" << r.end_token - 1 << " " << r.name << " -> "
                << r.code << " " << r.label << (r.place_only ? " [place]" : "")
                << (r.prep.empty() ? "" : " prep=" + r.prep)
                << (r.joined_to_previous ? " [joined]" : "")
                << (r.antecedent.empty() ? "" : " [refers to " + r.antecedent + "]") << "\n";
    }
    std::cout << "  patterns:\n";
    for (const PatternMatch& m : an.matches) {
      const PatternEntry& p = lex.patterns[m.pattern];
      auto ci = lex.code_index.find(p.code);
      std::cout << "    " << m.first_token << "-" << m.end_token - 1 << " "
                << t.text().substr(
                       t.tokens()[m.first_token].begin,
                       t.tokens()[m.end_token - 1].end - t.tokens()[m.first_token].begin)
                << "  code " << p.code << " ("
                << (ci != lex.code_index.end() ? lex.codes[ci->second].label_en : "?")
                << ") from patterns_" << LangCode(p.lang) << ".tsv:" << p.line << "; " << m.why;
      if (m.negated) std::cout << "; negated";
      if (m.intent) std::cout << "; intent";
      if (m.sources.empty() || m.targets.empty()) std::cout << "; not emitted (partial)";
      std::cout << "\n";
    }
    std::cout << "  events:\n";
    for (const Event& e : an.events) {
      std::cout << "    " << e.source << " > " << e.target << "  " << e.code << " " << e.label
                << "  " << e.date.ToString() << (e.place.empty() ? "" : "  @" + e.place)
                << (e.negated ? "  negated" : "") << (e.intent ? "  intent" : "")
                << (e.reported ? "  reported" : "") << "\n";
    }
    if (an.events.empty()) std::cout << "    (none)\n";
  }
  return kExitOk;
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
            << "  non-actors     " << lex->non_actors.size() << "\n"
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
  code_cmd->add_option("-o,--output", code.output, "Write output here instead of stdout");
  code_cmd->add_option("--format", code.format, "Event output format")
      ->check(CLI::IsMember({"jsonl", "tsv"}))
      ->capture_default_str();
  code.AddInputs(code_cmd);  // inputs, --input-format (batch_cli.h)
  code_cmd->add_flag("--sentences", code.sentences, "Debug view: write sentences, not events");
  code_cmd->add_flag("--tokens", code.tokens,
                     "Debug view: write tokens with keys and clitic candidates");
  code.AddThreads(code_cmd);
  code.AddRun(code_cmd);  // --data, --date, … --summary

  CLI::App* version_cmd = app.add_subcommand("version", "Print the version");
  ExplainFlags explain;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain", "Show how one sentence is coded: tokens, keys, actors, patterns, events and why");
  explain_cmd->add_option("sentence", explain.sentence, "The sentence (Arabic or Persian)")
      ->required();
  explain_cmd->add_option("--lang", explain.lang, "ar or fa (default: detected)");
  explain_cmd->add_option("--date", explain.date,
                          "The article's date, to resolve relative dates and offices");
  explain_cmd->add_option("--data", explain.data,
                          "Data directory (default: $RASAD_DATA or the built-in one)");
  DyadFlags dyad;
  CLI::App* dyad_cmd = app.add_subcommand(
      "dyad", "Summarise coded events of one pair of countries by year or month (both directions)");
  dyad_cmd->add_option("a", dyad.a, "A country code (RUS)")->required();
  dyad_cmd->add_option("b", dyad.b, "The other country code (AZE)")->required();
  dyad_cmd->add_option("events", dyad.inputs, "Event files from rasad code (default: stdin)");
  dyad_cmd->add_option("--by", dyad.by, "Period")
      ->check(CLI::IsMember({"year", "month"}))
      ->capture_default_str();
  EvalFlags eval;
  CLI::App* eval_cmd = app.add_subcommand(
      "eval", "Precision, recall and F1 of the coder on gold files (tests/gold/ar.tsv, fa.tsv)");
  eval_cmd->add_option("gold", eval.gold, "Gold files, named by language (ar.tsv, fa.tsv)")
      ->required();
  eval_cmd->add_option("--data", eval.data,
                       "Data directory (default: $RASAD_DATA or the built-in one)");
  eval_cmd->add_option("--floor", eval.floor,
                       "Fail (exit 4) when a score is below this file's floors");
  eval_cmd
      ->add_option("--articles", eval.articles,
                   "Files or folders with the gold sentences' articles (JSON Lines, by id): "
                   "each sentence is then coded in its article, after its earlier text")
      ->check(CLI::ExistingPath);
  eval_cmd->add_flag("--errors", eval.errors,
                     "List every sentence with a missed or spurious event");
  std::string check_data_dir;
  CLI::App* check_cmd = app.add_subcommand(
      "check-data", "Validate every data file (dictionaries, patterns, code tables)");
  check_cmd->add_option("--data", check_data_dir,
                        "Data directory (default: $RASAD_DATA or the built-in one)");

  rasad_cli::StoreCommands store_commands(app);  // ingest, query, timeline, export
  rasad_cli::ServeFlags serve;
  CLI::App* serve_cmd = rasad_cli::AddServeCommand(app, &serve);  // serve (cmd_serve.cc)

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
  if (auto rc = store_commands.Run()) return *rc;
  if (serve_cmd->parsed()) return rasad_cli::RunServe(serve);
  if (code_cmd->parsed()) return RunCode(code);
  if (check_cmd->parsed()) return RunCheckData(check_data_dir);
  if (explain_cmd->parsed()) return RunExplain(explain);
  if (eval_cmd->parsed()) return RunEval(eval);
  if (dyad_cmd->parsed()) return RunDyad(dyad);
  return kExitUsage;
}
