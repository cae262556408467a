// rasad_bench: how fast the coder runs, measured honestly (bench/RESULTS.md says how to read it).
//
// Every measurement runs in a child process of its own (fork), so that each reports its own peak
// resident memory and starts cold: no page, allocation or ICU calendar is shared between runs.
// The parent only parses options, collects the children's numbers and prints the tables.
//
// What is measured, per corpus (SaudiNewsNet, Fars News) and per slice (the first 10, 50 and
// 100 % of its articles):
//   raw pass   read + decompress + JSON + UTF-8 decode + split into words: the floor.
//   coder      the whole `rasad code` path into JSON Lines (ingest, language, keys and tokens,
//              sentences, actors, patterns, dates, output), on 1 and 2 threads.
//   stages     a separate one-thread pass that times each stage on its own (the coder's inner
//              stages — dates, actors, events — by calling them apart; see StagePass).
// Then the dictionaries grown 10x with synthetic entries, start-up, and the event store.
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "rasad/actors.h"
#include "rasad/coder.h"
#include "rasad/ingest.h"
#include "rasad/language.h"
#include "rasad/lexicon.h"
#include "rasad/pipeline.h"
#include "rasad/store.h"
#include "rasad/text.h"
#include "rasad/time.h"
#include "rasad/utf8.h"

namespace rasad {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ------------------------------------------------------------------ results passed from children

// A child's answer: named numbers, written as "name=value" lines into a pipe.
using Numbers = std::map<std::string, double>;

struct ChildResult {
  bool ok = false;
  std::string error;
  Numbers n;
  double peak_rss_mb = 0;
  double cpu_s = 0;  // user + system time of the child
};

// Cores kept busy by other processes over half a second (from /proc/stat; call it while this
// process is idle). -1 when unknown.
double BusyCores() {
  auto sample = [](uint64_t* busy, uint64_t* total) {
    std::ifstream in("/proc/stat");
    std::string cpu;
    uint64_t v[8] = {0};
    in >> cpu;
    for (uint64_t& x : v) in >> x;
    if (!in || cpu != "cpu") return false;
    *total = v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7];
    *busy = *total - v[3] - v[4];  // all but idle and iowait
    return true;
  };
  uint64_t b0, t0, b1, t1;
  if (!sample(&b0, &t0)) return -1;
  usleep(500000);
  if (!sample(&b1, &t1) || t1 == t0) return -1;
  return static_cast<double>(b1 - b0) / (t1 - t0) * sysconf(_SC_NPROCESSORS_ONLN);
}

// Waits up to `max_s` seconds for the other processes to leave the cores (under 0.15 of a core
// busy); returns the busy cores last seen.
double WaitQuiet(double max_s) {
  double busy = BusyCores();
  for (double waited = 0; busy > 0.15 && waited < max_s; waited += 1.5) {
    sleep(1);
    busy = BusyCores();
  }
  return busy;
}

double g_wait_quiet_s = 0;  // --wait-quiet
double g_busy_max = 0;      // the most cores that others kept busy just before a run

// Runs `fn` in a child process and returns what it reported, with the child's peak RSS and CPU
// time from wait4(). `fn` returns an error message, or "" on success.
ChildResult RunChild(const std::function<std::string(Numbers*)>& fn) {
  ChildResult r;
  if (g_wait_quiet_s > 0) g_busy_max = std::max(g_busy_max, WaitQuiet(g_wait_quiet_s));
  int fds[2];
  if (pipe(fds) != 0) {
    r.error = "pipe failed";
    return r;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    r.error = "fork failed";
    return r;
  }
  if (pid == 0) {
    close(fds[0]);
    Numbers n;
    std::string err = fn(&n);
    std::string out;
    if (!err.empty()) {
      out = "error=" + err + "\n";
    } else {
      char buf[64];
      for (const auto& [k, v] : n) {
        std::snprintf(buf, sizeof(buf), "%.9g", v);
        out += k + "=" + buf + "\n";
      }
    }
    size_t done = 0;
    while (done < out.size()) {
      ssize_t w = write(fds[1], out.data() + done, out.size() - done);
      if (w <= 0) break;
      done += static_cast<size_t>(w);
    }
    close(fds[1]);
    std::fflush(stdout);
    _exit(err.empty() ? 0 : 1);
  }
  close(fds[1]);
  std::string text;
  char buf[4096];
  ssize_t got;
  while ((got = read(fds[0], buf, sizeof(buf))) > 0) text.append(buf, static_cast<size_t>(got));
  close(fds[0]);
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  r.peak_rss_mb = ru.ru_maxrss / 1024.0;
  r.cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
            ru.ru_stime.tv_usec / 1e6;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "error") {
      r.error = v;
    } else {
      r.n[k] = std::strtod(v.c_str(), nullptr);
    }
  }
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && r.error.empty();
  if (!r.ok && r.error.empty()) r.error = "child failed (status " + std::to_string(status) + ")";
  return r;
}

// ------------------------------------------------------------------ input

// Reads at most `limit` articles (0: all) from another reader.
class LimitReader : public ArticleReader {
 public:
  LimitReader(std::unique_ptr<ArticleReader> inner, uint64_t limit)
      : inner_(std::move(inner)), limit_(limit) {}
  bool Next(Article* article, std::vector<IngestProblem>* problems) override {
    if (limit_ != 0 && count_ >= limit_) return false;
    if (!inner_->Next(article, problems)) return false;
    ++count_;
    return true;
  }
  uint64_t bytes_done() const override { return inner_->bytes_done(); }
  uint64_t bytes_total() const override { return inner_->bytes_total(); }

 private:
  std::unique_ptr<ArticleReader> inner_;
  uint64_t limit_;
  uint64_t count_ = 0;
};

StatusOr<std::unique_ptr<ArticleReader>> OpenInput(const std::string& path, uint64_t limit) {
  auto r = ArticleReader::Open({path}, IngestOptions(), nullptr);
  if (!r.ok()) return r.status();
  return std::unique_ptr<ArticleReader>(new LimitReader(std::move(r).value(), limit));
}

// ------------------------------------------------------------------ the raw pass

// Whitespace and the punctuation that separates words; everything else is part of a word.
bool IsSeparator(int32_t cp) {
  if (cp < 0x80) {
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  }
  switch (cp) {
    case 0x00A0:  // no-break space
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0x060C:  // ،
    case 0x061B:  // ؛
    case 0x061F:  // ؟
    case 0x06D4:  // ۔
    case 0x200B:
    case 0x200E:
    case 0x200F:
    case 0x2013:
    case 0x2014:
    case 0x201C:
    case 0x201D:
    case 0x2026:
      return true;
    default:
      return false;
  }
}

