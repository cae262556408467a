// Date expressions in Arabic and Persian sentences, resolved to Gregorian dates.
//
// The finder works on token keys, so alef/ya/kaf/ta-marbuta variants and both digit sets need no
// special care. A sentence is first checked for any token that could start a date (a number or a
// word of the vocabulary below); only then does the parser run, and only a date that needs a
// conversion or calendar arithmetic touches ICU. All calendar work is done by ICU calendars kept
// one per thread, in UTC and at noon, so that no time zone can move a date by a day.
#include "rasad/time.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "src/base/key_table.h"

namespace rasad {
namespace {

// ---------------------------------------------------------------------------------------------
// Calendars (ICU).

enum class CalendarKind : uint8_t { kGregorian, kPersian, kHijri };

enum class IcuCalendarId : uint8_t { kGregorian, kPersian, kUmmAlQura, kIslamicCivil, kCount };

// Umm al-Qura is tabulated by ICU for these Hijri years only; outside them the civil
// (arithmetic) Islamic calendar is used.
constexpr int kUmmAlQuraFirstYear = 1300;
constexpr int kUmmAlQuraLastYear = 1600;

std::unique_ptr<icu::Calendar> CreateCalendar(IcuCalendarId id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal;
  const char* type = "gregorian";
  switch (id) {
    case IcuCalendarId::kGregorian: {
      auto gregorian = std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), status);
      // Date is proleptic Gregorian: no switch to the Julian calendar before 1582.
      gregorian->setGregorianChange(U_DATE_MIN, status);
      cal = std::move(gregorian);
      break;
    }
    case IcuCalendarId::kPersian:
      type = "persian";
      cal.reset(icu::Calendar::createInstance(*icu::TimeZone::getGMT(),
                                              icu::Locale("fa_IR@calendar=persian"), status));
      break;
    case IcuCalendarId::kUmmAlQura:
      type = "islamic-umalqura";
      cal.reset(icu::Calendar::createInstance(
          *icu::TimeZone::getGMT(), icu::Locale("ar_SA@calendar=islamic-umalqura"), status));
      break;
    case IcuCalendarId::kCount:
      return nullptr;
    case IcuCalendarId::kIslamicCivil:
      type = "islamic-civil";
      cal.reset(icu::Calendar::createInstance(*icu::TimeZone::getGMT(),
                                              icu::Locale("ar_SA@calendar=islamic-civil"), status));
      break;
  }
  // ICU quietly hands out a Gregorian calendar when it lacks the data for the one asked for.
  if (U_FAILURE(status) || !cal || std::string_view(cal->getType()) != type) return nullptr;
  cal->setLenient(true);  // out-of-range fields roll over; NoonOf reads them back to detect that
  return cal;
}

// ICU calendars are costly to create and must not be shared between threads, so each thread
// creates the ones it needs on first use and keeps them. Null if ICU lacks the calendar's data.
icu::Calendar* GetCalendar(IcuCalendarId id) {
  thread_local std::array<std::unique_ptr<icu::Calendar>,
                          static_cast<size_t>(IcuCalendarId::kCount)>
      calendars;
  thread_local std::array<bool, static_cast<size_t>(IcuCalendarId::kCount)> tried{};
  size_t slot = static_cast<size_t>(id);
  if (!tried[slot]) {
    tried[slot] = true;
    calendars[slot] = CreateCalendar(id);
  }
  return calendars[slot].get();
}

IcuCalendarId IdFor(CalendarKind kind, int year) {
  switch (kind) {
    case CalendarKind::kGregorian:
      return IcuCalendarId::kGregorian;
    case CalendarKind::kPersian:
      return IcuCalendarId::kPersian;
    case CalendarKind::kHijri:
      break;
  }
  return year >= kUmmAlQuraFirstYear && year <= kUmmAlQuraLastYear ? IcuCalendarId::kUmmAlQura
                                                                   : IcuCalendarId::kIslamicCivil;
}

// The instant at noon UTC of year-month-day in `cal`, if that day exists there. The calendar is
// lenient, so 30 February becomes 2 March; reading the fields back detects that.
std::optional<UDate> NoonOf(icu::Calendar& cal, int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  cal.clear();
  cal.set(year, month - 1, day, 12, 0, 0);
  UDate t = cal.getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  cal.setTime(t, status);
  if (U_FAILURE(status) || cal.get(UCAL_YEAR, status) != year ||
      cal.get(UCAL_MONTH, status) != month - 1 || cal.get(UCAL_DATE, status) != day ||
      U_FAILURE(status)) {
    return std::nullopt;
  }
  return t;
}

// The Gregorian day of instant `t`.
std::optional<Date> GregorianDayAt(UDate t) {
  icu::Calendar* g = GetCalendar(IcuCalendarId::kGregorian);
  if (!g) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  g->setTime(t, status);
  Date d;
  d.year = g->get(UCAL_YEAR, status);
  d.month = g->get(UCAL_MONTH, status) + 1;
  d.day = g->get(UCAL_DATE, status);
  d.precision = DatePrecision::kDay;
  if (U_FAILURE(status) || g->get(UCAL_ERA, status) != icu::GregorianCalendar::AD) {
    return std::nullopt;
  }
  return d;
}

// Noon UTC of a Gregorian day, if it is a valid date.
std::optional<UDate> GregorianNoon(const Date& d) {
  icu::Calendar* g = GetCalendar(IcuCalendarId::kGregorian);
  if (!g) return std::nullopt;
  return NoonOf(*g, d.year, d.month, d.day);
}

// year-month-day of `kind` as a Gregorian day; nullopt if there is no such day.
std::optional<Date> ToGregorian(CalendarKind kind, int year, int month, int day) {
  icu::Calendar* cal = GetCalendar(IdFor(kind, year));
  if (!cal) return std::nullopt;
  std::optional<UDate> t = NoonOf(*cal, year, month, day);
  if (!t) return std::nullopt;
  return GregorianDayAt(*t);
}

// The year, in `kind`, of Gregorian day `d`. The Hijri year is the Umm al-Qura one.
std::optional<int> YearIn(CalendarKind kind, const Date& d) {
  if (kind == CalendarKind::kGregorian) return d.year;
  std::optional<UDate> t = GregorianNoon(d);
  icu::Calendar* cal = GetCalendar(kind == CalendarKind::kPersian ? IcuCalendarId::kPersian
                                                                  : IcuCalendarId::kUmmAlQura);
  if (!t || !cal) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(*t, status);
  int year = cal->get(UCAL_YEAR, status);
  if (U_FAILURE(status)) return std::nullopt;
  return year;
}

// The Gregorian month `months` months away from year-month.
std::optional<Date> AddMonths(int year, int month, int months) {
  icu::Calendar* g = GetCalendar(IcuCalendarId::kGregorian);
  if (!g || !NoonOf(*g, year, month, 1)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  g->add(UCAL_MONTH, months, status);
  Date d;
  d.year = g->get(UCAL_YEAR, status);
  d.month = g->get(UCAL_MONTH, status) + 1;
  d.precision = DatePrecision::kMonth;
  if (U_FAILURE(status)) return std::nullopt;
  return d;
}

Date YearDate(int year) {
  Date d;
  d.year = year;
  d.precision = DatePrecision::kYear;
  return d;
}

Date MonthDate(int year, int month) {
  Date d;
  d.year = year;
  d.month = month;
  d.precision = DatePrecision::kMonth;
  return d;
}

// The Gregorian year in which most of year `year` of `kind` falls: the year of its middle day
// (1 Mehr for the Solar Hijri year, 1 Rajab for the Hijri year).
std::optional<Date> GregorianYearOf(CalendarKind kind, int year) {
  std::optional<Date> middle = ToGregorian(kind, year, 7, 1);
  if (!middle) return std::nullopt;
  return YearDate(middle->year);
}

// The Gregorian month of a Solar Hijri or Hijri month given without a day: the month that holds
// its 15th, since such a month straddles two Gregorian ones.
std::optional<Date> GregorianMonthOf(CalendarKind kind, int year, int month) {
  if (kind == CalendarKind::kGregorian) return MonthDate(year, month);
  std::optional<Date> middle = ToGregorian(kind, year, month, 15);
  if (!middle) return std::nullopt;
  return MonthDate(middle->year, middle->month);
}

bool IsAfter(const Date& a, const Date& b) {
  return std::tie(a.year, a.month, a.day) > std::tie(b.year, b.month, b.day);
}

std::string DateText(const char* calendar, int year, int month, int day) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "no %s date %04d-%02d-%02d", calendar, year, month, day);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: every word or phrase a date expression is made of, as token keys.

