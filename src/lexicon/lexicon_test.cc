#include "rasad/lexicon.h"

#include <gtest/gtest.h>

#include <set>

namespace rasad {
namespace {

TEST(Tsv, CollectsEveryBadLineWithItsNumber) {
  std::vector<size_t> lines;
  Status s =
      ForEachTsvRow("# comment\na\tb\n\na\tb\tc\nx\n", "f.tsv", 2, [&](const TsvRow& r) -> Status {
        lines.push_back(r.line);
        if (r.cols[0] == "x") return InvalidArgument("x is not allowed");
        return Status::Ok();
      });
  EXPECT_EQ(lines, (std::vector<size_t>{2, 5}));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("f.tsv:4: expected 2 TAB-separated columns, got 3"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("f.tsv:5: x is not allowed"), std::string::npos) << s.message();
}

TEST(Tsv, SplitsAlternatives) {
  EXPECT_EQ(SplitAlternatives(" روسيا | روسیه||Russia "),
            (std::vector<std::string>{"روسيا", "روسیه", "Russia"}));
  EXPECT_TRUE(SplitAlternatives("").empty());
}

TEST(Lexicon, CountriesAreValidated) {
  Lexicon l;
  EXPECT_TRUE(
      l.ParseCountries("RUS\tRussia\tروسيا\tروسیه\tروسي\tروسی\tMoscow\tموسكو\tمسکو\n", "c").ok());
  ASSERT_EQ(l.countries.size(), 1u);
  EXPECT_EQ(l.countries[0].capital_fa, std::vector<std::string>{"مسکو"});
  Status dup = l.ParseCountries("RUS\tRussia\tروسيا\t\t\t\t\t\t\n", "c2");
  EXPECT_NE(dup.message().find("c2:1: duplicate country code RUS"), std::string::npos)
      << dup.message();
  Status bad =
      l.ParseCountries("ru\tRussia\tروسيا\t\t\t\t\t\t\nAZE\tAzerbaijan\t\t\t\t\t\t\t\n", "c3");
  EXPECT_NE(bad.message().find("c3:1: country code"), std::string::npos);
  EXPECT_NE(bad.message().find("c3:2: no Arabic or Persian name"), std::string::npos);
}

TEST(Lexicon, TenuresNeedValidDatesInOrder) {
  Lexicon l;
  EXPECT_TRUE(l.ParseTenures("vladimir_putin\tRUSGOV\tpresident\t2012-05-07\t\n", "t").ok());
  EXPECT_TRUE(l.tenures[0].end.empty());
  Status s = l.ParseTenures(
      "a\tRUSGOV\tpresident\t2012-05-07\t2008-01-01\n"
      "b\tRUSGOV\tpresident\t2012-13-07\t\n"
      "c\trusgov\tpresident\t2012\t\n"
      "d\tRUSGOV\tpresident\t\t\n",
      "t");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("t:1: end is before start"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("t:2: start"), std::string::npos);
  EXPECT_NE(s.message().find("t:3: bad actor code"), std::string::npos);
  EXPECT_NE(s.message().find("t:4: empty start date"), std::string::npos);
}

TEST(Lexicon, CodesAndPatternsAreValidated) {
  Lexicon l;
  ASSERT_TRUE(
      l.ParseCodes("04\tConsult\t1\t1\tCONSULT\n042\tMake a visit\t1.9\t1\tCONSULT\n", "codes")
          .ok());
  Status bad = l.ParseCodes(
      "043\tHost\t11\t1\tCONSULT\n044\tMeet\t2\t5\tCONSULT\n045\tX\t1\t1\tHUG\n", "codes");
  EXPECT_NE(bad.message().find("codes:1: goldstein"), std::string::npos) << bad.message();
  EXPECT_NE(bad.message().find("codes:2: quad"), std::string::npos);
  EXPECT_NE(bad.message().find("codes:3: unknown PLOVER"), std::string::npos);

  ASSERT_TRUE(l.ParsePatterns("042\tverb\tزار|زارت\tobj|إلى\t\n", "p_ar", Lang::kArabic).ok());
  EXPECT_TRUE(l.patterns[0].target_obj);
  EXPECT_EQ(l.patterns[0].target_preps, std::vector<std::string>{"إلى"});
  ASSERT_TRUE(
      l.ParsePatterns("040\tverb\tدیدار +کردن\tبا\tsymmetric\n", "p_fa", Lang::kPersian).ok());
  EXPECT_TRUE(l.patterns[1].symmetric);
  Status p = l.ParsePatterns(
      "042\tverbal\tزار\tobj\t\n"
      "042\tverb\tدیدار +خوردن\tبا\t\n"
      "042\tverb\tزار\t\t\n"
      "042\tverb\tزار\tobj\tloud\n"
      "2\tverb\tزار\tobj\t\n",
      "p", Lang::kPersian);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.message().find("p:1: form"), std::string::npos) << p.message();
  EXPECT_NE(p.message().find("p:2: '+خوردن'"), std::string::npos);
  EXPECT_NE(p.message().find("p:3: empty target"), std::string::npos);
  EXPECT_NE(p.message().find("p:4: unknown flag"), std::string::npos);
  EXPECT_NE(p.message().find("p:5: bad CAMEO code"), std::string::npos);
  // A pattern whose code is not in the table is caught by the cross-file check.
  ASSERT_TRUE(l.ParsePatterns("111\tverb\tانتقد\tobj\t\n", "p_ar2", Lang::kArabic).ok());
  Status refs = l.CheckReferences("data");
  EXPECT_NE(refs.message().find("code 111 is not in cameo/codes.tsv"), std::string::npos)
      << refs.message();
}

TEST(Lexicon, AgentsAndPlaces) {
  Lexicon l;
  EXPECT_TRUE(l.ParseAgents("GOV\tar\tوزير الخارجية\tforeign minister\n", "a").ok());
  EXPECT_EQ(l.agents[0].lang, Lang::kArabic);
  Status s = l.ParseAgents("XXX\tar\tشيء\tthing\nGOV\ten\tminister\tminister\n", "a");
  EXPECT_NE(s.message().find("a:1: unknown role"), std::string::npos);
  EXPECT_NE(s.message().find("a:2: lang must be ar or fa"), std::string::npos);
  EXPECT_TRUE(l.ParsePlaces("Baku\tAZE\tcapital\tباكو\tباکو\n", "g").ok());
  Status g = l.ParsePlaces("Baku\tAZE\tcapital\tباكو\t\nKazan\tRUS\tvillage\t\t\n", "g");
  EXPECT_NE(g.message().find("g:1: duplicate place Baku"), std::string::npos);
  EXPECT_NE(g.message().find("g:2: kind"), std::string::npos);
}

TEST(Lexicon, NonActors) {
  Lexicon l;
  EXPECT_TRUE(l.ParseNonActors("ar\tمسقط رأس\tbirthplace\n", "n").ok());
  ASSERT_EQ(l.non_actors.size(), 1u);
  EXPECT_EQ(l.non_actors[0].lang, Lang::kArabic);
  EXPECT_EQ(l.non_actors[0].phrase, "مسقط رأس");
  Status s = l.ParseNonActors("en\tMuscat head\tx\nar\tمسقط\tMuscat\nfa\tزادگاه رهبر\t\n", "n");
  EXPECT_NE(s.message().find("n:1: lang must be ar or fa"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("n:2: 'مسقط' is one word"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("n:3: say what the phrase means"), std::string::npos) << s.message();
}

TEST(Lexicon, References) {
  Lexicon l;
  EXPECT_TRUE(l.ParseReferences("this_country\tfa\tاین کشور\nspeaker\tfa\tوی\n", "r").ok());
  ASSERT_EQ(l.references.size(), 2u);
  EXPECT_EQ(l.references[0].kind, ReferenceKind::kThisCountry);
  EXPECT_EQ(l.references[1].kind, ReferenceKind::kSpeaker);
  EXPECT_EQ(l.references[1].line, 2u);
  Status s = l.ParseReferences("that_one\tar\tذلك\nboth_countries\ten\tboth\nspeaker\tfa\t\n", "r");
  EXPECT_NE(s.message().find("r:1: unknown reference kind 'that_one'"), std::string::npos);
  EXPECT_NE(s.message().find("r:2: lang must be ar or fa"), std::string::npos);
  EXPECT_NE(s.message().find("r:3: empty phrase"), std::string::npos);
  EXPECT_TRUE(l.ParseReferences("both_countries\tar\tالوزيرين\tGOV\n", "r").ok());
  EXPECT_EQ(l.references.back().role, "GOV");
  Status roles =
      l.ParseReferences("both_countries\tar\tالوزيرين\tMINISTER\nspeaker\tfa\tوی\tGOV\n", "r");
  EXPECT_NE(roles.message().find("r:1: unknown role 'MINISTER'"), std::string::npos);
  EXPECT_NE(roles.message().find("r:2: a speaker takes the role"), std::string::npos);
  // A group reference lists the organization codes it may stand for.
  EXPECT_TRUE(l.ParseReferences("this_group\tar\tالتنظيم\tIMG*|YEMHTI\n", "r").ok());
  EXPECT_EQ(l.references.back().kind, ReferenceKind::kThisGroup);
  EXPECT_EQ(l.references.back().codes, (std::vector<std::string>{"IMG*", "YEMHTI"}));
  Status groups =
      l.ParseReferences("this_group\tar\tالتحالف\t\nthis_group\tar\tالتحالف\tSAUMIL|usa\n", "r");
  EXPECT_NE(groups.message().find("r:1: this_group needs the codes"), std::string::npos);
  EXPECT_NE(groups.message().find("r:2: bad organization code 'usa'"), std::string::npos);
  // Its codes must be organizations' (cross-file check): IMG* begins IMGISI, YEMHTI is no one's.
  ASSERT_TRUE(l.ParseOrganizations("IMGISI\tIslamic State\tداعش\tداعش\tISIS\n", "o").ok());
  Status orgs = l.CheckReferences("data");
  EXPECT_NE(orgs.message().find("references.tsv:1: no organization has the code YEMHTI"),
            std::string::npos)
      << orgs.message();
  EXPECT_EQ(orgs.message().find("code IMG*"), std::string::npos) << orgs.message();
}

// The shipped data: every file parses and the files agree with each other.
TEST(Lexicon, ShippedDataLoads) {
  auto lex = Lexicon::Load(std::string(RASAD_SOURCE_DIR) + "/data");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  EXPECT_GE(lex->countries.size(), 193u);  // every UN member, and more
  EXPECT_GE(lex->codes.size(), 250u);
  EXPECT_GE(lex->organizations.size(), 50u);
  EXPECT_GE(lex->agents.size(), 300u);
  EXPECT_GE(lex->places.size(), 300u);
  EXPECT_GE(lex->people.size(), 200u);
  EXPECT_GE(lex->tenures.size(), lex->people.size());
  std::set<ReferenceKind> kinds;
  for (const auto& r : lex->references) kinds.insert(r.kind);
  EXPECT_EQ(kinds.size(), 4u);  // this country, both countries, speaker, this group
  std::set<std::string> roots;
  for (const auto& p : lex->patterns) roots.insert(p.code.substr(0, 2));
  EXPECT_EQ(roots.size(), 20u);  // patterns cover every CAMEO root
  for (const char* code :
       {"RUS", "AZE", "ARM", "TUR", "IRN", "PSE", "XKX", "TWN", "ABK", "SOS", "NKR"}) {
    bool found = false;
    for (const auto& c : lex->countries) found |= c.code == code;
    EXPECT_TRUE(found) << code;
  }
}

// Arabic verbs: states are feminine, so "روسيا وأذربيجان توصلتا / تتوصلان" is how the press writes
// two states acting together. Wherever a verb pattern lists the feminine singular (فعلت / تفعل) and
// the masculine dual (فعلا / يفعلان), it must list the feminine dual too (فعلتا / تفعلان).
TEST(Lexicon, ArabicVerbPatternsListTheFeminineDual) {
  auto lex = Lexicon::Load(std::string(RASAD_SOURCE_DIR) + "/data");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  const std::string kAlif = "\xD8\xA7", kTa = "\xD8\xAA", kYa = "\xD9\x8A",
                    kAn = "\xD8\xA7\xD9\x86";
  auto ends_with = [](const std::string& s, const std::string& e) {
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
  };
  size_t checked = 0;
  for (const PatternEntry& p : lex->patterns) {
    if (p.lang != Lang::kArabic || p.noun) continue;
    std::set<std::string> listed(p.triggers.begin(), p.triggers.end());
    for (const std::string& t : p.triggers) {
      const size_t space = t.find(' ');
      const std::string verb = t.substr(0, space),
                        rest = space == std::string::npos ? "" : t.substr(space);
      if (ends_with(verb, kAlif) && verb.size() > 2 * kAlif.size()) {
        const std::string base = verb.substr(0, verb.size() - kAlif.size());
        if (listed.count(base + kTa + rest)) {
          ++checked;
          EXPECT_TRUE(listed.count(base + kTa + kAlif + rest))
              << "patterns_ar.tsv:" << p.line << ": " << t << " without its feminine dual";
        }
      }
      if (verb.rfind(kYa, 0) == 0 && ends_with(verb, kAn)) {
        const std::string stem = verb.substr(kYa.size(), verb.size() - kYa.size() - kAn.size());
        if (listed.count(kTa + stem + rest)) {
          ++checked;
          EXPECT_TRUE(listed.count(kTa + stem + kAn + rest))
              << "patterns_ar.tsv:" << p.line << ": " << t << " without its feminine dual";
        }
      }
    }
  }
  EXPECT_GE(checked, 500u);  // the check saw the verbs it is about
}

}  // namespace
}  // namespace rasad
