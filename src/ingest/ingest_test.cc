#include "rasad/ingest.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "tests/test_support.h"

namespace rasad {
namespace {

namespace fs = std::filesystem;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           rasad_test::ScratchName(
               "ingest_" +
               std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string WriteGz(const std::string& name, const std::string& content,
                      size_t keep = std::string::npos) {
    std::string tmp = (dir_ / (name + ".full")).string();
    gzFile f = gzopen(tmp.c_str(), "wb");
    gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
    gzclose(f);
    std::ifstream in(tmp, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    fs::remove(tmp);
    return Write(name, bytes.substr(0, keep));
  }

  struct Result {
    std::vector<Article> articles;
    std::vector<IngestProblem> problems;
  };
  Result ReadAll(const std::vector<std::string>& paths, IngestOptions options = {}) {
    Result r;
    auto reader = ArticleReader::Open(paths, options, &boilerplate_);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (!reader.ok()) return r;
    Article a;
    while ((*reader)->Next(&a, &r.problems)) r.articles.push_back(a);
    return r;
  }

  fs::path dir_;
  Boilerplate boilerplate_ =
      *Boilerplate::Parse("line\tRu En\nline\tمشاركة\ntail\tربما يعجبك أيضا\n", "test");
};

const char* kGood1 =
    R"({"id":"a1","url":"http://x/1","source":"tass","date":"2023-02-27","lang":"ar","title":"لافروف في باكو","text":"زار لافروف باكو."})";
const char* kGood2 =
    R"({"id":"a2","date":"2025-07","text":"سفر پوتین به باکو","section":"x","tags":["a"]})";

TEST_F(IngestTest, JsonLinesAllFields) {
  auto r = ReadAll({Write("a.jsonl", std::string(kGood1) + "\n\n" + kGood2 + "\n")});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_TRUE(r.problems.empty());
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.url, "http://x/1");
  EXPECT_EQ(a.source, "tass");
  EXPECT_EQ(a.date.ToString(), "2023-02-27");
  EXPECT_EQ(a.lang_hint, Lang::kArabic);
  EXPECT_EQ(a.title, "لافروف في باكو");
  EXPECT_EQ(a.text, "زار لافروف باكو.");
  EXPECT_EQ(a.origin.substr(a.origin.size() - 10), "/a.jsonl:1");
  EXPECT_EQ(r.articles[1].date.precision, DatePrecision::kMonth);
  EXPECT_EQ(r.articles[1].origin.substr(r.articles[1].origin.size() - 10), "/a.jsonl:3");
}

TEST_F(IngestTest, GzipAndZstdAreReadDirectly) {
  auto r = ReadAll({WriteGz("a.jsonl.gz", std::string(kGood1) + "\n" + kGood2 + "\n")});
  EXPECT_EQ(r.articles.size(), 2u);
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(IngestTest, TruncatedGzipKeepsWhatWasReadAndReportsTheRest) {
  std::string content;
  for (int i = 0; i < 2000; ++i) {
    content += R"({"id":"n)" + std::to_string(i) + R"(","text":"خبر رقم )" +
               std::to_string(i * 7919) + "\"}\n";
  }
  std::string path = WriteGz("cut.jsonl.gz", content);
  size_t size = fs::file_size(path);
  path = WriteGz("cut.jsonl.gz", content, size / 2);
  auto r = ReadAll({path, Write("b.jsonl", std::string(kGood1) + "\n")});
  EXPECT_GT(r.articles.size(), 1u);
  EXPECT_LT(r.articles.size(), 2001u);
  EXPECT_EQ(r.articles.back().id, "a1");  // the next file is still read
  ASSERT_FALSE(r.problems.empty());
  bool reported = false;
  for (const auto& p : r.problems) reported |= p.status.code() == StatusCode::kDataLoss;
  EXPECT_TRUE(reported);
}

TEST_F(IngestTest, BadLinesAreReportedWithPlaceAndIdAndTheBatchGoesOn) {
  std::string lines = std::string(kGood1) + "\n" + R"({"id":"trunc1","text":"زار لافروف)" +
                      "\n" +  // truncated line
                      R"(not json at all)" + "\n" + R"({"id":"notext","title":"x"})" + "\n" +
                      R"({"id":"num","text":42})" + "\n" +
                      R"({"id":"two","text":"a"} {"id":"three","text":"b"})" + "\n" +
                      kGood2;  // last line without newline is fine
  auto r = ReadAll({Write("bad.jsonl", lines)});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[1].id, "a2");
  ASSERT_EQ(r.problems.size(), 5u);
  EXPECT_NE(r.problems[0].where.find("bad.jsonl:2"), std::string::npos);
  EXPECT_EQ(r.problems[0].article_id, "trunc1");
  EXPECT_TRUE(r.problems[0].skipped);
  EXPECT_NE(r.problems[1].where.find("bad.jsonl:3"), std::string::npos);
  EXPECT_EQ(r.problems[2].article_id, "notext");
  EXPECT_NE(r.problems[2].status.message().find("text"), std::string::npos);
  EXPECT_EQ(r.problems[3].article_id, "num");
  EXPECT_EQ(r.problems[4].article_id, "two");
}

