// Evaluation against the gold files (tests/gold/*.tsv, format in tests/gold/README.md): precision,
// recall and F1 at two levels, per language and per root code, plus date accuracy; and the floors
// (tests/gold/floor.tsv) below which CI fails.
#ifndef RASAD_EVAL_H_
#define RASAD_EVAL_H_

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasad/article.h"
#include "rasad/pipeline.h"
#include "rasad/status.h"

namespace rasad {

struct GoldEvent {
  std::string source, target, code;
  Date date;
};

struct GoldSentence {
  std::string id, article_id;
  Date article_date;
  std::string text;
  std::vector<GoldEvent> events;
  size_t line = 0;
};

// Parses a gold file; every bad line is reported as "name:line: message".
StatusOr<std::vector<GoldSentence>> ParseGold(std::string_view content, const std::string& name);
StatusOr<std::vector<GoldSentence>> LoadGold(const std::string& path);

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
  double precision() const;  // 1 when nothing was predicted
  double recall() const;     // 1 when nothing was expected
  double f1() const;
};

// What the coder got wrong on one sentence, for the detailed listing.
struct SentenceResult {
  // Points into the vector given to Evaluate, which must outlive the report.
  const GoldSentence* gold = nullptr;
  std::vector<std::string> expected, predicted;  // level-2 tuples "SRC>TGT:CODE@DATE"
  size_t missed = 0, spurious = 0;               // at level 1
};

struct EvalReport {
  std::string name;  // the gold file
  Lang lang = Lang::kUnknown;
  size_t sentences = 0;
  // Level 1: (source country, target country, root code). Level 2: (source, target, full code).
  Counts level1, level2;
  std::map<std::string, Counts> level1_by_root;  // "04" → counts
  // Dates: among level-1 matches, how many have the gold date (same value and precision).
  size_t dates_correct = 0, dates_total = 0;
  // With the articles given: how many gold sentences were found in their article and coded there.
  bool with_articles = false;
  size_t in_article = 0;
  std::vector<SentenceResult> sentence_results;
};

// The articles the gold sentences come from, by article id.
using ArticleIndex = std::unordered_map<std::string, Article>;

// Runs `pipeline` on every gold sentence and scores its events. Without `articles` each sentence is
// an article of its own (text = the sentence, date = the article date, language hint = `lang`).
// With them, a sentence found in its article is coded as `rasad code` codes it, after the
// article's earlier text (a reference such as "this country" may point back there), and scored on
// the events whose evidence lies in the sentence; a sentence not found is coded alone. Events are
// matched as multisets per sentence. Flags: negated events are dropped before scoring (the gold
// does not code them).
EvalReport Evaluate(const std::vector<GoldSentence>& gold, Lang lang, const Pipeline& pipeline,
                    const std::string& name, const ArticleIndex* articles = nullptr);

// A readable table: overall levels 1 and 2, date accuracy, then level 1 per root code.
std::string FormatReport(const EvalReport& report, bool list_errors);

// The floor file: lines `lang<TAB>metric<TAB>value` with metric one of level1_precision,
// level1_recall, level1_f1, level2_precision, level2_recall, level2_f1, date_accuracy.
struct Floor {
  Lang lang = Lang::kUnknown;
  std::string metric;
  double value = 0;
};
StatusOr<std::vector<Floor>> ParseFloors(std::string_view content, const std::string& name);
// The value of `metric` in `report` (NaN for an unknown metric).
double MetricValue(const EvalReport& report, std::string_view metric);
// Human-readable failures ("fa level1_recall 0.52 < floor 0.60"), empty when all floors hold.
std::vector<std::string> CheckFloors(const std::vector<EvalReport>& reports,
                                     const std::vector<Floor>& floors);

}  // namespace rasad

#endif  // RASAD_EVAL_H_
