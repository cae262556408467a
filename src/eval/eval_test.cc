#include "rasad/eval.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace rasad {
namespace {

// ---------------------------------------------------------------- helpers

// A test double for the real coder: returns fixed events for each sentence text, so the tests
// exercise the scorer alone.
class MapCoder : public EventCoder {
 public:
  void Set(const std::string& text, std::vector<Event> events) { events_[text] = events; }
  void Code(AnalyzedArticle* a) const override {
    auto it = events_.find(a->article->text);
    if (it == events_.end()) return;
    for (const Event& e : it->second) a->events.push_back(e);
  }

 private:
  std::map<std::string, std::vector<Event>> events_;
};

// Distinct Arabic sentences, clearly in the language, so the pipeline codes them.
const char* const kTexts[] = {
    "وصل الرئيس الأذربيجاني إلهام علييف إلى موسكو اليوم في زيارة رسمية تلبية لدعوة من نظيره "
    "الروسي.",
    "واستقبل بوتين ضيفه في الكرملين، وعقد الرئيسان جلسة مباحثات تناولت العلاقات الثنائية.",
    "افتتح وزير الخارجية الروسي سيرغي لافروف زيارة إلى باكو والتقى الرئيس إلهام علييف في القصر.",
    "أعلنت وزارة الخارجية الروسية أن الوزير سيناقش مجموعة كاملة من القضايا الثنائية والإقليمية.",
};

std::string GoldRow(const std::string& id, const std::string& text, const std::string& events) {
  return id + "\tart-1\t2023-02-27\t" + text + "\t" + events + "\n";
}

// Events written as in the gold file ("RUS>AZE:042@2023 ; …"), as the coder would emit them.
std::vector<Event> Events(const std::string& spec, bool negated = false) {
  if (spec.empty()) return {};
  auto parsed = ParseGold(GoldRow("x", "x", spec), "spec");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  std::vector<Event> out;
  for (const GoldEvent& g : (*parsed)[0].events) {
    Event e;
    e.source = g.source;
    e.target = g.target;
    e.code = g.code;
    e.root = g.code.substr(0, 2);
    e.date = g.date;
    e.negated = negated;
    out.push_back(e);
  }
  return out;
}

class EvalTest : public ::testing::Test {
 protected:
  // Adds gold sentence `n` (kTexts[n]) with `gold` events; the coder predicts `predicted` for it.
  void Sentence(int n, const std::string& gold, const std::string& predicted,
                bool negated = false) {
    gold_tsv_ += GoldRow("ar-" + std::to_string(n), kTexts[n], gold);
    coder_.Set(kTexts[n], Events(predicted, negated));
  }

  EvalReport Run() {
    auto parsed = ParseGold(gold_tsv_, "gold.tsv");
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    gold_ = std::move(*parsed);
    Pipeline pipeline(nullptr, &coder_);
    return Evaluate(gold_, Lang::kArabic, pipeline, "gold.tsv");
  }

