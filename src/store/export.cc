// Event exports in the layouts other event-data tools read: GDELT 2.0, OEDA Phoenix, PLOVER JSON,
// plus CSV and JSON Lines of every stored field. Streamed: one event in memory at a time.
#include <cstdio>
#include <string>

#include "rasad/store.h"
#include "rasad/version.h"

namespace rasad {
namespace {

// GDELT 2.0 event table columns (the 61 of the GDELT 2.0 Event Database codebook).
constexpr const char* kGdeltColumns[] = {
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
};

// OEDA Phoenix daily event files (phoenix_pipeline), 26 columns.
constexpr const char* kPhoenixColumns[] = {
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "SourceActorRole",
    "SourceActorAttribute",
    "TargetActorFull",
    "TargetActorEntity",
    "TargetActorRole",
    "TargetActorAttribute",
    "EventCode",
    "EventRootCode",
    "PentaClass",
    "GoldsteinScore",
    "Issues",
    "Lat",
    "Lon",
    "LocationName",
    "StateName",
    "CountryCode",
    "SentenceID",
    "URLs",
    "NewsSources",
};

constexpr const char* kCsvColumns[] = {
    "id",          "event_id",     "date",       "date_precision", "source",      "source_country",
    "source_name", "source_label", "target",     "target_country", "target_name", "target_label",
    "code",        "root",         "quad",       "goldstein",      "plover",      "label",
    "place",       "lang",         "negated",    "intent",         "reported",    "mentions",
    "articles",    "sources",      "article_id", "sentence",       "span_begin",  "span_end",
    "url",         "outlet",       "added",      "text",
};

// A TSV cell: tabs and line breaks become spaces.
void Cell(std::string_view v, std::string& out) {
  for (char c : v) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
  out.push_back('\t');
}

void EndRow(std::string& out) {
  if (!out.empty() && out.back() == '\t') out.back() = '\n';
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The date written where a format wants a full day: dates known to the month or year are written
// as the first day of that month or year (these formats carry no precision).
struct FullDate {
  bool known = false;
  int year = 0, month = 0, day = 0;
};

FullDate Full(const Date& d) {
  FullDate f;
  if (d.empty()) return f;
  f.known = true;
  f.year = d.year;
  f.month = d.precision >= DatePrecision::kMonth ? d.month : 1;
  f.day = d.precision >= DatePrecision::kDay ? d.day : 1;
  return f;
}

// The parts of a CAMEO-style actor code.
struct ActorParts {
  std::string country;       // three-letter state code, "" for groups
  std::string group;         // IGO/IMG/NGO: the code after the prefix ("EUREU")
  std::string entity;        // country-level code: state code, or the whole group code
  std::string type1, type2;  // role codes after the country ("GOV", …) or the group prefix
};

ActorParts Split(std::string_view code) {
  ActorParts p;
  if (code.empty()) return p;
  if (IsGroupCode(code)) {
    p.group = std::string(code.substr(3));
    p.entity = std::string(code);
    p.type1 = std::string(code.substr(0, 3));
    return p;
  }
  p.country = std::string(code.substr(0, 3));
  p.entity = p.country;
  if (code.size() > 3) p.type1 = std::string(code.substr(3, 3));
  if (code.size() > 6) p.type2 = std::string(code.substr(6, 3));
  return p;
}

// "2024-08-19T10:00:00Z" → "20240819100000".
std::string DateAdded(std::string_view iso) {
  std::string out;
  for (char c : iso) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out.size() == 14 ? out : std::string();
}

void GdeltRow(const StoredEvent& s, std::string& out) {
  const Event& e = s.event;
  const FullDate d = Full(e.date);
  char buf[64];
  Cell(std::to_string(s.id), out);
  if (d.known) {
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
    Cell(buf, out);
    std::snprintf(buf, sizeof buf, "%04d%02d", d.year, d.month);
    Cell(buf, out);
    Cell(std::to_string(d.year), out);
    // GDELT: YYYY.FFFF with FFFF = (month * 30 + day) / 365.
    std::snprintf(buf, sizeof buf, "%.4f", d.year + (d.month * 30 + d.day) / 365.0);
    Cell(buf, out);
  } else {
    for (int i = 0; i < 4; ++i) Cell("", out);
  }
  for (int side = 0; side < 2; ++side) {
    const std::string& code = side == 0 ? e.source : e.target;
    const std::string& label = side == 0 ? e.source_label : e.target_label;
    const std::string& name = side == 0 ? e.source_name : e.target_name;
    ActorParts p = Split(code);
    Cell(code, out);
    Cell(label.empty() ? name : label, out);
    Cell(p.country, out);
    Cell(p.group, out);
    Cell("", out);  // ethnic
    Cell("", out);  // religion 1
    Cell("", out);  // religion 2
    Cell(p.type1, out);
    Cell(p.type2, out);
    Cell("", out);  // type 3
  }
  Cell(e.sentence == 0 ? "1" : "0", out);  // IsRootEvent: told in the lead sentence
  Cell(e.code, out);
  Cell(e.code.substr(0, 3), out);
  Cell(e.root, out);
  Cell(std::to_string(e.quad), out);
  Cell(Num(e.goldstein), out);
  Cell(std::to_string(s.mentions), out);
  Cell(std::to_string(s.sources), out);
  Cell(std::to_string(s.articles), out);
  Cell("", out);                               // AvgTone
  for (int i = 0; i < 16; ++i) Cell("", out);  // Actor1Geo_*, Actor2Geo_*
  Cell("", out);                               // ActionGeo_Type
  Cell(e.place, out);                          // ActionGeo_FullName
  for (int i = 0; i < 6; ++i) Cell("", out);   // ActionGeo_CountryCode … FeatureID
  Cell(DateAdded(s.added), out);
  Cell(s.url, out);
  EndRow(out);
}

void PhoenixRow(const StoredEvent& s, std::string& out) {
  const Event& e = s.event;
  const FullDate d = Full(e.date);
  char buf[32];
  Cell(e.event_id, out);
  if (d.known) {
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
    Cell(buf, out);
    Cell(std::to_string(d.year), out);
    Cell(std::to_string(d.month), out);
    Cell(std::to_string(d.day), out);
  } else {
    for (int i = 0; i < 4; ++i) Cell("", out);
  }
  for (int side = 0; side < 2; ++side) {
    const std::string& code = side == 0 ? e.source : e.target;
    ActorParts p = Split(code);
    Cell(code, out);
    Cell(p.entity, out);
    Cell(p.group.empty() ? p.type1 : "", out);
    Cell("", out);  // attribute
  }
  Cell(e.code, out);
  Cell(e.root, out);
  // PentaClass: 0 for the neutral roots 01–02 (statements, appeals), else the quad class.
  Cell(e.root == "01" || e.root == "02" ? "0" : std::to_string(e.quad), out);
  Cell(Num(e.goldstein), out);
  Cell("", out);  // Issues
  Cell("", out);  // Lat
  Cell("", out);  // Lon
  Cell(e.place, out);
  Cell("", out);  // StateName
  Cell("", out);  // CountryCode (of the location)
  Cell(e.article_id + "_" + std::to_string(e.sentence), out);
  Cell(s.url, out);
  Cell(s.outlet, out);
  EndRow(out);
}

// PLOVER modes that follow from a CAMEO code, where PLOVER defines one (PLOVER manual, the mode
// tables of CONSULT, AID and RETREAT). "" when the code says nothing about the mode.
const char* PloverMode(std::string_view code) {
  struct M {
    const char* prefix;
    const char* mode;
  };
  static constexpr M kModes[] = {
      {"041", "phone"},      {"042", "visit"},        {"044", "third-party"}, {"071", "economic"},
      {"072", "military"},   {"073", "humanitarian"}, {"075", "asylum"},      {"0841", "release"},
      {"0842", "return"},    {"0861", "access"},      {"0862", "access"},     {"0863", "access"},
      {"0871", "ceasefire"}, {"0873", "disarm"},      {"0874", "withdraw"},
  };
  for (const M& m : kModes) {
    if (code.starts_with(m.prefix)) return m.mode;
  }
  return "";
}

void PloverActor(std::string_view code, const std::string& name, const std::string& label,
                 std::string& out) {
  ActorParts p = Split(code);
  out.append("[{\"code\":");
  AppendJsonString(p.entity, out);
  if (p.group.empty() && !p.type1.empty()) {
    out.append(",\"sector\":");
    AppendJsonString(std::string(code.substr(3)), out);
  }
  out.append(",\"actor_code\":");
  AppendJsonString(code, out);
  out.append(",\"actor_text\":");
  AppendJsonString(name, out);
  if (!label.empty()) {
    out.append(",\"identifier_text\":");
    AppendJsonString(label, out);
  }
  out.append("}]");
}

void PloverRow(const StoredEvent& s, const std::string& coder, std::string& out) {
  const Event& e = s.event;
  const FullDate d = Full(e.date);
  char buf[64];
  out.append("{\"id\":");
  AppendJsonString(e.event_id, out);
  out.append(",\"date\":");
  if (d.known) {
    std::snprintf(buf, sizeof buf, "\"%04d-%02d-%02d\"", d.year, d.month, d.day);
    out.append(buf);
  } else {
    out.append("null");
  }
  out.append(",\"date_precision\":");
  AppendJsonString(PrecisionName(e.date.precision), out);
  out.append(",\"source\":");
  PloverActor(e.source, e.source_name, e.source_label, out);
  out.append(",\"recipient\":");
  PloverActor(e.target, e.target_name, e.target_label, out);
  out.append(",\"event\":[");
  AppendJsonString(e.plover, out);
  out.append("]");
  if (const char* mode = PloverMode(e.code); *mode) {
    out.append(",\"mode\":[");
    AppendJsonString(mode, out);
    out.append("]");
  }
  if (e.intent || e.negated) {
    out.append(",\"context\":[");
    if (e.intent) out.append("\"future\"");
    if (e.negated) out.append(e.intent ? ",\"negation\"" : "\"negation\"");
    out.append("]");
  }
  std::snprintf(buf, sizeof buf, ",\"quad_code\":%d,\"event_scale\":", e.quad);
  out.append(buf);
  out.append(Num(e.goldstein));
  out.append(",\"cameo_code\":");
  AppendJsonString(e.code, out);
  if (!e.place.empty()) {
    out.append(",\"event_loc\":{\"name\":");
    AppendJsonString(e.place, out);
    out.append("}");
  }
  out.append(",\"text\":");
  AppendJsonString(e.text, out);
  std::snprintf(buf, sizeof buf, ",\"text_info\":{\"sequence\":%u,\"start\":%u,\"end\":%u}",
                e.sentence, e.span_begin, e.span_end);
  out.append(buf);
  out.append(",\"cite_info\":{\"citation\":");
  AppendJsonString(e.article_id, out);
  out.append(",\"url\":");
  AppendJsonString(s.url, out);
  out.append(",\"language\":");
  AppendJsonString(LangCode(e.lang), out);
  out.append(",\"publication\":");
  AppendJsonString(s.outlet, out);
  out.append(",\"coder\":");
  AppendJsonString(coder + " " + RASAD_VERSION, out);
  out.append(",\"codebook\":\"CAMEO\"}");
  out.append(",\"coder\":");
  AppendJsonString(coder, out);
  out.append(",\"coded_date\":");
  AppendJsonString(s.added.substr(0, 10), out);
  std::snprintf(buf, sizeof buf, ",\"num_mentions\":%u,\"num_articles\":%u,\"num_sources\":%u}\n",
                s.mentions, s.articles, s.sources);
  out.append(buf);
}

void CsvRow(const StoredEvent& s, std::string& out) {
  const Event& e = s.event;
  auto f = [&](std::string_view v) {
    AppendCsvField(v, out);
    out.push_back(',');
  };
  f(std::to_string(s.id));
  f(e.event_id);
  f(e.date.ToString());
  f(PrecisionName(e.date.precision));
  f(e.source);
  f(e.source_country);
  f(e.source_name);
  f(e.source_label);
  f(e.target);
  f(e.target_country);
  f(e.target_name);
  f(e.target_label);
  f(e.code);
  f(e.root);
  f(std::to_string(e.quad));
  f(Num(e.goldstein));
  f(e.plover);
  f(e.label);
  f(e.place);
  f(LangCode(e.lang));
  f(e.negated ? "1" : "0");
  f(e.intent ? "1" : "0");
  f(e.reported ? "1" : "0");
  f(std::to_string(s.mentions));
  f(std::to_string(s.articles));
  f(std::to_string(s.sources));
  f(e.article_id);
  f(std::to_string(e.sentence));
  f(std::to_string(e.span_begin));
  f(std::to_string(e.span_end));
  f(s.url);
  f(s.outlet);
  f(s.added);
  f(e.text);
  out.back() = '\n';
}

template <size_t N>
std::string Join(const char* const (&cols)[N], char sep) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i) out.push_back(sep);
    out.append(cols[i]);
  }
  return out;
}

}  // namespace