TEST_F(IngestTest, MalformedUtf8IsSkippedOrRepairedOnRequest) {
  std::string line = std::string(R"({"id":"u1","text":"زار )") + "\xFF\xFE" + R"( باكو"})";
  auto strict = ReadAll({Write("u.jsonl", line + "\n" + kGood1 + "\n")});
  ASSERT_EQ(strict.articles.size(), 1u);
  ASSERT_EQ(strict.problems.size(), 1u);
  EXPECT_EQ(strict.problems[0].status.code(), StatusCode::kDataLoss);
  EXPECT_EQ(strict.problems[0].article_id, "u1");
  EXPECT_NE(strict.problems[0].status.message().find("--repair-utf8"), std::string::npos);

  IngestOptions repair;
  repair.repair_utf8 = true;
  auto fixed = ReadAll({Write("u2.jsonl", line + "\n")}, repair);
  ASSERT_EQ(fixed.articles.size(), 1u);
  EXPECT_EQ(fixed.articles[0].text, "زار \xEF\xBF\xBD\xEF\xBF\xBD باكو");
  ASSERT_EQ(fixed.problems.size(), 1u);
  EXPECT_FALSE(fixed.problems[0].skipped);
}

TEST_F(IngestTest, HugeArticleIsReportedAndSkipped) {
  std::string big(50u << 20, 'x');
  std::string line = R"({"id":"huge","text":")" + big + "\"}";
  IngestOptions options;  // default limit, 16 MiB
  auto r =
      ReadAll({Write("big.jsonl", line + "\n" + kGood1 + "\n"), Write("big.txt", big)}, options);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "a1");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(r.problems[0].article_id, "huge");
  EXPECT_EQ(r.problems[1].status.code(), StatusCode::kResourceExhausted);

  // Under a larger limit the same article is read whole.
  options.max_article_bytes = 64u << 20;
  auto ok = ReadAll({Write("big2.jsonl", line + "\n")}, options);
  ASSERT_EQ(ok.articles.size(), 1u);
  EXPECT_EQ(ok.articles[0].text.size(), big.size());
}