// Read + decompress + parse JSON + decode UTF-8 + split into words, doing nothing else: the
// floor under any coder that reads the same input.
std::string RawPass(const std::string& path, uint64_t limit, Numbers* n) {
  double t0 = Now();
  auto reader = OpenInput(path, limit);
  if (!reader.ok()) return reader.status().ToString();
  Article a;
  std::vector<IngestProblem> problems;
  uint64_t articles = 0, bytes = 0, words = 0;
  double read_s = 0;
  while (true) {
    double r0 = Now();
    bool more = (*reader)->Next(&a, &problems);
    read_s += Now() - r0;
    if (!more) break;
    ++articles;
    bytes += a.text.size();
    std::string_view t = a.text;
    bool in_word = false;
    for (size_t i = 0; i < t.size();) {
      int32_t cp = DecodeUtf8(t, i);
      bool sep = cp < 0 || IsSeparator(cp);
      if (!sep && !in_word) ++words;
      in_word = !sep;
    }
  }
  (*n)["seconds"] = Now() - t0;
  (*n)["read_seconds"] = read_s;
  (*n)["articles"] = static_cast<double>(articles);
  (*n)["bytes"] = static_cast<double>(bytes);
  (*n)["words"] = static_cast<double>(words);
  return "";
}

// ------------------------------------------------------------------ dictionaries grown n-fold

constexpr std::string_view kArabicLetters[] = {
    "\xD8\xA7", "\xD8\xA8", "\xD8\xAA", "\xD8\xAB", "\xD8\xAC", "\xD8\xAD", "\xD8\xAE",
    "\xD8\xAF", "\xD8\xB0", "\xD8\xB1", "\xD8\xB2", "\xD8\xB3", "\xD8\xB4", "\xD8\xB5",
    "\xD8\xB6", "\xD8\xB7", "\xD8\xB8", "\xD8\xB9", "\xD8\xBA", "\xD9\x81", "\xD9\x82",
    "\xD9\x83", "\xD9\x84", "\xD9\x85", "\xD9\x86", "\xD9\x87", "\xD9\x88", "\xD9\x8A"};
constexpr std::string_view kPersianOnly[] = {"\xD9\xBE", "\xDA\x86", "\xDA\x98",
                                             "\xDA\xAF", "\xDA\xA9", "\xDB\x8C"};

