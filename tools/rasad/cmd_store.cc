// rasad ingest / query / timeline / export: thin commands over the event store (rasad/store.h).
#include "cmd_store.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "batch_cli.h"
#include "rasad/coder.h"
#include "rasad/ingest.h"
#include "rasad/pipeline.h"
#include "rasad/store.h"
#include "rasad/utf8.h"

namespace rasad_cli {
namespace {

using rasad::Status;

// The filter flags shared by query, timeline and export.
struct FilterFlags {
  std::string actor, actor_b, country, code, root, from, to, lang, outlet, text;
  bool directed = false, negated = false;
  int quad = 0;

  void Add(CLI::App* cmd, bool with_actors, bool negated_flag = true) {
    if (with_actors) {
      cmd->add_option("--actor", actor,
                      "Source or target actor code starts with this (RUS, RUSGOV, IGO…)");
      cmd->add_option("--actor-b", actor_b,
                      "With --actor: the other side of the dyad (either direction)");
      cmd->add_flag("--directed", directed, "With --actor-b: --actor is the source only");
    }
    cmd->add_option("--country", country, "Source or target country (RUS, or an IGO code)");
    cmd->add_option("--code", code, "CAMEO event code prefix (04, 042, 0421)");
    cmd->add_option("--root", root, "CAMEO root code (two digits)");
    cmd->add_option("--quad", quad,
                    "Quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, "
                    "4 material conflict")
        ->check(CLI::Range(1, 4));
    cmd->add_option("--from", from, "First date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive");
    cmd->add_option("--to", to, "Last date, inclusive (a month or year covers all its days)");
    cmd->add_option("--lang", lang, "Language of the evidence (ar, fa)");
    cmd->add_option("--outlet", outlet, "Only events told by this outlet (the input's source)");
    cmd->add_option("--text", text,
                    "Full-text search of the evidence sentences (spelling variants and "
                    "clitics folded; word* for a prefix)");
    if (negated_flag) {
      cmd->add_flag("--include-negated", negated, "Also negated events (left out by default)");
    }
  }

