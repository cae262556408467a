// An article as read from input, before any analysis. Plain data; safe to copy between threads.
#ifndef RASAD_ARTICLE_H_
#define RASAD_ARTICLE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "rasad/status.h"

namespace rasad {

enum class Lang : uint8_t { kUnknown = 0, kArabic, kPersian, kOther };

// "ar", "fa", "other", "" for kUnknown.
const char* LangCode(Lang lang);
// Accepts "ar", "fa" (also "per", "pes", "fas", "ara"); anything else is kOther, "" is kUnknown.
Lang LangFromCode(std::string_view code);

enum class DatePrecision : uint8_t { kNone = 0, kYear, kMonth, kDay };

// A calendar date with the precision it was given at. Gregorian, proleptic.
struct Date {
  int year = 0;
  int month = 0;  // 1-12, 0 when precision < kMonth
  int day = 0;    // 1-31, 0 when precision < kDay
  DatePrecision precision = DatePrecision::kNone;

  bool empty() const { return precision == DatePrecision::kNone; }
  // "2023", "2023-02", "2023-02-27", "" when empty.
  std::string ToString() const;
  bool operator==(const Date& o) const {
    return year == o.year && month == o.month && day == o.day && precision == o.precision;
  }
};

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" and ISO timestamps ("2024-08-18T10:00:00Z" keeps the day).
// Validates month and day ranges (including leap years).
StatusOr<Date> ParseDate(std::string_view s);

struct Article {
  std::string id;  // given by the input, or "h" + content hash when none was given
  std::string url;
  std::string source;  // outlet name, or the format it came from
  Date date;
  Lang lang_hint = Lang::kUnknown;  // the "lang" field of the input, if any; the detector decides
  std::string title;
  std::string text;    // exactly as given (after HTML extraction for HTML input); spans point here
  std::string origin;  // "file:line" or "file" or "<stdin>:line": where it came from, for messages
};

// The id used for articles that come without one: "h" + 16 hex digits of the text's stable hash.
std::string ContentId(std::string_view title, std::string_view text);

}  // namespace rasad

#endif  // RASAD_ARTICLE_H_