class Synth {
 public:
  explicit Synth(uint64_t seed) : rng_(seed) {}
  size_t Uniform(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  // A made-up word of 6 to 9 letters: long enough not to be a real word by chance.
  std::string Word(bool persian) {
    std::string w;
    size_t len = 6 + Uniform(4);
    for (size_t i = 0; i < len; ++i) {
      if (persian && Uniform(5) == 0) {
        w += kPersianOnly[Uniform(std::size(kPersianOnly))];
      } else {
        w += kArabicLetters[Uniform(std::size(kArabicLetters))];
      }
    }
    return w;
  }
  // A phrase of `words` words; with probability 1/2 its first word is one of `real_first` (words
  // that start real entries) and then at least one made-up word follows, so that the synthetic
  // entries share the matchers' busy branches without being real entries themselves.
  std::string Phrase(size_t words, bool persian, const std::vector<std::string>& real_first) {
    std::string p;
    const bool real = !real_first.empty() && Uniform(2) == 0;
    if (real && words < 2) words = 2;
    for (size_t i = 0; i < words; ++i) {
      if (i > 0) p += ' ';
      if (i == 0 && real) {
        p += real_first[Uniform(real_first.size())];
      } else {
        p += Word(persian);
      }
    }
    return p;
  }

 private:
  std::mt19937_64 rng_;
};

std::string FirstWord(const std::string& s) { return s.substr(0, s.find(' ')); }

// Adds synthetic actors (people with offices, organizations, places) and event patterns until
// the actor aliases and the patterns number `factor` times the real ones.
void GrowLexicon(Lexicon* lex, double factor, uint64_t seed) {
  Synth s(seed);
  const size_t aliases = ActorDictionary::Build(*lex)->alias_count();
  const size_t patterns = lex->patterns.size();
  std::vector<std::string> first_ar, first_fa, trig_first_ar, trig_first_fa, codes, countries;
  for (const auto& p : lex->people) {
    for (const auto& a : p.aliases_ar) first_ar.push_back(FirstWord(a));
    for (const auto& a : p.aliases_fa) first_fa.push_back(FirstWord(a));
  }
  for (const auto& ag : lex->agents) {
    (ag.lang == Lang::kPersian ? first_fa : first_ar).push_back(FirstWord(ag.phrase));
  }
  for (const auto& p : lex->patterns) {
    for (const auto& t : p.triggers) {
      if (t.empty() || t[0] == '+') continue;
      (p.lang == Lang::kPersian ? trig_first_fa : trig_first_ar).push_back(FirstWord(t));
    }
    codes.push_back(p.code);
  }
  for (const auto& c : lex->countries) countries.push_back(c.code);
  // Actors: each synthetic entry has one Arabic and one Persian alias of one to three words.
  size_t want = static_cast<size_t>(aliases * (factor - 1));
  for (size_t i = 0; i * 2 < want; ++i) {
    size_t words = 1 + s.Uniform(3);
    std::string ar = s.Phrase(words, false, first_ar), fa = s.Phrase(words, true, first_fa);
    switch (i % 4) {
      case 0:
      case 1: {  // a person with an office
        PersonEntry p;
        p.id = "synthetic" + std::to_string(i);
        p.name_en = p.id;
        p.aliases_ar = {ar};
        p.aliases_fa = {fa};
        lex->people.push_back(p);
        TenureEntry t;
        t.person_id = p.id;
        t.actor_code = countries[s.Uniform(countries.size())] + "GOV";
        t.office_en = "minister";
        t.start.year = 1990;
        t.start.precision = DatePrecision::kYear;
        lex->tenures.push_back(t);
        break;
      }
      case 2: {
        OrganizationEntry o;
        o.code = countries[s.Uniform(countries.size())] + "BUS";
        o.name_en = "synthetic organization " + std::to_string(i);
        o.aliases_ar = {ar};
        o.aliases_fa = {fa};
        lex->organizations.push_back(o);
        break;
      }
      default: {
        PlaceEntry pl;
        pl.name_en = "synthetic place " + std::to_string(i);
        pl.country = countries[s.Uniform(countries.size())];
        pl.kind = "city";
        pl.aliases_ar = {ar};
        pl.aliases_fa = {fa};
        lex->places.push_back(pl);
        break;
      }
    }
  }
  // Patterns: verbs and nouns with one to three trigger alternatives of one or two words.
  size_t want_patterns = static_cast<size_t>(patterns * (factor - 1));
  for (size_t i = 0; i < want_patterns; ++i) {
    const PatternEntry& model = lex->patterns[s.Uniform(patterns)];
    PatternEntry p;
    p.code = codes[s.Uniform(codes.size())];
    p.lang = model.lang;
    p.noun = model.noun;
    p.target_preps = model.target_preps;
    p.target_obj = model.target_obj;
    const bool fa = p.lang == Lang::kPersian;
    size_t alternatives = 1 + s.Uniform(3);
    for (size_t k = 0; k < alternatives; ++k) {
      p.triggers.push_back(s.Phrase(1 + s.Uniform(2), fa, fa ? trig_first_fa : trig_first_ar));
    }
    lex->patterns.push_back(p);
  }
}

// ------------------------------------------------------------------ the coder, end to end

struct Dicts {
  std::unique_ptr<Coder> coder;
  std::unique_ptr<Boilerplate> boilerplate;
  double load_s = 0, compile_s = 0;
  size_t aliases = 0, patterns = 0;
};

std::string LoadDicts(const std::string& data_dir, double factor, Dicts* d) {
  double t0 = Now();
  auto lex = Lexicon::Load(data_dir);
  if (!lex.ok()) return lex.status().ToString();
  auto bp = Boilerplate::Load(data_dir + "/ingest/boilerplate.tsv");
  if (!bp.ok()) return bp.status().ToString();
  d->boilerplate = std::make_unique<Boilerplate>(std::move(bp).value());
  double t1 = Now();
  d->load_s = t1 - t0;
  Lexicon l = std::move(lex).value();
  if (factor > 1) GrowLexicon(&l, factor, 20150721);
  d->patterns = l.patterns.size();
  d->aliases = ActorDictionary::Build(l)->alias_count();  // freed before the coder is built
  double t2 = Now();
  d->coder = std::make_unique<Coder>(std::move(l));
  d->compile_s = Now() - t2;
  return "";
}

std::string CodePass(const std::string& path, uint64_t limit, int threads,
                     const std::string& data_dir, double factor, Numbers* n) {
  double t_start = Now();
  Dicts d;
  if (std::string e = LoadDicts(data_dir, factor, &d); !e.empty()) return e;
  double t_ready = Now();
  auto reader = OpenInput(path, limit);
  if (!reader.ok()) return reader.status().ToString();
  Pipeline pipeline(d.boilerplate.get(), d.coder.get());
  BatchOptions options;
  options.threads = threads;
  options.output = OutputKind::kEvents;
  FILE* out = std::fopen("/dev/null", "w");
  if (out == nullptr) return "cannot open /dev/null";
  uint64_t out_bytes = 0;
  double t0 = Now();
  BatchStats stats = RunBatch(
      **reader, pipeline, options,
      [&](const std::string& chunk) {
        std::fwrite(chunk.data(), 1, chunk.size(), out);
        out_bytes += chunk.size();
      },
      [](const IngestProblem&) {}, [](const BatchStats&) {});
  std::fflush(out);
  double seconds = Now() - t0;
  std::fclose(out);
  (*n)["seconds"] = seconds;
  (*n)["startup_seconds"] = t_ready - t_start;
  (*n)["load_seconds"] = d.load_s;
  (*n)["compile_seconds"] = d.compile_s;
  (*n)["aliases"] = static_cast<double>(d.aliases);
  (*n)["patterns"] = static_cast<double>(d.patterns);
  (*n)["articles"] = static_cast<double>(stats.articles_read);
  (*n)["coded"] = static_cast<double>(stats.articles_coded);
  (*n)["bytes"] = static_cast<double>(stats.text_bytes);
  (*n)["sentences"] = static_cast<double>(stats.sentences);
  (*n)["tokens"] = static_cast<double>(stats.tokens);
  (*n)["events"] = static_cast<double>(stats.events);
  (*n)["output_bytes"] = static_cast<double>(out_bytes);
  (*n)["read_seconds"] = stats.read_ns / 1e9;
  (*n)["language_seconds"] = stats.times.language_ns / 1e9;
  (*n)["text_seconds"] = stats.times.text_ns / 1e9;
  (*n)["segment_seconds"] = stats.times.segment_ns / 1e9;
  (*n)["coding_seconds"] = stats.times.coding_ns / 1e9;
  (*n)["output_seconds"] = stats.times.output_ns / 1e9;
  return "";
}

// ------------------------------------------------------------------ stages, one by one

// One thread. Ingest, language, normalization (keys and tokens) and segmentation (sentences)
// are timed inside the pipeline, which is run without a coder; then each coded sentence goes
// through Coder::AnalyzeSentence as the pipeline codes it (stopping early when a sentence has no
// trigger or no actor), which times its actor matcher and date finder apart: the rest of its time
// is the event patterns' share (triggers, source and target assignment, event records). Output is
// the events' JSON. The timers cost a little, so the stage times are reported as shares.
std::string StagePass(const std::string& path, uint64_t limit, const std::string& data_dir,
                      Numbers* n) {
  Dicts d;
  if (std::string e = LoadDicts(data_dir, 1, &d); !e.empty()) return e;
  auto reader = OpenInput(path, limit);
  if (!reader.ok()) return reader.status().ToString();
  Pipeline analyzer(d.boilerplate.get(), nullptr);
  StageTimes times;
  double read_s = 0, dates_s = 0, actors_s = 0, coder_s = 0, output_s = 0;
  Article a;
  AnalyzedArticle an;
  std::vector<IngestProblem> problems;
  std::string out;
  uint64_t events = 0, sink = 0;
  while (true) {
    double r0 = Now();
    bool more = (*reader)->Next(&a, &problems);
    read_s += Now() - r0;
    if (!more) break;
    analyzer.Analyze(a, &an, &times);
    if (!an.skip_reason.empty()) continue;
    d.coder->AttachScratch(&an);
    Discourse discourse(*d.coder, an);
    for (const SentenceInfo& s : an.sentences) {
      if (!s.coded()) continue;
      Coder::StageTimes parts;
      double t0 = Now();
      SentenceAnalysis sa =
          d.coder->AnalyzeSentence(an, s, /*stop_early=*/true, &parts, &discourse);
      coder_s += Now() - t0;
      dates_s += parts.dates_ns / 1e9;
      actors_s += parts.actors_ns / 1e9;
      for (Event& e : sa.events) an.events.push_back(std::move(e));
    }
    double o0 = Now();
    out.clear();
    AppendOutput(an, OutputKind::kEvents, out);
    output_s += Now() - o0;
    events += an.events.size();
    sink += out.size();
  }
  (*n)["ingest"] = read_s;
  (*n)["language"] = times.language_ns / 1e9;
  (*n)["normalization"] = times.text_ns / 1e9;
  (*n)["segmentation"] = times.segment_ns / 1e9;
  (*n)["actors"] = actors_s;
  (*n)["dates"] = dates_s;
  (*n)["events"] = std::max(0.0, coder_s - dates_s - actors_s);
  (*n)["output"] = output_s;
  (*n)["event_count"] = static_cast<double>(events);
  (*n)["sink"] = static_cast<double>(sink % 2);
  return "";
}

// ------------------------------------------------------------------ the store

// Events without a coder: each synthetic article yields `per_article` events between countries
// drawn with a skewed (Zipf-like) frequency, as in real news, on dates over 2000-2024.
class SyntheticCoder : public EventCoder {
 public:
  SyntheticCoder(const Lexicon& lex, uint32_t per_article) : per_article_(per_article) {
    for (const auto& c : lex.countries) countries_.push_back(c.code);
    // The dyad that the timeline query asks for comes first: the busiest.
    auto put_first = [&](const std::string& code, size_t at) {
      auto it = std::find(countries_.begin(), countries_.end(), code);
      if (it != countries_.end()) std::iter_swap(it, countries_.begin() + at);
    };
    put_first("RUS", 0);
    put_first("AZE", 1);
    for (const auto& c : lex.codes) {
      if (c.code.size() == 3) codes_.push_back(&c);
    }
    for (size_t i = 0; i < countries_.size(); ++i) weights_.push_back(1.0 / (i + 1));
  }
  void Code(AnalyzedArticle* a) const override {
    std::mt19937_64 rng(StableHash64(a->article->id));
    std::discrete_distribution<size_t> country(weights_.begin(), weights_.end());
    std::uniform_int_distribution<size_t> code(0, codes_.size() - 1);
    std::uniform_int_distribution<int> year(2000, 2024), month(1, 12), day(1, 28);
    const uint32_t sentences = static_cast<uint32_t>(a->sentences.size());
    for (uint32_t k = 0; k < per_article_; ++k) {
      Event e;
      e.article_id = a->article->id;
      e.sentence = k % sentences;
      e.lang = Lang::kArabic;
      e.date.year = year(rng);
      e.date.month = month(rng);
      e.date.day = day(rng);
      e.date.precision = DatePrecision::kDay;
      size_t s = country(rng), t = country(rng);
      if (t == s) t = (t + 1) % countries_.size();
      e.source = e.source_country = countries_[s];
      e.target = e.target_country = countries_[t];
      e.source_label = e.source;
      e.target_label = e.target;
      const CameoEntry& c = *codes_[code(rng)];
      e.code = c.code;
      e.root = c.code.substr(0, 2);
      e.quad = c.quad;
      e.goldstein = c.goldstein;
      e.plover = c.plover;
      e.label = c.label_en;
      const Sentence& span = a->sentences[e.sentence].span;
      e.span_begin = span.begin;
      e.span_end = span.end;
      e.text = std::string(a->text.text().substr(span.begin, span.end - span.begin));
      e.event_id = Hex64(StableHash64(e.article_id + "|" + std::to_string(k)));
      a->events.push_back(std::move(e));
    }
  }