  std::string gold_tsv_;
  std::vector<GoldSentence> gold_;  // outlives the report, which points into it
  MapCoder coder_;
};

void ExpectCounts(const Counts& c, size_t tp, size_t fp, size_t fn) {
  EXPECT_EQ(c.tp, tp);
  EXPECT_EQ(c.fp, fp);
  EXPECT_EQ(c.fn, fn);
}

// ---------------------------------------------------------------- gold files

TEST(EvalParseGold, ReadsSentencesAndEvents) {
  std::string content =
      "# comment\n"
      "\n"
      "ar-1\tsnn-1\t2023-02-27\tزار لافروف باكو.\tRUSGOV>AZE:042@2023-02-27 "
      ";AZE>RUSGOV:043@2023-02 "
      ";  IGOG20>RUS:0311@2023\n"
      "ar-2\twritten\t2015\tجملة بلا حدث.\t-\n";
  auto gold = ParseGold(content, "g.tsv");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  ASSERT_EQ(gold->size(), 2u);
  const GoldSentence& a = (*gold)[0];
  EXPECT_EQ(a.id, "ar-1");
  EXPECT_EQ(a.article_id, "snn-1");
  EXPECT_EQ(a.article_date.ToString(), "2023-02-27");
  EXPECT_EQ(a.text, "زار لافروف باكو.");
  EXPECT_EQ(a.line, 3u);
  ASSERT_EQ(a.events.size(), 3u);
  EXPECT_EQ(a.events[0].source, "RUSGOV");
  EXPECT_EQ(a.events[0].target, "AZE");
  EXPECT_EQ(a.events[0].code, "042");
  EXPECT_EQ(a.events[0].date.ToString(), "2023-02-27");
  EXPECT_EQ(a.events[1].date.precision, DatePrecision::kMonth);
  EXPECT_EQ(a.events[2].source, "IGOG20");
  EXPECT_EQ(a.events[2].code, "0311");
  EXPECT_EQ(a.events[2].date.precision, DatePrecision::kYear);
  EXPECT_TRUE((*gold)[1].events.empty());
  EXPECT_EQ((*gold)[1].article_date.precision, DatePrecision::kYear);
}

TEST(EvalParseGold, ReportsEveryBadLineWithFileAndLine) {
  std::string content =
      "# header\n"                                                  // 1
      "g-1\tart\t2023-02-27\tنص\tRUS>AZE:042@2023-02-27\n"          // 2 fine
      "g-1\tart\t2023\tنص\t-\n"                                     // 3 duplicate id
      "g-2\tart\t2023-13\tنص\t-\n"                                  // 4 bad article date
      "g-3\tart\t2023\tنص\trus>AZE:042@2023 ; RUS>AZ:042@2023\n"    // 5 two bad actors
      "g-4\tart\t2023\tنص\tRUS>AZE:4@2023 ; RU1>AZE:042@2023\n"     // 6 code, actor
      "g-5\tart\t2023\tنص\tRUS>AZE:042@2023-02-30\n"                // 7 bad event date
      "g-6\tart\t2023\tنص\tRUS-AZE:042@2023\n"                      // 8 no '>'
      "g-7\tart\t2023\tنص\n"                                        // 9 no events column
      "g-8\tart\t2023\tنص\t-\textra\n"                              // 10 six columns
      "g-9\tart\t2023\tنص\tRUS>AZE:042@2023 ;; AZE>RUS:043@2023\n"  // 11 empty event
      "g-10\tart\t2023\tنص\tRUS>AZE:00001@2023\n";                  // 12 code too long
  auto gold = ParseGold(content, "g.tsv");
  ASSERT_FALSE(gold.ok());
  EXPECT_EQ(gold.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = gold.status().message();
  EXPECT_EQ(m.find("g.tsv:2:"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:3: duplicate id 'g-1' (first at line 2)"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:4: article_date: bad date '2023-13'"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:5: event 'rus>AZE:042@2023': bad source actor code 'rus'"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("bad target actor code 'AZ'"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:6: event 'RUS>AZE:4@2023': bad CAMEO code '4'"), std::string::npos) << m;
  EXPECT_NE(m.find("bad source actor code 'RU1'"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:7: event 'RUS>AZE:042@2023-02-30': bad date"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:8: event 'RUS-AZE:042@2023': want SOURCE>TARGET:CODE@DATE"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("g.tsv:9: empty events column"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:10: expected 5 TAB-separated columns, got 6"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:11: empty event between ';'"), std::string::npos) << m;
  EXPECT_NE(m.find("g.tsv:12: event 'RUS>AZE:00001@2023': bad CAMEO code"), std::string::npos) << m;
}

TEST(EvalParseGold, LoadGoldNamesAMissingFile) {
  auto gold = LoadGold("/nonexistent/gold.tsv");
  ASSERT_FALSE(gold.ok());
  EXPECT_EQ(gold.status().code(), StatusCode::kNotFound);
}

// The real gold files parse, are large enough to measure, and include sentences with no event
// (the coder must also learn to stay silent).
TEST(GoldFiles, BothLanguagesParse) {
  for (const char* lang : {"ar", "fa"}) {
    std::string path = std::string(RASAD_SOURCE_DIR) + "/tests/gold/" + lang + ".tsv";
    auto gold = LoadGold(path);
    ASSERT_TRUE(gold.ok()) << gold.status().ToString();
    size_t empty = 0, events = 0;
    for (const GoldSentence& g : *gold) {
      if (g.events.empty()) ++empty;
      events += g.events.size();
    }
    EXPECT_GE(gold->size(), 200u) << path;
    EXPECT_GT(empty, 0u) << path;
    EXPECT_LT(empty, gold->size()) << path;
    EXPECT_GT(events, gold->size() / 2) << path;
  }
}

// ---------------------------------------------------------------- scoring

TEST(EvalCounts, RatiosAndEmptyCases) {
  Counts c;
  EXPECT_DOUBLE_EQ(c.precision(), 1.0);
  EXPECT_DOUBLE_EQ(c.recall(), 1.0);
  EXPECT_DOUBLE_EQ(c.f1(), 1.0);
  c = {3, 1, 2};
  EXPECT_DOUBLE_EQ(c.precision(), 0.75);
  EXPECT_DOUBLE_EQ(c.recall(), 0.6);
  EXPECT_DOUBLE_EQ(c.f1(), 2 * 0.75 * 0.6 / 1.35);
  c = {0, 2, 3};
  EXPECT_DOUBLE_EQ(c.precision(), 0.0);
  EXPECT_DOUBLE_EQ(c.recall(), 0.0);
  EXPECT_DOUBLE_EQ(c.f1(), 0.0);
}

TEST_F(EvalTest, PerfectMatchInAnyOrder) {
  Sentence(0, "RUSGOV>AZE:042@2023-02-27 ; AZE>RUSGOV:043@2023-02-27",
           "AZE>RUSGOV:043@2023-02-27 ; RUSGOV>AZE:042@2023-02-27");
  Sentence(1, "-", "");
  EvalReport r = Run();
  EXPECT_EQ(r.name, "gold.tsv");
  EXPECT_EQ(r.lang, Lang::kArabic);
  EXPECT_EQ(r.sentences, 2u);
  ExpectCounts(r.level1, 2, 0, 0);
  ExpectCounts(r.level2, 2, 0, 0);
  EXPECT_DOUBLE_EQ(r.level2.f1(), 1.0);
  EXPECT_EQ(r.dates_correct, 2u);
  EXPECT_EQ(r.dates_total, 2u);
  ASSERT_EQ(r.sentence_results.size(), 2u);
  EXPECT_EQ(r.sentence_results[0].gold, &gold_[0]);
  EXPECT_EQ(r.sentence_results[0].missed, 0u);
  EXPECT_EQ(r.sentence_results[0].spurious, 0u);
  EXPECT_EQ(r.sentence_results[0].predicted[0], "AZE>RUSGOV:043@2023-02-27");
}

TEST_F(EvalTest, MissedAndSpuriousEvents) {
  Sentence(0, "RUS>AZE:042@2023 ; AZE>RUS:043@2023", "RUS>AZE:042@2023 ; RUS>UKR:190@2023");
  Sentence(1, "-", "AZE>ARM:190@2023");  // spurious in a sentence with no event
  Sentence(2, "RUS>AZE:040@2023", "");   // missed entirely
  EvalReport r = Run();
  ExpectCounts(r.level1, 1, 2, 2);
  ExpectCounts(r.level2, 1, 2, 2);
  EXPECT_NEAR(r.level1.precision(), 1.0 / 3, 1e-12);
  EXPECT_NEAR(r.level1.recall(), 1.0 / 3, 1e-12);
  EXPECT_NEAR(r.level1.f1(), 1.0 / 3, 1e-12);
  ASSERT_EQ(r.sentence_results.size(), 3u);
  EXPECT_EQ(r.sentence_results[0].missed, 1u);
  EXPECT_EQ(r.sentence_results[0].spurious, 1u);
  EXPECT_EQ(r.sentence_results[1].missed, 0u);
  EXPECT_EQ(r.sentence_results[1].spurious, 1u);
  EXPECT_EQ(r.sentence_results[2].missed, 1u);
  EXPECT_EQ(r.sentence_results[2].spurious, 0u);
  EXPECT_EQ(r.sentence_results[2].expected, std::vector<std::string>{"RUS>AZE:040@2023"});
  EXPECT_TRUE(r.sentence_results[2].predicted.empty());
}

TEST_F(EvalTest, DuplicateEventsAreAMultiset) {
  // Gold codes the same event twice; one prediction matches only one of them.
  Sentence(0, "RUS>AZE:042@2023 ; RUS>AZE:042@2023", "RUS>AZE:042@2023");
  // Three predictions of an event the gold has twice: one is spurious.
  Sentence(1, "AZE>RUS:043@2023 ; AZE>RUS:043@2023",
           "AZE>RUS:043@2023 ; AZE>RUS:043@2023 ; AZE>RUS:043@2023");
  EvalReport r = Run();
  ExpectCounts(r.level1, 3, 1, 1);
  ExpectCounts(r.level2, 3, 1, 1);
  EXPECT_EQ(r.sentence_results[0].missed, 1u);
  EXPECT_EQ(r.sentence_results[1].spurious, 1u);
}

TEST_F(EvalTest, LevelOneKeepsCountriesAndRootsOnly) {
  // Same countries and root, different agents and sub-code: a level-1 match, a level-2 miss.
  Sentence(0, "RUSGOV>AZE:042@2023", "RUS>AZEGOV:043@2023");
  // Different roots: wrong at both levels.
  Sentence(1, "RUSGOV>AZE:042@2023", "RUSGOV>AZE:057@2023");
  EvalReport r = Run();
  ExpectCounts(r.level1, 1, 1, 1);
  ExpectCounts(r.level2, 0, 2, 2);
  EXPECT_DOUBLE_EQ(r.level1.f1(), 0.5);
  EXPECT_DOUBLE_EQ(r.level2.f1(), 0.0);
  EXPECT_DOUBLE_EQ(MetricValue(r, "level1_precision"), 0.5);
  EXPECT_DOUBLE_EQ(MetricValue(r, "level2_recall"), 0.0);
}

TEST_F(EvalTest, InternationalGroupsKeepTheirWholeCode) {
  Sentence(0, "IGOEUREU>RUS:042@2023", "IGOUNO>RUS:042@2023");  // another IGO: no match
  Sentence(1, "IGOEUREU>RUS:042@2023", "IGOEUREU>RUSGOV:042@2023");
  EvalReport r = Run();
  ExpectCounts(r.level1, 1, 1, 1);
  ExpectCounts(r.level2, 0, 2, 2);
}

TEST_F(EvalTest, DatesArePairedPreferringEqualOnes) {
  // Listed in the opposite order: pairing by position would get both wrong.
  Sentence(0, "RUS>AZE:042@2023-02-27 ; RUS>AZE:042@2022-12",
           "RUS>AZE:042@2022-12 ; RUS>AZE:042@2023-02-27");
  // Same year, different precision: not the gold date.
  Sentence(1, "AZE>RUS:043@2023", "AZE>RUS:043@2023-01");
  // A wrong date does not stop the event from matching, and a spurious event has no date to score.
  Sentence(2, "AZE>RUS:040@2023-02-27", "AZE>RUS:040@2015 ; UKR>RUS:190@2023");
  EvalReport r = Run();
  ExpectCounts(r.level1, 4, 1, 0);
  EXPECT_EQ(r.dates_correct, 2u);
  EXPECT_EQ(r.dates_total, 4u);
  EXPECT_DOUBLE_EQ(MetricValue(r, "date_accuracy"), 0.5);
}

TEST_F(EvalTest, NegatedEventsAreDropped) {
  Sentence(0, "-", "RUS>AZE:042@2023", /*negated=*/true);
  Sentence(1, "RUS>AZE:042@2023", "RUS>AZE:042@2023", /*negated=*/true);
  EvalReport r = Run();
  ExpectCounts(r.level1, 0, 0, 1);
  ExpectCounts(r.level2, 0, 0, 1);
  EXPECT_TRUE(r.sentence_results[0].predicted.empty());
  EXPECT_EQ(r.dates_total, 0u);
  EXPECT_DOUBLE_EQ(MetricValue(r, "date_accuracy"), 1.0);
}

TEST_F(EvalTest, CountsPerRootCode) {
  Sentence(0, "RUS>AZE:042@2023 ; AZE>RUS:043@2023 ; RUS>UKR:190@2023",
           "RUS>AZE:040@2023 ; RUS>UKR:173@2023");
  Sentence(1, "RUS>AZE:042@2023", "RUSGOV>AZE:042@2023 ; RUS>UKR:173@2023");
  EvalReport r = Run();
  ExpectCounts(r.level1, 2, 2, 2);
  ASSERT_EQ(r.level1_by_root.size(), 3u);
  ExpectCounts(r.level1_by_root.at("04"), 2, 0, 1);  // fp counted under the predicted root,
  ExpectCounts(r.level1_by_root.at("17"), 0, 2, 0);  // fn under the gold root
  ExpectCounts(r.level1_by_root.at("19"), 0, 0, 1);
}

TEST_F(EvalTest, FormatReportShowsTheNumbers) {
  Sentence(0, "RUS>AZE:042@2023 ; AZE>RUS:043@2023", "RUS>AZE:042@2022 ; RUS>UKR:190@2023");
  Sentence(1, "-", "");
  Sentence(2, "RUS>AZE:040@2023", "");
  EvalReport r = Run();
  std::string text = FormatReport(r, /*list_errors=*/false);
  EXPECT_NE(text.find("gold.tsv"), std::string::npos) << text;
  EXPECT_NE(text.find("(ar, 3 sentences)"), std::string::npos) << text;
  // P 1/2, R 1/3, F1 0.4; tp 1, fp 1, fn 2.
  EXPECT_NE(text.find("level 1     0.500  0.333  0.400      1      1      2"), std::string::npos)
      << text;
  EXPECT_NE(text.find("level 2     0.500  0.333  0.400      1      1      2"), std::string::npos)
      << text;
  EXPECT_NE(text.find("0/1 correct (0.0%)"), std::string::npos) << text;
  EXPECT_NE(text.find("04          1.000  0.333  0.500      1      0      2"), std::string::npos)
      << text;
  EXPECT_NE(text.find("19          0.000  1.000  0.000      0      1      0"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("ar-0"), std::string::npos) << text;  // no listing

  std::string listed = FormatReport(r, /*list_errors=*/true);
  EXPECT_EQ(listed.compare(0, text.size(), text), 0);
  EXPECT_NE(listed.find("ar-0  (missed 1, spurious 1)"), std::string::npos) << listed;
  EXPECT_NE(listed.find(kTexts[0]), std::string::npos) << listed;
  EXPECT_NE(listed.find("expected:  RUS>AZE:042@2023 ; AZE>RUS:043@2023"), std::string::npos)
      << listed;
  EXPECT_NE(listed.find("predicted: RUS>AZE:042@2022 ; RUS>UKR:190@2023"), std::string::npos)
      << listed;
  EXPECT_EQ(listed.find("ar-1"), std::string::npos) << listed;  // nothing wrong there
  EXPECT_NE(listed.find("ar-2  (missed 1, spurious 0)"), std::string::npos) << listed;
  EXPECT_NE(listed.find("predicted: -"), std::string::npos) << listed;
}

// ---------------------------------------------------------------- in the article

// Codes each sentence of an article by its text, with the sentence's span. A sentence marked as
// needing context yields its events only after earlier text, as one with a reference
// ("البلدين") does in the real coder.
class SentenceCoder : public EventCoder {
 public:
  void Set(const std::string& text, const std::string& events, bool needs_context) {
    sentences_[text] = {Events(events), needs_context};
  }
  void Code(AnalyzedArticle* a) const override {
    for (const SentenceInfo& s : a->sentences) {
      auto it = sentences_.find(
          std::string(a->text.text().substr(s.span.begin, s.span.end - s.span.begin)));
      if (it == sentences_.end() || (it->second.needs_context && s.span.begin == 0)) continue;
      for (Event e : it->second.events) {
        e.span_begin = s.span.begin;
        e.span_end = s.span.end;
        a->events.push_back(e);
      }
    }
  }

 private:
  struct Entry {
    std::vector<Event> events;
    bool needs_context = false;
  };
  std::map<std::string, Entry> sentences_;
};

TEST(EvalInArticle, ASentenceIsCodedAfterItsArticlesEarlierText) {
  SentenceCoder coder;
  coder.Set(kTexts[0], "AZEGOV>RUS:042@2023", false);
  coder.Set(kTexts[1], "RUSGOV>AZEGOV:040@2023", true);
  coder.Set(kTexts[2], "RUSGOV>AZE:042@2023", false);
  // Gold: the middle sentence of article a-1, and a sentence of an article not given.
  auto gold = ParseGold("ar-1\ta-1\t2023-02-27\t" + std::string(kTexts[1]) +
                            "\tRUSGOV>AZEGOV:040@2023\n"
                            "ar-2\ta-2\t2023-02-27\t" +
                            std::string(kTexts[3]) + "\t-\n",
                        "gold.tsv");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  Pipeline pipeline(nullptr, &coder);

  // Alone, the middle sentence has no earlier text: its event is missed.
  EvalReport alone = Evaluate(*gold, Lang::kArabic, pipeline, "gold.tsv");
  ExpectCounts(alone.level1, 0, 0, 1);
  EXPECT_FALSE(alone.with_articles);

  // In its article (a TAB in the article stands for the gold's space), it is found; the events
  // of the sentences before and after it are not its own.
  ArticleIndex articles;
  Article a;
  a.id = "a-1";
  a.text = std::string(kTexts[0]) + "\t" + kTexts[1] + " " + kTexts[2];
  articles["a-1"] = a;
  EvalReport in = Evaluate(*gold, Lang::kArabic, pipeline, "gold.tsv", &articles);
  ExpectCounts(in.level1, 1, 0, 0);
  EXPECT_TRUE(in.with_articles);
  EXPECT_EQ(in.in_article, 1u);  // ar-2's article was not given: coded alone
  EXPECT_NE(FormatReport(in, false).find("1/2 sentences coded in their article"),
            std::string::npos);
}

// ---------------------------------------------------------------- floors

EvalReport ReportWith(Lang lang, Counts level1, Counts level2, size_t dates_correct,
                      size_t dates_total) {
  EvalReport r;
  r.lang = lang;
  r.level1 = level1;
  r.level2 = level2;
  r.dates_correct = dates_correct;
  r.dates_total = dates_total;
  return r;
}

TEST(FloorParse, ReadsLanguagesMetricsAndValues) {
  auto floors = ParseFloors(
      "# lang\tmetric\tvalue\n"
      "ar\tlevel1_f1\t0.716\n"
      "\n"
      "fa\tdate_accuracy\t1\n",
      "floor.tsv");
  ASSERT_TRUE(floors.ok()) << floors.status().ToString();
  ASSERT_EQ(floors->size(), 2u);
  EXPECT_EQ((*floors)[0].lang, Lang::kArabic);
  EXPECT_EQ((*floors)[0].metric, "level1_f1");
  EXPECT_DOUBLE_EQ((*floors)[0].value, 0.716);
  EXPECT_EQ((*floors)[1].lang, Lang::kPersian);
  EXPECT_DOUBLE_EQ((*floors)[1].value, 1.0);
}

TEST(FloorParse, ReportsEveryBadLineWithFileAndLine) {
  auto floors = ParseFloors(
      "ar\tlevel1_f1\t0.5\n"      // 1 fine
      "en\tlevel1_f1\t0.5\n"      // 2 language
      "ar\tlevel3_f1\t0.5\n"      // 3 metric
      "fa\tlevel1_f1\thigh\n"     // 4 value
      "fa\tlevel2_f1\t1.5\n"      // 5 out of range
      "ar\tlevel1_f1\t0.6\n"      // 6 duplicate
      "fa\tlevel1_recall\n"       // 7 no value
      "fa\tlevel1_f1\t0.5\tx\n",  // 8 four columns
      "floor.tsv");
  ASSERT_FALSE(floors.ok());
  const std::string& m = floors.status().message();
  EXPECT_EQ(m.find("floor.tsv:1:"), std::string::npos) << m;
  EXPECT_NE(m.find("floor.tsv:2: bad language 'en'"), std::string::npos) << m;
  EXPECT_NE(m.find("floor.tsv:3: unknown metric 'level3_f1'"), std::string::npos) << m;
  EXPECT_NE(m.find("floor.tsv:4: bad value 'high'"), std::string::npos) << m;
  EXPECT_NE(m.find("floor.tsv:5: bad value '1.5'"), std::string::npos) << m;
  EXPECT_NE(m.find("floor.tsv:6: second floor for ar level1_f1 (first at line 1)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("floor.tsv:7: bad value ''"), std::string::npos) << m;
  EXPECT_NE(m.find("floor.tsv:8: expected 3 TAB-separated columns, got 4"), std::string::npos) << m;
}

TEST(FloorMetric, EveryMetricAndUnknown) {
  EvalReport r = ReportWith(Lang::kArabic, {3, 1, 2}, {1, 3, 4}, 2, 3);
  EXPECT_DOUBLE_EQ(MetricValue(r, "level1_precision"), 0.75);
  EXPECT_DOUBLE_EQ(MetricValue(r, "level1_recall"), 0.6);
  EXPECT_NEAR(MetricValue(r, "level1_f1"), 2 * 0.75 * 0.6 / 1.35, 1e-12);
  EXPECT_DOUBLE_EQ(MetricValue(r, "level2_precision"), 0.25);
  EXPECT_DOUBLE_EQ(MetricValue(r, "level2_recall"), 0.2);
  EXPECT_NEAR(MetricValue(r, "level2_f1"), 2 * 0.25 * 0.2 / 0.45, 1e-12);
  EXPECT_NEAR(MetricValue(r, "date_accuracy"), 2.0 / 3, 1e-12);
  EXPECT_TRUE(std::isnan(MetricValue(r, "level3_f1")));
}

TEST(FloorCheck, PassesWhenEveryFloorHolds) {
  std::vector<EvalReport> reports = {ReportWith(Lang::kArabic, {3, 1, 2}, {1, 3, 4}, 2, 3),
                                     ReportWith(Lang::kPersian, {1, 0, 1}, {1, 0, 1}, 1, 1)};
  auto floors = ParseFloors(
      "ar\tlevel1_precision\t0.75\n"  // exactly at the floor
      "ar\tlevel2_recall\t0.1\n"
      "fa\tlevel1_recall\t0.5\n"
      "fa\tdate_accuracy\t1\n",
      "floor.tsv");
  ASSERT_TRUE(floors.ok()) << floors.status().ToString();
  EXPECT_TRUE(CheckFloors(reports, *floors).empty());
}

TEST(FloorCheck, NamesEachFailureAndMissingLanguage) {
  std::vector<EvalReport> reports = {ReportWith(Lang::kPersian, {13, 0, 12}, {5, 8, 20}, 9, 10)};
  auto floors = ParseFloors(
      "fa\tlevel1_recall\t0.6\n"
      "fa\tlevel1_precision\t0.9\n"
      "fa\tlevel2_precision\t0.5\n"
      "fa\tdate_accuracy\t0.95\n"
      "ar\tlevel1_f1\t0.3\n",
      "floor.tsv");
  ASSERT_TRUE(floors.ok()) << floors.status().ToString();
  std::vector<std::string> failures = CheckFloors(reports, *floors);
  std::vector<std::string> want = {
      "fa level1_recall 0.520 < floor 0.600", "fa level2_precision 0.385 < floor 0.500",
      "fa date_accuracy 0.900 < floor 0.950", "ar level1_f1: no report for this language"};
  EXPECT_EQ(failures, want);
}

}  // namespace
}  // namespace rasad