enum class Kind : uint8_t {
  kMonth,      // value: month 1-12 of `calendar`
  kWeekday,    // value: 1 = Sunday … 7 = Saturday
  kRelDay,     // أمس، دیروز: value = days from the article date
  kRelWeek,    // الأسبوع الماضي: value = weeks
  kRelMonth,   // الشهر الماضي: value = months
  kRelYear,    // العام الماضي: value = years
  kQualifier,  // after a weekday or a month: -1 past (الماضي), +1 next (المقبل), 0 current (الجاري)
  kTimeOfDay,  // صباح، مساء، يوم، شب: may stand before a day
  kYearWord,   // عام، سنة، سال (value 1: Persian, so a 13xx/14xx year is Solar Hijri)
  kMonthWord,  // شهر، ماه: lets a month name stand alone ("شهر مارس")
  kLink,       // الموافق، تاريخ: before an explicit date
  kMarker,     // era after a year (م، هـ، ه.ش): `calendar` says which
};

constexpr uint32_t Bit(Kind k) { return 1u << static_cast<unsigned>(k); }

// Entry flags: words that are dates only in some contexts.
constexpr uint8_t kNeedsNumber = 1;  // a month name that is also a common word: only with a number
constexpr uint8_t kDayNoun = 2;  // "اليوم": "today", or "the day" ("اليوم التالي")
constexpr uint8_t kPrayerDay = 4;  // "الجمعة"/"جمعه": also Friday prayer ("امام جمعه")

struct Entry {
  std::string_view text;  // as written; folded to keys when the vocabulary is built
  Kind kind;
  int8_t value;
  CalendarKind calendar = CalendarKind::kGregorian;
  uint8_t flags = 0;
};

constexpr CalendarKind kGreg = CalendarKind::kGregorian;
constexpr CalendarKind kSolar = CalendarKind::kPersian;
constexpr CalendarKind kHijri = CalendarKind::kHijri;

// Multi-word entries are written with spaces, one word per token; "." is a token of its own.
// The solid spelling of each (Persian writes "سه‌شنبه" with ZWNJ, which the key drops) is
// added when the vocabulary is built.

// Month names and era markers, in either language: Arabic news cites Persian dates and Persian
// news Hijri ones.
constexpr Entry kSharedEntries[] = {
    // Gregorian months: Egyptian, Maghrebi and Levantine Arabic names; Persian names.
    {"يناير", Kind::kMonth, 1},
    {"جانفي", Kind::kMonth, 1},
    {"كانون الثاني", Kind::kMonth, 1},
    {"ژانویه", Kind::kMonth, 1},
    {"فبراير", Kind::kMonth, 2},
    {"فيفري", Kind::kMonth, 2},
    {"شباط", Kind::kMonth, 2},
    {"فوریه", Kind::kMonth, 2},
    {"مارس", Kind::kMonth, 3},
    {"آذار", Kind::kMonth, 3},
    {"أبريل", Kind::kMonth, 4},
    {"أفريل", Kind::kMonth, 4},
    {"نيسان", Kind::kMonth, 4},
    {"آوریل", Kind::kMonth, 4},
    {"آپریل", Kind::kMonth, 4},
    {"مايو", Kind::kMonth, 5},
    {"ماي", Kind::kMonth, 5},
    {"أيار", Kind::kMonth, 5},
    {"يونيو", Kind::kMonth, 6},
    {"يونيه", Kind::kMonth, 6},
    {"جوان", Kind::kMonth, 6},
    {"حزيران", Kind::kMonth, 6},
    {"ژوئن", Kind::kMonth, 6},
    {"يوليو", Kind::kMonth, 7},
    {"يوليه", Kind::kMonth, 7},
    {"يوليوز", Kind::kMonth, 7},
    {"جويلية", Kind::kMonth, 7},
    {"تموز", Kind::kMonth, 7},
    {"ژوئیه", Kind::kMonth, 7},
    {"جولای", Kind::kMonth, 7},
    {"أغسطس", Kind::kMonth, 8},
    {"أوت", Kind::kMonth, 8},
    {"غشت", Kind::kMonth, 8},
    {"آب", Kind::kMonth, 8},
    {"آگوست", Kind::kMonth, 8},
    {"سبتمبر", Kind::kMonth, 9},
    {"شتنبر", Kind::kMonth, 9},
    {"أيلول", Kind::kMonth, 9},
    {"سپتامبر", Kind::kMonth, 9},
    {"أكتوبر", Kind::kMonth, 10},
    {"تشرين الأول", Kind::kMonth, 10},
    {"اکتبر", Kind::kMonth, 10},
    {"نوفمبر", Kind::kMonth, 11},
    {"نونبر", Kind::kMonth, 11},
    {"تشرين الثاني", Kind::kMonth, 11},
    {"نوامبر", Kind::kMonth, 11},
    {"ديسمبر", Kind::kMonth, 12},
    {"دجنبر", Kind::kMonth, 12},
    {"كانون الأول", Kind::kMonth, 12},
    {"دسامبر", Kind::kMonth, 12},
    // Solar Hijri months ("ماه" may follow, or be written solid: "مهرماه").
    {"فروردین", Kind::kMonth, 1, kSolar},
    {"اردیبهشت", Kind::kMonth, 2, kSolar},
    {"خرداد", Kind::kMonth, 3, kSolar},
    {"تیر", Kind::kMonth, 4, kSolar},
    {"مرداد", Kind::kMonth, 5, kSolar},
    {"امرداد", Kind::kMonth, 5, kSolar},
    {"شهریور", Kind::kMonth, 6, kSolar},
    {"مهر", Kind::kMonth, 7, kSolar},
    {"آبان", Kind::kMonth, 8, kSolar},
    {"آذر", Kind::kMonth, 9, kSolar},
    {"دی", Kind::kMonth, 10, kSolar},
    {"بهمن", Kind::kMonth, 11, kSolar},
    {"اسفند", Kind::kMonth, 12, kSolar},
    // Hijri months.
    {"محرم", Kind::kMonth, 1, kHijri},
    {"صفر", Kind::kMonth, 2, kHijri},
    {"ربيع الأول", Kind::kMonth, 3, kHijri},
    {"ربيع أول", Kind::kMonth, 3, kHijri},
    {"ربيع الآخر", Kind::kMonth, 4, kHijri},
    {"ربيع الثاني", Kind::kMonth, 4, kHijri},
    {"ربيع ثاني", Kind::kMonth, 4, kHijri},
    {"جمادى الأولى", Kind::kMonth, 5, kHijri},
    {"جمادى الأول", Kind::kMonth, 5, kHijri},
    {"جمادى الآخرة", Kind::kMonth, 6, kHijri},
    {"جمادى الآخر", Kind::kMonth, 6, kHijri},
    {"جمادى الثانية", Kind::kMonth, 6, kHijri},
    {"رجب", Kind::kMonth, 7, kHijri},
    {"شعبان", Kind::kMonth, 8, kHijri},
    {"رمضان", Kind::kMonth, 9, kHijri},
    {"شوال", Kind::kMonth, 10, kHijri},
    {"ذو القعدة", Kind::kMonth, 11, kHijri},
    {"ذي القعدة", Kind::kMonth, 11, kHijri},
    {"ذو الحجة", Kind::kMonth, 12, kHijri},
    {"ذي الحجة", Kind::kMonth, 12, kHijri},
    // Era markers after a year.
    {"م", Kind::kMarker, 0, kGreg},
    {"ميلادي", Kind::kMarker, 0, kGreg},
    {"ميلادية", Kind::kMarker, 0, kGreg},
    {"للميلاد", Kind::kMarker, 0, kGreg},
    {"ه", Kind::kMarker, 0, kHijri},
    {"هجري", Kind::kMarker, 0, kHijri},
    {"هجرية", Kind::kMarker, 0, kHijri},
    {"هجری قمری", Kind::kMarker, 0, kHijri},
    {"قمری", Kind::kMarker, 0, kHijri},
    {"ه . ق", Kind::kMarker, 0, kHijri},
    {"ه ق", Kind::kMarker, 0, kHijri},
    {"ه . ش", Kind::kMarker, 0, kSolar},
    {"ه ش", Kind::kMarker, 0, kSolar},
    {"هجری شمسی", Kind::kMarker, 0, kSolar},
    {"شمسی", Kind::kMarker, 0, kSolar},
    {"خورشیدی", Kind::kMarker, 0, kSolar},
    {"ش", Kind::kMarker, 0, kSolar},
    {"تاريخ", Kind::kLink, 0},  // "بتاريخ", "به تاریخ"
};