 private:
  uint32_t per_article_;
  std::vector<std::string> countries_;
  std::vector<const CameoEntry*> codes_;
  std::vector<double> weights_;  // Zipf-like: the first countries are the most frequent
};

// Short Arabic news articles, `sentences` sentences each, made from a few templates.
class SyntheticReader : public ArticleReader {
 public:
  SyntheticReader(uint64_t articles, uint32_t sentences)
      : articles_(articles), sentences_(sentences) {}
  bool Next(Article* a, std::vector<IngestProblem>*) override {
    if (done_ >= articles_) return false;
    static const char* kSentences[] = {
        "\xD8\xB2\xD8\xA7\xD8\xB1 \xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xAE"
        "\xD8\xA7\xD8\xB1\xD8\xAC\xD9\x8A\xD8\xA9 \xD8\xA7\xD9\x84\xD8\xB1\xD9\x88\xD8\xB3"
        "\xD9\x8A \xD8\xA8\xD8\xA7\xD9\x83\xD9\x88 \xD8\xA7\xD9\x84\xD9\x8A\xD9\x88\xD9\x85 "
        "\xD9\x84\xD8\xA8\xD8\xAD\xD8\xAB \xD8\xA7\xD9\x84\xD8\xB9\xD9\x84\xD8\xA7\xD9\x82"
        "\xD8\xA7\xD8\xAA \xD8\xA7\xD9\x84\xD8\xAB\xD9\x86\xD8\xA7\xD8\xA6\xD9\x8A\xD8\xA9",
        "\xD9\x88\xD9\x82\xD8\xA7\xD9\x84\xD8\xAA \xD8\xA7\xD9\x84\xD8\xAD\xD9\x83\xD9\x88"
        "\xD9\x85\xD8\xA9 \xD8\xA5\xD9\x86 \xD8\xA7\xD9\x84\xD9\x85\xD8\xA8\xD8\xA7\xD8\xAD"
        "\xD8\xAB\xD8\xA7\xD8\xAA \xD8\xAA\xD9\x86\xD8\xA7\xD9\x88\xD9\x84\xD8\xAA \xD8\xA7"
        "\xD9\x84\xD8\xAA\xD8\xB9\xD8\xA7\xD9\x88\xD9\x86 \xD8\xA7\xD9\x84\xD8\xA7\xD9\x82"
        "\xD8\xAA\xD8\xB5\xD8\xA7\xD8\xAF\xD9\x8A \xD9\x88\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85"
        "\xD9\x86\xD9\x8A",
        "\xD9\x88\xD8\xA3\xD8\xB9\xD9\x84\xD9\x86 \xD8\xA7\xD9\x84\xD8\xB7\xD8\xB1\xD9\x81"
        "\xD8\xA7\xD9\x86 \xD8\xB9\xD9\x86 \xD8\xAA\xD9\x88\xD9\x82\xD9\x8A\xD8\xB9 \xD8\xA7"
        "\xD8\xAA\xD9\x81\xD8\xA7\xD9\x82\xD9\x8A\xD8\xA9 \xD8\xAC\xD8\xAF\xD9\x8A\xD8\xAF"
        "\xD8\xA9 \xD9\x81\xD9\x8A \xD9\x85\xD8\xAC\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD8\xB7"
        "\xD8\xA7\xD9\x82\xD8\xA9"};
    a->id = "synthetic-" + std::to_string(done_);
    a->url.clear();
    a->source = "outlet" + std::to_string(done_ % 20);
    a->date.year = 2024;
    a->date.month = 1;
    a->date.day = 1;
    a->date.precision = DatePrecision::kDay;
    a->lang_hint = Lang::kArabic;
    a->title = "synthetic";
    a->text.clear();
    for (uint32_t s = 0; s < sentences_; ++s) {
      a->text += kSentences[(done_ + s) % 3];
      a->text += " " + std::to_string(done_) + "-" + std::to_string(s) + ".\n";
    }
    a->origin = "synthetic:" + std::to_string(done_);
    ++done_;
    return true;
  }
  uint64_t bytes_done() const override { return done_; }
  uint64_t bytes_total() const override { return articles_; }

