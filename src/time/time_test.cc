#include "rasad/time.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace rasad {
namespace {

Date Day(int y, int m, int d) { return Date{y, m, d, DatePrecision::kDay}; }
Date Month(int y, int m) { return Date{y, m, 0, DatePrecision::kMonth}; }
Date Year(int y) { return Date{y, 0, 0, DatePrecision::kYear}; }

struct Found {
  std::string surface;  // the text the mention covers
  Date date;
  bool relative;
};

std::vector<Found> Find(std::string_view text, Lang lang, const Date& article = Date()) {
  TokenizedText t;
  t.Analyze(text);
  std::vector<Found> out;
  for (const DateMention& m : FindDates(t, 0, t.tokens().size(), lang, article)) {
    uint32_t b = t.tokens()[m.first_token].begin, e = t.tokens()[m.end_token - 1].end;
    out.push_back({std::string(text.substr(b, e - b)), m.date, m.relative});
  }
  return out;
}

// The single mention in `text`; fails the test when there is not exactly one.
Found One(std::string_view text, Lang lang, const Date& article = Date()) {
  std::vector<Found> f = Find(text, lang, article);
  EXPECT_EQ(f.size(), 1u) << text;
  return f.empty() ? Found{"", Date(), false} : f[0];
}

// --- Conversions and arithmetic.

TEST(TimeConvert, PersianToGregorian) {
  auto d = PersianToGregorian(1387, 7, 5);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, Day(2008, 9, 26));
  EXPECT_EQ(*PersianToGregorian(1391, 12, 22), Day(2013, 3, 12));
  EXPECT_EQ(*PersianToGregorian(1403, 1, 1), Day(2024, 3, 20));    // Nowruz 1403
  EXPECT_EQ(*PersianToGregorian(1391, 12, 30), Day(2013, 3, 20));  // 1391 is a leap year
  EXPECT_FALSE(PersianToGregorian(1392, 12, 30).ok());             // 1392 is not
  EXPECT_FALSE(PersianToGregorian(1387, 7, 31).ok());              // Mehr has 30 days
  EXPECT_FALSE(PersianToGregorian(1387, 13, 1).ok());
  EXPECT_EQ(PersianToGregorian(1387, 0, 1).status().code(), StatusCode::kInvalidArgument);
}

TEST(TimeConvert, HijriToGregorianUsesUmmAlQura) {
  auto d = HijriToGregorian(1436, 9, 15);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, Day(2015, 7, 2));
  EXPECT_EQ(*HijriToGregorian(1445, 9, 1), Day(2024, 3, 11));  // Ramadan 1445 began 11 March
  EXPECT_EQ(*HijriToGregorian(1446, 1, 1), Day(2024, 7, 7));
  EXPECT_FALSE(HijriToGregorian(1436, 9, 31).ok());
  EXPECT_FALSE(HijriToGregorian(1436, 0, 1).ok());
}

TEST(TimeConvert, HijriOutsideUmmAlQuraFallsBackToCivil) {
  auto d = HijriToGregorian(1200, 1, 1);  // before Umm al-Qura's table: civil calendar
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year, 1785);
}

TEST(TimeConvert, AddDays) {
  EXPECT_EQ(AddDays(Day(2024, 2, 28), 1), Day(2024, 2, 29));
  EXPECT_EQ(AddDays(Day(2023, 2, 28), 1), Day(2023, 3, 1));
  EXPECT_EQ(AddDays(Day(2023, 12, 31), 1), Day(2024, 1, 1));
  EXPECT_EQ(AddDays(Day(2024, 3, 1), -1), Day(2024, 2, 29));
  EXPECT_EQ(AddDays(Day(2024, 8, 22), -366), Day(2023, 8, 22));
  EXPECT_EQ(AddDays(Day(2024, 8, 22), 0), Day(2024, 8, 22));
  // Proleptic Gregorian: 10 October 1582 exists (ICU's default calendar switches from Julian).
  EXPECT_EQ(AddDays(Day(1582, 10, 10), 0), Day(1582, 10, 10));
  EXPECT_EQ(AddDays(Month(2024, 8), 3), Month(2024, 8));  // not a day: unchanged
}

TEST(TimeConvert, DayOfWeek) {
  EXPECT_EQ(DayOfWeek(Day(2024, 8, 18)), 1);  // Sunday
  EXPECT_EQ(DayOfWeek(Day(2024, 8, 22)), 5);  // Thursday
  EXPECT_EQ(DayOfWeek(Day(2024, 8, 24)), 7);  // Saturday
  EXPECT_EQ(DayOfWeek(Day(2000, 1, 1)), 7);
  EXPECT_EQ(DayOfWeek(Year(2024)), 0);
  EXPECT_EQ(DayOfWeek(Day(2023, 2, 30)), 0);
}

// --- Explicit dates.

TEST(Dates, ArabicIndicDigits) {
  Found f = One("٢٧ فبراير ٢٠٢٣", Lang::kArabic);
  EXPECT_EQ(f.date, Day(2023, 2, 27));
  EXPECT_EQ(f.surface, "٢٧ فبراير ٢٠٢٣");
  EXPECT_FALSE(f.relative);
}

