#include "rasad/coder.h"

#include <gtest/gtest.h>

#include "src/events/word_memo.h"

namespace rasad {
namespace {

// A small lexicon written for these tests, so that they test the coder's rules, not the data.
Lexicon TestLexicon() {
  Lexicon l;
  auto ok = [](const Status& s) { EXPECT_TRUE(s.ok()) << s.message(); };
  ok(
      l.ParseCodes("04\tConsult\t1\t1\tCONSULT\n040\tConsult\t1\t1\tCONSULT\n042\tMake a "
                   "visit\t1.9\t1\tCONSULT\n"
                   "043\tHost a visit\t2.8\t1\tCONSULT\n05\tCooperate\t3.5\t1\tCOOPERATE\n"
                   "057\tSign formal agreement\t8\t1\tAGREE\n11\tDisapprove\t-2\t3\tACCUSE\n"
                   "111\tCriticize or denounce\t-2\t3\tACCUSE\n17\tCoerce\t-7\t4\tCOERCE\n"
                   "173\tArrest, detain\t-5\t4\tCOERCE\n02\tAppeal\t3\t1\tREQUEST\n"
                   "020\tAppeal\t3\t1\tREQUEST\n025\tAppeal to yield\t-0.3\t1\tREQUEST\n"
                   "0253\tAppeal for release\t-0.3\t1\tREQUEST\n08\tYield\t5\t2\tRETREAT\n"
                   "084\tReturn, release\t7\t2\tRETREAT\n0841\tRelease persons\t7\t2\tRETREAT\n"
                   "045\tMediate\t5\t1\tCONSULT\n16\tReduce relations\t-4\t4\tSANCTION\n"
                   "160\tReduce relations\t-4\t4\tSANCTION\n112\tAccuse\t-2\t3\tACCUSE\n"
                   "046\tNegotiate\t7\t1\tCONSULT\n06\tCooperate\t6\t2\tCOOPERATE\n"
                   "061\tCooperate economically\t6.4\t2\tCOOPERATE\n18\tAssault\t-9\t4\tASSAULT\n"
                   "186\tAssassinate\t-10\t4\tASSAULT\n01\tMake statement\t0\t1\tCONSULT\n"
                   "010\tMake statement\t0\t1\tCONSULT\n041\tDiscuss by telephone\t1\t1\tCONSULT\n"
                   "175\tViolent repression\t-9\t4\tCOERCE\n",
                   "codes"));
  ok(l.ParseCountries(
      "RUS\tRussia\tروسيا\tروسیه\tروسي|روسية|روس\tروسی\tMoscow\tموسكو\tمسکو\n"
      "UKR\tUkraine\tأوكرانيا\tاوکراین\tأوكراني|"
      "أوكرانية\tاوکراینی\tKyiv\tكييف\tکی‌یف\n"
      "AZE\tAzerbaijan\tأذربيجان\tآذربایجان|ج. "
      "آذربایجان\tأذربيجاني|أذربيجانية\tآذربایجانی\tBaku\tباكو\tباکو\n"
      "USA\tUnited States\tالولايات "
      "المتحدة\tآمریکا\tأمريكي|أمريكية\tآمریکایی\tWashington\tواشنطن\tواشنگتن\n"
      "ARM\tArmenia\tأرمينيا\tارمنستان\tأرميني|أرمينية\tارمنی\tYerevan\tيريفان\tایروان\n",
      "countries"));
  ok(
      l.ParseOrganizations("IGOEUREU\tEuropean Union\tالاتحاد الأوروبي\tاتحادیه اروپا\tEU\n"
                           "IMGISI\tIslamic State\tداعش|تنظيم داعش\tداعش\tISIS\n",
                           "orgs"));
  // Aliyev's Persian name is solid (with ZWNJ): the text's "علی اف" is a compound joined.
  ok(
      l.ParsePeople("sergey_lavrov\tSergey Lavrov\tلافروف|سيرغي لافروف\tلاوروف\n"
                    "vladimir_putin\tVladimir Putin\tبوتين|فلاديمير بوتين\tپوتین\n"
                    "ilham_aliyev\tIlham Aliyev\tعلييف|إلهام علييف\tعلی‌اف\n"
                    "nikol_pashinyan\tNikol Pashinyan\tباشينيان\tپاشینیان\n"
                    "antony_blinken\tAntony Blinken\tبلينكين\tبلینکن\n"
                    "jeyhun_bayramov\tJeyhun Bayramov\tبيراموف\tبایراموف\n"
                    "elmar_mammadyarov\tElmar Mammadyarov\tمحمدياروف\tمحمدیاروف|محمد یاروف\n"
                    "ararat_mirzoyan\tArarat Mirzoyan\tأرارات ميرزويان\tآرارات میرزویان\n",
                    "people"));
  ok(
      l.ParseTenures("sergey_lavrov\tRUSGOV\tforeign minister\t2004-03-09\t\n"
                     "vladimir_putin\tRUSGOV\tpresident\t2000-05-07\t2008-05-07\n"
                     "vladimir_putin\tRUSGOV\tprime minister\t2008-05-08\t2012-05-07\n"
                     "vladimir_putin\tRUSGOV\tpresident\t2012-05-07\t\n"
                     "jeyhun_bayramov\tAZEGOV\tforeign minister\t2020-07-16\t\n"
                     "ilham_aliyev\tAZEGOV\tpresident\t2003-10-31\t\n"
                     "nikol_pashinyan\tARMGOV\tprime minister\t2018-05-08\t\n"
                     "antony_blinken\tUSAGOV\tsecretary of state\t2021-01-26\t2025-01-20\n"
                     "elmar_mammadyarov\tAZEGOV\tforeign minister\t2004-04-02\t2020-07-16\n"
                     "ararat_mirzoyan\tARMGOV\tforeign minister\t2021-08-19\t\n",
                     "tenures"));
  ok(l.ParseAgents(
      "GOV\tar\tوزير الخارجية\tforeign minister\nGOV\tar\tوزارة الخارجية\tforeign ministry\n"
      "GOV\tar\tالرئيس\tpresident\nGOV\tar\tرئيس الوزراء\tprime minister\n"
      "CVL\tar\tالمواطنين\tcitizens\nGOV\tfa\tوزیر امور خارجه\tforeign minister\n"
      "COP\tar\tالشرطة\tpolice\nMED\tar\tصحفيين\tjournalists\n"
      "GOV\tar\tوزراء خارجية\tforeign ministers\nGOV\tar\tمحافظ\tgovernor\n",
      "agents"));
  ok(l.ParsePlaces("Kazan\tRUS\tcity\tقازان\tکازان\n", "places"));
  ok(
      l.ParseReferences("this_country\tar\tهذا البلد\nboth_countries\tar\tالجانبين\n"
                        "both_countries\tar\tالجانبان\nspeaker\tfa\tوی\n"
                        "both_countries\tar\tالوزيران\tGOV\n"
                        "this_group\tar\tالتنظيم\tIMG*\n",
                        "references"));
  ok(
      l.ParsePatterns("042\tverb\tزار|زارت|يزور|تزور|يزر\tobj|إلى\t\n"
                      "042\tnoun\tزيارة\tإلى|ل\t\n"
                      "040\tverb\tالتقى|التقت|التقيا\tobj|مع\tsymmetric\n"
                      "057\tverb\tوقع ... اتفاقية|وقعت ... اتفاقية\tمع\tsymmetric\n"
                      "111\tverb\tانتقد|انتقدت\tobj\t\n"
                      "173\tverb\tاعتقلت|اعتقل\tobj\t\n"
                      "020\tverb\tدعت|دعا\tobj\t\n"
                      "0841\tnoun\tالإفراج\tعن\t\n"
                      "045\tnoun\tوساطة\tل|في\t\n"
                      "160\tnoun\tالأزمة الدبلوماسية\t-\tsymmetric\n"
                      "112\tverb\tتتهم|اتهم\tobj\t\n"
                      "046\tnoun\tمفاوضات\tمع\tsymmetric\n"
                      "057\tnoun\tاتفاقية\tمع\tsymmetric\n"
                      "061\tnoun\tتعاون اقتصادي\tمع\t\n"
                      "186\tnoun\tاغتيال\tobj\tpassive\n"
                      "010\tverb\tأكد|أكدت\tل\t\n"
                      "112\tnoun\tالاتهامات\tل\t\n"
                      "041\tverb\tتلقى ... اتصالا هاتفيا\tمن\tpassive,symmetric\n"
                      "0253\tverb\tدعت ... الإفراج\tobj\t\n"
                      "175\tverb\tفرقت ... المتظاهرين\tobj\t\n"
                      "040\tnoun\tلقاء\tمع|ب\tsymmetric\n"
                      "043\tnoun\tاستقبال\tل\t\n",
                      "patterns_ar", Lang::kArabic));
  ok(
      l.ParsePatterns("042\tverb\tدیدار +کردن|سفر +کردن\tاز|به\t\n"
                      "040\tverb\tدیدار +کردن\tبا\tsymmetric\n"
                      "040\tnoun\tدیدار\tبا\tsymmetric\n"
                      "043\tverb\tاستقبال +کردن\tاز|obj\t\n"
                      "020\tverb\tخواستار ... +شدن\tاز\t\n"
                      "112\tverb\tمتهم +کردن\tobj\t\n"
                      "010\tverb\tمدعی +شدن\t-\t\n"
                      "042\tverb\tعازم ... +شدن\tobj|به\t\n"
                      "041\tnoun\tگفت و گو تلفنی\tبا\tsymmetric\n"
                      "111\tverb\tانتقاد +کردن\tاز\t\n",
                      "patterns_fa", Lang::kPersian));
  return l;
}

std::vector<Event> Code(const Coder& coder, const std::string& text, const std::string& date,
                        Lang lang) {
  Article a;
  a.id = "t";
  a.text = text;
  a.date = *ParseDate(date);
  a.lang_hint = lang;
  Pipeline pipeline(nullptr, &coder);
  AnalyzedArticle out;
  StageTimes times;
  pipeline.Analyze(a, &out, &times);
  return out.events;  // events own their strings
}

std::vector<std::string> Triples(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(e.source + ">" + e.target + ":" + e.code);
  std::sort(out.begin(), out.end());
  return out;
}

class CoderTest : public ::testing::Test {
 protected:
  Coder coder_{TestLexicon()};
};

TEST_F(CoderTest, ArabicVerbSubjectObjectVisitAndHost) {
  auto events =
      Code(coder_, "زار وزير الخارجية الروسي سيرغي لافروف باكو.", "2023-02-27", Lang::kArabic);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"AZE>RUSGOV:043", "RUSGOV>AZE:042"}));
  ASSERT_FALSE(events.empty());
  const Event& e = events[0].code == "042" ? events[0] : events[1];
  EXPECT_EQ(e.source_label, "Sergey Lavrov (Russia, foreign minister)");
  EXPECT_EQ(e.source_name, "وزير الخارجية الروسي سيرغي لافروف");
  EXPECT_EQ(e.target_name, "باكو");
  EXPECT_EQ(e.date.ToString(), "2023-02-27");
  EXPECT_EQ(e.quad, 1);
  EXPECT_DOUBLE_EQ(e.goldstein, 1.9);
  EXPECT_EQ(e.plover, "CONSULT");
  EXPECT_EQ(e.root, "04");
  EXPECT_FALSE(e.negated);
  EXPECT_EQ(e.span_begin, 0u);
  EXPECT_EQ(e.text, "زار وزير الخارجية الروسي سيرغي لافروف باكو.");
}

