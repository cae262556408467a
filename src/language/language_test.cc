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

}  // namespace
}  // namespace rasad