constexpr Entry kArabicEntries[] = {
    // Weekdays keep their article: "أحد" alone means "one".
    {"الأحد", Kind::kWeekday, 1},
    {"الاثنين", Kind::kWeekday, 2},
    {"الثلاثاء", Kind::kWeekday, 3},
    {"الأربعاء", Kind::kWeekday, 4},
    {"الخميس", Kind::kWeekday, 5},
    {"الجمعة", Kind::kWeekday, 6, kGreg, kPrayerDay},
    {"السبت", Kind::kWeekday, 7},
    // Days, weeks, months and years relative to the article date.
    {"أمس", Kind::kRelDay, -1},
    {"الأمس", Kind::kRelDay, -1},
    {"البارحة", Kind::kRelDay, -1},
    {"الليلة الماضية", Kind::kRelDay, -1},
    {"أول أمس", Kind::kRelDay, -2},
    {"أول من أمس", Kind::kRelDay, -2},
    {"أمس الأول", Kind::kRelDay, -2},
    {"اليوم", Kind::kRelDay, 0, kGreg, kDayNoun},
    {"غدا", Kind::kRelDay, 1},
    {"بعد غد", Kind::kRelDay, 2},
    {"الأسبوع الماضي", Kind::kRelWeek, -1},
    {"الأسبوع الفائت", Kind::kRelWeek, -1},
    {"الأسبوع المنصرم", Kind::kRelWeek, -1},
    {"الأسبوع المقبل", Kind::kRelWeek, 1},
    {"الأسبوع القادم", Kind::kRelWeek, 1},
    // "قبل أسبوع" (a week ago); not "قبل أسبوع من …" (a week before something else: ResolvePeriod).
    {"قبل أسبوع", Kind::kRelWeek, -1},
    {"قبل أسبوعين", Kind::kRelWeek, -2},
    {"منذ أسبوع", Kind::kRelWeek, -1},
    {"منذ أسبوعين", Kind::kRelWeek, -2},
    {"الشهر الماضي", Kind::kRelMonth, -1},
    {"الشهر الفائت", Kind::kRelMonth, -1},
    {"الشهر المنصرم", Kind::kRelMonth, -1},
    {"الشهر المقبل", Kind::kRelMonth, 1},
    {"الشهر القادم", Kind::kRelMonth, 1},
    {"الشهر الجاري", Kind::kRelMonth, 0},
    {"الشهر الحالي", Kind::kRelMonth, 0},
    {"هذا الشهر", Kind::kRelMonth, 0},
    {"العام الماضي", Kind::kRelYear, -1},
    {"العام الفائت", Kind::kRelYear, -1},
    {"العام المنصرم", Kind::kRelYear, -1},
    {"السنة الماضية", Kind::kRelYear, -1},
    {"السنة الفائتة", Kind::kRelYear, -1},
    {"العام المقبل", Kind::kRelYear, 1},
    {"العام القادم", Kind::kRelYear, 1},
    {"السنة المقبلة", Kind::kRelYear, 1},
    {"السنة القادمة", Kind::kRelYear, 1},
    {"العام الجاري", Kind::kRelYear, 0},
    {"العام الحالي", Kind::kRelYear, 0},
    {"هذا العام", Kind::kRelYear, 0},
    {"السنة الجارية", Kind::kRelYear, 0},
    {"السنة الحالية", Kind::kRelYear, 0},
    // Qualifiers after a weekday or a month name.
    {"الماضي", Kind::kQualifier, -1},
    {"الماضية", Kind::kQualifier, -1},
    {"الفائت", Kind::kQualifier, -1},
    {"الفائتة", Kind::kQualifier, -1},
    {"المنصرم", Kind::kQualifier, -1},
    {"المنصرمة", Kind::kQualifier, -1},
    {"المقبل", Kind::kQualifier, 1},
    {"المقبلة", Kind::kQualifier, 1},
    {"القادم", Kind::kQualifier, 1},
    {"القادمة", Kind::kQualifier, 1},
    {"الجاري", Kind::kQualifier, 0},
    {"الحالي", Kind::kQualifier, 0},
    // Times of day and "day": "مساء أمس", "يوم الأحد".
    {"صباح", Kind::kTimeOfDay, 0},
    {"صبيحة", Kind::kTimeOfDay, 0},
    {"ظهر", Kind::kTimeOfDay, 0},
    {"ظهيرة", Kind::kTimeOfDay, 0},
    {"عصر", Kind::kTimeOfDay, 0},
    {"مساء", Kind::kTimeOfDay, 0},
    {"فجر", Kind::kTimeOfDay, 0},
    {"ليلة", Kind::kTimeOfDay, 0},
    {"ليل", Kind::kTimeOfDay, 0},
    {"يوم", Kind::kTimeOfDay, 0},
    // Words that introduce a year or a month name, or link a weekday to a date.
    {"عام", Kind::kYearWord, 0},
    {"العام", Kind::kYearWord, 0},
    {"سنة", Kind::kYearWord, 0},
    {"السنة", Kind::kYearWord, 0},
    {"شهر", Kind::kMonthWord, 0},
    {"الموافق", Kind::kLink, 0},
    {"الموافقة", Kind::kLink, 0},
    {"موافق", Kind::kLink, 0},
};