TEST_F(IngestTest, EmptyAndBinaryFiles) {
  auto r = ReadAll({Write("empty.jsonl", ""),
                    Write("blob.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11)),
                    Write("ok.jsonl", std::string(kGood1) + "\n")});
  ASSERT_EQ(r.articles.size(), 1u);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_NE(r.problems[0].status.message().find("empty"), std::string::npos);
  EXPECT_NE(r.problems[1].status.message().find("binary"), std::string::npos);
}

TEST_F(IngestTest, PlainTextGetsAStableContentId) {
  std::string path = Write("seed.txt", "\xEF\xBB\xBFزار لافروف باكو.\n");
  auto r1 = ReadAll({path});
  auto r2 = ReadAll({path});
  ASSERT_EQ(r1.articles.size(), 1u);
  EXPECT_EQ(r1.articles[0].text, "زار لافروف باكو.\n");  // BOM removed, nothing else
  EXPECT_EQ(r1.articles[0].id, r2.articles[0].id);
  EXPECT_EQ(r1.articles[0].id, ContentId("", "زار لافروف باكو.\n"));
  auto jsonl = ReadAll({Write("noid.jsonl", R"({"text":"زار لافروف باكو.\n"})")});
  ASSERT_EQ(jsonl.articles.size(), 1u);
  EXPECT_EQ(jsonl.articles[0].id, r1.articles[0].id);  // same text, same id, whatever the format
}

TEST_F(IngestTest, DirectoriesAreReadRecursivelyInNameOrder) {
  Write("d/b.jsonl", std::string(kGood2) + "\n");
  Write("d/a/x.jsonl", std::string(kGood1) + "\n");
  Write("d/.hidden.jsonl", std::string(kGood1) + "\n");
  Write("d/notes.md", "# not an input");
  auto r = ReadAll({(dir_ / "d").string()});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "a1");
  EXPECT_EQ(r.articles[1].id, "a2");
  EXPECT_TRUE(r.problems.empty());
  auto missing = ArticleReader::Open({(dir_ / "nope").string()}, {}, nullptr);
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(IngestTest, BadDateIsAWarningAndTheArticleIsKept) {
  auto r = ReadAll({Write("d.jsonl", R"({"id":"d1","date":"2023-02-30","text":"خبر"})")});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_TRUE(r.articles[0].date.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_FALSE(r.problems[0].skipped);
  EXPECT_EQ(r.problems[0].article_id, "d1");
}

const char* kPage = R"(<!doctype html><html><head><title>لافروف في باكو | الموقع</title>
<meta property="article:published_time" content="2023-02-27T09:00:00Z">
<meta property="og:site_name" content="موقع تجريبي">
<link rel="canonical" href="https://example.org/a/1"></head>
<body><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li></ul></nav>
<div class="lang-switch">Ru En</div>
<header class="site-header"><a href="/">شعار</a></header>
<div class="content"><h1>لافروف في باكو</h1>
<p>افتتح وزير الخارجية الروسي سيرغي لافروف زيارة إلى باكو.</p>
<div class="share-bar"><a href="#">فيسبوك</a> <a href="#">تويتر</a> مشاركة</div>
<p>والتقى الرئيس إلهام علييف <b>يوم الاثنين</b>.</p>
<p>مشاركة</p>
<p>ربما يعجبك أيضا</p>
<ul><li><a href="/x">خبر آخر عن الطقس</a></li></ul>
</div>
<aside class="related"><a href="/y">مقال ذو صلة</a></aside>
<footer>حقوق النشر</footer><script>var x = "لا";</script></body></html>)";

TEST_F(IngestTest, HtmlKeepsTheArticleAndDropsTheDebris) {
  HtmlPage page = ExtractHtml(kPage, boilerplate_);
  EXPECT_EQ(page.title, "لافروف في باكو | الموقع");
  EXPECT_EQ(page.url, "https://example.org/a/1");
  EXPECT_EQ(page.site, "موقع تجريبي");
  EXPECT_EQ(page.date.ToString(), "2023-02-27");
  EXPECT_EQ(page.text,
            "لافروف في باكو\n"
            "افتتح وزير الخارجية الروسي سيرغي لافروف زيارة إلى باكو.\n"
            "والتقى الرئيس إلهام علييف يوم الاثنين.");
  auto r = ReadAll({Write("page.html", kPage)});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].text, page.text);
  EXPECT_EQ(r.articles[0].date.ToString(), "2023-02-27");
  EXPECT_EQ(r.articles[0].source, "موقع تجريبي");
}

TEST_F(IngestTest, FormatIsSniffedWhenTheNameDoesNotTell) {
  auto r = ReadAll({Write("feed.data", std::string(kGood1) + "\n"), Write("page.data", kPage)});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "a1");
  EXPECT_NE(r.articles[1].text.find("علييف"), std::string::npos);
  EXPECT_EQ(r.articles[1].text.find("فيسبوك"), std::string::npos);
}

TEST(Boilerplate, FileIsValidatedWithLineNumbers) {
  auto bad = Boilerplate::Parse("# comment\nline\tRu En\nheader\tx\n", "bp.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bp.tsv:3"), std::string::npos);
  EXPECT_FALSE(Boilerplate::Parse("line Ru En\n", "bp.tsv").ok());
  auto good = Boilerplate::Parse("line\tRu En\ntail\tربما يعجبك أيضا\n", "bp.tsv");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->Classify("Ru En"), Boilerplate::LineKind::kDebris);
  EXPECT_EQ(good->Classify("  ربما يعجبك ايضا:"), Boilerplate::LineKind::kTailStart);
  EXPECT_EQ(good->Classify(">).p>"), Boilerplate::LineKind::kDebris);
  EXPECT_EQ(good->Classify("زار لافروف باكو"), Boilerplate::LineKind::kContent);
}

TEST(Boilerplate, ShippedFileLoads) {
  auto b = Boilerplate::Load(std::string(RASAD_SOURCE_DIR) + "/data/ingest/boilerplate.tsv");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_GT(b->size(), 20u);
  EXPECT_EQ(b->Classify("ربما يعجبك أيضا"), Boilerplate::LineKind::kTailStart);
  EXPECT_EQ(b->Classify("Ru En"), Boilerplate::LineKind::kDebris);
}

}  // namespace
}  // namespace rasad
