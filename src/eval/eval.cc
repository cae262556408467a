// Scoring the event coder against the gold files. Reading order: parsing the gold file, matching
// one sentence's events (multisets at two levels, then dates), the whole evaluation, the report
// table, and the floors CI checks.
#include "rasad/eval.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <utility>

#include "rasad/lexicon.h"

namespace rasad {
namespace {

// ---------------------------------------------------------------- parsing the gold file

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsCapital(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Actor codes as in data/README.md: three capitals, then capitals or digits (RUS, RUSGOV, IGOG20).
bool IsGoldActorCode(std::string_view s) {
  if (s.size() < 3) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsCapital(s[i]) && (i < 3 || !IsDigit(s[i]))) return false;
  }
  return true;
}

// CAMEO codes: two to four digits ("04" is a root, "042" a code, "0311" a sub-code).
bool IsGoldCameoCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 4) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// One event, "SRC>TGT:CODE@DATE". On error returns a message naming the event.
StatusOr<GoldEvent> ParseGoldEvent(std::string_view s) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("event '" + std::string(s) + "': " + why);
  };
  size_t gt = s.find('>');
  size_t colon = s.find(':', gt == std::string_view::npos ? 0 : gt);
  size_t at = s.find('@', colon == std::string_view::npos ? 0 : colon);
  if (gt == std::string_view::npos || colon == std::string_view::npos ||
      at == std::string_view::npos) {
    return bad("want SOURCE>TARGET:CODE@DATE");
  }
  GoldEvent e;
  e.source = std::string(s.substr(0, gt));
  e.target = std::string(s.substr(gt + 1, colon - gt - 1));
  e.code = std::string(s.substr(colon + 1, at - colon - 1));
  if (!IsGoldActorCode(e.source)) return bad("bad source actor code '" + e.source + "'");
  if (!IsGoldActorCode(e.target)) return bad("bad target actor code '" + e.target + "'");
  if (!IsGoldCameoCode(e.code)) return bad("bad CAMEO code '" + e.code + "' (want 2-4 digits)");
  auto date = ParseDate(s.substr(at + 1));
  if (!date.ok()) return bad(date.status().message());
  e.date = *date;
  return e;
}

// The events column: "-" or events joined by ";" (spaces around it are optional). Every bad event
// of the line is named, so one pass over the file shows all mistakes.
Status ParseGoldEvents(std::string_view column, std::vector<GoldEvent>* events) {
  if (column.empty()) return InvalidArgument("empty events column (write '-' for no event)");
  if (column == "-") return Status::Ok();
  std::string errors;
  size_t p = 0;
  while (p <= column.size()) {
    size_t semi = column.find(';', p);
    std::string_view part =
        TrimSpaces(column.substr(p, semi == std::string_view::npos ? semi : semi - p));
    p = semi == std::string_view::npos ? column.size() + 1 : semi + 1;
    Status s;
    if (part.empty()) {
      s = InvalidArgument("empty event between ';'");
    } else {
      auto e = ParseGoldEvent(part);
      if (e.ok()) {
        events->push_back(std::move(*e));
      } else {
        s = e.status();
      }
    }
    if (!s.ok()) errors += (errors.empty() ? "" : "; ") + s.message();
  }
  if (!errors.empty()) return InvalidArgument(errors);
  return Status::Ok();
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError(path + ": read error");
  return ss.str();
}

// ---------------------------------------------------------------- matching one sentence

// One event reduced to what is scored.
struct Scored {
  std::string level1, level2;  // "RUS>AZE:04", "RUSGOV>AZE:042"
  std::string root;            // "04"
  Date date;
};

Scored MakeScored(std::string_view source, std::string_view target, std::string_view code,
                  const Date& date) {
  Scored s;
  s.root = std::string(code.substr(0, 2));
  s.level1 = ActorCountry(source) + ">" + ActorCountry(target) + ":" + s.root;
  s.level2 = std::string(source) + ">" + std::string(target) + ":" + std::string(code);
  s.date = date;
  return s;
}

