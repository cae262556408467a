#include "src/serve/api.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <set>
#include <sstream>

#include "rasad/text.h"
#include "rasad/version.h"
#include "src/serve/json_writer.h"

namespace rasad::serve {
namespace {

const char* QuadName(int quad) {
  switch (quad) {
    case 1:
      return "verbal cooperation";
    case 2:
      return "material cooperation";
    case 3:
      return "verbal conflict";
    case 4:
      return "material conflict";
  }
  return "";
}

// Role codes (data/README.md) in English.
const char* RoleName(std::string_view role) {
  static const std::pair<const char*, const char*> kRoles[] = {
      {"GOV", "government"},   {"MIL", "military"},   {"COP", "police"},
      {"SPY", "intelligence"}, {"LEG", "parliament"}, {"JUD", "judiciary"},
      {"OPP", "opposition"},   {"REB", "rebels"},     {"MED", "media"},
      {"BUS", "business"},     {"CVL", "civilians"},  {"REF", "refugees"},
      {"EDU", "education"},    {"HLH", "health"},     {"ELI", "elites"},
      {"LAB", "labour"},       {"NGO", "NGOs"},       {"IGO", "organizations"},
  };
  for (const auto& [code, name] : kRoles) {
    if (role == code) return name;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Parameters

struct BadRequest {
  std::string message;
};

class ParamReader {
 public:
  ParamReader(const Params& params, std::initializer_list<const char*> allowed, size_t max_bytes)
      : params_(params) {
    std::set<std::string_view> names(allowed.begin(), allowed.end());
    std::set<std::string_view> seen;
    for (const auto& [name, value] : params) {
      if (!names.count(name)) {
        std::string list;
        for (const char* n : allowed) list += std::string(list.empty() ? "" : ", ") + n;
        Fail("unknown parameter '" + Clip(name) + "'" +
             (list.empty() ? std::string(" (this endpoint takes none)")
                           : " (this endpoint takes: " + list + ")"));
        return;
      }
      if (!seen.insert(name).second) {
        Fail("parameter '" + name + "' given more than once");
        return;
      }
      if (value.size() > max_bytes) {
        Fail("parameter '" + name + "' is longer than " + std::to_string(max_bytes) + " bytes");
        return;
      }
    }
  }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  bool Has(const char* name) const { return params_.find(name) != params_.end(); }
  std::string Get(const char* name) const {
    auto it = params_.find(name);
    return it == params_.end() ? std::string() : it->second;
  }

  int64_t Int(const char* name, int64_t fallback, int64_t lo, int64_t hi) {
    if (!Has(name)) return fallback;
    std::string v = Get(name);
    int64_t out = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
      Fail("parameter '" + std::string(name) + "' must be an integer, got '" + Clip(v) + "'");
      return fallback;
    }
    if (out < lo || out > hi) {
      Fail("parameter '" + std::string(name) + "' must be between " + std::to_string(lo) + " and " +
           std::to_string(hi));
      return fallback;
    }
    return out;
  }

  bool Bool(const char* name) {
    if (!Has(name)) return false;
    std::string v = Get(name);
    if (v == "1" || v == "true" || v == "yes" || v.empty()) return true;
    if (v == "0" || v == "false" || v == "no") return false;
    Fail("parameter '" + std::string(name) + "' must be true or false, got '" + Clip(v) + "'");
    return false;
  }

  // An actor or country code: letters and digits, upper-cased.
  std::string Code(const char* name) {
    std::string v = Get(name);
    if (v.empty()) return v;
    bool good = v.size() <= 24;
    for (char& c : v) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) good = false;
    }
    if (!good) {
      Fail("parameter '" + std::string(name) + "' must be an actor code such as RUS or RUSGOV");
      return "";
    }
    return v;
  }

  std::string DateParam(const char* name) {
    std::string v = Get(name);
    if (v.empty()) return v;
    StatusOr<Date> d = ParseDate(v);
    if (!d.ok()) {
      Fail("parameter '" + std::string(name) + "' must be a date YYYY, YYYY-MM or YYYY-MM-DD");
      return "";
    }
    return d->ToString();
  }

  static std::string Clip(std::string_view s) {
    if (s.size() <= 40) return std::string(s);
    return std::string(s.substr(0, 40)) + "…";
  }

