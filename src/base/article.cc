#include "rasad/article.h"

#include <cstdio>

#include "rasad/utf8.h"

namespace rasad {

const char* LangCode(Lang lang) {
  switch (lang) {
    case Lang::kArabic:
      return "ar";
    case Lang::kPersian:
      return "fa";
    case Lang::kOther:
      return "other";
    case Lang::kUnknown:
      return "";
  }
  return "";
}

Lang LangFromCode(std::string_view code) {
  if (code.empty()) return Lang::kUnknown;
  if (code == "ar" || code == "ara" || code == "arb") return Lang::kArabic;
  if (code == "fa" || code == "fas" || code == "per" || code == "pes") return Lang::kPersian;
  return Lang::kOther;
}

std::string Date::ToString() const {
  char buf[16];
  switch (precision) {
    case DatePrecision::kNone:
      return "";
    case DatePrecision::kYear:
      std::snprintf(buf, sizeof buf, "%04d", year);
      break;
    case DatePrecision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      break;
    case DatePrecision::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      break;
  }
  return buf;
}

namespace {

bool ReadDigits(std::string_view s, size_t pos, size_t count, int* out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

StatusOr<Date> ParseDate(std::string_view s) {
  Date d;
  auto bad = [&] {
    return InvalidArgument("bad date '" + std::string(s) + "' (want YYYY, YYYY-MM or YYYY-MM-DD)");
  };
  if (!ReadDigits(s, 0, 4, &d.year)) return bad();
  d.precision = DatePrecision::kYear;
  if (s.size() == 4) return d;
  if (s[4] != '-' || !ReadDigits(s, 5, 2, &d.month) || d.month < 1 || d.month > 12) return bad();
  d.precision = DatePrecision::kMonth;
  if (s.size() == 7) return d;
  if (s[7] != '-' || !ReadDigits(s, 8, 2, &d.day) || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month)) {
    return bad();
  }
  d.precision = DatePrecision::kDay;
  if (s.size() == 10 || s[10] == 'T' || s[10] == ' ') return d;
  return bad();
}

std::string ContentId(std::string_view title, std::string_view text) {
  std::string joined;
  joined.reserve(title.size() + text.size() + 1);
  joined.append(title).push_back('\n');
  joined.append(text);
  return "h" + Hex64(StableHash64(joined));
}

}  // namespace rasad