TEST(Dates, EgyptianAndLevantineNamesTogether) {
  Found f = One("وصل الرئيس 22 فبراير/شباط 2023 إلى موسكو", Lang::kArabic);
  EXPECT_EQ(f.date, Day(2023, 2, 22));
  EXPECT_EQ(f.surface, "22 فبراير/شباط 2023");
  EXPECT_EQ(One("22 شباط (فبراير) 2023", Lang::kArabic).surface, "22 شباط (فبراير) 2023");
  EXPECT_EQ(One("22 شباط (فبراير) 2023", Lang::kArabic).date, Day(2023, 2, 22));
  // Two different months are not alternate names: the slash does not join them.
  std::vector<Found> f2 = Find("22 فبراير/آذار 2023", Lang::kArabic, Day(2023, 3, 1));
  ASSERT_EQ(f2.size(), 2u);
  EXPECT_EQ(f2[0].surface, "22 فبراير");
  EXPECT_EQ(f2[0].date, Day(2023, 2, 22));
}

TEST(Dates, DayMonthYear) {
  Found f = One("في 17 مارس 2023", Lang::kArabic);
  EXPECT_EQ(f.date, Day(2023, 3, 17));
  EXPECT_EQ(f.surface, "17 مارس 2023");
  EXPECT_EQ(One("1 أبريل 2020", Lang::kArabic).date, Day(2020, 4, 1));
  EXPECT_EQ(One("1 إبريل 2020", Lang::kArabic).date, Day(2020, 4, 1));
  EXPECT_EQ(One("5 يونيه 2019", Lang::kArabic).date, Day(2019, 6, 5));
  EXPECT_EQ(One("5 يوليه 2019", Lang::kArabic).date, Day(2019, 7, 5));
  EXPECT_EQ(One("10 اغسطس 2019", Lang::kArabic).date, Day(2019, 8, 10));
  EXPECT_EQ(One("3 تشرين الأول 2021", Lang::kArabic).date, Day(2021, 10, 3));
  EXPECT_EQ(One("3 تشرين الثاني 2021", Lang::kArabic).date, Day(2021, 11, 3));
  EXPECT_EQ(One("31 كانون الأول 2021", Lang::kArabic).date, Day(2021, 12, 31));
  EXPECT_EQ(One("14 آب 2021", Lang::kArabic).date, Day(2021, 8, 14));
  EXPECT_EQ(One("14 غشت 2021", Lang::kArabic).date, Day(2021, 8, 14));     // Moroccan
  EXPECT_EQ(One("14 جويلية 2021", Lang::kArabic).date, Day(2021, 7, 14));  // Algerian
  EXPECT_EQ(One("29 فبراير 2024", Lang::kArabic).date, Day(2024, 2, 29));
}

TEST(Dates, DayMonthYearVariants) {
  EXPECT_EQ(One("الـ22 من فبراير 2023", Lang::kArabic).date, Day(2023, 2, 22));
  EXPECT_EQ(One("22 من فبراير 2023", Lang::kArabic).surface, "22 من فبراير 2023");
  EXPECT_EQ(One("22 فبراير، 2023", Lang::kArabic).date, Day(2023, 2, 22));
  Found f = One("22 فبراير 2023م", Lang::kArabic);
  EXPECT_EQ(f.date, Day(2023, 2, 22));
  EXPECT_EQ(f.surface, "22 فبراير 2023م");
  EXPECT_EQ(One("22 فبراير 2023 م.", Lang::kArabic).surface, "22 فبراير 2023 م");
  EXPECT_EQ(One("22 فبراير من عام 2023", Lang::kArabic).date, Day(2023, 2, 22));
}

TEST(Dates, MonthAndYear) {
  Found f = One("كانون الثاني 2024", Lang::kArabic);
  EXPECT_EQ(f.date, Month(2024, 1));
  EXPECT_EQ(f.surface, "كانون الثاني 2024");
  EXPECT_EQ(One("في مارس 2011 اندلعت الاحتجاجات", Lang::kArabic).date, Month(2011, 3));
  EXPECT_EQ(One("يونيو/حزيران 2014", Lang::kArabic).date, Month(2014, 6));
  EXPECT_EQ(One("أكتوبر من عام 1973", Lang::kArabic).date, Month(1973, 10));
  EXPECT_EQ(One("وفبراير 2023", Lang::kArabic).date, Month(2023, 2));  // clitic و
}

TEST(Dates, PersianGregorianMonths) {
  EXPECT_EQ(One("۲۶ سپتامبر ۲۰۰۸", Lang::kPersian).date, Day(2008, 9, 26));
  EXPECT_EQ(One("۱۰ مه ۲۰۰۸", Lang::kPersian).date, Day(2008, 5, 10));
  EXPECT_EQ(One("۱۰ می ۲۰۰۸", Lang::kPersian).date, Day(2008, 5, 10));
  EXPECT_EQ(One("ژوئیه ۲۰۰۸", Lang::kPersian).date, Month(2008, 7));
  EXPECT_EQ(One("۳ جولای ۲۰۰۸", Lang::kPersian).date, Day(2008, 7, 3));
  EXPECT_EQ(One("۳ آگوست ۲۰۰۸", Lang::kPersian).date, Day(2008, 8, 3));
  EXPECT_EQ(One("۳ اوت ۲۰۰۸", Lang::kPersian).date, Day(2008, 8, 3));
  EXPECT_EQ(One("ماه مه ۲۰۰۸", Lang::kPersian).date, Month(2008, 5));
  // "مه" (fog) and "می" (verb prefix) are months only next to a number.
  EXPECT_TRUE(Find("مه غلیظ شهر را پوشاند", Lang::kPersian, Day(2008, 9, 27)).empty());
  EXPECT_TRUE(Find("او می گوید", Lang::kPersian, Day(2008, 9, 27)).empty());
}