 private:
  const Params& params_;
  std::string error_;
};

#define RASAD_FILTER_PARAMS                                                                      \
  "actor", "a", "b", "directed", "country", "code", "quad", "from", "to", "lang", "outlet", "q", \
      "negated"

void ReadFilter(ParamReader& r, EventFilter* f) {
  if (r.Has("actor") && r.Has("a")) r.Fail("give 'actor' or 'a', not both");
  f->actor = r.Code(r.Has("a") ? "a" : "actor");
  f->actor_b = r.Code("b");
  if (!f->actor_b.empty() && f->actor.empty()) r.Fail("parameter 'b' needs 'actor' (or 'a')");
  f->directed = r.Bool("directed");
  f->country = r.Code("country");
  f->code = r.Get("code");
  if (!f->code.empty()) {
    bool digits =
        f->code.size() >= 2 && f->code.size() <= 4 &&
        std::all_of(f->code.begin(), f->code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) r.Fail("parameter 'code' must be a CAMEO code or prefix of 2 to 4 digits ('04')");
  }
  f->quad = static_cast<int>(r.Int("quad", 0, 0, 4));
  f->date_from = r.DateParam("from");
  f->date_to = r.DateParam("to");
  if (!f->date_from.empty() && !f->date_to.empty() &&
      f->date_from.substr(0, std::min(f->date_from.size(), f->date_to.size())) >
          f->date_to.substr(0, std::min(f->date_from.size(), f->date_to.size()))) {
    r.Fail("'from' is after 'to'");
  }
  f->lang = r.Get("lang");
  if (!f->lang.empty() && f->lang != "ar" && f->lang != "fa") {
    r.Fail("parameter 'lang' must be ar or fa");
  }
  f->outlet = r.Get("outlet");
  f->text = r.Get("q");
  while (!f->text.empty() && f->text.back() == ' ') f->text.pop_back();
  while (!f->text.empty() && f->text.front() == ' ') f->text.erase(0, 1);
  f->include_negated = r.Bool("negated");
}

// ---------------------------------------------------------------------------------------------
// Events

// Finds where an event's sentence starts in its article, by byte search in the article's text
// (parameterized SQL on Store::db(); the store has no call for it). One per request.
class SentenceFinder {
 public:
  explicit SentenceFinder(const Store& store) : db_(store.db()) {}
  ~SentenceFinder() { sqlite3_finalize(st_); }
  SentenceFinder(const SentenceFinder&) = delete;
  SentenceFinder& operator=(const SentenceFinder&) = delete;

  // The evidence span of `e` as bytes into its sentence `e.text`, or nullopt when the article or
  // the evidence cannot be found.
  StatusOr<std::optional<std::pair<size_t, size_t>>> Highlight(const Event& e) {
    using Result = std::optional<std::pair<size_t, size_t>>;
    if (e.text.empty() || e.span_end <= e.span_begin) return Result();
    if (st_ == nullptr && sqlite3_prepare_v2(db_,
                                             "SELECT instr(CAST(text AS BLOB), CAST(?2 AS BLOB)), "
                                             "substr(CAST(text AS BLOB), ?3 + 1, ?4 - ?3) "
                                             "FROM articles WHERE article_id = ?1",
                                             -1, &st_, nullptr) != SQLITE_OK) {
      return Error("preparing the sentence query");
    }
    sqlite3_reset(st_);
    sqlite3_bind_text(st_, 1, e.article_id.data(), static_cast<int>(e.article_id.size()),
                      SQLITE_STATIC);
    sqlite3_bind_blob(st_, 2, e.text.data(), static_cast<int>(e.text.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st_, 3, e.span_begin);
    sqlite3_bind_int64(st_, 4, e.span_end);
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_DONE) return Result();
    if (rc != SQLITE_ROW) return Error("finding a sentence");
    int64_t at = sqlite3_column_int64(st_, 0);  // 1-based; 0: not found
    if (at > 0 && static_cast<uint64_t>(at - 1) <= e.span_begin &&
        e.span_end - static_cast<uint64_t>(at - 1) <= e.text.size()) {
      return Result({e.span_begin - (at - 1), e.span_end - (at - 1)});
    }
    // The sentence occurs elsewhere first: find the evidence within it.
    std::string_view evidence(static_cast<const char*>(sqlite3_column_blob(st_, 1)),
                              static_cast<size_t>(sqlite3_column_bytes(st_, 1)));
    size_t pos = evidence.empty() ? std::string::npos : e.text.find(evidence);
    if (pos == std::string::npos) return Result();
    return Result({pos, pos + evidence.size()});
  }

