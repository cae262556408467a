// A coded event: the row of the events table (DESIGN.md, "The event record"). Plain data.
#ifndef RASAD_EVENT_H_
#define RASAD_EVENT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "rasad/article.h"

namespace rasad {

struct Event {
  std::string event_id;  // stable: hash of article id, sentence, span and code
  std::string article_id;
  uint32_t sentence = 0;  // index of the sentence in the article
  Lang lang = Lang::kUnknown;
  Date date;  // date_precision is date.precision
  std::string source, source_country, source_name, source_label;
  std::string target, target_country, target_name, target_label;
  std::string code, root;  // CAMEO code and its two-digit root
  int quad = 0;  // 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
  double goldstein = 0;
  std::string plover, label;
  std::string place;
  bool negated = false, intent = false, reported = false;
  uint32_t span_begin = 0, span_end = 0;  // evidence, bytes into the article's text
  std::string text;                       // the sentence
};

// Whether an actor code names an international or non-state group (IGO…, IMG…, NGO…) rather than
// a state or its agent (data/README.md).
bool IsGroupCode(std::string_view actor_code);
// The country of an actor code: its first three letters, or the whole code for a group
// ("RUSGOV" → "RUS", "IGOEUREU" → "IGOEUREU"). What level-1 scoring and dyads compare.
std::string ActorCountry(std::string_view actor_code);

// "day", "month", "year" or "" for the date's precision.
const char* PrecisionName(DatePrecision p);

// One event as a JSON object on one line (no trailing newline), fields as in DESIGN.md.
void AppendEventJson(const Event& e, std::string& out);

// Column names of the tab-separated event table (GDELT/Phoenix-style), and one row.
const char* EventTsvHeader();
void AppendEventTsv(const Event& e, std::string& out);

// Appends `s` as a JSON string literal (quoted, escaped; invalid UTF-8 becomes U+FFFD).
void AppendJsonString(std::string_view s, std::string& out);

}  // namespace rasad

#endif  // RASAD_EVENT_H_
