#include "rasad/actors.h"

#include <gtest/gtest.h>

namespace rasad {
namespace {

// A small lexicon written for the test; the shipped one is exercised in ShippedDictionary below.
Lexicon SmallLexicon() {
  Lexicon l;
  EXPECT_TRUE(l.ParseCountries("RUS\tRussia\tروسيا|الاتحاد "
                               "الروسي\tروسیه\tروسي|روسية|روس\tروسی|روس\tMoscow\tموسكو\tمسکو\n"
                               "AZE\tAzerbaijan\tأذربيجان\tآذربایجان|جمهوری آذربایجان|ج. "
                               "آذربایجان\tأذربيجاني|أذربيجانية\tآذربایجانی\tBaku\tباكو\tباکو\n"
                               "LBN\tLebanon\tلبنان\tلبنان\tلبناني\tلبنانی\tBeirut\tبيروت\tبیروت\n",
                               "countries")
                  .ok());
  EXPECT_TRUE(l.ParseOrganizations(
                   "IGOEUREU\tEuropean Union\tالاتحاد الأوروبي\tاتحادیه اروپا\tEU\n", "orgs")
                  .ok());
  EXPECT_TRUE(
      l.ParsePeople(
           "sergey_lavrov\tSergey Lavrov\tلافروف|سيرغي لافروف\tلاوروف\n"
           "ilham_aliyev\tIlham Aliyev\tعلييف|إلهام علييف\tعلی‌اف|الهام "
           "علی‌اف\n",
           "people")
          .ok());
  EXPECT_TRUE(l.ParseAgents("GOV\tar\tوزير الخارجية\tforeign minister\n"
                            "GOV\tar\tالحكومة\tgovernment\n"
                            "GOV\tfa\tوزیر امور خارجه\tforeign minister\n",
                            "agents")
                  .ok());
  return l;
}

struct Found {
  std::string surface;
  MentionKind kind;
  uint32_t entry;
};

std::vector<Found> Find(const ActorDictionary& d, std::string_view text, Lang lang) {
  TokenizedText t;
  t.Analyze(text);
  std::vector<Found> out;
  for (const ActorMention& m : d.FindMentions(t, 0, t.tokens().size(), lang)) {
    uint32_t b = t.tokens()[m.first_token].begin, e = t.tokens()[m.end_token - 1].end;
    out.push_back({std::string(text.substr(b, e - b)), m.target.kind, m.target.entry});
  }
  return out;
}

TEST(Actors, AgentAdjectiveAndPersonInArabic) {
  Lexicon l = SmallLexicon();
  auto d = ActorDictionary::Build(l);
  auto f = Find(*d, "افتتح وزير الخارجية الروسي - سيرغي لافروف زيارته", Lang::kArabic);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].surface, "وزير الخارجية");
  EXPECT_EQ(f[0].kind, MentionKind::kAgent);
  EXPECT_EQ(f[1].surface, "الروسي");
  EXPECT_EQ(f[1].kind, MentionKind::kAdjective);
  EXPECT_EQ(l.countries[f[1].entry].code, "RUS");
  EXPECT_EQ(f[2].surface, "سيرغي لافروف");  // the longest alias wins
  EXPECT_EQ(f[2].kind, MentionKind::kPerson);
}

TEST(Actors, CliticsAreStrippedOnlyWhenTheWholeWordIsUnknown) {
  Lexicon l = SmallLexicon();
  auto d = ActorDictionary::Build(l);
  auto f = Find(*d, "وصل لموسكو وبالحكومة للبنان والاتحاد الأوروبي", Lang::kArabic);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].surface, "لموسكو");
  EXPECT_EQ(f[0].kind, MentionKind::kCapital);
  EXPECT_EQ(f[1].surface, "وبالحكومة");
  EXPECT_EQ(f[2].surface, "للبنان");
  EXPECT_EQ(l.countries[f[2].entry].code, "LBN");
  EXPECT_EQ(f[3].surface, "والاتحاد الأوروبي");
  EXPECT_EQ(f[3].kind, MentionKind::kOrganization);
  EXPECT_TRUE(Find(*d, "فرنسا رنس", Lang::kArabic).empty());
}

TEST(Actors, NamesTakeNoPronounSuffixButRolesDo) {
  Lexicon l = SmallLexicon();
  ASSERT_TRUE(l.ParsePlaces("Al-Tanf\tSYR\tcity\tالتنف\tالتنف\n", "places").ok());
  auto d = ActorDictionary::Build(l);
  // "تنفي" (denies) is not التنف with "my"; "حكومتها" (its government) is a role with "its".
  auto f = Find(*d, "لكن موسكو تنفي ذلك وحكومتها", Lang::kArabic);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].surface, "موسكو");
  EXPECT_EQ(f[1].surface, "وحكومتها");
  EXPECT_EQ(f[1].kind, MentionKind::kAgent);
  EXPECT_EQ(Find(*d, "وصل إلى التنف", Lang::kArabic).size(), 1u);
}