 private:
  Status Error(const std::string& what) const {
    return Status(StatusCode::kInternal, what + ": " + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

// The stored event record (as `rasad query` and `export` write it) plus English names and the
// evidence span within the sentence.
void WriteEvent(const Names& names, const StoredEvent& se,
                std::optional<std::pair<size_t, size_t>> highlight, JsonWriter& w) {
  const Event& e = se.event;
  std::string json;
  AppendStoredEventJson(se, json);
  w.ExtendObject(json);
  w.Key("source_actor").String(names.ActorName(e.source));
  w.Key("target_actor").String(names.ActorName(e.target));
  w.Key("quad_name").String(QuadName(e.quad));
  auto root = names.codes.find(e.root);
  w.Key("root_label").String(root == names.codes.end() ? std::string() : root->second.label_en);
  w.Key("highlight");
  if (highlight) {
    w.BeginArray().Int(static_cast<int64_t>(highlight->first));
    w.Int(static_cast<int64_t>(highlight->second));
    w.EndArray();
  } else {
    w.Null();
  }
  w.EndObject();
}

// A short form of an event, for timeline tooltips.
void WriteEventBrief(const Names& names, const StoredEvent& se, JsonWriter& w) {
  const Event& e = se.event;
  w.BeginObject();
  w.Key("id").Int(se.id);
  w.Key("date").String(e.date.ToString());
  w.Key("source").String(e.source);
  w.Key("target").String(e.target);
  w.Key("source_actor").String(names.ActorName(e.source));
  w.Key("target_actor").String(names.ActorName(e.target));
  w.Key("code").String(e.code);
  w.Key("label").String(e.label);
  w.Key("quad").Int(e.quad);
  w.Key("goldstein").Double(e.goldstein);
  w.Key("lang").String(LangCode(e.lang));
  w.Key("mentions").Int(se.mentions);
  w.Key("negated").Bool(e.negated);
  w.Key("intent").Bool(e.intent);
  w.Key("reported").Bool(e.reported);
  w.EndObject();
}

ApiResponse StoreError(const Status& s) { return ErrorResponse(500, "store: " + s.ToString()); }

ApiResponse Ok(JsonWriter& w) { return ApiResponse{200, w.Take()}; }

}  // namespace

// -----------------------------------------------------------------------------------------------

ApiResponse ErrorResponse(int status, std::string_view message) {
  JsonWriter w;
  w.BeginObject().Key("error").String(message).Key("status").Int(status).EndObject();
  return ApiResponse{status, w.Take()};
}

StatusOr<Names> Names::Load(const std::string& data_dir) {
  auto slurp = [&](const std::string& rel, std::string* out) -> Status {
    std::string path = data_dir + "/" + rel;
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return Status::Ok();
  };
  Lexicon lex;
  std::string content;
  Status s = slurp("cameo/codes.tsv", &content);
  if (s.ok()) s = lex.ParseCodes(content, data_dir + "/cameo/codes.tsv");
  if (s.ok()) s = slurp("actors/countries.tsv", &content);
  if (s.ok()) s = lex.ParseCountries(content, data_dir + "/actors/countries.tsv");
  if (s.ok()) s = slurp("actors/organizations.tsv", &content);
  if (s.ok()) s = lex.ParseOrganizations(content, data_dir + "/actors/organizations.tsv");
  if (!s.ok()) return s;
  Names names;
  for (const CameoEntry& c : lex.codes) names.codes.emplace(c.code, c);
  for (const CountryEntry& c : lex.countries) names.countries.emplace(c.code, c.name_en);
  for (const OrganizationEntry& o : lex.organizations) {
    // Organizations with codes of their own (IGO…, IMG…) name actors as countries do.
    if (o.code == ActorCountry(o.code)) names.countries.emplace(o.code, o.name_en);
    names.organizations.emplace(o.code, o.name_en);
  }
  return names;
}

std::string Names::ActorName(std::string_view code) const {
  if (code.empty()) return "";
  if (auto it = countries.find(code); it != countries.end()) return it->second;
  // A country with role codes: "RUSGOV" → "Russia government" (even where an organization of that
  // code has a name of its own, such as "Kremlin": the code says what the actor is).
  std::string country = ActorCountry(code);
  auto it = countries.find(country);
  std::string_view rest = code.substr(country.size());
  bool roles = it != countries.end() && !rest.empty() && rest.size() % 3 == 0;
  for (size_t i = 0; roles && i < rest.size(); i += 3) roles = RoleName(rest.substr(i, 3));
  if (roles) {
    std::string name = it->second;
    for (size_t i = 0; i < rest.size(); i += 3)
      name += std::string(" ") + RoleName(rest.substr(i, 3));
    return name;
  }
  // A named group ("PSEHMS" → "Hamas") or an unknown code.
  if (auto org = organizations.find(code); org != organizations.end()) return org->second;
  if (it == countries.end()) return std::string(code);
  return it->second + " " + std::string(rest);
}

Api::Api(Names names, ApiOptions options) : names_(std::move(names)), options_(options) {}

ApiResponse Api::Handle(const Store& store, std::string_view path, const Params& params) const {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "/api") return Index();
  if (path == "/api/stats") return Stats(store, params);
  if (path == "/api/events") return Events(store, params, false);
  if (path == "/api/search") return Events(store, params, true);
  if (path == "/api/timeline") return Timeline(store, params);
  if (path == "/api/dyads") return Dyads(store, params);
  if (path == "/api/actors") return Actors(store, params);
  if (path == "/api/codes") return Codes(params);
  constexpr std::string_view kArticles = "/api/articles/";
  if (path.starts_with(kArticles) && path.size() > kArticles.size()) {
    return Article(store, path.substr(kArticles.size()), params);
  }
  return ErrorResponse(
      404, "no such endpoint: " + ParamReader::Clip(path) + " (GET /api lists the endpoints)");
}

ApiResponse Api::Index() const {
  static const std::pair<const char*, const char*> kEndpoints[] = {
      {"/api/stats", "totals: events, articles, languages, first and last period"},
      {"/api/events", "events matching the filters, paged (limit, offset), with total"},
      {"/api/search?q=", "events whose evidence sentence matches q (normalized full text)"},
      {"/api/timeline?a=&b=&by=", "per period (day|month|year): quad counts, Goldstein, net index"},
      {"/api/dyads", "country pairs ranked by events"},
      {"/api/actors", "actors ranked by events (level=country to group by country)"},
      {"/api/articles/{id}", "one article's text and its events with spans"},
      {"/api/codes", "the CAMEO codes, roots and quad classes in English"},
  };
  JsonWriter w;
  w.BeginObject();
  w.Key("name").String("rasad");
  w.Key("version").String(RASAD_VERSION);
  w.Key("filters").BeginArray();
  for (const char* f : {RASAD_FILTER_PARAMS}) w.String(f);
  w.EndArray();
  w.Key("max_limit").Int(options_.max_limit);
  w.Key("endpoints").BeginArray();
  for (const auto& [path, about] : kEndpoints) {
    w.BeginObject().Key("path").String(path).Key("about").String(about).EndObject();
  }
  w.EndArray().EndObject();
  return Ok(w);
}

ApiResponse Api::Stats(const Store& store, const Params& params) const {
  ParamReader r(params, {}, options_.max_param_bytes);
  if (!r.ok()) return ErrorResponse(400, r.error());
  StatusOr<StoreStats> stats = store.Stats();
  if (!stats.ok()) return StoreError(stats.status());
  JsonWriter w;
  w.BeginObject();
  w.Key("articles").Int(stats->articles);
  w.Key("articles_coded").Int(stats->articles_coded);
  w.Key("events").Int(stats->events);
  w.Key("mentions").Int(stats->mentions);
  w.Key("languages").BeginObject();
  for (const auto& [lang, n] : stats->events_by_lang) w.Key(lang).Int(n);
  w.EndObject();
  w.Key("first").String(stats->first_date.substr(0, 4));
  w.Key("last").String(stats->last_date.substr(0, 4));
  w.Key("first_date").String(stats->first_date);
  w.Key("last_date").String(stats->last_date);
  w.EndObject();
  return Ok(w);
}

ApiResponse Api::Events(const Store& store, const Params& params, bool search) const {
  ParamReader r(params, {RASAD_FILTER_PARAMS, "limit", "offset"}, options_.max_param_bytes);
  EventFilter f;
  if (r.ok()) ReadFilter(r, &f);
  int64_t limit = r.Int("limit", search ? 50 : 100, 0, INT64_MAX);
  f.limit = std::min(limit, options_.max_limit);
  f.offset = r.Int("offset", 0, 0, 1'000'000'000);
  if (r.ok() && search && f.text.empty()) r.Fail("parameter 'q' is required");
  if (!r.ok()) return ErrorResponse(400, r.error());

  StatusOr<int64_t> total = store.CountEvents(f);
  if (!total.ok()) return StoreError(total.status());
  StatusOr<std::vector<StoredEvent>> events = store.Events(f);
  if (!events.ok()) return StoreError(events.status());
  SentenceFinder sentences(store);
  JsonWriter w;
  w.BeginObject();
  if (search) w.Key("q").String(f.text);
  w.Key("total").Int(*total);
  w.Key("limit").Int(f.limit);
  w.Key("offset").Int(f.offset);
  w.Key("events").BeginArray();
  for (const StoredEvent& se : *events) {
    auto h = sentences.Highlight(se.event);
    if (!h.ok()) return StoreError(h.status());
    WriteEvent(names_, se, *h, w);
  }
  w.EndArray().EndObject();
  return Ok(w);
}

ApiResponse Api::Timeline(const Store& store, const Params& params) const {
  ParamReader r(params, {RASAD_FILTER_PARAMS, "by", "top"}, options_.max_param_bytes);
  EventFilter f;
  if (r.ok()) ReadFilter(r, &f);
  std::string by = r.Has("by") ? r.Get("by") : "month";
  Period period = Period::kMonth;
  if (by == "day") {
    period = Period::kDay;
  } else if (by == "year") {
    period = Period::kYear;
  } else if (by != "month") {
    r.Fail("parameter 'by' must be day, month or year");
  }
  int64_t top = r.Int("top", 3, 0, 10);
  if (!r.ok()) return ErrorResponse(400, r.error());

  StatusOr<std::vector<TimelinePoint>> points = store.Timeline(f, period);
  if (!points.ok()) return StoreError(points.status());
  JsonWriter w;
  w.BeginObject();
  w.Key("a").String(f.actor);
  w.Key("b").String(f.actor_b);
  w.Key("a_name").String(names_.ActorName(f.actor));
  w.Key("b_name").String(names_.ActorName(f.actor_b));
  w.Key("directed").Bool(f.directed);
  w.Key("by").String(by);
  TimelinePoint total;
  for (const TimelinePoint& p : *points) {
    total.events += p.events;
    for (int q = 0; q < 4; ++q) total.quad[q] += p.quad[q];
    total.goldstein_sum += p.goldstein_sum;
  }
  w.Key("totals").BeginObject();
  w.Key("events").Int(total.events);
  w.Key("quad").BeginArray();
  for (int64_t q : total.quad) w.Int(q);
  w.EndArray();
  w.Key("goldstein_sum").Double(total.goldstein_sum);
  w.Key("goldstein_mean").Double(total.events ? total.goldstein_sum / total.events : 0);
  int64_t coop = total.quad[0] + total.quad[1], conflict = total.quad[2] + total.quad[3];
  w.Key("net_cooperation")
      .Double(total.events ? static_cast<double>(coop - conflict) / total.events : 0);
  w.EndObject();
  w.Key("periods").BeginArray();
  for (const TimelinePoint& p : *points) {
    w.BeginObject();
    w.Key("period").String(p.period);
    w.Key("events").Int(p.events);
    w.Key("quad").BeginArray();
    for (int64_t q : p.quad) w.Int(q);
    w.EndArray();
    w.Key("goldstein_sum").Double(p.goldstein_sum);
    w.Key("goldstein_mean").Double(p.goldstein_mean);
    w.Key("net_cooperation").Double(p.net_cooperation);
    if (top > 0) {
      // The period's most told events, then the most intense.
      EventFilter pf = f;
      pf.date_from = pf.date_to = p.period;
      pf.limit = 200;
      pf.offset = 0;
      StatusOr<std::vector<StoredEvent>> events = store.Events(pf);
      if (!events.ok()) return StoreError(events.status());
      std::stable_sort(events->begin(), events->end(),
                       [](const StoredEvent& x, const StoredEvent& y) {
                         if (x.mentions != y.mentions) return x.mentions > y.mentions;
                         return std::fabs(x.event.goldstein) > std::fabs(y.event.goldstein);
                       });
      if (events->size() > static_cast<size_t>(top)) events->resize(top);
      w.Key("top").BeginArray();
      for (const StoredEvent& se : *events) WriteEventBrief(names_, se, w);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Ok(w);
}

ApiResponse Api::Dyads(const Store& store, const Params& params) const {
  ParamReader r(params, {RASAD_FILTER_PARAMS, "limit", "offset"}, options_.max_param_bytes);
  EventFilter f;
  if (r.ok()) ReadFilter(r, &f);
  int64_t limit = std::min(r.Int("limit", 20, 0, INT64_MAX), options_.max_limit);
  int64_t offset = r.Int("offset", 0, 0, 1'000'000'000);
  if (!r.ok()) return ErrorResponse(400, r.error());
  // The store ranks all dyads; `actor` and `b` here pick the dyads of one or two countries.
  std::string with = f.actor.empty() ? "" : ActorCountry(f.actor);
  std::string with_b = f.actor_b.empty() ? "" : ActorCountry(f.actor_b);
  f.actor.clear();
  f.actor_b.clear();
  f.limit = -1;  // all
  f.offset = 0;
  StatusOr<std::vector<Store::DyadRow>> rows = store.Dyads(f);
  if (!rows.ok()) return StoreError(rows.status());
  std::vector<const Store::DyadRow*> picked;
  for (const Store::DyadRow& d : *rows) {
    if (!with.empty() && d.a != with && d.b != with) continue;
    if (!with_b.empty() && d.a != with_b && d.b != with_b) continue;
    picked.push_back(&d);
  }
  JsonWriter w;
  w.BeginObject();
  w.Key("total").Int(static_cast<int64_t>(picked.size()));
  w.Key("limit").Int(limit);
  w.Key("offset").Int(offset);
  w.Key("dyads").BeginArray();
  for (size_t i = offset; i < picked.size() && i < static_cast<size_t>(offset + limit); ++i) {
    const Store::DyadRow& d = *picked[i];
    w.BeginObject();
    w.Key("a").String(d.a);
    w.Key("b").String(d.b);
    w.Key("a_name").String(names_.ActorName(d.a));
    w.Key("b_name").String(names_.ActorName(d.b));
    w.Key("events").Int(d.events);
    w.Key("quad").BeginArray();
    for (int64_t q : d.quad) w.Int(q);
    w.EndArray();
    w.Key("goldstein_mean").Double(d.goldstein_mean);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Ok(w);
}

ApiResponse Api::Actors(const Store& store, const Params& params) const {
  ParamReader r(params, {RASAD_FILTER_PARAMS, "level", "limit", "offset"},
                options_.max_param_bytes);
  EventFilter f;
  if (r.ok()) ReadFilter(r, &f);
  std::string level = r.Has("level") ? r.Get("level") : "actor";
  if (level != "actor" && level != "country") r.Fail("parameter 'level' must be actor or country");
  int64_t limit = std::min(r.Int("limit", 50, 0, INT64_MAX), options_.max_limit);
  int64_t offset = r.Int("offset", 0, 0, 1'000'000'000);
  if (!r.ok()) return ErrorResponse(400, r.error());
  f.limit = -1;  // all
  f.offset = 0;
  StatusOr<std::vector<Store::ActorRow>> rows = store.Actors(f);
  if (!rows.ok()) return StoreError(rows.status());
  std::vector<Store::ActorRow> out;
  if (level == "country") {
    std::map<std::string, Store::ActorRow> by_country;
    for (const Store::ActorRow& a : *rows) {
      std::string c = ActorCountry(a.code);
      Store::ActorRow& row = by_country[c];
      row.code = c;
      row.as_source += a.as_source;
      row.as_target += a.as_target;
      if (row.label.empty() && a.code == c) row.label = a.label;
    }
    for (auto& [code, row] : by_country) out.push_back(std::move(row));
  } else {
    out = std::move(*rows);
  }
  std::stable_sort(out.begin(), out.end(), [](const Store::ActorRow& x, const Store::ActorRow& y) {
    int64_t nx = x.as_source + x.as_target, ny = y.as_source + y.as_target;
    if (nx != ny) return nx > ny;
    return x.code < y.code;
  });
  JsonWriter w;
  w.BeginObject();
  w.Key("level").String(level);
  w.Key("total").Int(static_cast<int64_t>(out.size()));
  w.Key("limit").Int(limit);
  w.Key("offset").Int(offset);
  w.Key("actors").BeginArray();
  for (size_t i = offset; i < out.size() && i < static_cast<size_t>(offset + limit); ++i) {
    const Store::ActorRow& a = out[i];
    w.BeginObject();
    w.Key("code").String(a.code);
    w.Key("name").String(names_.ActorName(a.code));
    w.Key("label").String(a.label);
    w.Key("as_source").Int(a.as_source);
    w.Key("as_target").Int(a.as_target);
    w.Key("events").Int(a.as_source + a.as_target);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Ok(w);
}

ApiResponse Api::Article(const Store& store, std::string_view id, const Params& params) const {
  ParamReader r(params, {}, options_.max_param_bytes);
  if (!r.ok()) return ErrorResponse(400, r.error());
  if (id.size() > 256) return ErrorResponse(400, "article id longer than 256 bytes");
  StatusOr<std::optional<Store::ArticleRecord>> rec = store.GetArticle(std::string(id));
  if (!rec.ok()) return StoreError(rec.status());
  if (!rec->has_value())
    return ErrorResponse(404, "no article with id '" + ParamReader::Clip(id) + "'");
  Store::ArticleRecord& a = **rec;
  // The store gives each event's evidence as its text here; the sentences come from the text layer.
  TokenizedText tokenized;
  tokenized.Analyze(a.article.text);
  const std::vector<Sentence>& sentences = tokenized.sentences();
  JsonWriter w;
  w.BeginObject();
  w.Key("id").String(a.article.id);
  w.Key("url").String(a.article.url);
  w.Key("outlet").String(a.article.source);
  w.Key("date").String(a.article.date.ToString());
  w.Key("title").String(a.article.title);
  w.Key("lang").String(LangCode(a.article.lang_hint));
  w.Key("text").String(a.article.text);
  w.Key("events").BeginArray();
  for (StoredEvent& se : a.events) {
    Event& e = se.event;
    std::optional<std::pair<size_t, size_t>> h;
    if (e.span_begin < e.span_end && e.span_end <= a.article.text.size()) {
      // The sentence holding the evidence's start; the evidence may run past its end.
      auto it = std::upper_bound(sentences.begin(), sentences.end(), e.span_begin,
                                 [](uint32_t at, const Sentence& s) { return at < s.begin; });
      uint32_t begin = e.span_begin, end = e.span_end;
      if (it != sentences.begin() && e.span_begin < std::prev(it)->end) {
        begin = std::prev(it)->begin;
        end = std::max(end, std::prev(it)->end);
      }
      e.text = a.article.text.substr(begin, end - begin);
      h = std::make_pair(e.span_begin - begin, e.span_end - begin);
    }
    WriteEvent(names_, se, h, w);
  }
  w.EndArray().EndObject();
  return Ok(w);
}

ApiResponse Api::Codes(const Params& params) const {
  ParamReader r(params, {}, options_.max_param_bytes);
  if (!r.ok()) return ErrorResponse(400, r.error());
  JsonWriter w;
  w.BeginObject();
  w.Key("quads").BeginArray();
  for (int q = 1; q <= 4; ++q) {
    w.BeginObject().Key("quad").Int(q).Key("name").String(QuadName(q)).EndObject();
  }
  w.EndArray();
  w.Key("roots").BeginArray();
  for (const auto& [code, c] : names_.codes) {
    if (code.size() != 2) continue;
    w.BeginObject();
    w.Key("code").String(code).Key("label").String(c.label_en).Key("quad").Int(c.quad);
    w.EndObject();
  }
  w.EndArray();
  w.Key("codes").BeginArray();
  for (const auto& [code, c] : names_.codes) {
    w.BeginObject();
    w.Key("code").String(code);
    w.Key("root").String(code.substr(0, 2));
    w.Key("label").String(c.label_en);
    w.Key("goldstein").Double(c.goldstein);
    w.Key("quad").Int(c.quad);
    w.Key("plover").String(c.plover);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return Ok(w);
}

}  // namespace rasad::serve