// Multiset counts of one key: how often the coder predicted it and how often the gold has it.
struct KeyCounts {
  size_t predicted = 0, expected = 0;
  std::vector<Date> predicted_dates, expected_dates;
  size_t tp() const { return std::min(predicted, expected); }
  size_t fp() const { return predicted - tp(); }
  size_t fn() const { return expected - tp(); }
};

void AddCounts(const KeyCounts& k, Counts* c) {
  c->tp += k.tp();
  c->fp += k.fp();
  c->fn += k.fn();
}

// Among the level-1 matches of one key, pairs predicted and gold events so that as many dates as
// possible are equal; that is the size of the multiset intersection of the two date lists (never
// more than tp, since each list is no shorter than it).
size_t EqualDatePairs(const KeyCounts& k) {
  std::vector<bool> used(k.expected_dates.size(), false);
  size_t equal = 0;
  for (const Date& d : k.predicted_dates) {
    for (size_t i = 0; i < k.expected_dates.size(); ++i) {
      if (!used[i] && k.expected_dates[i] == d) {
        used[i] = true;
        ++equal;
        break;
      }
    }
  }
  return equal;
}

std::string Level2WithDate(std::string_view source, std::string_view target, std::string_view code,
                           const Date& date) {
  return std::string(source) + ">" + std::string(target) + ":" + std::string(code) + "@" +
         date.ToString();
}

// Scores one sentence into `report` and returns what it got wrong.
SentenceResult ScoreSentence(const GoldSentence& gold, const std::vector<const Event*>& predicted,
                             EvalReport* report) {
  SentenceResult result;
  result.gold = &gold;
  std::map<std::string, KeyCounts> level1, level2;
  std::map<std::string, std::string> root_of;  // level-1 key → root
  for (const Event* e : predicted) {
    Scored s = MakeScored(e->source, e->target, e->code, e->date);
    KeyCounts& k1 = level1[s.level1];
    ++k1.predicted;
    k1.predicted_dates.push_back(s.date);
    ++level2[s.level2].predicted;
    root_of[s.level1] = s.root;
    result.predicted.push_back(Level2WithDate(e->source, e->target, e->code, e->date));
  }
  for (const GoldEvent& e : gold.events) {
    Scored s = MakeScored(e.source, e.target, e.code, e.date);
    KeyCounts& k1 = level1[s.level1];
    ++k1.expected;
    k1.expected_dates.push_back(s.date);
    ++level2[s.level2].expected;
    root_of[s.level1] = s.root;
    result.expected.push_back(Level2WithDate(e.source, e.target, e.code, e.date));
  }
  for (const auto& [key, k] : level1) {
    AddCounts(k, &report->level1);
    AddCounts(k, &report->level1_by_root[root_of[key]]);
    result.missed += k.fn();
    result.spurious += k.fp();
    report->dates_total += k.tp();
    report->dates_correct += EqualDatePairs(k);
  }
  for (const auto& [key, k] : level2) AddCounts(k, &report->level2);
  return result;
}

// ---------------------------------------------------------------- the report table

std::string Format(const char* fmt, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, a);
  return buf;
}

std::string CountsRow(const std::string& label, const Counts& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-10s %6.3f %6.3f %6.3f %6zu %6zu %6zu\n", label.c_str(),
                c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn);
  return buf;
}

std::string CountsHeader(const char* first) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-10s %6s %6s %6s %6s %6s %6s\n", first, "P", "R", "F1", "tp",
                "fp", "fn");
  return buf;
}

std::string JoinEvents(const std::vector<std::string>& events) {
  if (events.empty()) return "-";
  std::string out;
  for (const auto& e : events) out += (out.empty() ? "" : " ; ") + e;
  return out;
}

void AppendErrors(const EvalReport& report, std::string& out) {
  out += "\nsentences with a missed or spurious event (level 1):\n";
  size_t listed = 0;
  for (const SentenceResult& r : report.sentence_results) {
    if (r.missed == 0 && r.spurious == 0) continue;
    ++listed;
    out += "\n" + r.gold->id + "  (missed " + std::to_string(r.missed) + ", spurious " +
           std::to_string(r.spurious) + ")\n";
    out += "  sentence:  " + r.gold->text + "\n";
    out += "  expected:  " + JoinEvents(r.expected) + "\n";
    out += "  predicted: " + JoinEvents(r.predicted) + "\n";
  }
  if (listed == 0) out += "  none\n";
}

