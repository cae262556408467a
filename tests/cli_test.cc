// End-to-end: the built `rasad` binary on the bundled example, the seeds and samples of the
// corpora. Checks that nothing is lost (every input article accounted for) and that sentence and
// token counts are sane. The corpora live beside the repository (../shared/corpus); CI has them.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/test_support.h"

namespace {

namespace fs = std::filesystem;

using rasad_test::Corpus;
using rasad_test::Lines;
using rasad_test::Slurp;
using Outcome = rasad_test::CliRun;

fs::path TempDir() {
  fs::path d =
      fs::temp_directory_path() /
      rasad_test::ScratchName(
          "cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  fs::create_directories(d);
  return d;
}

// Runs rasad with `args` (a shell-quoted string), optionally feeding `stdin_file`.
Outcome Rasad(const std::string& args, const std::string& stdin_file = "") {
  return rasad_test::RunRasad(args, TempDir(), stdin_file);
}

// The first `n` lines of a gzip file (n = 0: all).
std::vector<std::string> GzLines(const std::string& path, size_t n) {
  std::vector<std::string> out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  std::string line;
  char buf[1 << 16];
  while (n == 0 || out.size() < n) {
    if (gzgets(f, buf, sizeof buf) == nullptr) break;
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      out.push_back(line);
      line.clear();
    }
  }
  if (!line.empty() && (n == 0 || out.size() < n)) out.push_back(line);
  gzclose(f);
  return out;
}

struct Summary {
  int64_t read = 0, coded = 0, skipped = 0, unreadable = 0, sentences = 0, tokens = 0;
};

Summary ReadSummary(const std::string& path) {
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  Summary s;
  std::string json = Slurp(path);
  EXPECT_FALSE(p.parse(json).get(doc)) << json;
  s.read = int64_t(doc["articles_read"]);
  s.coded = int64_t(doc["articles_coded"]);
  s.skipped = int64_t(doc["articles_skipped"]);
  s.unreadable = int64_t(doc["unreadable"]);
  s.sentences = int64_t(doc["sentences"]);
  s.tokens = int64_t(doc["tokens"]);
  return s;
}

TEST(Cli, HelpAndVersion) {
  Outcome v = Rasad("version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.rfind("rasad ", 0), 0u);
  Outcome h = Rasad("code --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--sentences"), std::string::npos);
  EXPECT_NE(h.out.find("--tokens"), std::string::npos);
  Outcome bad = Rasad("code --no-such-flag");
  EXPECT_NE(bad.exit_code, 0);
  Outcome none = Rasad("");
  EXPECT_NE(none.exit_code, 0);
  Outcome missing = Rasad("code /nonexistent/file.jsonl");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/file.jsonl"), std::string::npos);
}

// Every sentence span must cut the article's own text at the sentence it reports.
void CheckSentencesAgainstArticles(const std::string& sentences_jsonl,
                                   const std::map<std::string, std::string>& texts,
                                   std::map<std::string, int>* per_article) {
  simdjson::dom::parser p;
  for (const std::string& line : Lines(sentences_jsonl)) {
    simdjson::dom::element doc;
    ASSERT_FALSE(p.parse(line).get(doc)) << line;
    std::string id{std::string_view(doc["article_id"])};
    auto it = texts.find(id);
    ASSERT_NE(it, texts.end()) << id;
    uint64_t b = int64_t(doc["span"].at(0)), e = int64_t(doc["span"].at(1));
    ASSERT_LT(b, e);
    ASSERT_LE(e, it->second.size());
    EXPECT_EQ(it->second.substr(b, e - b), std::string_view(doc["text"]));
    ++(*per_article)[id];
  }
}

std::map<std::string, std::string> TextsById(const std::vector<std::string>& lines) {
  std::map<std::string, std::string> out;
  simdjson::dom::parser p;
  for (const auto& l : lines) {
    simdjson::dom::element doc;
    if (p.parse(l).get(doc)) continue;
    out[std::string(std::string_view(doc["id"]))] = std::string(std::string_view(doc["text"]));
  }
  return out;
}

TEST(Cli, SeedsAreReadWhole) {
  const std::string seeds = Corpus("seeds.jsonl");
  if (!fs::exists(seeds)) GTEST_SKIP() << "corpus not found at " << seeds;
  fs::path d = TempDir();
  Outcome r = Rasad("code " + seeds + " --sentences --summary " + (d / "sum.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Summary s = ReadSummary((d / "sum.json").string());
  EXPECT_EQ(s.read, 5);
  EXPECT_EQ(s.coded, 5);
  std::vector<std::string> lines;
  std::ifstream in(seeds);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::map<std::string, int> per_article;
  CheckSentencesAgainstArticles(r.out, TextsById(lines), &per_article);
  ASSERT_EQ(per_article.size(), 5u);
  // The Persian seed is one line of ~17 sentences; the Arabic ones 20–60 each.
  EXPECT_GE(per_article["000_1ccb14619c41639d"], 10);
  EXPECT_LE(per_article["000_1ccb14619c41639d"], 30);
  for (auto& [id, n] : per_article) {
    EXPECT_GE(n, 10) << id;
    EXPECT_LE(n, 80) << id;
  }
  EXPECT_GT(s.tokens / s.sentences, 8);
  EXPECT_LT(s.tokens / s.sentences, 60);
  EXPECT_NE(r.err.find("5 articles read (ar 4, fa 1)"), std::string::npos) << r.err;
}

TEST(Cli, TokensViewShowsKeysAndCandidates) {
  fs::path d = TempDir();
  std::ofstream(d / "in.jsonl") << R"({"id":"t1","text":"وبالحكومة الروسية"})"
                                << "\n";
  Outcome r = Rasad("code --tokens " + (d / "in.jsonl").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"key\":\"وبالحكومه\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("{\"key\":\"حكومه\",\"clitics\":\"conj prep article\"}"), std::string::npos)
      << r.out;
}

TEST(Cli, CorpusSamplesLoseNothing) {
  const std::string snn = Corpus("saudinewsnet-2015-dev.jsonl.gz");
  const std::string fars = Corpus("farsnews-dev.jsonl.gz");
  if (!fs::exists(snn) || !fs::exists(fars)) GTEST_SKIP() << "corpus not found";
  fs::path d = TempDir();
  for (const auto& [path, lang, n] : {std::tuple{snn, std::string("ar"), size_t{600}},
                                      std::tuple{fars, std::string("fa"), size_t{0}}}) {
    std::vector<std::string> lines = GzLines(path, n);
    ASSERT_GT(lines.size(), 100u);
    std::string sample = (d / ("sample_" + lang + ".jsonl")).string();
    {
      std::ofstream out(sample);
      for (const auto& l : lines) out << l << "\n";
    }
    std::string sum = (d / ("sum_" + lang + ".json")).string();
    Outcome r = Rasad("code " + sample + " --sentences --threads 2 --summary " + sum);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Summary s = ReadSummary(sum);
    // Every input article is accounted for: coded, or skipped with a counted reason.
    EXPECT_EQ(s.read, static_cast<int64_t>(lines.size()));
    EXPECT_EQ(s.coded + s.skipped, s.read);
    EXPECT_EQ(s.unreadable, 0);
    EXPECT_GE(s.coded, s.read * 95 / 100) << lang;
    std::map<std::string, int> per_article;
    std::map<std::string, std::string> texts = TextsById(lines);
    CheckSentencesAgainstArticles(r.out, texts, &per_article);
    // Every coded article has sentences in the output (Fars repeats 5 ids: count distinct ids).
    const int64_t duplicates = static_cast<int64_t>(lines.size() - texts.size());
    EXPECT_EQ(static_cast<int64_t>(per_article.size()), s.coded - duplicates);
    double sentences_per_article = double(s.sentences) / s.coded;
    double tokens_per_sentence = double(s.tokens) / s.sentences;
    EXPECT_GT(sentences_per_article, 3) << lang;
    EXPECT_LT(sentences_per_article, 60) << lang;
    EXPECT_GT(tokens_per_sentence, 10) << lang;
    EXPECT_LT(tokens_per_sentence, 60) << lang;
  }
}

TEST(Cli, ThreadsDoNotChangeTheOutput) {
  const std::string fars = Corpus("farsnews-dev.jsonl.gz");
  if (!fs::exists(fars)) GTEST_SKIP() << "corpus not found";
  Outcome one = Rasad("code -q --tokens " + fars);
  Outcome two = Rasad("code -q --tokens --threads 2 " + fars);
  ASSERT_EQ(one.exit_code, 0);
  ASSERT_EQ(two.exit_code, 0);
  EXPECT_GT(one.out.size(), 1000000u);
  EXPECT_EQ(one.out, two.out);
}

TEST(Cli, BadInputIsReportedAndTheBatchContinues) {
  fs::path d = TempDir();
  {
    std::ofstream f(d / "mixed.jsonl", std::ios::binary);
    f << R"({"id":"good1","text":"زار لافروف باكو."})"
      << "\n";
    f << R"({"id":"cut","text":"زار لافروف)"
      << "\n";
    f << R"({"id":"badutf","text":"زار )"
      << "\xC3\x28"
      << R"( باكو"})"
      << "\n";
    f << R"({"id":"good2","text":"دیدار پوتین و علی‌اف در باکو."})"
      << "\n";
  }
  std::ofstream(d / "empty.txt").close();
  std::ofstream(d / "blob.jsonl", std::ios::binary) << std::string(
      "\x7f"
      "ELF\x02\x01\x01\0\0\0",
      10);
  std::string report = (d / "report.jsonl").string();
  Outcome r = Rasad("code --sentences " + (d / "mixed.jsonl").string() + " " +
                    (d / "empty.txt").string() + " " + (d / "blob.jsonl").string() + " --report " +
                    report + " --summary " + (d / "sum.json").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;  // finished, with input skipped
  EXPECT_NE(r.out.find("good1"), std::string::npos);
  EXPECT_NE(r.out.find("good2"), std::string::npos);
  EXPECT_NE(r.err.find("mixed.jsonl:2 [cut]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mixed.jsonl:3 [badutf]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
  EXPECT_EQ(Lines(Slurp(report)).size(), 4u);
  Summary s = ReadSummary((d / "sum.json").string());
  EXPECT_EQ(s.read, 2);
  EXPECT_EQ(s.unreadable, 4);
}

TEST(Cli, StandardInputAndHtml) {
  fs::path d = TempDir();
  std::ofstream(d / "in.jsonl") << R"({"id":"s1","text":"زار لافروف باكو. التقى علييف."})"
                                << "\n";
  Outcome r = Rasad("code --sentences -", (d / "in.jsonl").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 2u);
  std::ofstream(d / "page.html")
      << "<html><body><nav><a href='/'>الرئيسية</a></nav><article><p>زار لافروف باكو يوم "
         "الاثنين.</p>"
         "<p>ربما يعجبك أيضا</p><p>خبر آخر</p></article></body></html>";
  Outcome h = Rasad("code --sentences " + (d / "page.html").string());
  ASSERT_EQ(h.exit_code, 0) << h.err;
  ASSERT_EQ(Lines(h.out).size(), 1u) << h.out;
  EXPECT_NE(h.out.find("زار لافروف باكو يوم الاثنين."), std::string::npos);
}

TEST(Cli, BundledExampleRuns) {
  const std::string example = std::string(RASAD_SOURCE_DIR) + "/examples";
  if (!fs::exists(example + "/news.jsonl")) GTEST_SKIP() << "no example yet";
  fs::path d = TempDir();
  Outcome r = Rasad("code --sentences " + example + " --summary " + (d / "sum.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Summary s = ReadSummary((d / "sum.json").string());
  EXPECT_GE(s.coded, 6);
  EXPECT_EQ(s.coded, s.read);
}

}  // namespace

namespace {

struct CodedEvent {
  std::string article, source, target, code, date;
  int quad = 0;
  bool negated = false;
};

std::vector<CodedEvent> ParseEvents(const std::string& jsonl) {
  std::vector<CodedEvent> out;
  simdjson::dom::parser p;
  for (const std::string& line : Lines(jsonl)) {
    simdjson::dom::element e;
    EXPECT_FALSE(p.parse(line).get(e)) << line;
    CodedEvent c;
    c.article = std::string(std::string_view(e["article_id"]));
    c.source = std::string(std::string_view(e["source"]));
    c.target = std::string(std::string_view(e["target"]));
    c.code = std::string(std::string_view(e["code"]));
    c.date = std::string(std::string_view(e["date"]));
    c.quad = static_cast<int>(int64_t(e["quad"]));
    c.negated = bool(e["negated"]);
    out.push_back(c);
  }
  return out;
}

bool Has(const std::vector<CodedEvent>& events, const std::string& source,
         const std::string& target, const std::string& code_prefix,
         const std::string& date_prefix) {
  for (const CodedEvent& e : events) {
    if (e.source == source && e.target == target && e.code.rfind(code_prefix, 0) == 0 &&
        e.date.rfind(date_prefix, 0) == 0 && !e.negated) {
      return true;
    }
  }
  return false;
}

// The seeds tell the story of Russia–Azerbaijan relations; the coder must tell it back.
TEST(Cli, SeedsTellTheStory) {
  const std::string seeds = Corpus("seeds.jsonl");
  if (!fs::exists(seeds)) GTEST_SKIP() << "corpus not found at " << seeds;
  Outcome r = Rasad("code -q " + seeds);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto events = ParseEvents(r.out);
  // Mammadyarov (Azerbaijan's foreign minister) visits Moscow, 2008.
  EXPECT_TRUE(Has(events, "AZEGOV", "RUS", "042", "2008"));
  // Aliyev meets Pashinyan on 18 February 2023.
  EXPECT_TRUE(Has(events, "AZEGOV", "ARMGOV", "04", "2023-02-18"));
  // The ICC's arrest warrant against Putin, 17 March 2023.
  EXPECT_TRUE(Has(events, "IGOICC", "RUSGOV", "173", "2023-03-17"));
  // Putin's visit to Baku, August 2024, and Azerbaijan hosting it.
  EXPECT_TRUE(Has(events, "RUSGOV", "AZE", "042", "2024-08"));
  EXPECT_TRUE(Has(events, "AZE", "RUSGOV", "043", "2024-08"));
  // Russia calls on Azerbaijan to restore relations and release the detained, 2025.
  EXPECT_TRUE(Has(events, "RUSGOV", "AZE", "02", "2025"));

  // The dyad summary: cooperation dominates RUS–AZE through 2024.
  fs::path d = TempDir();
  std::ofstream(d / "events.jsonl") << r.out;
  Outcome dyad = Rasad("dyad RUS AZE " + (d / "events.jsonl").string());
  ASSERT_EQ(dyad.exit_code, 0) << dyad.err;
  for (const char* year : {"2008", "2023", "2024"}) {
    size_t at = dyad.out.find(std::string("\n") + year);
    ASSERT_NE(at, std::string::npos) << dyad.out;
    size_t eol = dyad.out.find('\n', at + 1);
    EXPECT_NE(dyad.out.substr(at, eol - at).find("cooperation"), std::string::npos) << dyad.out;
  }
}

TEST(Cli, ExplainShowsTheDecisions) {
  Outcome r =
      Rasad("explain \"زار وزير الخارجية الروسي سيرغي لافروف باكو أمس.\" --date 2023-02-27");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("[امس]"), std::string::npos) << r.out;    // keys
  EXPECT_NE(r.out.find("(agent)"), std::string::npos) << r.out;  // mentions
  EXPECT_NE(r.out.find("-> RUSGOV Sergey Lavrov (Russia, foreign minister)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("patterns_ar.tsv:"), std::string::npos) << r.out;  // the rule's line
  EXPECT_NE(r.out.find("RUSGOV > AZE  042 Make a visit  2023-02-26"), std::string::npos) << r.out;
}

TEST(Cli, CheckDataReportsBadLines) {
  fs::path d = TempDir() / "data";
  fs::remove_all(d);
  fs::copy(std::string(RASAD_SOURCE_DIR) + "/data", d, fs::copy_options::recursive);
  Outcome ok = Rasad("check-data --data " + d.string());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("ok"), std::string::npos);
  std::ofstream(d / "actors" / "tenures.tsv", std::ios::app)
      << "vladimir_putin\tRUSGOV\tpresident\t2030-01-01\t2020-01-01\n";
  Outcome bad = Rasad("check-data --data " + d.string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("tenures.tsv:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("end is before start"), std::string::npos) << bad.err;
}

}  // namespace
