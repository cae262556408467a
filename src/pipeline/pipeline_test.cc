#include "rasad/pipeline.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "rasad/event.h"

namespace rasad {
namespace {

TEST(ActorCodes, CountryOrWholeGroupCode) {
  EXPECT_EQ(ActorCountry("RUSGOV"), "RUS");
  EXPECT_EQ(ActorCountry("RUS"), "RUS");
  EXPECT_EQ(ActorCountry("YEMHTI"), "YEM");
  EXPECT_EQ(ActorCountry("IGOEUREU"), "IGOEUREU");
  EXPECT_EQ(ActorCountry("IMGISI"), "IMGISI");
  EXPECT_EQ(ActorCountry("NGOHRW"), "NGOHRW");
  EXPECT_TRUE(IsGroupCode("IGOEUREU"));
  EXPECT_FALSE(IsGroupCode("RUSGOV"));
}

TEST(EventOutput, JsonHasTheDesignFieldsAndRoundTrips) {
  Event e;
  e.event_id = "e1";
  e.article_id = "001";
  e.sentence = 3;
  e.lang = Lang::kArabic;
  e.date = *ParseDate("2023-02-27");
  e.source = "RUSGOV";
  e.source_country = "RUS";
  e.source_name = "سيرغي لافروف";
  e.source_label = "Sergey Lavrov (Russia, foreign minister)";
  e.target = "AZE";
  e.target_country = "AZE";
  e.target_name = "باكو";
  e.code = "042";
  e.root = "04";
  e.quad = 1;
  e.goldstein = 1.9;
  e.plover = "CONSULT";
  e.label = "Make a visit";
  e.place = "Baku";
  e.reported = true;
  e.span_begin = 1234;
  e.span_end = 1301;
  e.text = "قال \"لافروف\"\tفي باكو\n";
  std::string line;
  AppendEventJson(e, line);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(line).get(doc));
  EXPECT_EQ(std::string_view(doc["event_id"]), "e1");
  EXPECT_EQ(int64_t(doc["sentence"]), 3);
  EXPECT_EQ(std::string_view(doc["lang"]), "ar");
  EXPECT_EQ(std::string_view(doc["date"]), "2023-02-27");
  EXPECT_EQ(std::string_view(doc["date_precision"]), "day");
  EXPECT_EQ(std::string_view(doc["source"]), "RUSGOV");
  EXPECT_EQ(std::string_view(doc["source_name"]), "سيرغي لافروف");
  EXPECT_EQ(std::string_view(doc["target_country"]), "AZE");
  EXPECT_EQ(std::string_view(doc["code"]), "042");
  EXPECT_EQ(int64_t(doc["quad"]), 1);
  EXPECT_DOUBLE_EQ(double(doc["goldstein"]), 1.9);
  EXPECT_EQ(bool(doc["reported"]), true);
  EXPECT_EQ(bool(doc["negated"]), false);
  EXPECT_EQ(int64_t(doc["span"].at(0)), 1234);
  EXPECT_EQ(int64_t(doc["span"].at(1)), 1301);
  EXPECT_EQ(std::string_view(doc["text"]), e.text);

  std::string row;
  AppendEventTsv(e, row);
  EXPECT_EQ(row.back(), '\n');
  size_t tabs = std::count(row.begin(), row.end(), '\t');
  std::string header = EventTsvHeader();
  EXPECT_EQ(tabs, static_cast<size_t>(std::count(header.begin(), header.end(), '\t')));
}

TEST(Pipeline, AnalyzesLanguageSentencesAndDebris) {
  auto bp = Boilerplate::Parse("line\tRu En\ntail\tربما يعجبك أيضا\n", "t");
  ASSERT_TRUE(bp.ok());
  Pipeline pipeline(&*bp, nullptr);
  Article a;
  a.id = "x";
  a.text =
      "Ru En\n"
      "افتتح وزير الخارجية الروسي سيرغي لافروف زيارة إلى باكو. والتقى الرئيس إلهام علييف.\n"
      "ربما يعجبك أيضا\n"
      "خبر آخر عن الطقس في الرياض.";
  AnalyzedArticle out;
  StageTimes times;
  pipeline.Analyze(a, &out, &times);
  EXPECT_TRUE(out.skip_reason.empty());
  EXPECT_EQ(out.language.lang, Lang::kArabic);
  ASSERT_EQ(out.sentences.size(), 5u);
  EXPECT_TRUE(out.sentences[0].debris);  // Ru En
  EXPECT_FALSE(out.sentences[1].debris);
  EXPECT_FALSE(out.sentences[2].debris);
  EXPECT_TRUE(out.sentences[3].debris);  // the related box
  EXPECT_TRUE(out.sentences[4].debris);  // and what follows it
  for (const auto& s : out.sentences) EXPECT_EQ(s.lang, Lang::kArabic);

  Article english;
  english.text =
      "The minister arrived in Baku on Monday for talks about the peace process and trade.";
  pipeline.Analyze(english, &out, &times);
  EXPECT_EQ(out.skip_reason, "language: other");
  Article empty;
  empty.text = " \n ";
  pipeline.Analyze(empty, &out, &times);
  EXPECT_EQ(out.skip_reason, "empty text");
}

TEST(Pipeline, FeedLanguageDecidesOnlyWhenTheTextCannot) {
  Pipeline pipeline(nullptr, nullptr);
  Article a;
  a.text = "حسن معاذ";
  a.lang_hint = Lang::kPersian;
  AnalyzedArticle out;
  StageTimes times;
  pipeline.Analyze(a, &out, &times);
  EXPECT_EQ(out.language.lang, Lang::kPersian);
  EXPECT_STREQ(out.language.method, "feed");
  a.text =
      "افتتح وزير الخارجية الروسي سيرغي لافروف زيارة إلى باكو والتقى الرئيس إلهام علييف في القصر.";
  pipeline.Analyze(a, &out, &times);
  EXPECT_EQ(out.language.lang, Lang::kArabic);  // the text is clearly Arabic: the hint is wrong
}

}  // namespace
}  // namespace rasad