constexpr Entry kPersianEntries[] = {
    // "مه" is also "fog" and "می" the verb prefix: months only next to a number.
    {"مه", Kind::kMonth, 5, kGreg, kNeedsNumber},
    {"می", Kind::kMonth, 5, kGreg, kNeedsNumber},
    {"یک شنبه", Kind::kWeekday, 1},
    {"دو شنبه", Kind::kWeekday, 2},
    {"سه شنبه", Kind::kWeekday, 3},
    {"چهار شنبه", Kind::kWeekday, 4},
    {"پنج شنبه", Kind::kWeekday, 5},
    {"جمعه", Kind::kWeekday, 6, kGreg, kPrayerDay},
    {"شنبه", Kind::kWeekday, 7},
    {"دیروز", Kind::kRelDay, -1},
    {"دیشب", Kind::kRelDay, -1},
    {"شب گذشته", Kind::kRelDay, -1},
    {"پریروز", Kind::kRelDay, -2},
    {"امروز", Kind::kRelDay, 0},
    {"امشب", Kind::kRelDay, 0},
    {"فردا", Kind::kRelDay, 1},
    {"پس فردا", Kind::kRelDay, 2},
    {"هفته گذشته", Kind::kRelWeek, -1},
    {"هفته پیش", Kind::kRelWeek, -1},
    {"هفته آینده", Kind::kRelWeek, 1},
    {"ماه گذشته", Kind::kRelMonth, -1},
    {"ماه پیش", Kind::kRelMonth, -1},
    {"ماه آینده", Kind::kRelMonth, 1},
    {"ماه جاری", Kind::kRelMonth, 0},
    {"این ماه", Kind::kRelMonth, 0},
    {"سال گذشته", Kind::kRelYear, -1},
    {"سال پیش", Kind::kRelYear, -1},
    {"پارسال", Kind::kRelYear, -1},
    {"سال آینده", Kind::kRelYear, 1},
    {"سال جاری", Kind::kRelYear, 0},
    {"امسال", Kind::kRelYear, 0},
    {"گذشته", Kind::kQualifier, -1},
    {"آینده", Kind::kQualifier, 1},
    {"جاری", Kind::kQualifier, 0},
    {"امسال", Kind::kQualifier, 0},
    {"صبح", Kind::kTimeOfDay, 0},
    {"ظهر", Kind::kTimeOfDay, 0},
    {"عصر", Kind::kTimeOfDay, 0},
    {"بامداد", Kind::kTimeOfDay, 0},
    {"شب", Kind::kTimeOfDay, 0},
    {"غروب", Kind::kTimeOfDay, 0},
    {"روز", Kind::kTimeOfDay, 0},
    {"سال", Kind::kYearWord, 1},
    {"ماه", Kind::kMonthWord, 0},
    {"مورخ", Kind::kLink, 0},
    {"میلادی", Kind::kMarker, 0, kGreg},
};

// Persian words for small counts: "سه ماه گذشته" is "the past three months", not last month.
constexpr std::string_view kCountWords[] = {
    "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "چند", "چندین",
};

// After "اليوم", words that make it "the day" rather than "today": "اليوم التالي", "اليوم الوطني".
constexpr std::string_view kDayNounNext[] = {
    "الأول",   "الثاني",    "الثالث",  "الرابع",  "الخامس",  "السادس", "السابع",  "الثامن",
    "التاسع",  "العاشر",    "الأخير",  "الآخر",   "التالي",  "السابق", "الذي",    "التي",
    "الواحد",  "الوطني",    "العالمي", "الدولي",  "الدراسي", "المحدد", "الثقافي", "العائلي",
    "المفتوح", "الافتتاحي", "الختامي", "الموعود", "المشهود", "الـ",
};

// Before "اليوم": the Saudi daily of that name.
constexpr std::string_view kDayNounPrev[] = {"صحيفة", "جريدة"};

// Before a bare "الجمعة"/"جمعه": Friday prayer and its preachers ("امام جمعه"), not a date.
constexpr std::string_view kPrayerPrev[] = {"إمام", "أئمة", "خطيب", "امامت", "نماز"};
// Prepositions before a bare year ("في 2013", "منذ 2011", "در 2008", "از 2014", "تا 2020").
constexpr std::string_view kYearPreps[] = {"في", "منذ", "حتى", "خلال", "در", "از", "تا", "طی"};

struct Phrase {
  std::vector<std::string> keys;  // one key per token
  Kind kind;
  int8_t value;
  CalendarKind calendar;
  uint8_t flags;
  Lang lang;  // kUnknown: either language
};

// The Arabic proclitic chains an expression's first word may carry: و/ف (and), then ب/ل (at,
// for); لل stands for ل + ال ("للعام" → "العام").
constexpr std::string_view kWa = "\xD9\x88";           // و
constexpr std::string_view kFa = "\xD9\x81";           // ف
constexpr std::string_view kBa = "\xD8\xA8";           // ب
constexpr std::string_view kLam = "\xD9\x84";          // ل
constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";   // ال
constexpr std::string_view kLiL = "\xD9\x84\xD9\x84";  // لل
constexpr size_t kLetterBytes = 2;                     // an Arabic letter in UTF-8
constexpr size_t kMinStemBytes = 2 * kLetterBytes;     // stems have two letters or more

// Calls `fn` with each stem of `key` that an Arabic proclitic chain could hide, until `fn`
// returns true; returns whether it did.
template <typename Fn>
bool ForEachProcliticStem(std::string_view key, Fn fn) {
  std::string_view rest = key;
  if (rest.starts_with(kWa) || rest.starts_with(kFa)) {
    rest.remove_prefix(kLetterBytes);
    if (rest.size() >= kMinStemBytes && fn(rest)) return true;
  }
  if (rest.starts_with(kLiL) && rest.size() >= kLiL.size() + kMinStemBytes) {
    std::string restored(kAl);  // the article's alef is not written after ل
    restored.append(rest.substr(kLiL.size()));
    if (fn(std::string_view(restored))) return true;
  }
  if (rest.starts_with(kBa) || rest.starts_with(kLam)) {
    std::string_view stem = rest.substr(kLetterBytes);
    if (stem.size() >= kMinStemBytes && fn(stem)) return true;
  }
  return false;
}

class WordSet {
 public:
  template <size_t N>
  explicit WordSet(const std::string_view (&words)[N]) {
    for (std::string_view w : words) keys_.push_back(Key(w));
  }
  bool Has(std::string_view key) const {
    return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
  }

 private:
  std::vector<std::string> keys_;
};

class Vocabulary {
 public:
  Vocabulary()
      : count_words_(kCountWords),
        day_noun_next_(kDayNounNext),
        day_noun_prev_(kDayNounPrev),
        prayer_prev_(kPrayerPrev),
        year_preps_(kYearPreps) {
    for (const Entry& e : kSharedEntries) AddEntry(e, Lang::kUnknown);
    for (const Entry& e : kArabicEntries) AddEntry(e, Lang::kArabic);
    for (const Entry& e : kPersianEntries) AddEntry(e, Lang::kPersian);
    for (uint32_t id = 0; id < by_first_.size(); ++id) {
      const std::string first(first_keys_.Get(id));
      std::vector<Phrase>& phrases = by_first_[id];
      // Longest first, so that "سه شنبه" wins over "سه" and "أمس الأول" over "أمس".
      std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
        return a.keys.size() > b.keys.size();
      });
      AddCues(first);
    }
  }

  // The phrases whose first token has key `key`, longest first; null if none.
  const std::vector<Phrase>* StartingWith(std::string_view key) const {
    uint32_t id = first_keys_.Find(key);
    return id == KeyTable::kNone ? nullptr : &by_first_[id];
  }

  // Whether a token with key `key` may start a phrase, perhaps behind Arabic proclitics. One
  // look-up: this runs on every token of every sentence.
  bool IsCue(std::string_view key) const { return cues_.Has(key); }

  const WordSet& count_words() const { return count_words_; }
  const WordSet& day_noun_next() const { return day_noun_next_; }
  const WordSet& day_noun_prev() const { return day_noun_prev_; }
  const WordSet& prayer_prev() const { return prayer_prev_; }
  const WordSet& year_preps() const { return year_preps_; }

 private:
  static std::vector<std::string> SplitKey(std::string_view key) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= key.size()) {
      size_t space = key.find(' ', start);
      if (space == std::string_view::npos) space = key.size();
      if (space > start) out.emplace_back(key.substr(start, space - start));
      start = space + 1;
    }
    return out;
  }

  void AddEntry(const Entry& e, Lang lang) {
    std::vector<std::string> keys = SplitKey(Key(e.text));
    if (e.kind == Kind::kMonth && e.calendar == kSolar) {
      Add({keys[0] + Key("ماه")}, e, lang);  // "مهرماه"
    }
    if (keys.size() > 1) {
      std::string solid;
      for (const std::string& k : keys) solid += k;
      Add({solid}, e, lang);
    }
    Add(std::move(keys), e, lang);
  }

  void Add(std::vector<std::string> keys, const Entry& e, Lang lang) {
    uint32_t id = first_keys_.Intern(keys[0]);
    if (id >= by_first_.size()) by_first_.resize(id + 1);
    std::vector<Phrase>& list = by_first_[id];
    for (Phrase& p : list) {
      if (p.keys == keys && p.kind == e.kind) {  // "عصر" is Arabic and Persian alike
        if (p.lang != lang) p.lang = Lang::kUnknown;
        return;
      }
    }
    list.push_back({std::move(keys), e.kind, e.value, e.calendar, e.flags, lang});
  }

  // `first` and its spellings behind each proclitic chain that ForEachProcliticStem removes.
  void AddCues(const std::string& first) {
    for (std::string_view conj : {std::string_view(), kWa, kFa}) {
      for (std::string_view prep : {std::string_view(), kBa, kLam}) {
        cues_.Add(std::string(conj).append(prep).append(first));
      }
      if (std::string_view(first).starts_with(kAl)) {  // "للعام", "وللعام"
        cues_.Add(std::string(conj).append(kLiL).append(first.substr(kAl.size())));
      }
    }
  }

  KeyTable first_keys_;                        // first keys of the phrases, interned
  std::vector<std::vector<Phrase>> by_first_;  // by first_keys_ id
  KeySet cues_;                                // most tokens are not cues
  WordSet count_words_;
  WordSet day_noun_next_;
  WordSet day_noun_prev_;
  WordSet prayer_prev_;
  WordSet year_preps_;
};