void AppendCsvField(std::string_view v, std::string& out) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendStoredEventJson(const StoredEvent& s, std::string& out) {
  AppendEventJson(s.event, out);
  out.pop_back();  // the closing brace
  out.append(",\"id\":").append(std::to_string(s.id));
  out.append(",\"mentions\":").append(std::to_string(s.mentions));
  out.append(",\"articles\":").append(std::to_string(s.articles));
  out.append(",\"sources\":").append(std::to_string(s.sources));
  out.append(",\"url\":");
  AppendJsonString(s.url, out);
  out.append(",\"outlet\":");
  AppendJsonString(s.outlet, out);
  out.push_back('}');
}

std::string ExportHeader(ExportFormat format) {
  switch (format) {
    case ExportFormat::kGdelt:
      return Join(kGdeltColumns, '\t');
    case ExportFormat::kPhoenix:
      return Join(kPhoenixColumns, '\t');
    case ExportFormat::kCsv:
      return Join(kCsvColumns, ',');
    case ExportFormat::kPlover:
    case ExportFormat::kJsonl:
      break;
  }
  return "";
}

bool AppendExportRow(const StoredEvent& e, const ExportOptions& options, std::string& out) {
  switch (options.format) {
    case ExportFormat::kGdelt:
      GdeltRow(e, out);
      return true;
    case ExportFormat::kPhoenix:
      PhoenixRow(e, out);
      return true;
    case ExportFormat::kPlover:
      if (e.event.plover.empty()) return false;  // CAMEO 01 statements have no PLOVER type
      PloverRow(e, options.coder, out);
      return true;
    case ExportFormat::kCsv:
      CsvRow(e, out);
      return true;
    case ExportFormat::kJsonl:
      AppendStoredEventJson(e, out);
      out.push_back('\n');
      return true;
  }
  return false;
}

StatusOr<ExportStats> ExportEvents(const Store& store, const EventFilter& filter,
                                   const ExportOptions& options,
                                   const std::function<Status(std::string_view)>& write) {
  ExportStats stats;
  std::string buf;
  const bool header = options.format == ExportFormat::kCsv ||
                      (options.header && (options.format == ExportFormat::kGdelt ||
                                          options.format == ExportFormat::kPhoenix));
  if (header) buf = ExportHeader(options.format) + "\n";
  constexpr size_t kFlushBytes = 1 << 16;
  Status s = store.ForEachEvent(filter, [&](const StoredEvent& e) -> Status {
    if (!AppendExportRow(e, options, buf)) {
      ++stats.left_out;
      return Status::Ok();
    }
    ++stats.rows;
    if (buf.size() >= kFlushBytes) {
      Status w = write(buf);
      buf.clear();
      return w;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!buf.empty()) {
    if (Status w = write(buf); !w.ok()) return w;
  }
  return stats;
}

}  // namespace rasad