  // Fills `f`; returns an error message, or "".
  std::string Fill(rasad::EventFilter* f) const {
    f->actor = actor;
    f->actor_b = actor_b;
    f->directed = directed;
    f->country = country;
    f->code = code;
    if (!root.empty()) {
      if (root.size() != 2) return "--root: two digits (04)";
      if (!code.empty() && code.rfind(root, 0) != 0) return "--root and --code disagree";
      if (code.empty()) f->code = root;
    }
    f->quad = quad;
    f->date_from = from;
    f->date_to = to;
    f->lang = lang;
    f->outlet = outlet;
    f->text = text;
    f->include_negated = negated;
    return "";
  }
};

struct IngestFlags : BatchFlags {
  std::string db;
  size_t chunk = 256;
  uint64_t bulk_events = 50000;
};

struct QueryFlags {
  std::string db;
  FilterFlags filter;
  std::string format = "table";
  int64_t limit = 100, offset = 0;
  bool newest_first = false;
  bool count = false;
};

struct TimelineFlags {
  std::string a, b;
  std::string db;
  std::string by = "year";
  std::string format = "table";
  FilterFlags filter;
  bool directed = false;
};

struct ExportFlags {
  std::string db;
  std::string format;
  std::string output = "-";
  bool header = false;
  FilterFlags filter;
};

rasad::StatusOr<std::unique_ptr<rasad::Store>> OpenForReading(const std::string& path);

}  // namespace

struct StoreCommands::Flags {
  IngestFlags ingest;
  QueryFlags query;
  TimelineFlags timeline;
  ExportFlags exp;
  CLI::App* ingest_cmd = nullptr;
  CLI::App* query_cmd = nullptr;
  CLI::App* timeline_cmd = nullptr;
  CLI::App* export_cmd = nullptr;
};

namespace {

int RunIngest(const IngestFlags& f) {
  using namespace rasad;
  BatchInputs in;
  if (int rc = in.Open(f, true); rc != kExitOk) return rc;
  auto store = Store::Open(f.db, true);
  if (!store.ok()) {
    std::cerr << "rasad: " << store.status().message() << "\n";
    return kExitCannotRun;
  }
  (*store)->set_bulk_load_events(f.bulk_events);
  Pipeline pipeline(&in.boilerplate, in.coder.get());
  BatchOptions batch;
  batch.threads = f.threads;
  batch.chunk_articles = f.chunk;

  BatchConsole console(f, &in, BatchConsole::Rate::kEvents);
  auto result =
      (*store)->Ingest(*in.reader, pipeline, batch, console.OnProblem(), console.OnProgress());
  console.EndProgress();
  if (!result.ok()) {
    std::cerr << "rasad: " << result.status().message()
              << "\nrasad: stopped; the store holds every article committed before this (run "
                 "again to finish)\n";
    return kExitCannotRun;
  }
  const IngestStats& st = *result;
  const BatchStats& stats = st.batch;
  if (!f.summary.empty()) {
    std::string j = "{\"articles_read\":" + std::to_string(stats.articles_read) +
                    ",\"articles_coded\":" + std::to_string(stats.articles_coded) +
                    ",\"articles_skipped\":" + std::to_string(stats.articles_skipped) +
                    ",\"articles_already\":" + std::to_string(st.articles_already) +
                    ",\"articles_new\":" + std::to_string(st.articles_new) +
                    ",\"unreadable\":" + std::to_string(stats.problems_skipped) +
                    ",\"warnings\":" + std::to_string(stats.warnings) +
                    ",\"sentences\":" + std::to_string(stats.sentences) +
                    ",\"events\":" + std::to_string(stats.events) +
                    ",\"events_new\":" + std::to_string(st.events_new) +
                    ",\"mentions_new\":" + std::to_string(st.mentions_new) + "}\n";
    if (int rc = WriteSummary(f.summary, j); rc != kExitOk) return rc;
  }
  if (!f.quiet) {
    double secs = console.Seconds();
    std::cerr << SummaryLineStart(stats) << ", " << FormatCount(st.articles_already)
              << " already stored, " << FormatCount(stats.problems_skipped) << " unreadable, "
              << FormatCount(stats.warnings) << " warnings; " << FormatCount(stats.events)
              << " events coded: " << FormatCount(st.events_new) << " new events, "
              << FormatCount(st.mentions_new) << " mentions stored in " << f.db << "; ";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f s\n", secs);
    std::cerr << buf;
  }
  return BatchExitCode(stats);
}

rasad::StatusOr<std::unique_ptr<rasad::Store>> OpenForReading(const std::string& path) {
  if (access(path.c_str(), F_OK) != 0) {
    return rasad::NotFound(path + ": no such store (create one with rasad ingest)");
  }
  return rasad::Store::Open(path, false);
}

// The first `n` code points of `s`, with "…" when cut; line breaks become spaces.
std::string Clip(std::string_view s, size_t n) {
  std::string out;
  size_t i = 0, count = 0;
  while (i < s.size()) {
    if (count == n) {
      out += "…";
      break;
    }
    size_t at = i;
    if (rasad::DecodeUtf8(s, i) < 0) continue;
    std::string_view ch = s.substr(at, i - at);
    out += (ch == "\n" || ch == "\t" || ch == "\r") ? std::string_view(" ") : ch;
    ++count;
  }
  return out;
}

int RunQuery(const QueryFlags& q) {
  using namespace rasad;
  EventFilter filter;
  if (std::string err = q.filter.Fill(&filter); !err.empty()) {
    std::cerr << "rasad: " << err << "\n";
    return kExitUsage;
  }
  filter.limit = q.limit <= 0 ? -1 : q.limit;
  filter.offset = q.offset;
  filter.newest_first = q.newest_first;
  auto store = OpenForReading(q.db);
  if (!store.ok()) {
    std::cerr << "rasad: " << store.status().message() << "\n";
    return kExitCannotRun;
  }
  auto total = (*store)->CountEvents(filter);
  if (!total.ok()) {
    std::cerr << "rasad: " << total.status().message() << "\n";
    return total.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitCannotRun;
  }
  if (q.count) {
    std::cout << *total << "\n";
    return kExitOk;
  }
  auto events = (*store)->Events(filter);
  if (!events.ok()) {
    std::cerr << "rasad: " << events.status().message() << "\n";
    return kExitCannotRun;
  }
  std::string out;
  if (q.format == "json" || q.format == "jsonl") {
    const bool array = q.format == "json";
    if (array) out += "[";
    for (size_t i = 0; i < events->size(); ++i) {
      if (array) out += i ? ",\n" : "\n";
      AppendStoredEventJson((*events)[i], out);
      if (!array) out += "\n";
    }
    if (array) out += events->empty() ? "]\n" : "\n]\n";
  } else if (q.format == "csv") {
    // The columns of `rasad export --format csv`.
    ExportOptions eo;
    eo.format = ExportFormat::kCsv;
    out += ExportHeader(ExportFormat::kCsv) + "\n";
    for (const StoredEvent& e : *events) AppendExportRow(e, eo, out);
  } else {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%7s  %-10s  %-10s  %-10s  %-5s %2s %6s %4s %4s %4s  %s\n", "id",
                  "date", "source", "target", "code", "q", "gold", "ment", "art", "src",
                  "evidence");
    out += buf;
    for (const StoredEvent& s : *events) {
      const Event& e = s.event;
      std::string flags;
      if (e.negated) flags += "[negated] ";
      if (e.intent) flags += "[intent] ";
      if (e.reported) flags += "[reported] ";
      std::snprintf(buf, sizeof buf, "%7lld  %-10s  %-10s  %-10s  %-5s %2d %6.1f %4u %4u %4u  ",
                    static_cast<long long>(s.id), e.date.ToString().c_str(), e.source.c_str(),
                    e.target.c_str(), e.code.c_str(), e.quad, e.goldstein, s.mentions, s.articles,
                    s.sources);
      out += buf;
      out += flags + Clip(e.text, 70) + "\n";
    }
    out += std::to_string(events->size()) + " of " + FormatCount(*total) + " events";
    if (q.offset > 0) out += " (from " + std::to_string(q.offset + 1) + ")";
    out += "\n";
  }
  std::cout << out;
  std::cout.flush();
  return std::cout ? kExitOk : kExitCannotRun;
}

int RunTimeline(const TimelineFlags& t) {
  using namespace rasad;
  EventFilter filter;
  if (std::string err = t.filter.Fill(&filter); !err.empty()) {
    std::cerr << "rasad: " << err << "\n";
    return kExitUsage;
  }
  filter.actor = t.a;
  filter.actor_b = t.b;
  filter.directed = t.directed;
  Period by = t.by == "day" ? Period::kDay : t.by == "month" ? Period::kMonth : Period::kYear;
  auto store = OpenForReading(t.db);
  if (!store.ok()) {
    std::cerr << "rasad: " << store.status().message() << "\n";
    return kExitCannotRun;
  }
  auto points = (*store)->Timeline(filter, by);
  if (!points.ok()) {
    std::cerr << "rasad: " << points.status().message() << "\n";
    return points.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitCannotRun;
  }
  std::string out;
  char buf[256];
  if (t.format == "json") {
    out += "[";
    for (size_t i = 0; i < points->size(); ++i) {
      const TimelinePoint& p = (*points)[i];
      out += i ? ",\n" : "\n";
      out += "{\"period\":";
      AppendJsonString(p.period, out);
      std::snprintf(buf, sizeof buf,
                    ",\"events\":%lld,\"quad\":[%lld,%lld,%lld,%lld],\"goldstein_sum\":%.4g,"
                    "\"goldstein_mean\":%.4g,\"net_cooperation\":%.4g}",
                    static_cast<long long>(p.events), static_cast<long long>(p.quad[0]),
                    static_cast<long long>(p.quad[1]), static_cast<long long>(p.quad[2]),
                    static_cast<long long>(p.quad[3]), p.goldstein_sum, p.goldstein_mean,
                    p.net_cooperation);
      out += buf;
    }
    out += points->empty() ? "]\n" : "\n]\n";
  } else if (t.format == "csv") {
    out +=
        "period,events,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,"
        "goldstein_sum,goldstein_mean,net_cooperation\n";
    for (const TimelinePoint& p : *points) {
      std::snprintf(buf, sizeof buf, "%s,%lld,%lld,%lld,%lld,%lld,%.4g,%.4g,%.4g\n",
                    p.period.c_str(), static_cast<long long>(p.events),
                    static_cast<long long>(p.quad[0]), static_cast<long long>(p.quad[1]),
                    static_cast<long long>(p.quad[2]), static_cast<long long>(p.quad[3]),
                    p.goldstein_sum, p.goldstein_mean, p.net_cooperation);
      out += buf;
    }
  } else {
    int64_t total = 0;
    for (const TimelinePoint& p : *points) total += p.events;
    // The layout of `rasad dyad`, plus the mean score and the net cooperation index.
    std::snprintf(buf, sizeof buf, "%s-%s by %s: %lld events\n", t.a.c_str(), t.b.c_str(),
                  t.by.c_str(), static_cast<long long>(total));
    out += buf;
    std::snprintf(buf, sizeof buf, "%-10s %8s %8s %8s %8s %10s %7s %6s  %s\n", "period", "v.coop",
                  "m.coop", "v.confl", "m.confl", "goldstein", "mean", "net", "balance");
    out += buf;
    for (const TimelinePoint& p : *points) {
      const char* balance = p.net_cooperation > 0   ? "cooperation"
                            : p.net_cooperation < 0 ? "conflict"
                                                    : "even";
      std::snprintf(buf, sizeof buf, "%-10s %8lld %8lld %8lld %8lld %10.1f %7.2f %+6.2f  %s\n",
                    p.period.c_str(), static_cast<long long>(p.quad[0]),
                    static_cast<long long>(p.quad[1]), static_cast<long long>(p.quad[2]),
                    static_cast<long long>(p.quad[3]), p.goldstein_sum, p.goldstein_mean,
                    p.net_cooperation, balance);
      out += buf;
    }
  }
  std::cout << out;
  std::cout.flush();
  return std::cout ? kExitOk : kExitCannotRun;
}

int RunExport(const ExportFlags& x) {
  using namespace rasad;
  EventFilter filter;
  if (std::string err = x.filter.Fill(&filter); !err.empty()) {
    std::cerr << "rasad: " << err << "\n";
    return kExitUsage;
  }
  filter.limit = -1;
  filter.include_negated = true;  // a whole table: negated events are in it, flagged
  ExportOptions options;
  options.header = x.header;
  if (x.format == "gdelt") options.format = ExportFormat::kGdelt;
  if (x.format == "phoenix") options.format = ExportFormat::kPhoenix;
  if (x.format == "plover") options.format = ExportFormat::kPlover;
  if (x.format == "csv") options.format = ExportFormat::kCsv;
  if (x.format == "jsonl") options.format = ExportFormat::kJsonl;
  auto store = OpenForReading(x.db);
  if (!store.ok()) {
    std::cerr << "rasad: " << store.status().message() << "\n";
    return kExitCannotRun;
  }
  std::FILE* out = stdout;
  if (x.output != "-") {
    out = std::fopen(x.output.c_str(), "wb");
    if (!out) {
      std::cerr << "rasad: cannot write " << x.output << ": " << std::strerror(errno) << "\n";
      return kExitCannotRun;
    }
  }
  const std::string where = x.output == "-" ? "standard output" : x.output;
  auto stats = ExportEvents(**store, filter, options, [&](std::string_view chunk) -> Status {
    if (std::fwrite(chunk.data(), 1, chunk.size(), out) != chunk.size()) {
      return IoError("writing " + where + ": " + std::strerror(errno));
    }
    return Status::Ok();
  });
  bool failed = std::fflush(out) != 0 || std::ferror(out);
  if (out != stdout) failed |= std::fclose(out) != 0;
  if (!stats.ok()) {
    std::cerr << "rasad: " << stats.status().message() << "\n";
    return stats.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitCannotRun;
  }
  if (failed) {
    std::cerr << "rasad: error writing " << where << "\n";
    return kExitCannotRun;
  }
  if (x.output != "-") {
    std::cerr << "rasad: " << FormatCount(stats->rows) << " events written to " << x.output;
    if (stats->left_out > 0) {
      std::cerr << " (" << FormatCount(stats->left_out) << " without a PLOVER type left out)";
    }
    std::cerr << "\n";
  }
  return kExitOk;
}

}  // namespace