const Vocabulary& Vocab() {
  static const Vocabulary vocabulary;
  return vocabulary;
}

// ---------------------------------------------------------------------------------------------
// Token helpers.

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Number {
  int value = 0;
  int digits = 0;
  std::string_view suffix;  // era letter glued to a year: "2008م", "1436هـ"
  bool article = false;     // "الـ22": a day written with the article
};

// ---------------------------------------------------------------------------------------------
// The parser: finds expressions left to right in one token range.

struct Parsed {
  uint32_t end = 0;
  std::optional<Date> date;  // empty: matched, but invalid or unresolvable; skipped whole
  bool relative = false;
  int bare_weekday = 0;  // 1-7 when the date comes from a weekday alone ("الأحد")
};

struct PhraseMatch {
  const Phrase* phrase;
  uint32_t end;
};

// Dates given without a year are put in the year that places them at most this long after the
// article date: news reports the past, and announces little more than two months ahead.
constexpr int kMaxDaysAhead = 62;

constexpr std::string_view kSlash = "/";
constexpr std::string_view kDash = "-";
constexpr std::string_view kComma = ",";
constexpr std::string_view kMin = "\xD9\x85\xD9\x86";  // من: "22 من فبراير", "فبراير من عام 2023"
constexpr std::string_view kMah = "\xD9\x85\xD8\xA7\xD9\x87";  // ماه: "مهر ماه"

class DateParser {
 public:
  DateParser(const TokenizedText& text, uint32_t first, uint32_t end, Lang lang,
             const Date& article)
      : text_(text), first_(first), end_(end), lang_(lang), article_(article) {}

  std::vector<DateMention> Run() {
    std::vector<DateMention> out;
    for (uint32_t i = first_; i < end_;) {
      std::optional<Parsed> p = CouldStart(i) ? ParseAt(i) : std::nullopt;
      if (!p) {
        ++i;
        continue;
      }
      if (p->date) {
        if (p->bare_weekday && !out.empty() && CoordinatedWith(out.back(), i)) {
          p->date = NextWeekday(out.back().date, p->bare_weekday);
        }
        out.push_back({i, p->end, *p->date, p->relative});
      }
      i = std::max(p->end, i + 1);
    }
    return out;
  }

  // Whether token `i` is a number or a vocabulary word (perhaps behind proclitics).
  bool CouldStart(uint32_t i) const {
    std::string_view key = KeyAt(i);
    if (key.empty()) return false;
    if (IsDigit(key[0]) || (key.starts_with(kAl) && key.size() > 4 && IsDigit(key[4])) ||
        (key.starts_with(kWa) && key.size() > 2 && IsDigit(key[2]))) {
      return true;
    }
    return Vocab().IsCue(key);
  }

 private:
  // --- Tokens.

  std::string_view KeyAt(uint32_t i) const {
    return i < end_ ? text_.key(text_.tokens()[i]) : std::string_view();
  }
  bool GluedAt(uint32_t i) const {
    return i < end_ && (text_.tokens()[i].flags & kTokenGlued) != 0;
  }
  bool AllowProclitics() const { return lang_ != Lang::kPersian; }
  // Arabic words are not looked for in Persian text, nor Persian ones in Arabic ("جمعة", a
  // name in Arabic, folds like Persian "جمعه", Friday).
  bool InLanguage(const Phrase& p) const {
    return p.lang == Lang::kUnknown || p.lang == lang_ ||
           (lang_ != Lang::kArabic && lang_ != Lang::kPersian);
  }

  // The number at token `i`: plain digits ("22", "۱۳۸۷"), a day with the article ("الـ22"), a
  // year with a glued era letter ("2008م"), or any of these after a glued "و" ("و6"). With
  // `conj_ok` false, a number after "و" is refused.
  std::optional<Number> NumberAt(uint32_t i, bool conj_ok = false) const {
    std::string_view key = KeyAt(i);
    Number n;
    if (key.starts_with(kWa)) {
      if (!conj_ok) return std::nullopt;
      key.remove_prefix(kWa.size());
    }
    if (key.starts_with(kAl)) {
      key.remove_prefix(kAl.size());
      n.article = true;
    }
    size_t d = 0;
    while (d < key.size() && IsDigit(key[d])) {
      n.value = n.value * 10 + (key[d] - '0');
      if (++d > 4) return std::nullopt;
    }
    if (d == 0) return std::nullopt;
    n.digits = static_cast<int>(d);
    n.suffix = key.substr(d);
    if (!n.suffix.empty() && (n.article || (n.suffix != "\xD9\x85" && n.suffix != "\xD9\x87" &&
                                            n.suffix != "\xD8\xB4"))) {  // م ه ش
      return std::nullopt;
    }
    return n;
  }

  // A day number: one or two plain digits. Not checked against 1-31 here, so that "32 مارس"
  // is an impossible date (no mention) rather than a day-less "مارس 2023".
  std::optional<int> DayAt(uint32_t i, bool conj_ok = false) const {
    std::optional<Number> n = NumberAt(i, conj_ok);
    if (!n || n->digits > 2 || !n->suffix.empty()) return std::nullopt;
    return n->value;
  }

  // The longest vocabulary phrase at token `i` whose kind is in `kinds`. With `clitics`, the
  // first token may carry Arabic proclitics ("والأحد", "بالأمس").
  std::optional<PhraseMatch> PhraseAt(uint32_t i, uint32_t kinds, bool clitics = false) const {
    std::string_view key = KeyAt(i);
    if (key.empty()) return std::nullopt;
    if (auto m = MatchFrom(i, key, kinds)) return m;
    if (!clitics || !AllowProclitics()) return std::nullopt;
    std::optional<PhraseMatch> found;
    ForEachProcliticStem(key, [&](std::string_view stem) {
      found = MatchFrom(i, stem, kinds);
      return found.has_value();
    });
    return found;
  }

  std::optional<PhraseMatch> MatchFrom(uint32_t i, std::string_view first_key,
                                       uint32_t kinds) const {
    const std::vector<Phrase>* phrases = Vocab().StartingWith(first_key);
    if (!phrases) return std::nullopt;
    for (const Phrase& p : *phrases) {
      if (!(kinds & Bit(p.kind)) || i + p.keys.size() > end_ || !InLanguage(p)) continue;
      bool match = true;
      for (size_t k = 1; k < p.keys.size() && match; ++k) match = KeyAt(i + k) == p.keys[k];
      if (match) return PhraseMatch{&p, static_cast<uint32_t>(i + p.keys.size())};
    }
    return std::nullopt;
  }

