#include "rasad/language.h"

#include <gtest/gtest.h>

namespace rasad {
namespace {

TEST(Language, ArabicAndPersianNews) {
  auto ar = DetectLanguage(
      "افتتح وزير الخارجية الروسي سيرغي لافروف أسبوع العمل بزيارة العاصمة الأذربيجانية باكو لمدة "
      "يومين، حيث التقى الرئيس إلهام علييف ونظيره جيهون بيراموف وبحث معهما العلاقات الثنائية.");
  EXPECT_EQ(ar.lang, Lang::kArabic);
  EXPECT_TRUE(ar.reliable);
  auto fa = DetectLanguage(
      "المار محمدیاروف وزیر امور خارجه آذربایجان اخیرا از روسیه دیدار کرد محمدیاروف در این سفر در "
      "مورد مناسبات دوجانبه و مسایل منطقه ای بحث و تبادل نظر کرد.");
  EXPECT_EQ(fa.lang, Lang::kPersian);
}

TEST(Language, PersianTypedWithArabicYaAndKafIsPersian) {
  // As Fars News often writes: ي and ك instead of ی and ک.
  auto fa = DetectLanguage(
      "رئيس اداره كل دفاتر خدمات بانكي پست بانك گفت: با خريد و نصب نرم افزار متمركز به زودي خدمات "
      "بر خط بانكي در دفاتر روستايي ارايه مي شود و اين طرح در سراسر كشور اجرا خواهد شد.");
  EXPECT_EQ(fa.lang, Lang::kPersian);
}

TEST(Language, OtherLanguagesAreOther) {
  EXPECT_EQ(DetectLanguage("The foreign minister arrived in Baku on Monday for two days of talks "
                           "with his Azerbaijani counterpart about the peace process.")
                .lang,
            Lang::kOther);
  // Urdu uses the Arabic script, with letters of its own (ے ں ٹ).
  EXPECT_EQ(
      DetectLanguage("وزیر خارجہ نے کہا کہ پاکستان اور ایران کے درمیان تعلقات بہت اچھے ہیں اور "
                     "دونوں ملکوں نے تجارت بڑھانے پر اتفاق کیا ہے۔")
          .lang,
      Lang::kOther);
}

TEST(Language, OneSidedCuesDecideWithoutCld2) {
  const std::string ar =
      "افتتح وزير الخارجية الروسي سيرغي لافروف أسبوع العمل بزيارة العاصمة الأذربيجانية باكو لمدة "
      "يومين، حيث التقى الرئيس إلهام علييف ونظيره جيهون بيراموف وبحث معهما العلاقات الثنائية في "
      "ظل التوتر الذي يشهده جنوب القوقاز، وقال إن موسكو على استعداد للمساعدة.\n";
  std::string long_ar;
  for (int i = 0; i < 4; ++i) long_ar += ar;
  LanguageGuess g = DetectLanguage(long_ar);
  EXPECT_EQ(g.lang, Lang::kArabic);
  EXPECT_TRUE(g.reliable);
  EXPECT_STREQ(g.method, "cues");
  // One short sentence is not one-sided enough: CLD2 is asked and agrees.
  LanguageGuess short_ar = DetectLanguage("وقال الوزير إن المحادثات مع نظيره كانت مفيدة وبناءة.");
  EXPECT_EQ(short_ar.lang, Lang::kArabic);
  EXPECT_STRNE(short_ar.method, "cues");
  // Much Latin text beside it: CLD2 is asked.
  std::string mixed = long_ar;
  for (int i = 0; i < 3; ++i) {
    mixed +=
        "The foreign minister arrived in Baku on Monday for two days of talks with his "
        "Azerbaijani counterpart about the peace process and the border.\n";
  }
  EXPECT_STRNE(DetectLanguage(mixed).method, "cues");
  // Letters of another language written in the Arabic script (Urdu ے ں ٹ): CLD2 is asked, however
  // many Arabic-looking function words there are.
  std::string urdu;
  for (int i = 0; i < 6; ++i) {
    urdu +=
        "وزیر خارجہ نے کہا کہ پاکستان اور ایران کے درمیان تعلقات بہت اچھے ہیں اور دونوں ملکوں "
        "نے تجارت بڑھانے پر اتفاق کیا ہے، اور یہ بات چیت جاری رہے گی۔\n";
  }
  EXPECT_EQ(DetectLanguage(urdu).lang, Lang::kOther);
}

TEST(Language, ShortTextFallsBackToScript) {
  EXPECT_EQ(DetectLanguage("لويس انريكي").lang, Lang::kArabic);
  EXPECT_FALSE(DetectLanguage("لويس انريكي").reliable);
  EXPECT_EQ(DetectLanguage("").lang, Lang::kOther);
}

TEST(Language, ParagraphsInheritUnlessClearlyDifferent) {
  std::string text =
      "افتتح وزير الخارجية الروسي سيرغي لافروف أسبوع العمل بزيارة العاصمة الأذربيجانية باكو.\n"
      "Ru En\n"
      "The minister said that the talks in Baku had been useful and constructive for both sides "
      "and that the next round would be held in Moscow in the spring.\n"
      "وقال الوزير إن المحادثات كانت مفيدة.";
  auto paras = DetectParagraphLanguages(text, Lang::kArabic);
  ASSERT_GE(paras.size(), 3u);
  EXPECT_EQ(paras[0].lang, Lang::kArabic);  // "Ru En" is too short to differ: merged
  bool saw_other = false;
  for (const auto& p : paras) saw_other |= p.lang == Lang::kOther;
  EXPECT_TRUE(saw_other);
  EXPECT_EQ(paras.back().lang, Lang::kArabic);
}

// Counting cues once per paragraph gives the same answers as counting the article again.
TEST(Language, ParagraphCuesGiveTheSameAnswers) {
  std::string para_ar =
      "افتتح وزير الخارجية الروسي سيرغي لافروف أسبوع العمل بزيارة العاصمة الأذربيجانية باكو.";
  std::string para_fa = "محمدیاروف در این سفر در مورد مناسبات دوجانبه بحث و تبادل نظر کرد.";
  std::string para_en = "The minister said that the talks in Baku had been useful.";
  std::vector<std::string> texts = {para_ar, para_ar + "\n\n" + para_fa + "\n" + para_en};
  std::string long_text;  // paragraphs across the 8 KiB sample, one cut in a word
  while (long_text.size() < 20000) long_text += para_ar + (long_text.size() % 3 ? "\n" : " ");
  texts.push_back(long_text);
  std::string one_paragraph;  // a first paragraph longer than the sample
  while (one_paragraph.size() < 12000) one_paragraph += para_fa + " ";
  texts.push_back(one_paragraph + "\n" + para_ar);
  texts.push_back(std::string("\xD8") + "\n" + para_ar + "\xFF\n" + para_fa);  // broken UTF-8
  for (LanguageOptions options : {LanguageOptions(), LanguageOptions{100, 10}}) {
    for (const std::string& t : texts) {
      std::vector<ParagraphCues> cues = CountParagraphCues(t, options);
      LanguageGuess a = DetectLanguage(t, options), b = DetectLanguage(t, options, &cues);
      EXPECT_EQ(a.lang, b.lang);
      EXPECT_EQ(a.reliable, b.reliable);
      EXPECT_EQ(a.arabic_script_letters, b.arabic_script_letters);
      EXPECT_EQ(a.other_letters, b.other_letters);
      EXPECT_EQ(a.persian_cues, b.persian_cues);
      EXPECT_EQ(a.arabic_cues, b.arabic_cues);
      auto pa = DetectParagraphLanguages(t, a.lang, options);
      auto pb = DetectParagraphLanguages(t, a.lang, options, &cues);
      ASSERT_EQ(pa.size(), pb.size());
      for (size_t i = 0; i < pa.size(); ++i) {
        EXPECT_EQ(pa[i].begin, pb[i].begin);
        EXPECT_EQ(pa[i].end, pb[i].end);
        EXPECT_EQ(pa[i].lang, pb[i].lang);
      }
    }
  }
}

}  // namespace
}  // namespace rasad