StoreCommands::StoreCommands(CLI::App& app) : f_(std::make_unique<Flags>()) {
  Flags& f = *f_;
  IngestFlags& in = f.ingest;
  f.ingest_cmd = app.add_subcommand(
      "ingest", "Code articles into an event store (SQLite); a re-run adds only what is new");
  CLI::App* c = f.ingest_cmd;
  c->add_option("--db", in.db, "The store (created when missing)")->required();
  in.AddInputs(c);  // inputs, --input-format (batch_cli.h)
  in.AddThreads(c);
  c->add_option("--chunk", in.chunk,
                "Articles coded at once (written in transactions of about a second)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  c->add_option("--bulk-events", in.bulk_events,
                "Switch to bulk loading (events indexes built once at the end) after this many "
                "new events, if at least as many as the store held; 0: never")
      ->capture_default_str();
  in.AddRun(c);  // --data, --date, … --summary

  QueryFlags& q = f.query;
  f.query_cmd = app.add_subcommand("query", "List stored events matching filters");
  c = f.query_cmd;
  c->add_option("--db", q.db, "The store")->required();
  q.filter.Add(c, true);
  c->add_option("--format", q.format,
                "table (readable), json (one JSON array), jsonl (one object a line), csv "
                "(with a header)")
      ->check(CLI::IsMember({"table", "json", "jsonl", "csv"}))
      ->capture_default_str();
  c->add_option("--limit", q.limit, "At most this many events (0: all)")->capture_default_str();
  c->add_option("--offset", q.offset, "Skip this many first")->capture_default_str();
  c->add_flag("--newest-first", q.newest_first, "Latest events first");
  c->add_flag("--count", q.count, "Print only the number of matching events");

  TimelineFlags& t = f.timeline;
  f.timeline_cmd = app.add_subcommand(
      "timeline",
      "Per period: quad-class counts, Goldstein sum and mean, net cooperation of one dyad");
  c = f.timeline_cmd;
  c->add_option("a", t.a, "One side: a country (RUS) or an actor-code prefix (RUSGOV, IGO…)")
      ->required();
  c->add_option("b", t.b, "The other side")->required();
  c->add_option("--db", t.db, "The store")->required();
  c->add_option("--by", t.by, "Period")
      ->check(CLI::IsMember({"day", "month", "year"}))
      ->capture_default_str();
  c->add_option("--format", t.format, "table, csv (with a header) or json (one JSON array)")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  c->add_flag("--directed", t.directed, "Only events from a to b");
  t.filter.Add(c, false);

  ExportFlags& x = f.exp;
  f.export_cmd = app.add_subcommand(
      "export", "Write stored events as GDELT, Phoenix, PLOVER, CSV or JSON Lines (streamed)");
  c = f.export_cmd;
  c->add_option("--db", x.db, "The store")->required();
  c->add_option("--format", x.format, "Layout (README.md, Export formats)")
      ->check(CLI::IsMember({"gdelt", "phoenix", "plover", "csv", "jsonl"}))
      ->required();
  c->add_option("-o,--output", x.output, "Write here instead of stdout");
  c->add_flag("--header", x.header, "gdelt, phoenix: write a header row (they have none)");
  x.filter.Add(c, true, false);
}

StoreCommands::~StoreCommands() = default;

std::optional<int> StoreCommands::Run() {
  Flags& f = *f_;
  if (f.ingest_cmd->parsed()) return RunIngest(f.ingest);
  if (f.query_cmd->parsed()) return RunQuery(f.query);
  if (f.timeline_cmd->parsed()) return RunTimeline(f.timeline);
  if (f.export_cmd->parsed()) return RunExport(f.exp);
  return std::nullopt;
}

}  // namespace rasad_cli