TEST_F(CoderTest, ArabicSvoAndPrepositionalTarget) {
  EXPECT_EQ(Triples(Code(coder_, "وكان بيراموف زار موسكو مرتين.", "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUS:042", "RUS>AZEGOV:043"}));
  EXPECT_EQ(
      Triples(Code(coder_, "تأتي زيارة بوتين إلى باكو بعد عامين.", "2024-08-18", Lang::kArabic)),
      (std::vector<std::string>{"AZE>RUSGOV:043", "RUSGOV>AZE:042"}));
}

TEST_F(CoderTest, OfficesFollowTheEventDate) {
  auto in2010 = Code(coder_, "انتقد بوتين أرمينيا.", "2010-03-01", Lang::kArabic);
  auto in2015 = Code(coder_, "انتقد بوتين أرمينيا.", "2015-03-01", Lang::kArabic);
  ASSERT_EQ(in2010.size(), 1u);
  ASSERT_EQ(in2015.size(), 1u);
  EXPECT_EQ(in2010[0].source_label, "Vladimir Putin (Russia, prime minister)");
  EXPECT_EQ(in2015[0].source_label, "Vladimir Putin (Russia, president)");
  EXPECT_EQ(in2010[0].target, "ARM");
}

TEST_F(CoderTest, CompoundActorsAndSymmetricPatterns) {
  auto events = Code(coder_, "وقعت روسيا وأذربيجان اتفاقية مع الاتحاد الأوروبي.", "2022-02-22",
                     Lang::kArabic);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"AZE>IGOEUREU:057", "IGOEUREU>AZE:057",
                                                       "IGOEUREU>RUS:057", "RUS>IGOEUREU:057"}));
  EXPECT_EQ(Triples(Code(coder_, "التقى لافروف مع بيراموف.", "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
}

TEST_F(CoderTest, NegationIntentAndReportedSpeechAreFlagged) {
  auto neg = Code(coder_, "لم يزر لافروف باكو.", "2023-02-27", Lang::kArabic);
  ASSERT_FALSE(neg.empty());
  EXPECT_TRUE(neg[0].negated);
  auto future = Code(coder_, "سيزور لافروف باكو.", "2023-02-27", Lang::kArabic);
  ASSERT_FALSE(future.empty());
  EXPECT_TRUE(future[0].intent);
  EXPECT_FALSE(future[0].negated);
  auto reported = Code(coder_, "وقالت المصادر إن لافروف زار باكو.", "2023-02-27", Lang::kArabic);
  ASSERT_FALSE(reported.empty());
  EXPECT_TRUE(reported[0].reported);
}

TEST_F(CoderTest, CapitalsAreGovernmentsWhenTheyActAndCountriesWhenVisited) {
  // A capital that acts is its government; criticised, it is still the government; visited, it is
  // the country (the place).
  auto events = Code(coder_, "انتقدت موسكو يريفان.", "2024-01-01", Lang::kArabic);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"RUSGOV>ARMGOV:111"}));
  EXPECT_EQ(Triples(Code(coder_, "زار لافروف يريفان.", "2024-01-01", Lang::kArabic)),
            (std::vector<std::string>{"ARM>RUSGOV:043", "RUSGOV>ARM:042"}));
  // A city after في is where it happened, not who.
  auto place = Code(coder_, "التقى لافروف مع بيراموف في قازان.", "2023-02-27", Lang::kArabic);
  ASSERT_FALSE(place.empty());
  EXPECT_EQ(place[0].place, "Kazan");
}