  // --- Expressions.

  // The expression starting at token `i`, if any.
  std::optional<Parsed> ParseAt(uint32_t i) const {
    if (auto period =
            PhraseAt(i, Bit(Kind::kRelWeek) | Bit(Kind::kRelMonth) | Bit(Kind::kRelYear), true)) {
      return ResolvePeriod(i, *period);
    }
    const Head head = ParseHead(i);
    const bool has_head = head.relday || head.weekday;
    // An explicit date, after the head or on its own, wins over the head.
    uint32_t p = head.next;
    if (has_head && KeyAt(p) == kComma) ++p;
    if (auto link = PhraseAt(p, Bit(Kind::kLink), p == i)) p = link->end;
    if (std::optional<Parsed> date = ParseExplicit(p, p == i)) return date;
    if (!has_head || OtherSense(head, i)) return std::nullopt;
    Parsed out{head.end, ResolveHead(head), true};
    if (head.weekday && !head.relday && head.direction == 0) out.bare_weekday = head.weekday->value;
    return out;
  }

  // The words that may stand before an explicit date, or make a date on their own: times of day,
  // a relative day, a weekday and its qualifier ("مساء أمس الأربعاء", "الأحد الماضي").
  struct Head {
    uint32_t end;   // after the last relative day, weekday or qualifier
    uint32_t next;  // after the last head word of any kind
    const Phrase* relday = nullptr;
    const Phrase* weekday = nullptr;
    int direction = 0;  // the weekday's qualifier: -1 "الماضي", +1 "المقبل"
  };

  Head ParseHead(uint32_t i) const {
    Head h{i, i};
    const uint32_t kinds = Bit(Kind::kTimeOfDay) | Bit(Kind::kRelDay) | Bit(Kind::kWeekday);
    while (auto m = PhraseAt(h.next, kinds, h.next == i)) {
      const Phrase* ph = m->phrase;
      if (ph->kind == Kind::kRelDay) {
        if (h.relday || h.weekday) break;
        h.relday = ph;
      } else if (ph->kind == Kind::kWeekday) {
        if (h.weekday) break;
        h.weekday = ph;
      }
      h.next = m->end;
      if (ph->kind != Kind::kTimeOfDay) h.end = h.next;
    }
    if (h.weekday && h.end == h.next) {
      if (auto q = PhraseAt(h.next, Bit(Kind::kQualifier)); q && q->phrase->value != 0) {
        h.direction = q->phrase->value;
        h.end = h.next = q->end;
      }
    }
    return h;
  }

  // Whether a head without a date uses its word in another sense: "اليوم التالي" (the next day),
  // "صحيفة اليوم" (a newspaper), "امام جمعه" (a Friday-prayer leader).
  bool OtherSense(const Head& h, uint32_t i) const {
    const Vocabulary& v = Vocab();
    const std::string_view prev = i > first_ ? KeyAt(i - 1) : std::string_view();
    // The word before may carry proclitics: "لصحيفة اليوم".
    auto prev_in = [&](const WordSet& words) {
      return words.Has(prev) ||
             ForEachProcliticStem(prev, [&](std::string_view stem) { return words.Has(stem); });
    };
    if (h.relday && !h.weekday && (h.relday->flags & kDayNoun)) {
      return v.day_noun_next().Has(KeyAt(h.end)) || prev_in(v.day_noun_prev());
    }
    if (h.weekday && !h.relday && h.direction == 0 && (h.weekday->flags & kPrayerDay)) {
      return prev_in(v.prayer_prev());
    }
    return false;
  }

  std::optional<Parsed> ParseExplicit(uint32_t i, bool clitics) const {
    if (auto numeric = ParseNumeric(i)) return numeric;
    if (auto named = ParseNamedMonth(i, clitics)) return named;
    return ParseYearAlone(i, clitics);
  }

  // --- Relative expressions.

  // Whether the expression at `i` is joined to mention `prev` by "و", "أو" or a comma only:
  // "الأحد والاثنين", "السبت، والأحد".
  bool CoordinatedWith(const DateMention& prev, uint32_t i) const {
    if (prev.date.precision != DatePrecision::kDay || prev.end_token > i ||
        i - prev.end_token > 2) {
      return false;
    }
    for (uint32_t k = prev.end_token; k < i; ++k) {
      std::string_view key = KeyAt(k);
      if (key != kComma && key != kWa && key != "\xD8\xA7\xD9\x88" /*او*/) return false;
    }
    return true;
  }

  // A weekday listed after a day-precision date is the first such day after it: "the visit
  // lasts two days, Sunday and Monday".
  static Date NextWeekday(const Date& after, int weekday) {
    int offset = (weekday - DayOfWeek(after) + 7) % 7;
    return AddDays(after, offset == 0 ? 7 : offset);
  }

  bool ArticleHas(DatePrecision p) const { return article_.precision >= p; }

  // "الأسبوع الماضي", "الشهر الماضي", "العام الماضي" and their Persian equivalents.
  std::optional<Parsed> ResolvePeriod(uint32_t i, const PhraseMatch& m) const {
    Parsed out{m.end, std::nullopt, true};
    // "سه ماه گذشته", "3 أشهر": a duration, not a date.
    if (i > first_ && (text_.tokens()[i - 1].kind == TokenKind::kNumber ||
                       Vocab().count_words().Has(KeyAt(i - 1)))) {
      return out;
    }
    // "قبل أسبوع من اغتياله": a week before an event the sentence names, not before the article.
    static const std::string kMin = Key("من"), kQabl = Key("قبل"), kMundhu = Key("منذ");
    if (m.phrase->keys.size() >= 2 && KeyAt(m.end) == kMin &&
        (m.phrase->keys[0] == kQabl || m.phrase->keys[0] == kMundhu)) {
      return out;
    }
    const int n = m.phrase->value;
    switch (m.phrase->kind) {
      case Kind::kRelWeek:
        if (ArticleHas(DatePrecision::kDay)) out.date = AddDays(article_, 7 * n);
        break;
      case Kind::kRelMonth:
        if (ArticleHas(DatePrecision::kMonth))
          out.date = AddMonths(article_.year, article_.month, n);
        break;
      default:
        if (ArticleHas(DatePrecision::kYear)) out.date = YearDate(article_.year + n);
        break;
    }
    return out;
  }

  // A relative day ("أمس") or weekday ("الأحد", "الأحد الماضي"); the relative day wins when both
  // are given ("أمس الأربعاء").
  std::optional<Date> ResolveHead(const Head& h) const {
    const int today = DayOfWeek(article_);  // 0 unless a valid day
    if (today == 0) return std::nullopt;
    if (h.relday) return AddDays(article_, h.relday->value);
    const int target = h.weekday->value;
    int offset;
    if (h.direction > 0) {
      offset = (target - today + 7) % 7;  // the next such day, strictly after the article date
      if (offset == 0) offset = 7;
    } else {
      offset = -((today - target + 7) % 7);  // on or before the article date
      if (h.direction < 0 && offset == 0) offset = -7;
    }
    return AddDays(article_, offset);
  }

  // The reference day for dates without a year: the article's day, or the middle of its month.
  std::optional<Date> ReferenceDay() const {
    if (!ArticleHas(DatePrecision::kMonth)) return std::nullopt;
    Date d = article_;
    if (d.precision == DatePrecision::kMonth) d.day = 15;
    d.precision = DatePrecision::kDay;
    return d;
  }

