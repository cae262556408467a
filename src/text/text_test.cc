#include "rasad/text.h"

#include <gtest/gtest.h>

#include <set>

namespace rasad {
namespace {

std::vector<std::string> Keys(std::string_view text) {
  TokenizedText t;
  t.Analyze(text);
  std::vector<std::string> out;
  for (const Token& tok : t.tokens()) out.emplace_back(t.key(tok));
  return out;
}

std::vector<std::string> SentenceTexts(std::string_view text) {
  TokenizedText t;
  t.Analyze(text);
  std::vector<std::string> out;
  for (const Sentence& s : t.sentences()) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

TEST(Key, FoldsAlefYaKafTaMarbuta) {
  EXPECT_EQ(Key("أذربيجان"), Key("اذربيجان"));
  EXPECT_EQ(Key("إيران"), Key("ايران"));
  EXPECT_EQ(Key("آمریکا"), Key("امريكا"));
  EXPECT_EQ(Key("ٱلله"), Key("الله"));
  EXPECT_EQ(Key("روسیه"), Key("روسيه"));  // Persian ی and ک vs Arabic ي and ك
  EXPECT_EQ(Key("کشور"), Key("كشور"));
  EXPECT_EQ(Key("مصطفى"), Key("مصطفي"));      // alef maqsura
  EXPECT_EQ(Key("الحكومة"), Key("الحكومه"));  // ta marbuta
  EXPECT_EQ(Key("خانۀ"), Key("خانه"));        // Persian heh with hamza
  EXPECT_EQ(Key("مسؤول"), Key("مسوول"));
  EXPECT_EQ(Key("مسئول"), Key("مسيول"));
  EXPECT_NE(Key("گرجستان"), Key("كرجستان"));  // گ is a letter of its own, not a kaf variant
}

TEST(Key, RemovesDiacriticsTatweelZwnjAndBidiMarks) {
  EXPECT_EQ(Key("مُحَمَّدٌ"), Key("محمد"));
  EXPECT_EQ(Key("الـــرئيس"), Key("الرئيس"));
  EXPECT_EQ(Key("می\u200cکند"), Key("میکند"));
  EXPECT_EQ(Key("\u200fباكو\u200e"), Key("باكو"));
  EXPECT_EQ(Key("\u202bروسيا\u202c"), Key("روسيا"));
  // A decomposed hamza or madda (base letter + combining mark) folds like the precomposed letter.
  EXPECT_EQ(Key("ا\u0653"), Key("آ"));
  EXPECT_EQ(Key("ي\u0654"), Key("ئ"));
}

TEST(Key, MapsBothDigitSetsAndArabicPunctuation) {
  EXPECT_EQ(Key("٢٠٢٣"), "2023");
  EXPECT_EQ(Key("۲۰۰۲"), "2002");
  EXPECT_EQ(Key("١٧ مارس"), Key("17 مارس"));
  EXPECT_EQ(Key("،"), ",");
  EXPECT_EQ(Key("؛"), ";");
  EXPECT_EQ(Key("؟"), "?");
  EXPECT_EQ(Key("«"), "\"");
  EXPECT_EQ(Key("٣٫٥"), "3.5");
}

TEST(Key, AppliesNfkcToPresentationForms) {
  // ﻻ (U+FEFB, lam-alef ligature) and ﺑﺎﻛﻮ (presentation forms) as some PDFs and old sites emit.
  EXPECT_EQ(Key("\uFEFB"), Key("لا"));
  EXPECT_EQ(Key("\uFE91\uFE8E\uFEDB\uFEEE"), Key("باكو"));
  EXPECT_EQ(Key("ＮＡＴＯ"), "nato");
  EXPECT_EQ(NormalizeNfkc("\uFEFB"), "لا");
}

TEST(Key, CollapsesWhiteSpace) {
  EXPECT_EQ(Key("وزير   الخارجية\n الروسي"), Key("وزير الخارجية الروسي"));
  EXPECT_EQ(Key("  NATO "), "nato");
}

TEST(Tokens, KeepOffsetsIntoTheOriginal) {
  std::string text = "افتتح وزير الخارجية الروسي - سيرغي لافروف، أسبوع العمل.";
  TokenizedText t;
  t.Analyze(text);
  for (const Token& tok : t.tokens()) {
    ASSERT_LE(tok.end, text.size());
    EXPECT_EQ(t.surface(tok), text.substr(tok.begin, tok.end - tok.begin));
  }
  std::vector<std::string> surfaces;
  for (const Token& tok : t.tokens()) surfaces.emplace_back(t.surface(tok));
  std::vector<std::string> want = {"افتتح",  "وزير", "الخارجية", "الروسي", "-", "سيرغي",
                                   "لافروف", "،",    "أسبوع",    "العمل",  "."};
  EXPECT_EQ(surfaces, want);
  EXPECT_EQ(t.key(t.tokens()[8]), Key("اسبوع"));
}

TEST(Tokens, ZwnjCompoundsSpaceAndSolidMatchAlike) {
  TokenizedText zwnj, spaced, solid;
  zwnj.Analyze("می\u200cکند");
  spaced.Analyze("می کند");
  solid.Analyze("میکند");
  ASSERT_EQ(zwnj.tokens().size(), 1u);
  EXPECT_TRUE(zwnj.tokens()[0].flags & kTokenHasZwnj);
  ASSERT_EQ(spaced.tokens().size(), 2u);
  ASSERT_EQ(solid.tokens().size(), 1u);
  EXPECT_EQ(JoinKeys(zwnj, 0, 1), JoinKeys(solid, 0, 1));
  EXPECT_EQ(JoinKeys(spaced, 0, 2), JoinKeys(solid, 0, 1));
  // A ZWNJ at the edge of a word does not glue it to the next one.
  EXPECT_EQ(Keys("کشور\u200c و").size(), 2u);
}

TEST(Tokens, NumbersKeepDecimalSeparators) {
  EXPECT_EQ(Keys("نمو 3.5 بالمئة"), (std::vector<std::string>{Key("نمو"), "3.5", Key("بالمئة")}));
  EXPECT_EQ(Keys("1,200 دولار")[0], "1,200");
  EXPECT_EQ(Keys("22/2/2023").size(), 5u);
}

TEST(Sentences, SplitOnArabicAndPersianPunctuation) {
  EXPECT_EQ(SentenceTexts("زار لافروف باكو. التقى علييف؟ نعم! وماذا بعد؛ انتهى"),
            (std::vector<std::string>{"زار لافروف باكو.", "التقى علييف؟", "نعم!", "وماذا بعد؛",
                                      "انتهى"}));
  EXPECT_EQ(SentenceTexts("سطر أول بلا نقطة\nسطر ثان"),
            (std::vector<std::string>{"سطر أول بلا نقطة", "سطر ثان"}));
}

TEST(Sentences, DoNotSplitAfterInitialsOrInsideNumbers) {
  // The Persian seed writes "ج. آذربایجان" (Republic of Azerbaijan).
  auto s = SentenceTexts("روسای جمهوری وقت ج. آذربایجان و روسیه دیدار کردند. پایان");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "روسای جمهوری وقت ج. آذربایجان و روسیه دیدار کردند.");
  EXPECT_EQ(SentenceTexts("قال د. محمد إن النمو 3.5 بالمئة. ثم غادر").size(), 2u);
  EXPECT_EQ(SentenceTexts("Mr. Smith met U.S. officials.").size(), 1u);
  EXPECT_EQ(SentenceTexts("موقع farsnews.ir نشر الخبر.").size(), 1u);
}

TEST(Sentences, KeepClosingQuotesAndDropBullets) {
  auto s = SentenceTexts("قال: «سنزور موسكو.» ثم غادر.\n- بند أول\n• بند ثان");
  EXPECT_EQ(s, (std::vector<std::string>{"قال: «سنزور موسكو.»", "ثم غادر.", "بند أول", "بند ثان"}));
}

TEST(Sentences, MarkupDebrisIsNotASentence) {
  auto s = SentenceTexts("المحكمة الجنائية الدولية. >).p>\nفي 17 مارس 2023 صدرت مذكرة.");
  EXPECT_EQ(s,
            (std::vector<std::string>{"المحكمة الجنائية الدولية.", "في 17 مارس 2023 صدرت مذكرة."}));
}

TEST(Sentences, OverLongSentencesAreCut) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += (i % 50 == 49) ? "كلمة، " : "كلمة ";
  TokenizedText t;
  t.Analyze(text, 100);
  ASSERT_GT(t.sentences().size(), 4u);
  for (const Sentence& s : t.sentences()) EXPECT_LE(s.end_token - s.first_token, 100u);
  EXPECT_EQ(t.sentences().front().first_token, 0u);
  EXPECT_EQ(t.sentences().back().end_token, t.tokens().size());
}

std::set<std::string> CandidateKeys(std::string_view word, Lang lang) {
  std::set<std::string> out;
  for (const auto& c : CliticCandidates(Key(word), lang)) out.insert(c.key);
  return out;
}

TEST(Clitics, ArabicProcliticChains) {
  EXPECT_TRUE(CandidateKeys("وبالحكومة", Lang::kArabic).count(Key("حكومة")));
  EXPECT_TRUE(CandidateKeys("للحكومة", Lang::kArabic).count(Key("حكومة")));  // لل = ل + ال
  EXPECT_TRUE(CandidateKeys("لموسكو", Lang::kArabic).count(Key("موسكو")));
  EXPECT_TRUE(CandidateKeys("وموسكو", Lang::kArabic).count(Key("موسكو")));
  EXPECT_TRUE(CandidateKeys("للبنان", Lang::kArabic).count(Key("لبنان")));  // ل + لبنان
  EXPECT_TRUE(CandidateKeys("الروسية", Lang::kArabic).count(Key("روسية")));
  EXPECT_TRUE(CandidateKeys("وسيزور", Lang::kArabic).count(Key("يزور")));  // future س
}

TEST(Clitics, ArabicEncliticsRestoreTaMarbuta) {
  auto c = CliticCandidates(Key("حكومته"), Lang::kArabic);
  bool found = false;
  for (const auto& k : c) {
    if (k.key == Key("حكومة")) {
      found = true;
      EXPECT_TRUE(k.flags & kCliticTaRestored);
      EXPECT_TRUE(k.flags & kCliticPronoun);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(CandidateKeys("زيارته", Lang::kArabic).count(Key("زيارة")));
  EXPECT_TRUE(CandidateKeys("ووزيرها", Lang::kArabic).count(Key("وزير")));
}

TEST(Clitics, ArabicEncliticsRestoreAFinalHamza) {
  // Before a pronoun a final ء sits on ي or و: "لقائه", "لقاؤها", "استدعائه".
  EXPECT_TRUE(CandidateKeys("لقائه", Lang::kArabic).count(Key("لقاء")));
  EXPECT_TRUE(CandidateKeys("ولقاؤها", Lang::kArabic).count(Key("لقاء")));
  EXPECT_TRUE(CandidateKeys("استدعائه", Lang::kArabic).count(Key("استدعاء")));
  // The nisba ending is not a pronoun on a hamza: "الثنائي" (bilateral) is not "الثناء" (praise).
  EXPECT_FALSE(CandidateKeys("الثنائي", Lang::kArabic).count(Key("ثناء")));
  EXPECT_FALSE(CandidateKeys("الثنائي", Lang::kArabic).count(Key("الثناء")));
  // Not in Persian.
  EXPECT_FALSE(CandidateKeys("لقائه", Lang::kPersian).count(Key("لقاء")));
}

TEST(Clitics, WholeWordComesFirstAndStemsStayLong) {
  auto c = CliticCandidates(Key("فرنسا"), Lang::kArabic);
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0].key, Key("فرنسا"));
  EXPECT_EQ(c[0].prefix_bytes, 0);
  // A stemmer would reach "رنس"; candidates never strip the root letters beyond a clitic.
  for (const auto& k : c) EXPECT_NE(k.key, Key("رنس"));
  for (const auto& k : CliticCandidates(Key("وله"), Lang::kArabic)) {
    EXPECT_GE(k.key.size(), 4u);  // at least two letters (2 bytes each)
  }
}

TEST(Clitics, PersianSuffixes) {
  EXPECT_TRUE(CandidateKeys("کشورهای", Lang::kPersian).count(Key("کشور")));
  EXPECT_TRUE(
      CandidateKeys("كشورهاي", Lang::kPersian).count(Key("کشور")));  // typed with Arabic ي/ك
  EXPECT_TRUE(CandidateKeys("روسیه‌ای", Lang::kPersian).count(Key("روسیه")));
  EXPECT_TRUE(CandidateKeys("سفرش", Lang::kPersian).count(Key("سفر")));
  EXPECT_TRUE(CandidateKeys("وزیری", Lang::kPersian).count(Key("وزیر")));
  // Arabic proclitics are not stripped from Persian words.
  EXPECT_FALSE(CandidateKeys("بازداشت", Lang::kPersian).count(Key("ازداشت")));
}

// The allocation-free candidate set gives what CliticCandidates gives, in the same order, also
// when a key is asked for again (its recent-tokens table) or another key sits at the same address.
TEST(Clitics, CandidateSetMatchesCandidates) {
  const char* words[] = {
      "وبالحكومة",         "للحكومة",   "حكومته",  "وحكومتهما", "فسيزورها", "والتقى", "کشورهای",
      "روسیه‌ای", "وزیری",     "بازداشت", "في",        "ب",        "NATO",   "2015",
      "زيارتها",           "ولقاءاتهم", "كشورهاي", "فرنسا",     "لقائه",    "ولقاؤها"};
  CliticCandidateSet set;
  std::string buffer;  // each word in turn at the same address
  for (int round = 0; round < 2; ++round) {
    for (const char* w : words) {
      buffer = Key(w);
      for (Lang lang : {Lang::kArabic, Lang::kPersian, Lang::kUnknown}) {
        std::vector<CliticCandidate> want = CliticCandidates(buffer, lang);
        set.Compute(buffer, lang);
        ASSERT_EQ(set.size(), want.size()) << w;
        for (size_t i = 0; i < want.size(); ++i) {
          EXPECT_EQ(set[i].key, want[i].key) << w << " " << i;
          EXPECT_EQ(set[i].prefix_bytes, want[i].prefix_bytes) << w << " " << i;
          EXPECT_EQ(set[i].suffix_bytes, want[i].suffix_bytes) << w << " " << i;
          EXPECT_EQ(set[i].flags, want[i].flags) << w << " " << i;
        }
      }
    }
  }
}

TEST(Tokens, TokenizeThenSplitIsAnalyze) {
  std::string text = "زار لافروف باكو. وقال: «المحادثات مفيدة»!\nسطر ثانٍ ٣٫٥ ملیون";
  TokenizedText a, b;
  a.Analyze(text);
  b.Tokenize(text);
  b.SplitSentences();
  ASSERT_EQ(a.tokens().size(), b.tokens().size());
  for (size_t i = 0; i < a.tokens().size(); ++i) {
    EXPECT_EQ(a.key(a.tokens()[i]), b.key(b.tokens()[i]));
    EXPECT_EQ(a.tokens()[i].flags, b.tokens()[i].flags);
  }
  ASSERT_EQ(a.sentences().size(), b.sentences().size());
}

TEST(Tokens, CompatibilityFormsThatExpandKeepLaterKeysIntact) {
  // ﷺ (one code point) folds to a whole phrase under NFKC; the words after it keep their keys.
  std::string text = "قال ﷺ ثم زار باكو وموسكو";
  TokenizedText t;
  t.Analyze(text);
  ASSERT_GE(t.tokens().size(), 6u);
  EXPECT_GT(t.key(t.tokens()[1]).size(), 20u);
  EXPECT_EQ(t.key(t.tokens()[4]), Key("باكو"));
  EXPECT_EQ(t.key(t.tokens()[5]), Key("وموسكو"));
  EXPECT_EQ(t.key(t.tokens()[1]), Key("ﷺ"));
}

}  // namespace
}  // namespace rasad