TEST_F(CoderTest, VerbsDoNotTakePrepositionsOrTheArticle) {
  // "وزارة" is not و + زار + ة: it is inside an actor, and a verb never takes ال or a preposition.
  EXPECT_TRUE(
      Code(coder_, "أعلنت وزارة الخارجية الروسية ذلك.", "2023-02-27", Lang::kArabic).empty());
  EXPECT_TRUE(Code(coder_, "بالزيارة روسيا", "2023-02-27", Lang::kArabic).size() <= 2);
}

TEST_F(CoderTest, PersianLightVerbsAndPrepositions) {
  // The Persian seed: Mammadyarov (Azerbaijan's foreign minister in 2008) visited Russia.
  auto events = Code(coder_, "المار محمدیاروف وزیر امور خارجه آذربایجان اخیرا از روسیه دیدار کرد.",
                     "2008-09", Lang::kPersian);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"AZEGOV>RUS:042", "RUS>AZEGOV:043"}));
  // Persian typed with Arabic ي/ك, a present-tense light verb with a ZWNJ, and با for meetings.
  EXPECT_EQ(Triples(Code(coder_, "لاوروف با بایراموف ديدار مي‌كند.",
                         "2023-02-27", Lang::kPersian)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
  auto neg = Code(coder_, "لاوروف با بایراموف دیدار نکرد.", "2023-02-27", Lang::kPersian);
  ASSERT_FALSE(neg.empty());
  EXPECT_TRUE(neg[0].negated);
  auto fut = Code(coder_, "پوتین به باکو سفر خواهد کرد.", "2024-08-01", Lang::kPersian);
  ASSERT_FALSE(fut.empty());
  EXPECT_TRUE(fut[0].intent);
}

TEST_F(CoderTest, NoEventWithoutBothActors) {
  EXPECT_TRUE(Code(coder_, "زار لافروف المدينة.", "2023-02-27", Lang::kArabic).empty());
  EXPECT_TRUE(Code(coder_, "ارتفعت أسعار النفط في الأسواق.", "2023-02-27", Lang::kArabic).empty());
}

TEST_F(CoderTest, EventIdsAreStable) {
  auto a = Code(coder_, "زار لافروف باكو.", "2023-02-27", Lang::kArabic);
  auto b = Code(coder_, "زار لافروف باكو.", "2023-02-27", Lang::kArabic);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a[0].event_id, b[0].event_id);
  EXPECT_EQ(a[0].event_id.size(), 16u);
}

TEST_F(CoderTest, WhatAnAppealAsksForIsNotAnEventOfItsOwn) {
  // Moscow asks for a release; nobody is released. The appeal becomes "appeal for release".
  EXPECT_EQ(
      Triples(Code(coder_, "دعت موسكو أذربيجان لاستعادة العلاقات والإفراج عن المواطنين الروس.",
                   "2025-07", Lang::kArabic)),
      (std::vector<std::string>{"RUSGOV>AZE:0253"}));
}

TEST_F(CoderTest, JoinedSubjectsMeetEachOtherAndTheMediatorMediates) {
  EXPECT_EQ(Triples(Code(coder_,
                         "التقى إلهام علييف ورئيس الوزراء الأرمني نيكول باشينيان، بوساطة وزير "
                         "الخارجية الأمريكي - أنتوني بلينكين، في 18 فبراير.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"ARMGOV>AZEGOV:040", "AZEGOV>ARMGOV:040", "USAGOV>ARMGOV:045",
                                      "USAGOV>AZEGOV:045"}));
}

TEST_F(CoderTest, OneEventPerSentenceAndNoStateAgainstItself) {
  // Two triggers tell the same visit: one event each way, not two.
  auto events = Code(coder_, "زار لافروف باكو، وكانت زيارة لافروف إلى باكو الأولى.", "2023-02-27",
                     Lang::kArabic);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"AZE>RUSGOV:043", "RUSGOV>AZE:042"}));
  // Azerbaijan's president meeting "Azerbaijan" is a resolution artefact, not an event.
  EXPECT_TRUE(Code(coder_, "التقى إلهام علييف أذربيجان.", "2023-02-27", Lang::kArabic).empty());
}

TEST_F(CoderTest, ACrisisBetweenTwoStatesReducesRelationsBothWays) {
  EXPECT_EQ(Triples(Code(coder_, "تصاعد الأزمة الدبلوماسية بين روسيا وأذربيجان.", "2025-07",
                         Lang::kArabic)),
            (std::vector<std::string>{"AZE>RUS:160", "RUS>AZE:160"}));
}

TEST_F(CoderTest, ARelativeClauseVerbHasTheAntecedentForSubject) {
  // Kyiv accuses the Kremlin; the Kremlin, right after the verb, is the object, not the subject.
  EXPECT_EQ(Triples(Code(coder_, "دعمت واشنطن كييف التي تتهم موسكو بتسليح المتمردين.", "2015-07-26",
                         Lang::kArabic)),
            (std::vector<std::string>{"UKRGOV>RUSGOV:112"}));
}

TEST_F(CoderTest, TheDoerIntroducedByAlaYadIsTheSource) {
  EXPECT_EQ(Triples(Code(coder_, "أدان الرئيس اغتيال المواطنين الروس على يد الشرطة الأذربيجانية.",
                         "2025-07-01", Lang::kArabic)),
            (std::vector<std::string>{"AZECOP>RUSCVL:186"}));
}

TEST_F(CoderTest, WhatSomeoneShouldDoIsNotAnEvent) {
  EXPECT_TRUE(Code(coder_, "يجب أن يلتقي لافروف بيراموف.", "2023-02-27", Lang::kArabic).empty());
  EXPECT_FALSE(Code(coder_, "التقى لافروف بيراموف.", "2023-02-27", Lang::kArabic).empty());
}

