#include <cstdio>

#include "rasad/event.h"
#include "rasad/utf8.h"

namespace rasad {

bool IsGroupCode(std::string_view actor_code) {
  return actor_code.starts_with("IGO") || actor_code.starts_with("IMG") ||
         actor_code.starts_with("NGO");
}

std::string ActorCountry(std::string_view actor_code) {
  return std::string(IsGroupCode(actor_code) ? actor_code : actor_code.substr(0, 3));
}

const char* PrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kYear:
      return "year";
    case DatePrecision::kNone:
      return "";
  }
  return "";
}

void AppendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t at = i;
      if (DecodeUtf8(s, i) < 0) {
        out.append("\xEF\xBF\xBD");
      } else {
        out.append(s, at, i - at);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out.append(buf);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

namespace {

void Field(const char* name, std::string_view value, std::string& out) {
  out.push_back('"');
  out.append(name);
  out.append("\":");
  AppendJsonString(value, out);
  out.push_back(',');
}

// Not an overload of Field: a const char* argument would silently choose the bool one.
void BoolField(const char* name, bool value, std::string& out) {
  out.push_back('"');
  out.append(name);
  out.append(value ? "\":true," : "\":false,");
}

void NumberField(const char* name, double value, std::string& out) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "\"%s\":%g,", name, value);
  out.append(buf);
}

// TSV cells may not hold tabs or newlines.
void Cell(std::string_view v, std::string& out) {
  for (char c : v) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
  out.push_back('\t');
}

}  // namespace

void AppendEventJson(const Event& e, std::string& out) {
  out.push_back('{');
  Field("event_id", e.event_id, out);
  Field("article_id", e.article_id, out);
  NumberField("sentence", e.sentence, out);
  Field("lang", LangCode(e.lang), out);
  Field("date", e.date.ToString(), out);
  Field("date_precision", PrecisionName(e.date.precision), out);
  Field("source", e.source, out);
  Field("source_country", e.source_country, out);
  Field("source_name", e.source_name, out);
  Field("source_label", e.source_label, out);
  Field("target", e.target, out);
  Field("target_country", e.target_country, out);
  Field("target_name", e.target_name, out);
  Field("target_label", e.target_label, out);
  Field("code", e.code, out);
  Field("root", e.root, out);
  NumberField("quad", e.quad, out);
  NumberField("goldstein", e.goldstein, out);
  Field("plover", e.plover, out);
  Field("label", e.label, out);
  Field("place", e.place, out);
  BoolField("negated", e.negated, out);
  BoolField("intent", e.intent, out);
  BoolField("reported", e.reported, out);
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"span\":[%u,%u],", e.span_begin, e.span_end);
  out.append(buf);
  out.append("\"text\":");
  AppendJsonString(e.text, out);
  out.push_back('}');
}

const char* EventTsvHeader() {
  return "event_id\tdate\tdate_precision\tsource\tsource_country\ttarget\ttarget_"
         "country\tcode\troot\t"
         "quad\tgoldstein\tplover\tplace\tlang\tnegated\tintent\treported\tarticle_id\tsentence\t"
         "span_begin\tspan_end\ttext";
}

void AppendEventTsv(const Event& e, std::string& out) {
  char num[64];
  Cell(e.event_id, out);
  Cell(e.date.ToString(), out);
  Cell(PrecisionName(e.date.precision), out);
  Cell(e.source, out);
  Cell(e.source_country, out);
  Cell(e.target, out);
  Cell(e.target_country, out);
  Cell(e.code, out);
  Cell(e.root, out);
  std::snprintf(num, sizeof num, "%d", e.quad);
  Cell(num, out);
  std::snprintf(num, sizeof num, "%g", e.goldstein);
  Cell(num, out);
  Cell(e.plover, out);
  Cell(e.place, out);
  Cell(LangCode(e.lang), out);
  Cell(e.negated ? "1" : "0", out);
  Cell(e.intent ? "1" : "0", out);
  Cell(e.reported ? "1" : "0", out);
  Cell(e.article_id, out);
  std::snprintf(num, sizeof num, "%u", e.sentence);
  Cell(num, out);
  std::snprintf(num, sizeof num, "%u", e.span_begin);
  Cell(num, out);
  std::snprintf(num, sizeof num, "%u", e.span_end);
  Cell(num, out);
  Cell(e.text, out);
  out.back() = '\n';
}

}  // namespace rasad
