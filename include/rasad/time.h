// Time: date expressions in Arabic and Persian sentences, resolved to Gregorian dates.
//
// Forms: both digit sets; day month year with Gregorian months in their Egyptian and Levantine
// names, alone or together ("22 فبراير/شباط 2023"), Persian Gregorian months (اکتبر), Solar Hijri
// months (۵ مهر ۱۳۸۷) and Hijri months (15 رمضان 1436), with or without "هـ"/"ه.ش"/"م"; numeric
// dates (22/2/2023, 2023-02-22, ۱۳۸۷/۷/۵); month + year; a year alone ("عام 2008", "سال ۲۰۰۲");
// weekday names with or without a date ("الأحد", "أمس الأربعاء 21 أغسطس"); relative words resolved
// against the article's date: أمس، اليوم، غدا، أول أمس، الليلة الماضية، الأسبوع الماضي، الشهر
// الماضي، العام الماضي، الأحد الماضي; دیروز، امروز، فردا، پریروز، هفته گذشته، ماه گذشته، سال گذشته،
// شنبه گذشته. A weekday alone means the most recent such day on or before the article date (news
// reports the past); with "المقبل"/"القادم"/"آینده" the next one. Calendar arithmetic and
// conversions use ICU calendars (gregorian, persian, islamic-umalqura / islamic-civil), never
// hand-written tables. All functions are pure and thread-safe.
#ifndef RASAD_TIME_H_
#define RASAD_TIME_H_

#include <cstdint>
#include <vector>

#include "rasad/article.h"
#include "rasad/status.h"
#include "rasad/text.h"

namespace rasad {

struct DateMention {
  uint32_t first_token = 0;  // the tokens of the expression, [first_token, end_token)
  uint32_t end_token = 0;
  Date date;              // Gregorian, with the precision the text gives (day, month or year)
  bool relative = false;  // resolved from a relative word or a bare weekday
};

// Date expressions in tokens [first, end) of `text`, left to right, not overlapping. Relative
// expressions need `article_date` with day precision (month precision is enough for "الشهر الماضي",
// year precision for "العام الماضي"); without it they are not returned.
std::vector<DateMention> FindDates(const TokenizedText& text, uint32_t first, uint32_t end,
                                   Lang lang, const Date& article_date);

// Solar Hijri (Persian) and Hijri (Islamic, Umm al-Qura with civil fallback) to Gregorian, by ICU.
StatusOr<Date> PersianToGregorian(int year, int month, int day);
StatusOr<Date> HijriToGregorian(int year, int month, int day);
// Adds `days` (may be negative) to a day-precision date, by ICU.
Date AddDays(const Date& date, int days);
// 1 = Sunday … 7 = Saturday (ICU's UCAL_DAY_OF_WEEK) of a day-precision date.
int DayOfWeek(const Date& date);

}  // namespace rasad

#endif  // RASAD_TIME_H_