TEST(Dates, SolarHijri) {
  Found f = One("۵ مهر ۱۳۸۷", Lang::kPersian);
  EXPECT_EQ(f.date, Day(2008, 9, 26));
  EXPECT_EQ(f.surface, "۵ مهر ۱۳۸۷");
  EXPECT_EQ(One("۲۲ اسفند ۱۳۹۱", Lang::kPersian).date, Day(2013, 3, 12));
  EXPECT_EQ(One("۵ مهرماه ۱۳۸۷", Lang::kPersian).date, Day(2008, 9, 26));
  EXPECT_EQ(One("۵ مهر ماه ۱۳۸۷", Lang::kPersian).surface, "۵ مهر ماه ۱۳۸۷");
  EXPECT_EQ(One("۱ فروردین ۱۴۰۳", Lang::kPersian).date, Day(2024, 3, 20));
  EXPECT_EQ(One("۱۰ دی ۱۴۰۲", Lang::kPersian).date, Day(2023, 12, 31));
  Found marked = One("۵ مهر ۱۳۸۷ ه.ش", Lang::kPersian);
  EXPECT_EQ(marked.date, Day(2008, 9, 26));
  EXPECT_EQ(marked.surface, "۵ مهر ۱۳۸۷ ه.ش");
  // Month and year: the Gregorian month that holds the Solar month's 15th.
  EXPECT_EQ(One("تیر ۱۳۸۷", Lang::kPersian).date, Month(2008, 7));
}

TEST(Dates, SolarHijriMonthsNeedANumber) {
  // "دی" is also a common word and "مهر" means seal: no number, no date.
  EXPECT_TRUE(Find("مهر تایید زد", Lang::kPersian, Day(2008, 9, 27)).empty());
  EXPECT_TRUE(Find("دی ماه سرد است", Lang::kPersian, Day(2008, 9, 27)).empty());
  // Persian آذر and Levantine آذار are different months.
  EXPECT_EQ(One("۱۰ آذر ۱۳۸۷", Lang::kPersian).date, Day(2008, 11, 30));
  EXPECT_EQ(One("10 آذار 2008", Lang::kArabic).date, Day(2008, 3, 10));
}

TEST(Dates, Hijri) {
  Found f = One("15 رمضان 1436", Lang::kArabic);
  EXPECT_EQ(f.date, Day(2015, 7, 2));
  EXPECT_EQ(One("15 رمضان 1436 هـ", Lang::kArabic).surface, "15 رمضان 1436 هـ");
  EXPECT_EQ(One("15 رمضان 1436هـ", Lang::kArabic).date, Day(2015, 7, 2));
  EXPECT_EQ(One("1 ذو الحجة 1444", Lang::kArabic).date, Day(2023, 6, 19));
  EXPECT_EQ(One("1 ذي الحجة 1444", Lang::kArabic).date, Day(2023, 6, 19));
  EXPECT_EQ(One("12 ربيع الأول 1445", Lang::kArabic).date, Day(2023, 9, 27));
  EXPECT_EQ(One("رمضان 1436", Lang::kArabic).date, Month(2015, 7));
  // Without a number, or with a year outside 14xx, a Hijri month name is not a date.
  EXPECT_TRUE(Find("خلال شهر رمضان", Lang::kArabic, Day(2015, 7, 1)).empty());
  EXPECT_TRUE(Find("رجب طيب أردوغان", Lang::kArabic, Day(2015, 7, 1)).empty());
  EXPECT_TRUE(Find("رمضان 1380", Lang::kArabic, Day(2015, 7, 1)).empty());
  EXPECT_TRUE(Find("30 رمضان 1436", Lang::kArabic).empty());  // Ramadan 1436 had 29 days
}

TEST(Dates, NumericDates) {
  Found f = One("22/2/2023", Lang::kArabic);
  EXPECT_EQ(f.date, Day(2023, 2, 22));
  EXPECT_EQ(f.surface, "22/2/2023");
  EXPECT_EQ(One("٢٢/٢/٢٠٢٣", Lang::kArabic).date, Day(2023, 2, 22));
  EXPECT_EQ(One("2023-02-22", Lang::kArabic).date, Day(2023, 2, 22));
  EXPECT_EQ(One("2023/02/22", Lang::kArabic).date, Day(2023, 2, 22));
  EXPECT_EQ(One("22-02-2023", Lang::kArabic).date, Day(2023, 2, 22));
  EXPECT_EQ(One("22.2.2023", Lang::kArabic).date, Day(2023, 2, 22));
  EXPECT_EQ(One("۱۳۸۷/۷/۵", Lang::kPersian).date, Day(2008, 9, 26));
  EXPECT_EQ(One("۵/۷/۱۳۸۷", Lang::kPersian).date, Day(2008, 9, 26));
  Found hijri = One("15/9/1436هـ", Lang::kArabic);
  EXPECT_EQ(hijri.date, Day(2015, 7, 2));
  EXPECT_EQ(hijri.surface, "15/9/1436هـ");
  EXPECT_EQ(One("1436/9/15", Lang::kArabic).date, Day(2015, 7, 2));
  EXPECT_EQ(One("بتاريخ 22/2/2023", Lang::kArabic).surface, "بتاريخ 22/2/2023");
}