  // A day-month (day 0: a month) of `kind` given without a year: placed in the latest year of
  // that calendar that keeps it no more than kMaxDaysAhead after the article date.
  std::optional<Date> InferYear(CalendarKind kind, int month, int day) const {
    std::optional<Date> ref = ReferenceDay();
    if (!ref) {
      // A year-precision article date still dates a Gregorian day-month.
      if (kind != CalendarKind::kGregorian || !ArticleHas(DatePrecision::kYear)) {
        return std::nullopt;
      }
      if (day == 0) return MonthDate(article_.year, month);
      return ToGregorian(kind, article_.year, month, day);
    }
    std::optional<int> base = YearIn(kind, *ref);
    if (!base) return std::nullopt;
    const Date limit = AddDays(*ref, kMaxDaysAhead);
    for (int year = *base + 1; year >= *base - 1; --year) {
      std::optional<Date> g = ToGregorian(kind, year, month, day == 0 ? 1 : day);
      if (!g || IsAfter(*g, limit)) continue;
      if (day == 0) return MonthDate(g->year, g->month);
      return g;
    }
    return std::nullopt;
  }

  // --- Numeric dates: 22/2/2023, 2023-02-22, 22.2.2023, ۱۳۸۷/۷/۵.

  std::optional<Parsed> ParseNumeric(uint32_t i) const {
    int parts[3];
    int digits[3];
    std::string_view suffix;
    uint32_t end;
    if (!SplitDotted(KeyAt(i), parts, digits)) {
      std::optional<Number> a = NumberAt(i, /*conj_ok=*/true);
      std::string_view sep = KeyAt(i + 1);
      if (!a || !a->suffix.empty() || a->article || (sep != kSlash && sep != kDash) ||
          !GluedAt(i + 1) || !GluedAt(i + 2) || KeyAt(i + 3) != sep || !GluedAt(i + 3) ||
          !GluedAt(i + 4)) {
        return std::nullopt;
      }
      std::optional<Number> b = NumberAt(i + 2);
      std::optional<Number> c = NumberAt(i + 4);
      if (!b || !c || !b->suffix.empty() || b->article || c->article) return std::nullopt;
      parts[0] = a->value, parts[1] = b->value, parts[2] = c->value;
      digits[0] = a->digits, digits[1] = b->digits, digits[2] = c->digits;
      suffix = c->suffix;
      end = i + 5;
    } else {
      end = i + 1;
    }
    int year, month, day;
    if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2 && suffix.empty()) {
      year = parts[0], month = parts[1], day = parts[2];
    } else if (digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2) {
      day = parts[0], month = parts[1], year = parts[2];
    } else {
      return std::nullopt;
    }
    std::optional<CalendarKind> marker;
    end = ParseMarker(end, suffix, &marker);
    std::optional<CalendarKind> kind = NumericCalendar(year, marker);
    if (!kind) return std::nullopt;
    if (marker && *marker != *kind) return std::nullopt;
    return Parsed{end, ToGregorian(*kind, year, month, day), false};
  }

  // "22.2.2023" is one token: the tokenizer keeps dots between digits inside a number.
  static bool SplitDotted(std::string_view key, int parts[3], int digits[3]) {
    int n = 0;
    size_t start = 0;
    while (n < 3) {
      size_t dot = key.find('.', start);
      size_t stop = dot == std::string_view::npos ? key.size() : dot;
      if (stop == start || stop - start > 4) return false;
      parts[n] = 0;
      for (size_t k = start; k < stop; ++k) {
        if (!IsDigit(key[k])) return false;
        parts[n] = parts[n] * 10 + (key[k] - '0');
      }
      digits[n] = static_cast<int>(stop - start);
      ++n;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    return n == 3 && key.find('.', start) == std::string_view::npos;
  }

  // The calendar of a numeric date with year `year`. 19xx/20xx is Gregorian; 13xx/14xx is
  // Solar Hijri in Persian and Hijri in Arabic, unless an era marker says otherwise.
  std::optional<CalendarKind> NumericCalendar(int year, std::optional<CalendarKind> marker) const {
    if (marker) return InYearRange(*marker, year) ? marker : std::nullopt;
    if (InYearRange(kGreg, year)) return kGreg;
    if (lang_ == Lang::kArabic) {
      return InYearRange(kHijri, year) ? std::optional(kHijri) : std::nullopt;
    }
    return InYearRange(kSolar, year) ? std::optional(kSolar) : std::nullopt;
  }

  // Year ranges accepted next to a month name or in a numeric date. A Gregorian month name
  // makes a wider range plausible than a bare number does.
  static bool InYearRange(CalendarKind kind, int year, bool named_month = false) {
    switch (kind) {
      case CalendarKind::kGregorian:
        return named_month ? year >= 1000 && year <= 2999 : year >= 1900 && year <= 2099;
      case CalendarKind::kPersian:
        return year >= 1300 && year <= 1499;
      case CalendarKind::kHijri:
        return year >= 1400 && year <= 1499;
    }
    return false;
  }

  // An era marker at token `i` (or the era letter glued to the year, `suffix`): returns the end
  // of the marker and sets `marker`; returns `i` when there is none.
  uint32_t ParseMarker(uint32_t i, std::string_view suffix,
                       std::optional<CalendarKind>* marker) const {
    if (suffix == "\xD9\x85") {  // م
      *marker = kGreg;
      return i;
    }
    if (suffix == "\xD8\xB4") {  // ش
      *marker = kSolar;
      return i;
    }
    if (suffix == "\xD9\x87") {  // هـ, perhaps followed by ".ش" or ".ق"
      *marker = kHijri;
      if (KeyAt(i) == "." && GluedAt(i) && GluedAt(i + 1)) {
        std::string_view letter = KeyAt(i + 1);
        if (letter == "\xD8\xB4") *marker = kSolar;
        if (letter == "\xD8\xB4" || letter == "\xD9\x82") return i + 2;  // ش ق
      }
      return i;
    }
    if (auto m = PhraseAt(i, Bit(Kind::kMarker))) {
      *marker = m->phrase->calendar;
      return m->end;
    }
    return i;
  }

  // --- Named months: "22 فبراير/شباط 2023", "كانون الثاني 2024", "۵ مهر ۱۳۸۷", "15 رمضان 1436",
  // "ديسمبر الماضي", "شهر مارس", "فبراير من العام الماضي".

  struct YearPart {
    uint32_t end;
    int year;
    bool relative;
  };

  std::optional<Parsed> ParseNamedMonth(uint32_t i, bool clitics) const {
    uint32_t p = i;
    int day = 0;  // 0: no day given
    bool month_word = false;
    if (std::optional<int> d = DayAt(p, /*conj_ok=*/true)) {
      day = *d == 0 ? -1 : *d;  // "0 مارس" is impossible too: -1 fails every conversion
      ++p;
      p = SkipSecondDay(p, &day);
      if (KeyAt(p) == kMin) ++p;
    } else if (auto w = PhraseAt(p, Bit(Kind::kMonthWord), clitics)) {
      month_word = true;
      p = w->end;
    }
    std::optional<PhraseMatch> month = PhraseAt(p, Bit(Kind::kMonth), clitics && p == i);
    if (!month) return std::nullopt;
    const Phrase& m = *month->phrase;
    p = SkipAlternateName(month->end, m);
    if (m.calendar == kSolar && KeyAt(p) == kMah) ++p;  // "مهر ماه"

    std::optional<YearPart> year = ParseYearAfterMonth(p, m.calendar);
    if (year) p = year->end;
    if (day == 0 && !year) return MonthWithoutYear(p, m, month_word);

    Parsed out{p, std::nullopt, year && year->relative};
    if (day != 0 && year) {
      out.date = ToGregorian(m.calendar, year->year, m.value, day);
    } else if (day != 0) {
      out.date = InferYear(m.calendar, m.value, day);
    } else {
      out.date = GregorianMonthOf(m.calendar, year->year, m.value);
    }
    return out;
  }

  // Past the second day of a range or pair, "22-24 أكتوبر", "5 و6 مارس": the date is the first
  // day. A second day that does not come later makes the date impossible.
  uint32_t SkipSecondDay(uint32_t p, int* day) const {
    uint32_t second = p;
    if (KeyAt(p) == kDash || KeyAt(p) == kWa) {
      second = p + 1;
    } else if (!KeyAt(p).starts_with(kWa)) {
      return p;  // only "و6" is left: one token
    }
    std::optional<int> last = DayAt(second, /*conj_ok=*/second == p);
    if (!last || !PhraseAt(second + 1, Bit(Kind::kMonth))) return p;
    if (*last <= *day || *last > 31) *day = -1;
    return second + 1;
  }

  // Past "/شباط" or "(شباط)" after "فبراير": the same month in another naming.
  uint32_t SkipAlternateName(uint32_t p, const Phrase& month) const {
    std::string_view k = KeyAt(p);
    if (k != kSlash && k != "(") return p;
    auto other = PhraseAt(p + 1, Bit(Kind::kMonth));
    if (!other || other->phrase->value != month.value ||
        other->phrase->calendar != month.calendar) {
      return p;
    }
    if (k == kSlash) return other->end;
    return KeyAt(other->end) == ")" ? other->end + 1 : p;
  }

  // The year after a month name: "2023", "، 2023", "من عام 2023", "2023 م", or for a Gregorian
  // month a relative year ("من العام الماضي", "سال گذشته").
  std::optional<YearPart> ParseYearAfterMonth(uint32_t p, CalendarKind kind) const {
    if (KeyAt(p) == kComma) ++p;
    if (KeyAt(p) == kMin) ++p;
    if (kind == kGreg) {
      if (auto rel = PhraseAt(p, Bit(Kind::kRelYear))) {
        if (!ArticleHas(DatePrecision::kYear)) return std::nullopt;
        return YearPart{rel->end, article_.year + rel->phrase->value, true};
      }
    }
    if (auto w = PhraseAt(p, Bit(Kind::kYearWord))) p = w->end;
    std::optional<Number> n = NumberAt(p);
    if (!n || n->digits != 4 || n->article || !InYearRange(kind, n->value, true)) {
      return std::nullopt;
    }
    std::optional<CalendarKind> marker;
    uint32_t end = ParseMarker(p + 1, n->suffix, &marker);
    if (marker && *marker != kind) {
      if (!n->suffix.empty()) return std::nullopt;  // "2023هـ" after a Gregorian month
      end = p + 1;                                  // a marker that is not this one's: leave it
    }
    return YearPart{end, n->value, false};
  }

  // A Gregorian month with neither day nor year: "ديسمبر الماضي" (the last December before the
  // article's month), "مارس المقبل", "مارس الجاري", or "شهر مارس" (year inferred).
  std::optional<Parsed> MonthWithoutYear(uint32_t p, const Phrase& m, bool month_word) const {
    if (m.calendar != kGreg || (m.flags & kNeedsNumber)) return std::nullopt;
    if (auto q = PhraseAt(p, Bit(Kind::kQualifier))) {
      Parsed out{q->end, std::nullopt, true};
      if (!ArticleHas(DatePrecision::kMonth)) return out;
      int year = article_.year;
      const int dir = q->phrase->value;
      if (dir < 0 && m.value >= article_.month) --year;
      if (dir > 0 && m.value <= article_.month) ++year;
      out.date = MonthDate(year, m.value);
      return out;
    }
    if (!month_word) return std::nullopt;
    return Parsed{p, InferYear(kGreg, m.value, 0), false};
  }

  // --- A year alone: "عام 2008", "سال ۲۰۰۲", "2008م", "سال ۱۳۸۷", "عام 1436 هـ".

  std::optional<Parsed> ParseYearAlone(uint32_t i, bool clitics) const {
    uint32_t p = i;
    auto word = PhraseAt(p, Bit(Kind::kYearWord), clitics);
    if (word) p = word->end;
    std::optional<Number> n = NumberAt(p, /*conj_ok=*/!word);
    if (!n || n->digits != 4 || n->article) return std::nullopt;
    std::optional<CalendarKind> marker;
    const uint32_t end = ParseMarker(p + 1, n->suffix, &marker);
    // A bare year after "in / since / until" ("في 2013", "منذ 2011", "در 2008"): a Gregorian year
    // from 1950 to the article's own (known) year; other numbers there are counts ("في 2500
    // موقع").
    if (!word && !marker && i > first_ && Vocab().year_preps().Has(KeyAt(i - 1)) &&
        n->value >= 1950 && !article_.empty() && n->value <= article_.year) {
      return Parsed{end, YearDate(n->value), false};
    }
    if (!word && !marker) return std::nullopt;
    const bool persian_word = word && word->phrase->value == 1;
    CalendarKind kind;
    if (marker) {
      kind = *marker;
    } else if (InYearRange(kGreg, n->value)) {
      kind = kGreg;
    } else if (persian_word) {
      kind = kSolar;
    } else {
      return std::nullopt;  // "عام 1453": Hijri years alone need their marker
    }
    if (!InYearRange(kind, n->value)) return std::nullopt;
    if (kind == kGreg) return Parsed{end, YearDate(n->value), false};
    return Parsed{end, GregorianYearOf(kind, n->value), false};
  }

  const TokenizedText& text_;
  const uint32_t first_;
  const uint32_t end_;
  const Lang lang_;
  const Date article_;
};