// ---------------------------------------------------------------- floors

const char* const kMetrics[] = {"level1_precision", "level1_recall", "level1_f1",
                                "level2_precision", "level2_recall", "level2_f1",
                                "date_accuracy"};

bool IsMetric(std::string_view m) {
  for (const char* k : kMetrics) {
    if (m == k) return true;
  }
  return false;
}

StatusOr<double> ParseFloorValue(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !(v >= 0 && v <= 1)) {
    return InvalidArgument("bad value '" + std::string(s) + "' (want a number from 0 to 1)");
  }
  return v;
}

}  // namespace

// ---------------------------------------------------------------- public functions

StatusOr<std::vector<GoldSentence>> ParseGold(std::string_view content, const std::string& name) {
  std::vector<GoldSentence> out;
  std::map<std::string, size_t, std::less<>> first_line;  // id → line, for duplicates
  Status s = ForEachTsvRow(content, name, 5, [&](const TsvRow& row) -> Status {
    GoldSentence g;
    g.line = row.line;
    g.id = std::string(row.cols[0]);
    g.article_id = std::string(row.cols[1]);
    g.text = std::string(row.cols[3]);
    if (g.id.empty()) return InvalidArgument("empty id");
    if (auto [it, fresh] = first_line.emplace(g.id, row.line); !fresh) {
      return InvalidArgument("duplicate id '" + g.id + "' (first at line " +
                             std::to_string(it->second) + ")");
    }
    if (g.text.empty()) return InvalidArgument("empty sentence");
    auto date = ParseDate(row.cols[2]);
    if (!date.ok()) return InvalidArgument("article_date: " + date.status().message());
    g.article_date = *date;
    Status events = ParseGoldEvents(row.cols[4], &g.events);
    if (!events.ok()) return events;
    out.push_back(std::move(g));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

StatusOr<std::vector<GoldSentence>> LoadGold(const std::string& path) {
  auto content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  return ParseGold(*content, path);
}

double Counts::precision() const {
  return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
}

double Counts::recall() const {
  return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
}

double Counts::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

EvalReport Evaluate(const std::vector<GoldSentence>& gold, Lang lang, const Pipeline& pipeline,
                    const std::string& name, const ArticleIndex* articles) {
  EvalReport report;
  report.name = name;
  report.lang = lang;
  report.sentences = gold.size();
  report.with_articles = articles != nullptr;
  AnalyzedArticle analyzed;
  StageTimes times;
  for (const GoldSentence& g : gold) {
    Article article;
    article.id = g.id;
    article.text = g.text;
    article.date = g.article_date;
    article.lang_hint = lang;
    // The sentence's bytes in the coded text: the whole text, or its place in the article.
    size_t from = 0, to = g.text.size();
    if (articles) {
      auto it = articles->find(g.article_id);
      if (it != articles->end()) {
        // The gold copies sentences with TAB as a space; so does the search (same length).
        std::string whole = it->second.text;
        std::replace(whole.begin(), whole.end(), '\t', ' ');
        size_t at = whole.find(g.text);
        if (at != std::string::npos) {
          // The text up to the end of the sentence: later text cannot change its events.
          article.text = whole.substr(0, at + g.text.size());
          from = at;
          to = at + g.text.size();
          ++report.in_article;
        }
      }
    }
    pipeline.Analyze(article, &analyzed, &times);
    std::vector<const Event*> predicted;
    for (const Event& e : analyzed.events) {
      if (e.negated) continue;  // the gold does not code negated events
      if (e.span_begin < from || e.span_begin >= to) continue;  // another sentence's
      predicted.push_back(&e);
    }
    report.sentence_results.push_back(ScoreSentence(g, predicted, &report));
  }
  return report;
}

std::string FormatReport(const EvalReport& report, bool list_errors) {
  std::string out = "gold " + report.name + " (" + LangCode(report.lang) + ", " +
                    std::to_string(report.sentences) + " sentences)\n\n";
  out += CountsHeader("");
  out += CountsRow("level 1", report.level1);
  out += CountsRow("level 2", report.level2);
  double date_share = report.dates_total == 0
                          ? 1.0
                          : static_cast<double>(report.dates_correct) / report.dates_total;
  out += "\n  dates      " + std::to_string(report.dates_correct) + "/" +
         std::to_string(report.dates_total) + " correct (" + Format("%.1f", 100 * date_share) +
         "%)\n";
  if (report.with_articles) {
    out += "  context    " + std::to_string(report.in_article) + "/" +
           std::to_string(report.sentences) +
           " sentences coded in their article (the rest alone)\n";
  }
  out += "\nlevel 1 by root code\n";
  out += CountsHeader("root");
  for (const auto& [root, counts] : report.level1_by_root) {
    if (counts.tp + counts.fp + counts.fn > 0) out += CountsRow(root, counts);
  }
  if (list_errors) AppendErrors(report, out);
  return out;
}

StatusOr<std::vector<Floor>> ParseFloors(std::string_view content, const std::string& name) {
  std::vector<Floor> out;
  std::map<std::pair<Lang, std::string>, size_t> first_line;  // for duplicates
  Status s = ForEachTsvRow(content, name, 3, [&](const TsvRow& row) -> Status {
    Floor f;
    if (row.cols[0] == "ar") {
      f.lang = Lang::kArabic;
    } else if (row.cols[0] == "fa") {
      f.lang = Lang::kPersian;
    } else {
      return InvalidArgument("bad language '" + std::string(row.cols[0]) + "' (want ar or fa)");
    }
    f.metric = std::string(row.cols[1]);
    if (!IsMetric(f.metric)) return InvalidArgument("unknown metric '" + f.metric + "'");
    auto value = ParseFloorValue(row.cols[2]);
    if (!value.ok()) return value.status();
    f.value = *value;
    if (auto [it, fresh] = first_line.emplace(std::make_pair(f.lang, f.metric), row.line); !fresh) {
      return InvalidArgument("second floor for " + std::string(row.cols[0]) + " " + f.metric +
                             " (first at line " + std::to_string(it->second) + ")");
    }
    out.push_back(std::move(f));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

double MetricValue(const EvalReport& report, std::string_view metric) {
  if (metric == "level1_precision") return report.level1.precision();
  if (metric == "level1_recall") return report.level1.recall();
  if (metric == "level1_f1") return report.level1.f1();
  if (metric == "level2_precision") return report.level2.precision();
  if (metric == "level2_recall") return report.level2.recall();
  if (metric == "level2_f1") return report.level2.f1();
  if (metric == "date_accuracy") {
    if (report.dates_total == 0) return 1.0;
    return static_cast<double>(report.dates_correct) / static_cast<double>(report.dates_total);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::vector<std::string> CheckFloors(const std::vector<EvalReport>& reports,
                                     const std::vector<Floor>& floors) {
  std::vector<std::string> failures;
  for (const Floor& f : floors) {
    std::string what = std::string(LangCode(f.lang)) + " " + f.metric;
    const EvalReport* report = nullptr;
    for (const EvalReport& r : reports) {
      if (r.lang == f.lang) report = &r;
    }
    // A floor nobody measured must fail: otherwise losing a gold file would pass CI silently.
    if (report == nullptr) {
      failures.push_back(what + ": no report for this language");
      continue;
    }
    double value = MetricValue(*report, f.metric);
    if (std::isnan(value)) {
      failures.push_back(what + ": unknown metric");
      continue;
    }
    // The small slack keeps a floor written as the measured value from failing on rounding noise.
    if (value < f.value - 1e-9) {
      failures.push_back(what + " " + Format("%.3f", value) + " < floor " +
                         Format("%.3f", f.value));
    }
  }
  return failures;
}

}  // namespace rasad
