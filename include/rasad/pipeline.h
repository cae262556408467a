// The pipeline for one article: language → text layer (tokens, sentences) → [coding] → output
// records; and a batch runner that drives it over an ArticleReader on several threads, writing
// results in input order.
//
// A Pipeline is immutable after construction and shared by all worker threads.
#ifndef RASAD_PIPELINE_H_
#define RASAD_PIPELINE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rasad/article.h"
#include "rasad/event.h"
#include "rasad/ingest.h"
#include "rasad/language.h"
#include "rasad/text.h"

namespace rasad {

struct SentenceInfo {
  uint32_t index = 0;  // position among the article's sentences
  Sentence span;
  Lang lang = Lang::kUnknown;  // of its paragraph
  bool debris = false;         // on a boilerplate line: not coded
  // Whether the coder codes it: not debris, and in Arabic or Persian.
  bool coded() const { return !debris && (lang == Lang::kArabic || lang == Lang::kPersian); }
};

// What a coder keeps from one article to the next of a worker, in that worker's AnalyzedArticle:
// answers to questions that depend only on a word and the coder's dictionaries (how it reads
// against them), so that a word seen before costs one look-up. It never changes what is coded.
class CoderScratch {
 public:
  virtual ~CoderScratch() = default;
};

// Everything the pipeline learns about one article. Reusable between articles.
struct AnalyzedArticle {
  const Article* article = nullptr;
  LanguageGuess language;
  std::string skip_reason;  // non-empty when the article is not coded ("language: other")
  TokenizedText text;
  std::vector<SentenceInfo> sentences;
  std::vector<Event> events;
  // The coder's, kept between articles (see CoderScratch); the pipeline never touches it.
  std::unique_ptr<CoderScratch> coder_scratch;
};

// Stage timings in nanoseconds, summed over the articles one worker handled.
struct StageTimes {
  uint64_t language_ns = 0;
  uint64_t text_ns = 0;     // normalization: tokens and their matching keys
  uint64_t segment_ns = 0;  // sentences, paragraph languages, boilerplate lines
  uint64_t coding_ns = 0;   // the EventCoder (actors, patterns, dates)
  uint64_t output_ns = 0;
  void Add(const StageTimes& o) {
    language_ns += o.language_ns;
    text_ns += o.text_ns;
    segment_ns += o.segment_ns;
    coding_ns += o.coding_ns;
    output_ns += o.output_ns;
  }
};

struct PipelineOptions {
  LanguageOptions language;
  uint32_t max_sentence_tokens = 200;  // default 200; longer sentences are cut (see text.h)
};

// Codes articles into events. The coding stage is pluggable so that the library can be built and
// tested stage by stage; without one, articles are analysed (language, sentences) but yield no
// events.
class EventCoder {
 public:
  virtual ~EventCoder() = default;
  // Appends the events of `a` (already analysed) to a->events. Thread-safe (const, no state).
  virtual void Code(AnalyzedArticle* a) const = 0;
};

class Pipeline {
 public:
  // `boilerplate` and `coder` may be null; both must outlive the pipeline.
  Pipeline(const Boilerplate* boilerplate, const EventCoder* coder, PipelineOptions options = {});
  void Analyze(const Article& article, AnalyzedArticle* out, StageTimes* times) const;

 private:
  const Boilerplate* boilerplate_;
  const EventCoder* coder_;
  PipelineOptions options_;
};

// What the caller wants written for each article.
enum class OutputKind { kEvents, kEventsTsv, kSentences, kTokens };

// Appends the output records of one analysed article (JSON Lines, or TSV rows for kEventsTsv).
void AppendOutput(const AnalyzedArticle& a, OutputKind kind, std::string& out);

struct BatchStats {
  uint64_t articles_read = 0;
  uint64_t articles_coded = 0;
  uint64_t articles_skipped = 0;  // read but not coded (language), see skip_reasons
  uint64_t problems_skipped = 0;  // input that could not be read as an article
  uint64_t warnings = 0;
  uint64_t sentences = 0;
  uint64_t tokens = 0;
  uint64_t events = 0;
  uint64_t text_bytes = 0;
  std::map<std::string, uint64_t> by_lang;       // coded articles per language
  std::map<std::string, uint64_t> skip_reasons;  // "language: other" → count
  StageTimes times;
  uint64_t read_ns = 0;
  // Adds the per-article counts of `o` (read, coded, skipped, sentences, tokens, events, bytes, by
  // language, skip reasons): what a worker thread gathers; problems, times and read_ns are not.
  void AddArticleCounts(const BatchStats& o);
};

struct BatchOptions {
  int threads = 1;              // worker threads (the reader runs on the calling thread); default 1
  size_t chunk_articles = 256;  // articles handed to the workers at once; default 256
  OutputKind output = OutputKind::kEvents;
};

// Reads every article from `reader`, runs `pipeline` on it, and calls `write` with each chunk's
// output in input order, `on_problem` with each ingest problem as it is found, and `on_progress`
// after each chunk. Returns the totals.
BatchStats RunBatch(ArticleReader& reader, const Pipeline& pipeline, const BatchOptions& options,
                    const std::function<void(const std::string&)>& write,
                    const std::function<void(const IngestProblem&)>& on_problem,
                    const std::function<void(const BatchStats&)>& on_progress);

}  // namespace rasad

#endif  // RASAD_PIPELINE_H_