TEST(Dates, NumbersThatAreNotDates) {
  EXPECT_TRUE(Find("3 ملايين دولار", Lang::kArabic, Day(2023, 1, 1)).empty());
  EXPECT_TRUE(Find("قتل 20 جنديا", Lang::kArabic, Day(2023, 1, 1)).empty());
  EXPECT_TRUE(Find("بلغ العدد 2023 شخصا", Lang::kArabic, Day(2023, 1, 1)).empty());
  EXPECT_TRUE(Find("النتيجة 3-2", Lang::kArabic, Day(2023, 1, 1)).empty());
  EXPECT_TRUE(Find("نسبة 3.5 بالمئة", Lang::kArabic, Day(2023, 1, 1)).empty());
  EXPECT_TRUE(Find("موسم 2022/2023", Lang::kArabic, Day(2023, 1, 1)).empty());
  EXPECT_TRUE(Find("مارس الضغط على الحكومة", Lang::kArabic, Day(2023, 1, 1)).empty());
  EXPECT_TRUE(Find("عام 1453", Lang::kArabic).empty());  // not a 19xx/20xx year
}

TEST(Dates, ImpossibleDatesAreRejected) {
  EXPECT_TRUE(Find("30 فبراير 2023", Lang::kArabic).empty());
  EXPECT_TRUE(Find("29 فبراير 2023", Lang::kArabic).empty());
  EXPECT_TRUE(Find("31 أبريل 2023", Lang::kArabic).empty());
  EXPECT_TRUE(Find("32 مارس 2023", Lang::kArabic).empty());
  EXPECT_TRUE(Find("0 مارس 2023", Lang::kArabic).empty());
  EXPECT_TRUE(Find("30/2/2023", Lang::kArabic).empty());
  EXPECT_TRUE(Find("2023-13-01", Lang::kArabic).empty());
  EXPECT_TRUE(Find("۳۱ مهر ۱۳۸۷", Lang::kPersian).empty());
  // The whole expression goes, not just its day: no weekday, no "فبراير 2023" left over.
  EXPECT_TRUE(Find("الأربعاء 30 فبراير 2023", Lang::kArabic, Day(2023, 3, 1)).empty());
  EXPECT_TRUE(Find("30 فبراير", Lang::kArabic, Day(2023, 3, 1)).empty());
}

// --- Years.

TEST(Dates, YearAlone) {
  EXPECT_EQ(One("عام 2008", Lang::kArabic).date, Year(2008));
  EXPECT_EQ(One("في العام 2008", Lang::kArabic).date, Year(2008));
  EXPECT_EQ(One("منذ سنة 1990", Lang::kArabic).date, Year(1990));
  EXPECT_EQ(One("ولعام 2008", Lang::kArabic).date, Year(2008));
  Found f = One("سال ۲۰۰۲", Lang::kPersian);
  EXPECT_EQ(f.date, Year(2002));
  EXPECT_EQ(f.surface, "سال ۲۰۰۲");
  EXPECT_EQ(One("در سال ۲۰۰۲ میلادی", Lang::kPersian).surface, "سال ۲۰۰۲ میلادی");
  EXPECT_EQ(One("2008م", Lang::kArabic).date, Year(2008));
  EXPECT_EQ(One("في 2008 م", Lang::kArabic).date, Year(2008));
  EXPECT_TRUE(Find("في 2008", Lang::kArabic).empty());  // no year word, no marker, no article
}

TEST(Dates, ABareYearAfterInOrSinceUpToTheArticlesYear) {
  const Date article = Day(2015, 7, 21);
  EXPECT_EQ(One("استقبله في 2013 في القاهرة", Lang::kArabic, article).date, Year(2013));
  EXPECT_EQ(One("منذ 2011", Lang::kArabic, article).date, Year(2011));
  EXPECT_EQ(One("در 2008 سفر کرد", Lang::kPersian, article).date, Year(2008));
  // After the article's year, before 1950, or with no preposition: a count, not a year.
  EXPECT_TRUE(Find("في 2500 موقع", Lang::kArabic, article).empty());
  EXPECT_TRUE(Find("في 1800 موقع", Lang::kArabic, article).empty());
  EXPECT_TRUE(Find("قتل 2013 شخصا", Lang::kArabic, article).empty());
}

TEST(Dates, AWeekAgoCountsFromTheArticleUnlessItCountsFromAnEvent) {
  const Date article = Day(2023, 2, 27);
  EXPECT_EQ(One("قبل أسبوع، شهدت المفاوضات نشاطا", Lang::kArabic, article).date, Day(2023, 2, 20));
  EXPECT_EQ(One("منذ أسبوعين", Lang::kArabic, article).date, Day(2023, 2, 13));
  // "a week before the assassination": not a date of the article's calendar.
  for (const Found& f : Find("سافر قبل أسبوع من اغتيال زعيم حماس", Lang::kArabic, article)) {
    EXPECT_TRUE(f.date.empty()) << f.surface;
  }
}

TEST(Dates, SolarAndHijriYears) {
  Found f = One("در سال ۱۳۸۷", Lang::kPersian);
  EXPECT_EQ(f.date, Year(2008));
  EXPECT_EQ(f.surface, "سال ۱۳۸۷");
  EXPECT_EQ(One("سال ۱۴۰۲", Lang::kPersian).date, Year(2023));
  EXPECT_EQ(One("۱۳۸۷ ه.ش", Lang::kPersian).date, Year(2008));
  EXPECT_EQ(One("عام 1436 هـ", Lang::kArabic).date, Year(2015));  // Oct 2014 – Oct 2015
}

// --- Relative expressions.