 private:
  uint64_t articles_, done_ = 0;
  uint32_t sentences_;
};

std::string StorePass(const std::string& data_dir, uint64_t events, int queries, Numbers* n) {
  auto lex = Lexicon::Load(data_dir);
  if (!lex.ok()) return lex.status().ToString();
  constexpr uint32_t kPerArticle = 10, kSentences = 10;
  SyntheticCoder coder(*lex, kPerArticle);
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("rasad_bench_store_" + std::to_string(getpid()) + ".db"))
                               .string();
  auto remove_db = [&] {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ec;
      std::filesystem::remove(path + suffix, ec);
    }
  };
  remove_db();
  const uint64_t articles = (events + kPerArticle - 1) / kPerArticle;
  double ingest_s = 0, insert_s = 0;
  {
    auto store = Store::Open(path, true);
    if (!store.ok()) return store.status().ToString();
    SyntheticReader reader(articles, kSentences);
    Pipeline pipeline(nullptr, &coder);
    BatchOptions options;
    options.threads = 1;
    double t0 = Now();
    auto st = (*store)->Ingest(
        reader, pipeline, options, [](const IngestProblem&) {}, [](const BatchStats&) {});
    ingest_s = Now() - t0;
    if (!st.ok()) {
      remove_db();
      return st.status().ToString();
    }
    insert_s = st->batch.times.output_ns / 1e9;
    (*n)["events"] = static_cast<double>(st->batch.events);
    (*n)["events_stored"] = static_cast<double>(st->events_new);
    (*n)["articles"] = static_cast<double>(st->batch.articles_read);
  }
  std::error_code ec;
  (*n)["db_mb"] = std::filesystem::file_size(path, ec) / 1e6;
  // Timeline of the busiest dyad by month, on a fresh read-only handle: the first query, then the
  // median of the next ones.
  auto store = Store::Open(path, false);
  if (!store.ok()) return store.status().ToString();
  EventFilter dyad;
  dyad.actor = "RUS";
  dyad.actor_b = "AZE";
  std::vector<double> times;
  size_t points = 0;
  for (int q = 0; q < std::max(queries, 2); ++q) {
    double t0 = Now();
    auto tl = (*store)->Timeline(dyad, Period::kMonth);
    times.push_back(Now() - t0);
    if (!tl.ok()) return tl.status().ToString();
    points = tl->size();
  }
  auto count = (*store)->CountEvents(dyad);
  if (!count.ok()) return count.status().ToString();
  std::sort(times.begin() + 1, times.end());
  (*n)["ingest_seconds"] = ingest_s;
  (*n)["insert_seconds"] = insert_s;
  (*n)["timeline_first_ms"] = times[0] * 1e3;
  (*n)["timeline_median_ms"] = times[1 + (times.size() - 1) / 2] * 1e3;
  (*n)["timeline_points"] = static_cast<double>(points);
  (*n)["dyad_events"] = static_cast<double>(*count);
  store->reset();
  remove_db();
  return "";
}

// ------------------------------------------------------------------ machine and report

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Command(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return "";
  char buf[512];
  while (std::fgets(buf, sizeof(buf), p) != nullptr) out += buf;
  pclose(p);
  return Trim(out);
}

std::string MachineDescription(const std::string& source_dir) {
  std::string cpu = Command("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'");
  std::string mem = Command("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo");
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  struct utsname u {};
  uname(&u);
  std::string commit = Command("git -C '" + source_dir + "' rev-parse --short HEAD 2>/dev/null");
  std::string dirty =
      Command("git -C '" + source_dir + "' status --porcelain --untracked-files=no 2>/dev/null");
  std::string s = cpu + ", " + std::to_string(cores) + " cores, " + mem + "; Linux " + u.release +
                  "; " + RASAD_BENCH_COMPILER + " -O3; commit " +
                  (commit.empty() ? "unknown" : commit) +
                  (dirty.empty() ? "" : " with uncommitted changes");
  return s;
}

std::string LoadAverage() {
  double l[3] = {0, 0, 0};
  if (getloadavg(l, 3) != 3) return "unknown";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f %.2f %.2f", l[0], l[1], l[2]);
  return buf;
}

std::string Fmt(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

// 1234567 → "1,234,567".
std::string Count(double v) {
  std::string digits = std::to_string(static_cast<int64_t>(std::llround(v)));
  std::string out;
  int k = 0;
  for (size_t i = digits.size(); i-- > 0;) {
    out.insert(out.begin(), digits[i]);
    if (++k % 3 == 0 && i > 0 && digits[i - 1] != '-') out.insert(out.begin(), ',');
  }
  return out;
}

std::string Verdict(bool met) { return met ? "met" : "**not met**"; }

}  // namespace
}  // namespace rasad