TEST(Actors, PersianSpellingsAndCompounds) {
  Lexicon l = SmallLexicon();
  auto d = ActorDictionary::Build(l);
  // Typed with Arabic ي/ك, a spaced compound, and the abbreviation "ج." of the Persian seed.
  auto f =
      Find(*d, "وزير امور خارجه ج. آذربايجان با الهام علی اف در مسكو ديدار كرد", Lang::kPersian);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].kind, MentionKind::kAgent);
  EXPECT_EQ(f[1].surface, "ج. آذربايجان");
  EXPECT_EQ(f[2].surface, "الهام علی اف");
  EXPECT_EQ(f[2].kind, MentionKind::kPerson);
  EXPECT_EQ(f[3].surface, "مسكو");
  // Aliases are per language: the Arabic spelling of Lavrov is not a Persian alias.
  EXPECT_TRUE(Find(*d, "لافروف", Lang::kPersian).empty());
  EXPECT_EQ(Find(*d, "کشورهای روسیه", Lang::kPersian).size(), 1u);
}

TEST(Actors, ANameDoesNotTakeTheArticle) {
  Lexicon l;
  ASSERT_TRUE(
      l.ParseCountries("CMR\tCameroon\tالكاميرون\tکامرون\tكاميروني\tکامرونی\tYaounde\tياوندي\t"
                       "یائونده\n",
                       "countries")
          .ok());
  ASSERT_TRUE(l.ParsePeople("david_cameron\tDavid Cameron\tديفيد كاميرون|كاميرون\tدیوید کامرون\n"
                            "jalal_talabani\tJalal Talabani\tطالباني|الطالباني\tطالبانی\n",
                            "people")
                  .ok());
  auto d = ActorDictionary::Build(l);
  auto f = Find(*d, "التقى كاميرون رئيس الكاميرون ثم زار الطالباني", Lang::kArabic);
  ASSERT_EQ(f.size(), 3u);
  // "كاميرون" without the article is the person, though the country's name folds to the same key.
  EXPECT_EQ(f[0].surface, "كاميرون");
  EXPECT_EQ(f[0].kind, MentionKind::kPerson);
  // With the article it is the country: a name does not take it.
  EXPECT_EQ(f[1].surface, "الكاميرون");
  EXPECT_EQ(f[1].kind, MentionKind::kCountry);
  // Unless the dictionary lists the name with the article too.
  EXPECT_EQ(f[2].surface, "الطالباني");
  EXPECT_EQ(f[2].kind, MentionKind::kPerson);
  // "وللكاميرون": the article as a clitic is the article too.
  auto g = Find(*d, "وللكاميرون", Lang::kArabic);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].kind, MentionKind::kCountry);
}

TEST(Actors, ANonActorPhraseHidesTheActorInIt) {
  Lexicon l;
  ASSERT_TRUE(
      l.ParseCountries("OMN\tOman\tعمان\tعمان\tعماني\tعمانی\tMuscat\tمسقط\tمسقط\n", "countries")
          .ok());
  ASSERT_TRUE(l.ParseNonActors("ar\tمسقط رأس\tbirthplace\n", "non_actors").ok());
  auto d = ActorDictionary::Build(l);
  // "مسقط رأس والده": his father's birthplace, not Muscat; the next word is still read.
  auto f = Find(*d, "زار مسقط رأس والده ثم مسقط", Lang::kArabic);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].surface, "مسقط");
  EXPECT_EQ(f[0].kind, MentionKind::kCapital);
  EXPECT_EQ(Find(*d, "في مسقط راس الرئيس", Lang::kArabic).size(), 0u);  // hamza folded
}

TEST(Actors, ShippedDictionaryFindsTheSeedActors) {
  auto lex = Lexicon::Load(std::string(RASAD_SOURCE_DIR) + "/data");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  auto d = ActorDictionary::Build(*lex);
  EXPECT_GT(d->alias_count(), 5000u);
  auto f = Find(*d, "وأعلنت الممثلة الرسمية لوزارة الخارجية الروسية - ماريا زاخاروفا، أن موسكو ترى",
                Lang::kArabic);
  bool person = false, capital = false;
  for (const auto& m : f) {
    person |= m.kind == MentionKind::kPerson &&
              lex->people[m.entry].id.find("zakharova") != std::string::npos;
    capital |= m.kind == MentionKind::kCapital && lex->countries[m.entry].code == "RUS";
  }
  EXPECT_TRUE(person);
  EXPECT_TRUE(capital);
}

}  // namespace
}  // namespace rasad