TEST(Dates, RelativeDays) {
  Found f = One("دیروز", Lang::kPersian, Day(2008, 9, 27));
  EXPECT_EQ(f.date, Day(2008, 9, 26));
  EXPECT_TRUE(f.relative);
  EXPECT_EQ(One("امروز", Lang::kPersian, Day(2008, 9, 27)).date, Day(2008, 9, 27));
  EXPECT_EQ(One("فردا", Lang::kPersian, Day(2008, 9, 27)).date, Day(2008, 9, 28));
  EXPECT_EQ(One("پریروز", Lang::kPersian, Day(2008, 9, 27)).date, Day(2008, 9, 25));
  EXPECT_EQ(One("أمس", Lang::kArabic, Day(2024, 3, 1)).date, Day(2024, 2, 29));
  EXPECT_EQ(One("بالأمس", Lang::kArabic, Day(2024, 3, 1)).date, Day(2024, 2, 29));
  EXPECT_EQ(One("اليوم", Lang::kArabic, Day(2024, 3, 1)).date, Day(2024, 3, 1));
  EXPECT_EQ(One("غداً", Lang::kArabic, Day(2024, 12, 31)).date, Day(2025, 1, 1));
  Found two = One("أول من أمس", Lang::kArabic, Day(2024, 3, 1));
  EXPECT_EQ(two.date, Day(2024, 2, 28));
  EXPECT_EQ(two.surface, "أول من أمس");
  EXPECT_EQ(One("أمس الأول", Lang::kArabic, Day(2024, 3, 1)).date, Day(2024, 2, 28));
  Found evening = One("وقال مساء أمس", Lang::kArabic, Day(2024, 3, 1));
  EXPECT_EQ(evening.date, Day(2024, 2, 29));
  EXPECT_EQ(evening.surface, "مساء أمس");
  EXPECT_EQ(One("الليلة الماضية", Lang::kArabic, Day(2024, 3, 1)).date, Day(2024, 2, 29));
  EXPECT_EQ(One("شب گذشته", Lang::kPersian, Day(2024, 3, 1)).date, Day(2024, 2, 29));
}

TEST(Dates, RelativeNeedsArticleDate) {
  EXPECT_TRUE(Find("أمس", Lang::kArabic).empty());
  EXPECT_TRUE(Find("الأحد", Lang::kArabic).empty());
  EXPECT_TRUE(Find("أمس", Lang::kArabic, Month(2024, 8)).empty());  // a day needs a day
  EXPECT_TRUE(Find("العام الماضي", Lang::kArabic).empty());
  EXPECT_EQ(One("الشهر الماضي", Lang::kArabic, Month(2024, 1)).date, Month(2023, 12));
  EXPECT_EQ(One("العام الماضي", Lang::kArabic, Year(2015)).date, Year(2014));
}

TEST(Dates, RelativeDayWithWeekday) {
  Found f = One("وقال أمس الأربعاء إن", Lang::kArabic, Day(2024, 8, 22));
  EXPECT_EQ(f.date, Day(2024, 8, 21));
  EXPECT_EQ(f.surface, "أمس الأربعاء");
  EXPECT_TRUE(f.relative);
  // An explicit date wins, and the whole expression is one mention.
  Found full = One("أمس الأربعاء 21 أغسطس", Lang::kArabic, Day(2024, 8, 22));
  EXPECT_EQ(full.date, Day(2024, 8, 21));
  EXPECT_EQ(full.surface, "أمس الأربعاء 21 أغسطس");
  EXPECT_FALSE(full.relative);
  Found readme =
      One("وصل اليوم الثلاثاء 22 فبراير/شباط 2022 في زيارة", Lang::kArabic, Day(2022, 2, 22));
  EXPECT_EQ(readme.date, Day(2022, 2, 22));
  EXPECT_EQ(readme.surface, "اليوم الثلاثاء 22 فبراير/شباط 2022");
}

TEST(Dates, WeekdayWithDate) {
  Found f = One("الاثنين 19 أغسطس 2024", Lang::kArabic);
  EXPECT_EQ(f.date, Day(2024, 8, 19));
  EXPECT_EQ(f.surface, "الاثنين 19 أغسطس 2024");
  EXPECT_EQ(One("الإثنين، 19 أغسطس 2024", Lang::kArabic).surface, "الإثنين، 19 أغسطس 2024");
  EXPECT_EQ(One("يوم الاثنين الموافق 19/8/2024", Lang::kArabic).date, Day(2024, 8, 19));
  EXPECT_EQ(One("شنبه ۵ مهر ۱۳۸۷", Lang::kPersian).date, Day(2008, 9, 26));
}

TEST(Dates, BareWeekdayIsOnOrBeforeTheArticleDate) {
  Found f = One("الأحد", Lang::kArabic, Day(2024, 8, 18));  // a Sunday
  EXPECT_EQ(f.date, Day(2024, 8, 18));
  EXPECT_TRUE(f.relative);
  EXPECT_EQ(One("يوم الأحد", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 18));
  EXPECT_EQ(One("والأحد", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 18));
  EXPECT_EQ(One("السبت", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 17));
  EXPECT_EQ(One("الخميس", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 22));
  EXPECT_EQ(One("الجمعة", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 16));
}