TEST_F(CoderTest, ATopicIsNotTheNews) {
  // Negotiations between Baku and Yerevan as the news, and as the topic of a process.
  EXPECT_EQ(
      Triples(Code(coder_, "بدأت مفاوضات بين أذربيجان وأرمينيا.", "2024-08-18", Lang::kArabic)),
      (std::vector<std::string>{"ARM>AZE:046", "AZE>ARM:046"}));
  EXPECT_TRUE(Code(coder_, "تحدث الوزير عن عملية مفاوضات بين أذربيجان وأرمينيا.", "2024-08-18",
                   Lang::kArabic)
                  .empty());
}

TEST_F(CoderTest, AnAgreementsContentsAreNotEventsOfTheirOwn) {
  EXPECT_EQ(Triples(Code(coder_, "وقعت روسيا اتفاقية تعاون اقتصادي مع أذربيجان.", "2024-08-19",
                         Lang::kArabic)),
            (std::vector<std::string>{"AZE>RUS:057", "RUS>AZE:057"}));
}

TEST_F(CoderTest, AStatementIsMadeToWhoStandsRightAfterIt) {
  EXPECT_EQ(Triples(Code(coder_, "أكد لافروف لوزير الخارجية الأذربيجاني أن موسكو مستعدة.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"RUSGOV>AZEGOV:010"}));
  // A ل further on starts a purpose; a partner of a call ("مع") is not who a statement is made to.
  EXPECT_TRUE(Code(coder_, "أكد لافروف استعداد الجانب الروسي لتنظيم اجتماع لوزيري خارجية أذربيجان.",
                   "2023-02-27", Lang::kArabic)
                  .empty());
  for (const Event& e :
       Code(coder_, "أكد لافروف خلال لقاء مع وزير الخارجية الأذربيجاني أن الوضع مستقر.",
            "2023-02-27", Lang::kArabic)) {
    EXPECT_NE(e.code, "010") << e.source << ">" << e.target;  // the meeting is, the statement not
  }
}

TEST_F(CoderTest, APartnerTheDictionariesLackIsNotReplacedByAnActorFurtherOn) {
  EXPECT_EQ(Triples(Code(coder_, "التقى لافروف مع وزير الخارجية الأذربيجاني في موسكو.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
  EXPECT_TRUE(Code(coder_, "التقى لافروف مع رئيس إقليم كردستان لبحث العلاقات مع أذربيجان.",
                   "2023-02-27", Lang::kArabic)
                  .empty());
}

TEST_F(CoderTest, ANationalityAdjectiveAfterAnEventNounIsItsDoerAndNothingElse) {
  EXPECT_EQ(
      Triples(Code(coder_, "رفضت موسكو الاتهامات الأرمينية لروسيا.", "2023-02-27", Lang::kArabic)),
      (std::vector<std::string>{"ARM>RUS:112"}));
  // Elsewhere an adjective alone describes a thing: the capital is not a party.
  EXPECT_TRUE(
      Code(coder_, "زار لافروف العاصمة الأذربيجانية.", "2023-02-27", Lang::kArabic).empty());
}

TEST_F(CoderTest, PersianPartiesOfASymmetricVerbAcrossAQuotedName) {
  EXPECT_EQ(Triples(Code(coder_,
                         "وزیر امور خارجه آذربایجان و «علی محمدی» وزیر امور خارجه روسیه در مسکو "
                         "دیدار کردند.",
                         "2017-01-06", Lang::kPersian)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
}

TEST_F(CoderTest, WhatMayHappenOrIsWishedForIsNotAnEvent) {
  ASSERT_EQ(
      Triples(Code(coder_, "وقعت روسيا اتفاقية مع أذربيجان.", "2024-08-19", Lang::kArabic)).size(),
      2u);
  EXPECT_TRUE(
      Code(coder_, "يمكن لروسيا توقيع اتفاقية مع أذربيجان.", "2024-08-19", Lang::kArabic).empty());
  EXPECT_TRUE(
      Code(coder_, "أكدت روسيا استعدادها لتوقيع اتفاقية مع أذربيجان.", "2024-08-19", Lang::kArabic)
          .empty());
}

TEST_F(CoderTest, WhatAnAppealWithoutAnAddresseeAsksForIsNotAnEventEither) {
  // The parties of the negotiations are not the appeal's addressee (بين): it has none.
  EXPECT_TRUE(
      Code(coder_, "دعت روسيا إلى مفاوضات بين أذربيجان وأرمينيا.", "2025-07-01", Lang::kArabic)
          .empty());
}

TEST_F(CoderTest, APersianModalReachesOverItsClause) {
  EXPECT_EQ(Triples(Code(coder_, "روسیه در ماه گذشته با آذربایجان دیدار کرد.", "2024-08-19",
                         Lang::kPersian)),
            (std::vector<std::string>{"AZE>RUS:040", "RUS>AZE:040"}));
  EXPECT_TRUE(
      Code(coder_, "روسیه باید در ماه آینده با آذربایجان دیدار کند.", "2024-08-19", Lang::kPersian)
          .empty());
}

// The events of sentence `index` of `text` coded as one article.
std::vector<std::string> SentenceTriples(const Coder& coder, const std::string& text,
                                         uint32_t index, Lang lang,
                                         std::vector<std::string>* labels = nullptr) {
  std::vector<Event> in;
  for (Event& e : Code(coder, text, "2023-02-27", lang)) {
    if (e.sentence != index) continue;
    if (labels) labels->push_back(e.source_label);
    in.push_back(std::move(e));
  }
  return Triples(in);
}

TEST_F(CoderTest, ReferencesPointBackToActorsNamedBefore) {
  // "The two sides" are the two nearest parties named before, here in a sentence without an
  // event (which the batch path does not otherwise analyse).
  std::vector<std::string> labels;
  EXPECT_EQ(SentenceTriples(coder_, "لافروف وعلييف في القصر منذ أمس. ووقع الجانبان اتفاقية.", 1,
                            Lang::kArabic, &labels),
            (std::vector<std::string>{"AZE>RUS:057", "RUS>AZE:057"}));
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_NE(labels[0].find("(named in sentence 0)"), std::string::npos) << labels[0];
  // "The two ministers": each state's GOV; the European Union has no ministers.
  EXPECT_EQ(SentenceTriples(coder_,
                            "لافروف وبيراموف والاتحاد الأوروبي في القصر منذ أمس. ووقع الوزيران "
                            "اتفاقية.",
                            1, Lang::kArabic),
            (std::vector<std::string>{"AZEGOV>RUSGOV:057", "RUSGOV>AZEGOV:057"}));
  // An agent of "this country": the nearest state named before.
  EXPECT_EQ(SentenceTriples(coder_, "زار لافروف باكو. والتقى رئيس هذا البلد مع لافروف.", 1,
                            Lang::kArabic),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
  // "جانبين" without the article is "two sides", no reference.
  EXPECT_TRUE(SentenceTriples(coder_, "لافروف وعلييف في القصر منذ أمس. ووقع جانبين اتفاقية.", 1,
                              Lang::kArabic)
                  .empty());
  // More than Discourse::kWindow sentences back is too far.
  EXPECT_TRUE(SentenceTriples(coder_,
                              "لافروف وعلييف في القصر منذ أمس. الطقس بارد. الطقس حار. الطقس معتدل. "
                              "الطقس ممطر. ووقع الجانبان اتفاقية.",
                              5, Lang::kArabic)
                  .empty());
}

TEST_F(CoderTest, APersianPronounSubjectIsThePreviousSentencesSpeaker) {
  EXPECT_EQ(
      SentenceTriples(coder_, "لاوروف به باکو سفر کرد. وی با علی اف دیدار کرد.", 1, Lang::kPersian),
      (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
  // After a noun وی is "his": no party.
  for (const std::string& t :
       SentenceTriples(coder_, "لاوروف به باکو سفر کرد. همراهان وی با علی اف دیدار کردند.", 1,
                       Lang::kPersian)) {
    EXPECT_EQ(t.find("RUSGOV>"), std::string::npos) << t;
  }
  // A state is not "he".
  EXPECT_TRUE(
      SentenceTriples(coder_, "روسیه به باکو سفر کرد. وی با علی اف دیدار کرد.", 1, Lang::kPersian)
          .empty());
}

TEST_F(CoderTest, AVerbsObjectFollowsASubjectWithAllItsTitles) {
  // The gap between تلقى and اتصالا holds the subject with its titles: more than four words.
  EXPECT_EQ(Triples(Code(coder_,
                         "تلقى فخامة الرئيس الأذربيجاني إلهام علييف حفظه الله اتصالاً هاتفياً أمس "
                         "من الرئيس بوتين.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:041", "RUSGOV>AZEGOV:041"}));
  // A second actor in a gap is an object, not part of the subject: "دعت … الإفراج" is not read
  // over it (the release would then be of Russia's citizens by Russia).
  for (const std::string& t :
       Triples(Code(coder_,
                    "دعت موسكو أذربيجان لاستعادة العلاقات الدبلوماسية الكاملة والإفراج عن "
                    "المواطنين الروس.",
                    "2025-07-01", Lang::kArabic))) {
    EXPECT_EQ(t.find(">RUSCVL"), std::string::npos) << t;
  }
}

TEST_F(CoderTest, ASubjectsTitlesDoNotUseUpTheReachOfItsVerb) {
  // Twelve tokens of reach after the verb start after its subject and the titles around it.
  EXPECT_EQ(Triples(Code(coder_,
                         "التقى صاحب السمو الرئيس الأذربيجاني السيد إلهام علييف حفظه الله أمس في "
                         "قصره بالعاصمة وزير الخارجية الروسي سيرغي لافروف.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
  // Other words between the verb and an actor do.
  EXPECT_TRUE(Code(coder_,
                   "التقى الرئيس الأذربيجاني إلهام علييف ثم تحدث طويلا في المؤتمر الصحفي عن "
                   "العلاقات والسلام والتجارة والطاقة والنقل مع الصحفيين عن وزير الخارجية الروسي.",
                   "2023-02-27", Lang::kArabic)
                  .empty());
}

TEST_F(CoderTest, AnOfficeAfterAQuotedNameKeepsThePrepositionBeforeTheName) {
  // The press quotes names the dictionaries lack; the office after the name is the partner.
  EXPECT_EQ(
      Triples(Code(coder_, "لاوروف در دیدار با «جالو ممادو» وزیر امور خارجه آذربایجان گفت که …",
                   "2023-02-27", Lang::kPersian)),
      (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
}

TEST_F(CoderTest, AgainstIntroducesTheTargetOfAHostileEventOnly) {
  // Welcoming the attacks against Ukraine is not hosting Ukraine.
  EXPECT_TRUE(Code(coder_, "پوتین از حملات علیه اوکراین استقبال کرد.", "2023-02-27", Lang::kPersian)
                  .empty());
}

TEST_F(CoderTest, ATitleWithItsStateAfterAnUnknownNameKeepsThePrepositionBeforeTheName) {
  // "للرئيس جالو ممادو الرئيس الأذربيجاني": the name is unknown, the title after it says whose.
  EXPECT_EQ(Triples(Code(coder_, "بدأت زيارة بوتين للرئيس جالو ممادو الرئيس الأذربيجاني.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:043", "RUSGOV>AZEGOV:042"}));
}

TEST_F(CoderTest, AnAsideBetweenDashesDoesNotSeparateAVerbFromItsSubject) {
  EXPECT_EQ(Triples(Code(coder_, "التقى - حفظه الله - الرئيس إلهام علييف أمس الرئيس بوتين.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
}

TEST_F(CoderTest, ALightVerbAfterAGapTakesEveryConjugation) {
  // "خواستار ... +شدن": the light verb after the gap matches شد, نشد, خواهد شد….
  const auto said =
      Code(coder_, "پوتین از آذربایجان خواستار آتش بس فوری شد.", "2023-02-27", Lang::kPersian);
  EXPECT_EQ(Triples(said), (std::vector<std::string>{"RUSGOV>AZE:020"}));
  ASSERT_EQ(said.size(), 1u);
  EXPECT_FALSE(said[0].negated);
  const auto not_said =
      Code(coder_, "پوتین از آذربایجان خواستار آتش بس فوری نشد.", "2023-02-27", Lang::kPersian);
  ASSERT_EQ(not_said.size(), 1u);
  EXPECT_TRUE(not_said[0].negated);
  const auto will = Code(coder_, "پوتین از آذربایجان خواستار آتش بس فوری خواهد شد.", "2023-02-27",
                         Lang::kPersian);
  ASSERT_EQ(will.size(), 1u);
  EXPECT_TRUE(will[0].intent);
}

TEST_F(CoderTest, ATitleBeforeAnOrganizationPassesItsPrepositionOn) {
  // "بين أصحاب السمو والمعالي وزراء خارجية دول الاتحاد الأوروبي و…": the honorifics' plurals and
  // the title stand between بين and the organization.
  EXPECT_EQ(Triples(Code(coder_,
                         "بدأت مفاوضات بين أصحاب السمو والمعالي وزراء خارجية دول الاتحاد "
                         "الأوروبي ووزير الخارجية الروسي.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"IGOEUREU>RUSGOV:046", "RUSGOV>IGOEUREU:046"}));
}

TEST_F(CoderTest, APersianObjectBelongsToTheVerbAfterIt) {
  // The claim that follows the accusation is not made to Ukraine.
  EXPECT_EQ(Triples(Code(coder_, "پوتین اوکراین را متهم کرد و مدعی شد که …", "2023-02-27",
                         Lang::kPersian)),
            (std::vector<std::string>{"RUSGOV>UKR:112"}));
}

TEST_F(CoderTest, APersianTriggerWithAGapHoldsItsObjectInTheGap) {
  EXPECT_EQ(Triples(Code(coder_, "لاوروف دیروز عازم باکو شد.", "2023-02-27", Lang::kPersian)),
            (std::vector<std::string>{"AZE>RUSGOV:043", "RUSGOV>AZE:042"}));
}

TEST_F(CoderTest, APersianWordInsideATriggerMayCarryItsEzafe) {
  // "گفت و گوی تلفنی": the ezafe joins the trigger's words.
  EXPECT_EQ(Triples(Code(coder_, "لاوروف در گفت و گوی تلفنی با علی اف گفت که …", "2023-02-27",
                         Lang::kPersian)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:041", "RUSGOV>AZEGOV:041"}));
}

TEST_F(CoderTest, AnOfficeOfACityIsItsStates) {
  // "محافظ قازان": the governor of Kazan is Russia's (a local office, GOV).
  EXPECT_EQ(Triples(Code(coder_, "التقى الرئيس علييف محافظ قازان.", "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
  // "محافظة قازان" is the province (read as محافظ + pronoun it would be an office).
  EXPECT_TRUE(
      Code(coder_, "التقى الرئيس علييف في محافظة قازان.", "2023-02-27", Lang::kArabic).empty());
}

TEST_F(CoderTest, AProcessOfTalksIsTalks) {
  // "عملية المفاوضات بين …" is negotiation; "عملية تطبيع العلاقات بين …" stays a topic.
  const auto events = Code(coder_, "شهدت عملية مفاوضات بين روسيا وأذربيجان نشاطا ملحوظا.",
                           "2023-02-27", Lang::kArabic);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"AZE>RUS:046", "RUS>AZE:046"}));
}

TEST_F(CoderTest, TheTwoSidesAreNotAStateNamedAsWhere) {
  // "في أرمينيا" says where Lavrov spoke; the two sides are Russia and Azerbaijan.
  const auto events =
      Code(coder_, "زار لافروف أذربيجان. وقال لافروف في أرمينيا إن الجانبين التقيا أمس.",
           "2023-02-27", Lang::kArabic);
  std::vector<std::string> second;
  for (const Event& e : events) {
    if (e.sentence == 1) second.push_back(e.source + ">" + e.target + ":" + e.code);
  }
  std::sort(second.begin(), second.end());
  EXPECT_EQ(second, (std::vector<std::string>{"AZE>RUS:040", "RUS>AZE:040"}));
}

TEST_F(CoderTest, PersianVerbsJoinedByAndShareTheirSubjectNotTheirPartners) {
  // The appeal is Putin's, and it is not made to Ukraine, whom the criticism was of.
  EXPECT_EQ(Triples(Code(coder_, "پوتین از اوکراین انتقاد کرد و خواستار آتش بس شد.", "2023-02-27",
                         Lang::kPersian)),
            (std::vector<std::string>{"RUSGOV>UKR:111"}));
}

TEST_F(CoderTest, ClauseBreaksAreWordsOfTheSentencesLanguage) {
  // Keys fold ي and ی: the Persian "ولی" (but) ends a clause, the Arabic "ولي" (as in "ولي
  // العهد", crown prince, a title after a name) does not.
  EXPECT_EQ(
      Triples(Code(coder_, "تلقى الرئيس إلهام علييف ولي الأمر اتصالاً هاتفياً أمس من الرئيس بوتين.",
                   "2023-02-27", Lang::kArabic)),
      (std::vector<std::string>{"AZEGOV>RUSGOV:041", "RUSGOV>AZEGOV:041"}));
}

TEST_F(CoderTest, ATitleBeforeANameKeepsThePrepositionBeforeIt) {
  // "من الرئيس بوتين": the caller is introduced by من before the title, not before the name.
  EXPECT_EQ(Triples(Code(coder_, "تلقى الرئيس علييف اتصالاً هاتفياً أمس من الرئيس بوتين.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:041", "RUSGOV>AZEGOV:041"}));
}

TEST_F(CoderTest, ARelativeClauseAfterAVerbsObjectTellsAboutTheObject) {
  // The protesters were criticising Russia; the police did nothing to Russia.
  EXPECT_TRUE(Code(coder_, "فرقت الشرطة الأذربيجانية مئات المتظاهرين الذين ينتقدون روسيا.",
                   "2025-07-01", Lang::kArabic)
                  .empty());
}

TEST_F(CoderTest, ALastNameAloneIsThePersonTheArticleNamedInFull) {
  EXPECT_EQ(Triples(Code(coder_, "زار أرارات ميرزويان باكو. وانتقد ميرزويان روسيا.", "2023-02-27",
                         Lang::kArabic)),
            (std::vector<std::string>{"ARMGOV>AZE:042", "ARMGOV>RUS:111", "AZE>ARMGOV:043"}));
  // Never named in full: the last name alone is nobody.
  EXPECT_TRUE(Code(coder_, "وانتقد ميرزويان روسيا.", "2023-02-27", Lang::kArabic).empty());
}

TEST_F(CoderTest, AFormerOfficialIsOfTheStatesElite) {
  // Mammadyarov's tenure ended in 2020: in 2023 he is no longer Azerbaijan's government.
  EXPECT_EQ(Triples(Code(coder_, "انتقد محمدياروف روسيا.", "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEELI>RUS:111"}));
  EXPECT_EQ(Triples(Code(coder_, "انتقد محمدياروف روسيا.", "2010-02-27", Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUS:111"}));
  // A title that says so.
  EXPECT_EQ(
      Triples(Code(coder_, "انتقد الرئيس الأرميني السابق روسيا.", "2023-02-27", Lang::kArabic)),
      (std::vector<std::string>{"ARMELI>RUS:111"}));
}

TEST_F(CoderTest, AStateBehindAPrepositionIsNotTheTitlesState) {
  // "وزير الخارجية لأرمينيا": the minister's visit to Armenia, not Armenia's minister.
  EXPECT_EQ(Triples(Code(coder_, "بمناسبة زيارة سيرغي لافروف وزير الخارجية لأرمينيا.", "2023-02-27",
                         Lang::kArabic)),
            (std::vector<std::string>{"ARM>RUSGOV:043", "RUSGOV>ARM:042"}));
}

TEST_F(CoderTest, APersianPurposeIsNotAnEvent) {
  // He travelled to Baku to meet Aliyev: the trip is news, the meeting a purpose.
  EXPECT_EQ(Triples(Code(coder_, "لاوروف برای دیدار با علی اف به باکو سفر کرد.", "2023-02-27",
                         Lang::kPersian)),
            (std::vector<std::string>{"AZE>RUSGOV:043", "RUSGOV>AZE:042"}));
}

TEST_F(CoderTest, AnArabicSubjectAfterHonorificsAndTitlesIsStillRightAfterItsVerb) {
  EXPECT_EQ(Triples(Code(coder_, "التقى أصحاب السمو والمعالي دول الاتحاد الأوروبي مع لافروف.",
                         "2023-02-27", Lang::kArabic)),
            (std::vector<std::string>{"IGOEUREU>RUSGOV:040", "RUSGOV>IGOEUREU:040"}));
}

TEST_F(CoderTest, AMeetingNounWithAPronounHasTheClauseSubjectForDoerAndTakesAnObject) {
  // The pronoun of "لقائه" is Lavrov; the president after it is whom he met, even past a place.
  EXPECT_EQ(
      Triples(Code(coder_, "وقال لافروف عقب لقائه في موسكو الرئيس إلهام علييف إن العلاقات جيدة.",
                   "2023-02-27", Lang::kArabic)),
      (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:040"}));
  // "كان في استقباله": who was there to receive him is the host.
  EXPECT_EQ(Triples(Code(coder_, "ووصل بوتين حيث كان في استقباله الرئيس إلهام علييف.", "2023-02-27",
                         Lang::kArabic)),
            (std::vector<std::string>{"AZEGOV>RUSGOV:043", "RUSGOV>AZEGOV:042"}));
}

TEST_F(CoderTest, TheOrganizationIsTheOneNamedBefore) {
  // "التنظيم" stands for the jihadist organization named before, in this sentence or an earlier
  // one.
  EXPECT_EQ(Triples(Code(coder_, "أعلن تنظيم داعش مسؤوليته عن الهجوم. وانتقدت روسيا التنظيم بشدة.",
                         "2015-07-21", Lang::kArabic)),
            (std::vector<std::string>{"RUS>IMGISI:111"}));
  // Indefinite ("an organization") it points back to nothing; nor with no organization before it.
  EXPECT_TRUE(Code(coder_, "أعلن تنظيم داعش مسؤوليته عن الهجوم. وانتقدت روسيا تنظيما آخر.",
                   "2015-07-21", Lang::kArabic)
                  .empty());
  EXPECT_TRUE(Code(coder_, "وانتقدت روسيا التنظيم بشدة.", "2015-07-21", Lang::kArabic).empty());
}

TEST_F(CoderTest, APersianClauseOpensWithItsSubjectFarFromTheVerb) {
  // The office at the start of the clause is the subject, not the one completing "سخنان" near the
  // verb, more than twelve words after it.
  EXPECT_EQ(Triples(Code(coder_,
                         "وزیر امور خارجه روسیه در پی سخنان وزیر امور خارجه آذربایجان از آمریکا "
                         "انتقاد کرد.",
                         "2023-02-27", Lang::kPersian)),
            (std::vector<std::string>{"RUSGOV>USA:111"}));
}

TEST_F(CoderTest, AnyEventOfAKindIsNoneInParticular) {
  EXPECT_EQ(Triples(Code(coder_, "وقال لافروف إن المفاوضات مع أذربيجان كانت صعبة.", "2023-02-27",
                         Lang::kArabic)),
            (std::vector<std::string>{"AZE>RUSGOV:046", "RUSGOV>AZE:046"}));
  EXPECT_TRUE(
      Code(coder_, "وقال لافروف إن أي مفاوضات مع أذربيجان ستكون صعبة.", "2023-02-27", Lang::kArabic)
          .empty());
  EXPECT_TRUE(
      Code(coder_, "پوتین گفت هر گونه دیدار با علی اف مفید است.", "2023-02-27", Lang::kPersian)
          .empty());
}

TEST_F(CoderTest, APersianLightVerbInTheSubjunctiveIsIntent) {
  auto intents = [&](const std::string& text) {
    std::vector<bool> v;
    for (const Event& e : Code(coder_, text, "2023-02-27", Lang::kPersian)) v.push_back(e.intent);
    return v;
  };
  EXPECT_EQ(intents("پوتین با علی اف دیدار کرد."), (std::vector<bool>{false, false}));
  EXPECT_EQ(intents("پوتین با علی اف دیدار می‌کند."),
            (std::vector<bool>{false, false}));
  // "… دیدار کند", "… دیدار بکنند": to meet, not met.
  EXPECT_EQ(intents("پوتین با علی اف دیدار کند."), (std::vector<bool>{true, true}));
  EXPECT_EQ(intents("پوتین با علی اف دیدار بکنند."), (std::vector<bool>{true, true}));
}

TEST_F(CoderTest, APersianTopicHeadMayStandBeforeAnAdjective) {
  EXPECT_EQ(Triples(Code(coder_, "دیدار بین آذربایجان و ارمنستان برگزار شد.", "2023-02-27",
                         Lang::kPersian)),
            (std::vector<std::string>{"ARM>AZE:040", "AZE>ARM:040"}));
  EXPECT_TRUE(
      Code(coder_, "موضوع مهم دیدار بین آذربایجان و ارمنستان بود.", "2023-02-27", Lang::kPersian)
          .empty());
}

TEST_F(CoderTest, WhatAPersianAppealAsksForInAClauseIsNotAnEvent) {
  EXPECT_EQ(Triples(Code(coder_, "روسیه از آذربایجان خواستار شد با ارمنستان دیدار کند.",
                         "2023-02-27", Lang::kPersian)),
            (std::vector<std::string>{"RUS>AZE:020"}));
}

TEST_F(CoderTest, WhenAnAppealWasMadeIsNotWhatItAsksFor) {
  // "خلال لقائه": the meeting during which the call was made happened; it is not asked for.
  EXPECT_EQ(
      Triples(Code(coder_, "ودعا لافروف خلال لقائه الرئيس إلهام علييف إلى الهدوء.", "2023-02-27",
                   Lang::kArabic)),
      (std::vector<std::string>{"AZEGOV>RUSGOV:040", "RUSGOV>AZEGOV:020", "RUSGOV>AZEGOV:040"}));
}

TEST_F(CoderTest, StoppingEarlyGivesTheSameEvents) {
  Article a;
  a.id = "t";
  a.text =
      "زار وزير الخارجية الروسي سيرغي لافروف باكو. والتقى لافروف الرئيس إلهام علييف. "
      "وقال إن الطقس كان جميلا في الربيع. وانتقدت أرمينيا روسيا. "
      "وكان الحديث عن الاقتصاد طويلا. وقال بوتين إن العلاقات جيدة.";
  a.date = *ParseDate("2023-02-28");
  a.lang_hint = Lang::kArabic;
  Pipeline pipeline(nullptr, nullptr);  // sentences only: each is coded below both ways
  AnalyzedArticle art;
  StageTimes times;
  pipeline.Analyze(a, &art, &times);
  ASSERT_EQ(art.sentences.size(), 6u);
  size_t with_events = 0, stopped = 0;
  Discourse full_discourse(coder_, art), fast_discourse(coder_, art);
  for (const SentenceInfo& s : art.sentences) {
    SentenceAnalysis full = coder_.AnalyzeSentence(art, s, false, nullptr, &full_discourse);
    SentenceAnalysis fast =
        coder_.AnalyzeSentence(art, s, /*stop_early=*/true, nullptr, &fast_discourse);
    std::vector<std::string> full_ids, fast_ids;
    for (const Event& e : full.events)
      full_ids.push_back(e.event_id + " " + e.source + ">" + e.target);
    for (const Event& e : fast.events)
      fast_ids.push_back(e.event_id + " " + e.source + ">" + e.target);
    EXPECT_EQ(full_ids, fast_ids) << "sentence " << s.index;
    with_events += !full.events.empty();
    // A sentence without a trigger ("الطقس", "الحديث عن الاقتصاد") stops before its actors.
    if (full.matches.empty()) {
      EXPECT_TRUE(fast.mentions.empty() && fast.actors.empty()) << "sentence " << s.index;
      ++stopped;
    }
  }
  EXPECT_EQ(with_events, 3u);
  EXPECT_EQ(stopped, 3u);
}

}  // namespace
}  // namespace rasad

namespace rasad {
namespace {

// A `read` for WordMemo::Get that counts its calls and gives each key readings of its own: one
// trigger reading, or four for a key of more than 12 bytes (more than a slot holds), and an
// actor reading whose ids come from the key's length and the language.
struct CountingRead {
  std::string_view key;
  Lang lang;
  int* calls;
  bool operator()(std::vector<TriggerReading>& t, std::vector<ActorReading>& a) const {
    ++*calls;
    const size_t n = key.size() > 12 ? 4 : 1;
    for (size_t i = 0; i < n; ++i) t.push_back({static_cast<uint32_t>(key.size() * 10 + i), 1});
    a.push_back({static_cast<uint32_t>(key.size()), static_cast<int32_t>(lang), 2, false});
    return key.size() % 2 == 0;
  }
};

std::string Described(const std::vector<TriggerReading>& t, const std::vector<ActorReading>& a,
                      bool join) {
  std::string s;
  for (const TriggerReading& r : t)
    s += "t" + std::to_string(r.key) + "/" + std::to_string(r.clitics) + " ";
  for (const ActorReading& r : a)
    s += "a" + std::to_string(r.key) + "/" + std::to_string(r.root_child) + " ";
  return s + (join ? "join" : "");
}

// Asks the memo for `key` and checks the answer against `read` itself; returns how often `read`
// was called.
int AskMemo(WordMemo& memo, std::string_view key, bool word, Lang lang) {
  int calls = 0, direct_calls = 0;
  std::vector<TriggerReading> t, dt;
  std::vector<ActorReading> a, da;
  bool join = memo.Get(key, word, lang, WordMemo::Hash(key, word, lang),
                       CountingRead{key, lang, &calls}, t, a);
  bool direct_join = CountingRead{key, lang, &direct_calls}(dt, da);
  EXPECT_EQ(Described(t, a, join), Described(dt, da, direct_join)) << key;
  return calls;
}

TEST(WordMemo, AnswersAsTheReadingItRemembersAndKeepsWordsApart) {
  WordMemo memo(nullptr);
  EXPECT_EQ(AskMemo(memo, "قال", true, Lang::kArabic), 1);
  EXPECT_EQ(AskMemo(memo, "قال", true, Lang::kArabic), 0);   // remembered
  EXPECT_EQ(AskMemo(memo, "قال", true, Lang::kPersian), 1);  // another language: its own entry
  EXPECT_EQ(AskMemo(memo, "قال", false, Lang::kArabic), 1);  // not a word: its own entry
  EXPECT_EQ(AskMemo(memo, "قال", true, Lang::kArabic), 0);
  // More readings than a slot holds, or a key longer than it holds: read each time, still right.
  EXPECT_EQ(AskMemo(memo, "المفاوضة", true, Lang::kArabic), 1);  // 16 bytes, 4 readings
  EXPECT_EQ(AskMemo(memo, "المفاوضة", true, Lang::kArabic), 1);
  EXPECT_EQ(AskMemo(memo, "والمفاوضات", true, Lang::kArabic), 1);  // 20 bytes
  EXPECT_EQ(AskMemo(memo, "والمفاوضات", true, Lang::kArabic), 1);
  // Two words with one slot: the newer takes it, and each is still answered with its own readings.
  std::string a = "كلمة", b;
  const size_t slot = WordMemo::Hash(a, true, Lang::kArabic) & (WordMemo::kSlots - 1);
  for (int i = 0; b.empty(); ++i) {
    std::string c = "ك" + std::to_string(i);
    if ((WordMemo::Hash(c, true, Lang::kArabic) & (WordMemo::kSlots - 1)) == slot) b = c;
  }
  EXPECT_EQ(AskMemo(memo, a, true, Lang::kArabic), 1);
  EXPECT_EQ(AskMemo(memo, b, true, Lang::kArabic), 1);
  EXPECT_EQ(AskMemo(memo, b, true, Lang::kArabic), 0);
  EXPECT_EQ(AskMemo(memo, a, true, Lang::kArabic), 1);  // a was pushed out by b
}

TEST_F(CoderTest, TheWordMemoCodesAsWithoutIt) {
  // Articles in both languages through one worker's AnalyzedArticle (the memo fills and is reused
  // from one to the next), against each sentence coded without a memo.
  const std::vector<std::pair<std::string, Lang>> texts = {
      {"زار وزير الخارجية الروسي سيرغي لافروف باكو. والتقى لافروف الرئيس إلهام علييف. "
       "وانتقدت أرمينيا روسيا.",
       Lang::kArabic},
      {"وزیر امور خارجه روسیه با الهام علی اف در باکو دیدار کرد. لاوروف از ارمنستان انتقاد کرد.",
       Lang::kPersian},
      {"والتقى لافروف الرئيس إلهام علييف في باكو. وزار لافروف باكو.", Lang::kArabic},
  };
  Pipeline pipeline(nullptr, &coder_);
  AnalyzedArticle worker;
  size_t events = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& [text, lang] : texts) {
      Article a;
      a.id = "t";
      a.text = text;
      a.date = *ParseDate("2023-02-28");
      a.lang_hint = lang;
      StageTimes times;
      pipeline.Analyze(a, &worker, &times);
      ASSERT_NE(worker.coder_scratch, nullptr);
      AnalyzedArticle plain;
      Pipeline(nullptr, nullptr).Analyze(a, &plain, &times);
      ASSERT_EQ(plain.coder_scratch, nullptr);
      Discourse discourse(coder_, plain);
      std::vector<std::string> with, without;
      for (const Event& e : worker.events)
        with.push_back(e.event_id + " " + e.source + ">" + e.target);
      for (const SentenceInfo& s : plain.sentences) {
        if (!s.coded()) continue;
        for (const Event& e : coder_.AnalyzeSentence(plain, s, true, nullptr, &discourse).events)
          without.push_back(e.event_id + " " + e.source + ">" + e.target);
      }
      EXPECT_EQ(with, without) << text;
      events += with.size();
    }
  }
  EXPECT_GE(events, 8u);
}

}  // namespace
}  // namespace rasad