// Whether any token of the range could start a date: most sentences have none, and are done here.
bool HasDateCue(const DateParser& parser, uint32_t first, uint32_t end) {
  for (uint32_t i = first; i < end; ++i) {
    if (parser.CouldStart(i)) return true;
  }
  return false;
}

}  // namespace

std::vector<DateMention> FindDates(const TokenizedText& text, uint32_t first, uint32_t end,
                                   Lang lang, const Date& article_date) {
  end = std::min<uint32_t>(end, static_cast<uint32_t>(text.tokens().size()));
  if (first >= end) return {};
  DateParser parser(text, first, end, lang, article_date);
  if (!HasDateCue(parser, first, end)) return {};
  return parser.Run();
}

StatusOr<Date> PersianToGregorian(int year, int month, int day) {
  if (!GetCalendar(IcuCalendarId::kPersian)) {
    return Status(StatusCode::kInternal, "ICU has no Persian calendar");
  }
  std::optional<Date> d = ToGregorian(CalendarKind::kPersian, year, month, day);
  if (!d) return InvalidArgument(DateText("Solar Hijri", year, month, day));
  return *d;
}

StatusOr<Date> HijriToGregorian(int year, int month, int day) {
  if (!GetCalendar(IdFor(CalendarKind::kHijri, year))) {
    return Status(StatusCode::kInternal, "ICU has no Islamic calendar");
  }
  std::optional<Date> d = ToGregorian(CalendarKind::kHijri, year, month, day);
  if (!d) return InvalidArgument(DateText("Hijri", year, month, day));
  return *d;
}

Date AddDays(const Date& date, int days) {
  if (date.precision != DatePrecision::kDay) return date;
  icu::Calendar* g = GetCalendar(IcuCalendarId::kGregorian);
  if (!g || !NoonOf(*g, date.year, date.month, date.day)) return date;
  UErrorCode status = U_ZERO_ERROR;
  g->add(UCAL_DATE, days, status);
  UDate t = g->getTime(status);
  if (U_FAILURE(status)) return date;
  return GregorianDayAt(t).value_or(date);
}

int DayOfWeek(const Date& date) {
  if (date.precision != DatePrecision::kDay) return 0;
  icu::Calendar* g = GetCalendar(IcuCalendarId::kGregorian);
  if (!g || !NoonOf(*g, date.year, date.month, date.day)) return 0;
  UErrorCode status = U_ZERO_ERROR;
  int dow = g->get(UCAL_DAY_OF_WEEK, status);
  return U_FAILURE(status) ? 0 : dow;
}

}  // namespace rasad