TEST(Dates, WeekdaysInAListFollowEachOther) {
  // "The visit lasts two days, Sunday and Monday", written on the Sunday.
  std::vector<Found> f =
      Find("زيارته ستمتد على مدى يومين، الأحد والاثنين.", Lang::kArabic, Day(2024, 8, 18));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].date, Day(2024, 8, 18));
  EXPECT_EQ(f[1].date, Day(2024, 8, 19));
  EXPECT_EQ(f[1].surface, "والاثنين");
  std::vector<Found> g = Find("السبت، والأحد", Lang::kArabic, Day(2024, 8, 22));
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].date, Day(2024, 8, 17));
  EXPECT_EQ(g[1].date, Day(2024, 8, 18));
  // Not joined: each weekday on its own.
  std::vector<Found> h = Find("الأحد قال إن الاثنين", Lang::kArabic, Day(2024, 8, 18));
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[1].date, Day(2024, 8, 12));
}

TEST(Dates, WeekdayPastAndNext) {
  Found f = One("الأحد الماضي", Lang::kArabic, Day(2024, 8, 22));
  EXPECT_EQ(f.date, Day(2024, 8, 18));
  EXPECT_EQ(f.surface, "الأحد الماضي");
  EXPECT_EQ(One("الأحد الماضي", Lang::kArabic, Day(2024, 8, 18)).date, Day(2024, 8, 11));
  EXPECT_EQ(One("الجمعة الماضية", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 16));
  EXPECT_EQ(One("الأحد المقبل", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 25));
  EXPECT_EQ(One("الخميس القادم", Lang::kArabic, Day(2024, 8, 22)).date, Day(2024, 8, 29));
  EXPECT_EQ(One("شنبه گذشته", Lang::kPersian, Day(2024, 8, 22)).date, Day(2024, 8, 17));
  EXPECT_EQ(One("شنبه آینده", Lang::kPersian, Day(2024, 8, 22)).date, Day(2024, 8, 24));
}

TEST(Dates, PersianWeekdays) {
  const Date thursday = Day(2024, 8, 22);
  EXPECT_EQ(One("یکشنبه", Lang::kPersian, thursday).date, Day(2024, 8, 18));
  EXPECT_EQ(One("دوشنبه", Lang::kPersian, thursday).date, Day(2024, 8, 19));
  EXPECT_EQ(One("سه‌شنبه", Lang::kPersian, thursday).date, Day(2024, 8, 20));
  Found spaced = One("روز سه شنبه", Lang::kPersian, thursday);
  EXPECT_EQ(spaced.date, Day(2024, 8, 20));
  EXPECT_EQ(spaced.surface, "روز سه شنبه");
  EXPECT_EQ(One("چهارشنبه", Lang::kPersian, thursday).date, Day(2024, 8, 21));
  EXPECT_EQ(One("پنج شنبه", Lang::kPersian, thursday).date, Day(2024, 8, 22));
  EXPECT_EQ(One("پنجشنبه", Lang::kPersian, thursday).date, Day(2024, 8, 22));
  EXPECT_EQ(One("جمعه", Lang::kPersian, thursday).date, Day(2024, 8, 16));
  EXPECT_EQ(One("شنبه", Lang::kPersian, thursday).date, Day(2024, 8, 17));
}

TEST(Dates, RelativePeriods) {
  Found year = One("العام الماضي", Lang::kArabic, Day(2015, 7, 21));
  EXPECT_EQ(year.date, Year(2014));
  EXPECT_TRUE(year.relative);
  EXPECT_EQ(One("وفي السنة الماضية", Lang::kArabic, Day(2015, 7, 21)).date, Year(2014));
  EXPECT_EQ(One("للعام الماضي", Lang::kArabic, Day(2015, 7, 21)).date, Year(2014));
  EXPECT_EQ(One("العام المقبل", Lang::kArabic, Day(2015, 7, 21)).date, Year(2016));
  EXPECT_EQ(One("هذا العام", Lang::kArabic, Day(2015, 7, 21)).date, Year(2015));
  EXPECT_EQ(One("الشهر الماضي", Lang::kArabic, Day(2015, 7, 21)).date, Month(2015, 6));
  EXPECT_EQ(One("الشهر الماضي", Lang::kArabic, Day(2015, 1, 5)).date, Month(2014, 12));
  EXPECT_EQ(One("الشهر المقبل", Lang::kArabic, Day(2015, 12, 5)).date, Month(2016, 1));
  EXPECT_EQ(One("الأسبوع الماضي", Lang::kArabic, Day(2015, 7, 21)).date, Day(2015, 7, 14));
  EXPECT_EQ(One("هفته گذشته", Lang::kPersian, Day(2015, 7, 21)).date, Day(2015, 7, 14));
  EXPECT_EQ(One("ماه گذشته", Lang::kPersian, Day(2015, 7, 21)).date, Month(2015, 6));
  EXPECT_EQ(One("سال گذشته", Lang::kPersian, Day(2015, 7, 21)).date, Year(2014));
  EXPECT_EQ(One("امسال", Lang::kPersian, Day(2015, 7, 21)).date, Year(2015));
}

TEST(Dates, DurationsAreNotRelativeDates) {
  EXPECT_TRUE(Find("در سه ماه گذشته", Lang::kPersian, Day(2015, 7, 21)).empty());
  EXPECT_TRUE(Find("طی ۲۰ سال گذشته", Lang::kPersian, Day(2015, 7, 21)).empty());
  EXPECT_TRUE(Find("در چند هفته گذشته", Lang::kPersian, Day(2015, 7, 21)).empty());
}

// --- Dates without a year.