namespace rasad {
namespace {

struct Options {
  std::string corpus_dir = RASAD_BENCH_CORPUS_DIR;
  std::string data_dir;
  std::vector<std::string> inputs;
  std::vector<int> threads = {1, 2};
  std::vector<int> slices = {10, 50, 100};
  int repeat = 1;
  double dict_factor = 10;
  int dict_slice = 100;
  uint64_t store_events = 1000000;
  int store_queries = 7;
  bool no_dicts = false, no_store = false, no_stages = false, smoke = false;
  std::string results;
};

struct CorpusRuns {
  std::string name, path;
  struct Slice {
    int percent = 0;
    ChildResult raw;
    std::map<int, ChildResult> code;  // by threads
  };
  std::vector<Slice> slices;
  ChildResult stages;
};

// The fastest of `repeat` runs (the others were slowed by something else on the machine).
ChildResult Best(int repeat, const std::function<std::string(Numbers*)>& fn) {
  ChildResult best;
  for (int i = 0; i < std::max(repeat, 1); ++i) {
    ChildResult r = RunChild(fn);
    if (!r.ok) return r;
    if (!best.ok || r.n["seconds"] < best.n["seconds"]) best = r;
  }
  return best;
}

void Fail(const std::string& what, const ChildResult& r) {
  std::fprintf(stderr, "rasad_bench: %s failed: %s\n", what.c_str(), r.error.c_str());
  std::exit(2);
}

void Progress(const std::string& s) {
  std::fprintf(stderr, "rasad_bench: %s\n", s.c_str());
  std::fflush(stderr);
}

std::string MB(double bytes) { return Fmt(bytes / 1e6, 1); }

int Main(int argc, char** argv) {
  Options o;
  CLI::App app{"rasad_bench: throughput of the rasad coder (see bench/RESULTS.md)"};
  app.add_option("--corpus", o.corpus_dir, "Directory of the development corpora");
  app.add_option("--data", o.data_dir, "Data directory (default: $RASAD_DATA or the built-in one)");
  app.add_option("--input", o.inputs, "Input files instead of the corpora (JSON Lines, .gz)");
  app.add_option("--threads", o.threads, "Thread counts to run (default: 1 2)")->delimiter(',');
  app.add_option("--slices", o.slices, "Slices of each corpus, in percent (default: 10 50 100)")
      ->delimiter(',');
  app.add_option("--repeat", o.repeat, "Runs of each timing; the fastest is kept (default 1)");
  app.add_option("--dict-factor", o.dict_factor, "How much to grow the dictionaries (default 10)");
  app.add_option("--dict-slice", o.dict_slice,
                 "Percent of the first corpus for dictionary scaling (default 100)");
  app.add_option("--store-events", o.store_events, "Events to insert into the store (1000000)");
  app.add_option("--wait-quiet", g_wait_quiet_s,
                 "Before each run, wait up to this many seconds for other processes to leave "
                 "the cores (default 0: do not wait)");
  app.add_flag("--no-dicts", o.no_dicts, "Skip dictionary scaling");
  app.add_flag("--no-store", o.no_store, "Skip the store");
  app.add_flag("--no-stages", o.no_stages, "Skip the per-stage pass");
  app.add_flag("--smoke", o.smoke,
               "A quick run on the seed articles that checks every field of the report");
  app.add_option("--results", o.results,
                 "Also write the report into this Markdown file, between the markers "
                 "<!-- rasad_bench:begin --> and <!-- rasad_bench:end -->");
  CLI11_PARSE(app, argc, argv);
  if (o.data_dir.empty()) {
    const char* env = std::getenv("RASAD_DATA");
    o.data_dir = env != nullptr && *env ? env : RASAD_DEFAULT_DATA_DIR;
  }
  if (o.smoke) {
    if (o.inputs.empty()) o.inputs = {std::string(RASAD_BENCH_SOURCE_DIR) + "/examples/news.jsonl"};
    o.slices = {100};
    o.store_events = 2000;
    o.store_queries = 3;
    o.repeat = 1;
  }
  std::vector<CorpusRuns> corpora;
  if (o.inputs.empty()) {
    for (auto [name, file] : {std::pair<std::string, std::string>{"SaudiNewsNet (ar)",
                                                                  "saudinewsnet-2015-dev.jsonl.gz"},
                              {"Fars News (fa)", "farsnews-dev.jsonl.gz"}}) {
      std::string path = o.corpus_dir + "/" + file;
      if (!std::filesystem::exists(path)) {
        Progress("no " + path + ": skipped");
        continue;
      }
      corpora.push_back({name, path, {}, {}});
    }
  } else {
    for (const std::string& in : o.inputs) {
      corpora.push_back({std::filesystem::path(in).filename().string(), in, {}, {}});
    }
  }
  if (corpora.empty()) {
    std::fprintf(stderr, "rasad_bench: no input (looked in %s)\n", o.corpus_dir.c_str());
    return 2;
  }
  const std::string load_before = LoadAverage();
  const double t_begin = Now();

  // ---- Throughput and raw pass.
  for (CorpusRuns& c : corpora) {
    Progress(c.name + ": raw pass");
    ChildResult all = Best(o.repeat, [&](Numbers* n) { return RawPass(c.path, 0, n); });
    if (!all.ok) Fail("raw pass of " + c.path, all);
    const double total = all.n["articles"];
    for (int pct : o.slices) {
      CorpusRuns::Slice s;
      s.percent = pct;
      const uint64_t limit = pct >= 100 ? 0 : static_cast<uint64_t>(std::ceil(total * pct / 100));
      s.raw =
          pct >= 100 ? all : Best(o.repeat, [&](Numbers* n) { return RawPass(c.path, limit, n); });
      if (!s.raw.ok) Fail("raw pass", s.raw);
      for (int t : o.threads) {
        Progress(c.name + ": " + std::to_string(pct) + " %, " + std::to_string(t) + " thread(s)");
        s.code[t] = Best(o.repeat,
                         [&](Numbers* n) { return CodePass(c.path, limit, t, o.data_dir, 1, n); });
        if (!s.code[t].ok) Fail("coding " + c.path, s.code[t]);
      }
      c.slices.push_back(std::move(s));
    }
    if (!o.no_stages) {
      Progress(c.name + ": stage by stage");
      c.stages = RunChild([&](Numbers* n) { return StagePass(c.path, 0, o.data_dir, n); });
      if (!c.stages.ok) Fail("stage pass", c.stages);
    }
  }

  // ---- Dictionaries grown.
  ChildResult dict_normal, dict_grown;
  if (!o.no_dicts) {
    CorpusRuns& c = corpora.front();
    const double total = c.slices.empty() ? 0 : c.slices.back().raw.n["articles"];
    const uint64_t limit =
        o.dict_slice >= 100 ? 0 : static_cast<uint64_t>(std::ceil(total * o.dict_slice / 100));
    Progress("dictionaries x" + Fmt(o.dict_factor, 0));
    // Interleaved, so that a busy spell on the machine hits both alike.
    for (int i = 0; i < std::max(o.repeat, 1); ++i) {
      ChildResult a =
          RunChild([&](Numbers* n) { return CodePass(c.path, limit, 1, o.data_dir, 1, n); });
      ChildResult b = RunChild(
          [&](Numbers* n) { return CodePass(c.path, limit, 1, o.data_dir, o.dict_factor, n); });
      if (!a.ok) Fail("coding (normal dictionaries)", a);
      if (!b.ok) Fail("coding (grown dictionaries)", b);
      if (!dict_normal.ok || a.n["seconds"] < dict_normal.n["seconds"]) dict_normal = a;
      if (!dict_grown.ok || b.n["seconds"] < dict_grown.n["seconds"]) dict_grown = b;
    }
  }

  // ---- The store.
  ChildResult store;
  if (!o.no_store) {
    Progress("store: " + Count(o.store_events) + " events");
    store = RunChild(
        [&](Numbers* n) { return StorePass(o.data_dir, o.store_events, o.store_queries, n); });
    if (!store.ok) Fail("store", store);
  }
  const std::string load_after = LoadAverage();
  const double wall = Now() - t_begin;

  // ---- The report.
  std::string r;
  auto line = [&](const std::string& s) { r += s + "\n"; };
  line("Machine: " + MachineDescription(RASAD_BENCH_SOURCE_DIR) + ".");
  line("Load average (1, 5, 15 min) before the run: " + load_before + "; after: " + load_after +
       ". Each figure is " +
       (o.repeat > 1 ? "the fastest of " + std::to_string(o.repeat) + " runs" : "one run") +
       "; the whole benchmark took " + Fmt(wall / 60, 1) + " min." +
       (g_wait_quiet_s > 0 ? " Before each run it waited (up to " + Fmt(g_wait_quiet_s, 0) +
                                 " s) for other processes to leave the cores; the most they "
                                 "still kept busy at the start of a run was " +
                                 Fmt(g_busy_max, 2) + " cores."
                           : ""));
  line("");
  line("### Throughput (end to end into JSON Lines, written to /dev/null)");
  line("");
  line(
      "| input | slice | articles | words | text MB | threads | seconds | articles/s | words/s "
      "| MB/s | MB/s per core | events | events/s | peak RSS MB | raw pass s | coder / raw |");
  line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (CorpusRuns& c : corpora) {
    for (auto& s : c.slices) {
      for (auto& [t, cr] : s.code) {
        double sec = cr.n["seconds"], raw = s.raw.n["seconds"];
        line("| " + c.name + " | " + std::to_string(s.percent) + " % | " + Count(cr.n["articles"]) +
             " | " + Count(s.raw.n["words"]) + " | " + MB(cr.n["bytes"]) + " | " +
             std::to_string(t) + " | " + Fmt(sec, 2) + " | " + Count(cr.n["articles"] / sec) +
             " | " + Count(s.raw.n["words"] / sec) + " | " + Fmt(cr.n["bytes"] / 1e6 / sec, 1) +
             " | " +
             Fmt(cr.n["bytes"] / 1e6 / sec / std::min<long>(t, sysconf(_SC_NPROCESSORS_ONLN)), 1) +
             " | " + Count(cr.n["events"]) + " | " + Count(cr.n["events"] / sec) + " | " +
             Fmt(cr.peak_rss_mb, 0) + " | " + Fmt(raw, 2) + " | " + Fmt(sec / raw, 2) + " |");
      }
    }
  }
  line("");
  line(
      "Raw pass: read + decompress + JSON + UTF-8 decode + split into words, one thread, "
      "nothing else. Words are counted by the raw pass (runs of letters and digits). "
      "Seconds exclude start-up (below).");
  line("");
  line("### Scaling from 1 to 2 threads");
  line("");
  line("| input | slice | 1 thread s | 2 threads s | speed-up | CPU s (1 / 2 threads) |");
  line("|---|--:|--:|--:|--:|--:|");
  for (CorpusRuns& c : corpora) {
    for (auto& s : c.slices) {
      if (!s.code.count(1) || !s.code.count(2)) continue;
      double a = s.code[1].n["seconds"], b = s.code[2].n["seconds"];
      line("| " + c.name + " | " + std::to_string(s.percent) + " % | " + Fmt(a, 2) + " | " +
           Fmt(b, 2) + " | " + Fmt(a / b, 2) + "x | " + Fmt(s.code[1].cpu_s, 1) + " / " +
           Fmt(s.code[2].cpu_s, 1) + " |");
    }
  }
  if (!o.no_stages) {
    line("");
    line("### Time per stage (one thread, whole input)");
    line("");
    line(
        "| input | ingest/JSON | language | normalization | segmentation | actors | events | "
        "dates | output |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    static const char* kStages[] = {"ingest", "language", "normalization", "segmentation",
                                    "actors", "events",   "dates",         "output"};
    for (CorpusRuns& c : corpora) {
      double sum = 0;
      for (const char* k : kStages) sum += c.stages.n[k];
      std::string row = "| " + c.name + " |";
      for (const char* k : kStages) {
        row += " " + Fmt(c.stages.n[k], 2) + " s (" + Fmt(100 * c.stages.n[k] / sum, 0) + " %) |";
      }
      line(row);
    }
    line("");
    line(
        "Ingest: read, decompress, JSON. Normalization: tokens and their matching keys. "
        "Segmentation: sentences, paragraphs, boilerplate lines. Actors: the alias matcher; "
        "dates: the date finder; events: the rest of the coder (patterns, actor resolution, "
        "source and target, event records), i.e. Coder::AnalyzeSentence less the two. Timed "
        "apart in a separate pass; the shares, not the sums, compare with the runs above.");
  }
  if (!o.no_dicts) {
    line("");
    line("### Dictionaries grown " + Fmt(o.dict_factor, 0) + "x (synthetic entries), " +
         corpora.front().name + ", " + std::to_string(o.dict_slice) + " %, one thread");
    line("");
    line(
        "| dictionaries | actor aliases | patterns | start-up s (load + compile) | compile s | "
        "seconds | MB/s | events | peak RSS MB | time ratio |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (auto* d : {&dict_normal, &dict_grown}) {
      line(std::string("| ") + (d == &dict_normal ? "normal" : Fmt(o.dict_factor, 0) + "x") +
           " | " + Count(d->n["aliases"]) + " | " + Count(d->n["patterns"]) + " | " +
           Fmt(d->n["load_seconds"] + d->n["compile_seconds"], 3) + " | " +
           Fmt(d->n["compile_seconds"], 3) + " | " + Fmt(d->n["seconds"], 2) + " | " +
           Fmt(d->n["bytes"] / 1e6 / d->n["seconds"], 1) + " | " + Count(d->n["events"]) + " | " +
           Fmt(d->peak_rss_mb, 0) + " | " + Fmt(d->n["seconds"] / dict_normal.n["seconds"], 2) +
           " |");
    }
    line("");
    line(
        "Synthetic actors (people with an office, organizations, places) and patterns with one "
        "to three words each; half of them begin with a word that begins real entries, so they "
        "share the matchers' busy branches instead of sitting apart. Start-up for the grown "
        "dictionaries excludes making them up.");
  }
  if (!o.no_store) {
    line("");
    line("### Event store (SQLite), synthetic events");
    line("");
    line(
        "| events | articles | ingest s (all) | store inserts s | events/s inserted | store MB "
        "| dyad events | timeline by month: first query ms | median ms |");
    line("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    line("| " + Count(store.n["events"]) + " | " + Count(store.n["articles"]) + " | " +
         Fmt(store.n["ingest_seconds"], 2) + " | " + Fmt(store.n["insert_seconds"], 2) + " | " +
         Count(store.n["events"] / store.n["insert_seconds"]) + " | " + Fmt(store.n["db_mb"], 0) +
         " | " + Count(store.n["dyad_events"]) + " | " + Fmt(store.n["timeline_first_ms"], 1) +
         " | " + Fmt(store.n["timeline_median_ms"], 1) + " |");
    line("");
    line(
        "Store::Ingest of synthetic Arabic articles (10 sentences, 10 events each) through the "
        "pipeline with a stand-in coder that emits the events: countries drawn with Zipf-like "
        "frequencies, days over 2000-2024, CAMEO codes at random. \"Store inserts\" is the time "
        "inside the store's writes (the rest is reading and analysing the articles). The "
        "timeline is Store::Timeline for RUS-AZE (either direction, agents included) by month, "
        "on a fresh read-only handle.");
  }
  // ---- Targets.
  line("");
  line("### Targets");
  line("");
  line("| target | measured | verdict |");
  line("|---|---|---|");
  CorpusRuns& first = corpora.front();
  CorpusRuns::Slice* full = nullptr;
  for (auto& s : first.slices) {
    if (s.percent == 100) full = &s;
  }
  if (full != nullptr && full->code.count(1)) {
    ChildResult one = full->code.at(1);
    double mbs = one.n["bytes"] / 1e6 / one.n["seconds"];
    line("| >= 10 MB/s per core, " + first.name + " into JSONL | " + Fmt(mbs, 1) +
         " MB/s on one thread | " + Verdict(mbs >= 10) + " |");
    if (full->code.count(2)) {
      double sp = one.n["seconds"] / full->code.at(2).n["seconds"];
      line("| 1 -> 2 threads >= 1.8x | " + Fmt(sp, 2) + "x | " + Verdict(sp >= 1.8) + " |");
    }
    double ratio = one.n["seconds"] / full->raw.n["seconds"];
    line("| coder / raw pass <= 3 (one thread) | " + Fmt(ratio, 2) + " | " + Verdict(ratio <= 3) +
         " |");
    double startup = one.n["load_seconds"] + one.n["compile_seconds"];
    line("| start-up (dictionaries compiled) <= 0.3 s | " + Fmt(startup, 3) + " s | " +
         Verdict(startup <= 0.3) + " |");
    double rss = 0;
    for (const auto& c : corpora) {
      for (const auto& s : c.slices) {
        for (const auto& [t, cr] : s.code) rss = std::max(rss, cr.peak_rss_mb);
      }
    }
    line("| peak RSS <= 300 MB | " + Fmt(rss, 0) + " MB (largest run) | " + Verdict(rss <= 300) +
         " |");
  }
  if (!o.no_dicts) {
    double ratio = dict_grown.n["seconds"] / dict_normal.n["seconds"];
    line("| " + Fmt(o.dict_factor, 0) + "x dictionaries <= 1.3x the time | " + Fmt(ratio, 2) +
         "x | " + Verdict(ratio <= 1.3) + " |");
  }
  if (!o.no_store) {
    double ins = store.n["insert_seconds"];
    line("| " + Count(store.n["events"]) + " events inserted <= 10 s | " + Fmt(ins, 2) +
         " s store inserts (" + Fmt(store.n["ingest_seconds"], 2) + " s with the pipeline) | " +
         (store.n["events"] >= 1e6 ? Verdict(ins <= 10) : "not judged (fewer than 1 M)") + " |");
    double ms = store.n["timeline_median_ms"];
    line("| dyad timeline over 1 M events <= 50 ms | " + Fmt(ms, 1) + " ms | " +
         (store.n["events"] >= 1e6 ? Verdict(ms <= 50) : "not judged (fewer than 1 M)") + " |");
  }
  std::fputs(r.c_str(), stdout);

  if (!o.results.empty()) {
    const std::string begin = "<!-- rasad_bench:begin -->", end = "<!-- rasad_bench:end -->";
    std::string doc;
    {
      std::ifstream in(o.results);
      std::stringstream ss;
      ss << in.rdbuf();
      doc = ss.str();
    }
    size_t b = doc.find(begin), e = doc.find(end);
    std::string block = begin + "\n" + r + end;
    if (b != std::string::npos && e != std::string::npos && e > b) {
      doc.replace(b, e + end.size() - b, block);
    } else {
      doc += "\n" + block + "\n";
    }
    std::ofstream out(o.results);
    out << doc;
    Progress("report written to " + o.results);
  }

  if (o.smoke) {
    // Every figure of the report must be there and make sense.
    std::vector<std::string> missing;
    for (const auto& c : corpora) {
      for (const auto& s : c.slices) {
        for (const char* k : {"articles", "words", "bytes", "seconds"}) {
          if (!(s.raw.n.count(k) && s.raw.n.at(k) > 0)) missing.push_back("raw." + std::string(k));
        }
        for (const auto& [t, cr] : s.code) {
          for (const char* k : {"articles", "bytes", "seconds", "events", "sentences",
                                "read_seconds", "language_seconds", "text_seconds",
                                "segment_seconds", "coding_seconds", "output_seconds"}) {
            if (!(cr.n.count(k) && cr.n.at(k) > 0)) missing.push_back("code." + std::string(k));
          }
          if (!(cr.peak_rss_mb > 0)) missing.push_back("peak_rss");
        }
      }
      if (!o.no_stages) {
        for (const char* k :
             {"ingest", "language", "normalization", "segmentation", "actors", "dates", "output"}) {
          if (!(c.stages.n.count(k) && c.stages.n.at(k) > 0)) {
            missing.push_back("stages." + std::string(k));
          }
        }
      }
    }
    if (!o.no_dicts && !(dict_grown.n["aliases"] >= dict_normal.n["aliases"] * 9 &&
                         dict_grown.n["patterns"] >= dict_normal.n["patterns"] * 9)) {
      missing.push_back("grown dictionaries");
    }
    if (!o.no_store &&
        !(store.n["events"] > 0 && store.n["dyad_events"] > 0 && store.n["timeline_points"] > 0)) {
      missing.push_back("store");
    }
    if (!missing.empty()) {
      std::string m;
      for (const auto& s : missing) m += " " + s;
      std::fprintf(stderr, "rasad_bench: smoke: missing or zero:%s\n", m.c_str());
      return 1;
    }
    std::printf("\nsmoke: ok\n");
  }
  return 0;
}

}  // namespace
}  // namespace rasad

int main(int argc, char** argv) { return rasad::Main(argc, argv); }