TEST(Dates, YearFromTheArticleDate) {
  const Date article = Day(2024, 8, 22);
  Found f = One("21 أغسطس", Lang::kArabic, article);
  EXPECT_EQ(f.date, Day(2024, 8, 21));
  EXPECT_FALSE(f.relative);
  EXPECT_EQ(One("15 أكتوبر", Lang::kArabic, article).date, Day(2024, 10, 15));  // ahead: same year
  EXPECT_EQ(One("25 ديسمبر", Lang::kArabic, article).date, Day(2023, 12, 25));  // too far ahead
  EXPECT_EQ(One("5 يناير", Lang::kArabic, Day(2024, 12, 30)).date, Day(2025, 1, 5));
  EXPECT_EQ(One("21 أغسطس", Lang::kArabic, Month(2024, 8)).date, Day(2024, 8, 21));
  EXPECT_EQ(One("21 أغسطس", Lang::kArabic, Year(2024)).date, Day(2024, 8, 21));
  EXPECT_EQ(One("۵ مهر", Lang::kPersian, Day(2008, 9, 27)).date, Day(2008, 9, 26));
  EXPECT_EQ(One("15 رمضان", Lang::kArabic, Day(2015, 7, 10)).date, Day(2015, 7, 2));
  EXPECT_EQ(One("29 فبراير", Lang::kArabic, Day(2024, 3, 10)).date, Day(2024, 2, 29));
  EXPECT_TRUE(Find("21 أغسطس", Lang::kArabic).empty());  // no article date: no year
}

TEST(Dates, DayRangeGivesItsFirstDay) {
  Found f = One("تعقد القمة في 22-24 أكتوبر في كازان", Lang::kArabic, Day(2024, 8, 22));
  EXPECT_EQ(f.date, Day(2024, 10, 22));
  EXPECT_EQ(f.surface, "22-24 أكتوبر");
  EXPECT_EQ(One("22-24 أكتوبر 2024", Lang::kArabic).date, Day(2024, 10, 22));
  EXPECT_TRUE(Find("24-22 أكتوبر 2024", Lang::kArabic).empty());
  Found pair = One("يومي 5 و6 مارس 2023", Lang::kArabic);
  EXPECT_EQ(pair.date, Day(2023, 3, 5));
  EXPECT_EQ(pair.surface, "5 و6 مارس 2023");
  EXPECT_EQ(One("5 و 6 مارس 2023", Lang::kArabic).surface, "5 و 6 مارس 2023");
}

TEST(Dates, NumberAfterGluedConjunction) {
  EXPECT_EQ(One("و15 رمضان 1436", Lang::kArabic).date, Day(2015, 7, 2));
  EXPECT_EQ(One("و۵ مهر ۱۳۸۷", Lang::kPersian).date, Day(2008, 9, 26));
  EXPECT_EQ(One("و22/2/2023", Lang::kArabic).date, Day(2023, 2, 22));
  EXPECT_EQ(One("و2008م", Lang::kArabic).date, Year(2008));
  EXPECT_TRUE(Find("فبراير و2023", Lang::kArabic).empty());  // "و" joins, it does not date
}

TEST(Dates, MonthWithoutYear) {
  Found f = One("في ديسمبر/كانون الأول الماضي", Lang::kArabic, Day(2024, 2, 10));
  EXPECT_EQ(f.date, Month(2023, 12));
  EXPECT_EQ(f.surface, "ديسمبر/كانون الأول الماضي");
  EXPECT_TRUE(f.relative);
  EXPECT_EQ(One("يناير الماضي", Lang::kArabic, Day(2024, 2, 10)).date, Month(2024, 1));
  EXPECT_EQ(One("فبراير الماضي", Lang::kArabic, Day(2024, 2, 10)).date, Month(2023, 2));
  EXPECT_EQ(One("مارس المقبل", Lang::kArabic, Day(2024, 8, 10)).date, Month(2025, 3));
  EXPECT_EQ(One("أغسطس الجاري", Lang::kArabic, Day(2024, 8, 10)).date, Month(2024, 8));
  EXPECT_EQ(One("دسامبر گذشته", Lang::kPersian, Day(2024, 2, 10)).date, Month(2023, 12));
  EXPECT_EQ(One("شهر مارس", Lang::kArabic, Day(2024, 8, 22)).date, Month(2024, 3));
  Found last_year = One("فبراير من العام الماضي", Lang::kArabic, Day(2024, 5, 1));
  EXPECT_EQ(last_year.date, Month(2023, 2));
  EXPECT_TRUE(last_year.relative);
  EXPECT_EQ(One("22 فبراير من العام الماضي", Lang::kArabic, Day(2024, 5, 1)).date,
            Day(2023, 2, 22));
  EXPECT_TRUE(Find("مارس", Lang::kArabic, Day(2024, 8, 22)).empty());  // also a verb
}

// --- Spelling, scope and several mentions.

TEST(Dates, PersianTypedWithArabicLetters) {
  // ي for ی and ك for ک, as Persian text from Arabic keyboards has them.
  EXPECT_EQ(One("ديروز", Lang::kPersian, Day(2008, 9, 27)).date, Day(2008, 9, 26));
  EXPECT_EQ(One("۱۰ اكتبر ۲۰۰۸", Lang::kPersian).date, Day(2008, 10, 10));
  EXPECT_EQ(One("۱ ارديبهشت ۱۳۸۷", Lang::kPersian).date, Day(2008, 4, 20));
  EXPECT_EQ(One("يكشنبه", Lang::kPersian, Day(2024, 8, 22)).date, Day(2024, 8, 18));
  EXPECT_EQ(One("۵ شهريور ۱۳۸۷", Lang::kPersian).date, Day(2008, 8, 26));
}

TEST(Dates, SeveralMentionsLeftToRight) {
  std::vector<Found> f =
      Find("وصل في 5 مارس 2023 وغادر أمس بعد أن زار دمشق عام 2008", Lang::kArabic, Day(2023, 3, 9));
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].date, Day(2023, 3, 5));
  EXPECT_EQ(f[1].date, Day(2023, 3, 8));
  EXPECT_EQ(f[1].surface, "أمس");
  EXPECT_EQ(f[2].date, Year(2008));
  EXPECT_EQ(f[2].surface, "عام 2008");
}

TEST(Dates, OnlyTheGivenTokenRange) {
  std::string text = "زار موسكو أمس. ويعود إلى باكو غدا.";
  TokenizedText t;
  t.Analyze(text);
  ASSERT_EQ(t.sentences().size(), 2u);
  const Sentence& second = t.sentences()[1];
  auto found = FindDates(t, second.first_token, second.end_token, Lang::kArabic, Day(2024, 8, 22));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].date, Day(2024, 8, 23));
  EXPECT_GE(found[0].first_token, second.first_token);
  EXPECT_LE(found[0].end_token, second.end_token);
  EXPECT_TRUE(FindDates(t, 0, 0, Lang::kArabic, Day(2024, 8, 22)).empty());
  EXPECT_TRUE(FindDates(t, 5, 1000, Lang::kArabic, Day(2024, 8, 22)).size() == 1u);
}

TEST(Dates, WordsInTheirOtherSense) {
  const Date article = Day(2015, 7, 21);
  // "اليوم" as "the day", not "today".
  EXPECT_TRUE(Find("في اليوم التالي", Lang::kArabic, article).empty());
  EXPECT_TRUE(Find("لليوم الثاني على التوالي", Lang::kArabic, article).empty());
  EXPECT_TRUE(Find("احتفالات اليوم الوطني", Lang::kArabic, article).empty());
  EXPECT_TRUE(Find("وقال لصحيفة اليوم", Lang::kArabic, article).empty());
  EXPECT_EQ(One("أعلن اليوم الرئيس", Lang::kArabic, article).date, article);
  // Friday prayer and its leaders.
  EXPECT_TRUE(Find("امام جمعه تبریز گفت", Lang::kPersian, article).empty());
  EXPECT_TRUE(Find("نماز جمعه تهران", Lang::kPersian, article).empty());
  EXPECT_EQ(One("روز جمعه", Lang::kPersian, article).date, Day(2015, 7, 17));
  // An Arabic name that folds like Persian "جمعه" (Friday).
  EXPECT_TRUE(Find("قال محمد جمعة", Lang::kArabic, article).empty());
}

TEST(Dates, UnknownLanguageUsesBothVocabularies) {
  EXPECT_EQ(One("دیروز", Lang::kUnknown, Day(2008, 9, 27)).date, Day(2008, 9, 26));
  EXPECT_EQ(One("أمس", Lang::kUnknown, Day(2008, 9, 27)).date, Day(2008, 9, 26));
  EXPECT_EQ(One("۱۳۸۷/۷/۵", Lang::kUnknown).date, Day(2008, 9, 26));  // 13xx: Solar Hijri
  // Each language's own words only: Persian "دیروز" is not looked for in Arabic text.
  EXPECT_TRUE(Find("دیروز", Lang::kArabic, Day(2008, 9, 27)).empty());
  EXPECT_TRUE(Find("أمس", Lang::kPersian, Day(2008, 9, 27)).empty());
}

TEST(Dates, EraMarkersChooseTheCalendar) {
  EXPECT_EQ(One("۱۴۰۲/۱/۱ ه.ش", Lang::kArabic).date, Day(2023, 3, 21));
  EXPECT_EQ(One("1436/9/15 هـ.ق", Lang::kPersian).date, Day(2015, 7, 2));
  EXPECT_EQ(One("1436/9/15 ه ق", Lang::kPersian).surface, "1436/9/15 ه ق");
  // A marker that contradicts the month's calendar is not part of the mention.
  EXPECT_EQ(One("15 رمضان 1436 م", Lang::kArabic).surface, "15 رمضان 1436");
  EXPECT_TRUE(Find("22 فبراير 2023هـ", Lang::kArabic).empty());
}

TEST(Dates, ThreadSafe) {
  // Each thread gets its own ICU calendars; results must not depend on interleaving.
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      for (int k = 0; k < 200; ++k) {
        std::vector<Found> f =
            Find("أمس الأربعاء، وفي 15 رمضان 1436 و۵ مهر ۱۳۸۷", Lang::kUnknown, Day(2024, 8, 22));
        if (f.size() != 3 || !(f[0].date == Day(2024, 8, 21)) || !(f[1].date == Day(2015, 7, 2)) ||
            !(f[2].date == Day(2008, 9, 26))) {
          ++wrong[t];
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST(Dates, SentencesWithoutDates) {
  EXPECT_TRUE(Find("استقبل بوتين ضيفه في الكرملين", Lang::kArabic, Day(2024, 8, 22)).empty());
  EXPECT_TRUE(Find("وزیر امور خارجه به مسکو رفت", Lang::kPersian, Day(2024, 8, 22)).empty());
  EXPECT_TRUE(Find("", Lang::kArabic, Day(2024, 8, 22)).empty());
  EXPECT_TRUE(Find("الأمين العام للأمم المتحدة", Lang::kArabic, Day(2024, 8, 22)).empty());
}

}  // namespace
}  // namespace rasad
