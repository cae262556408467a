// The event store on SQLite: schema, ingest (coding on worker threads, writing whole articles per
// transaction on the calling thread), de-duplication, and the query paths.
#include "rasad/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

#include "rasad/text.h"
#include "rasad/utf8.h"
#include "rasad/version.h"
#include "src/base/clock.h"

namespace rasad {
namespace {

// 2: events without `date` (it is `day` and `date_precision`) and with the evidence sentence as
// a byte range of the first mention's article (`text` only when the article does not hold it);
// the evidence table tokenized by rasad_keys (a store upgraded from 1 keeps unicode61, which gives
// the same tokens). Tools other than rasad can read every table but `evidence` (they lack the
// tokenizer).
constexpr int kSchemaVersion = 2;
constexpr int kApplicationId = 0x72736164;  // "rsad"

// The full-text index's rowid of a sentence: the article's row and the sentence's index.
constexpr int kSentenceBits = 20;
constexpr uint32_t kMaxIndexedSentence = 1u << kSentenceBits;
int64_t EvidenceRowid(int64_t article_row, uint32_t sentence) {
  return (article_row << kSentenceBits) | sentence;
}

// The schema. `day` columns hold a sortable date: YYYYMMDD, with MM and DD 00 when only the year
// or month is known, 0 when undated; date ranges and periods are integer arithmetic on it.
// Columns carry no NOT NULL constraints on purpose: with them SQLite keeps a statement journal
// for every insert in a transaction (a third of the ingest time); the writer binds every column.
constexpr const char* kSchema = R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE articles(
  id INTEGER PRIMARY KEY,
  article_id TEXT UNIQUE,         -- as given, or "h" + content hash
  url TEXT,
  outlet TEXT,                    -- the input's "source"
  date TEXT,                      -- "YYYY", "YYYY-MM", "YYYY-MM-DD" or ""
  date_precision TEXT,            -- "day", "month", "year" or ""
  day INTEGER,                    -- sortable date (see above)
  lang TEXT,                      -- detected: "ar", "fa", "other", ""
  title TEXT,
  text TEXT,                      -- as given: spans are byte offsets into it
  origin TEXT,                    -- "file:line" it was read from
  content_hash TEXT,              -- of title and text
  skip_reason TEXT,               -- "" when coded, else why not ("language: other")
  events INTEGER,                 -- event mentions coded from it
  ingested TEXT                   -- UTC, ISO 8601
);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  event_id TEXT,                  -- the first mention's event_id
  date_precision TEXT,            -- with day, the date
  day INTEGER,
  source TEXT, source_country TEXT,
  source_name TEXT, source_label TEXT,
  target TEXT, target_country TEXT,
  target_name TEXT, target_label TEXT,
  code TEXT, root TEXT, quad INTEGER, goldstein REAL,
  plover TEXT, label TEXT, place TEXT,
  negated INTEGER, intent INTEGER, reported INTEGER,
  lang TEXT,
  scope INTEGER,                  -- 0; undated events: their article (no merging across)
  article INTEGER,                -- first mention: articles.id, sentence, span, text
  sentence INTEGER, span_begin INTEGER, span_end INTEGER,
  text TEXT,                      -- NULL when the article's text holds it at text_begin..text_end
  num_mentions INTEGER,           -- sentences telling it
  num_articles INTEGER,           -- articles telling it
  num_sources INTEGER,            -- distinct outlets telling it
  text_begin INTEGER,             -- byte range of the text in the article (text NULL)
  text_end INTEGER
);
-- Its secondary indexes: kEventIndexes.

-- Each telling of an event: article, sentence (index in the article), evidence span.
CREATE TABLE mentions(
  article INTEGER,                -- articles.id
  sentence INTEGER,
  event INTEGER,                  -- events.id
  span_begin INTEGER,
  span_end INTEGER,
  PRIMARY KEY(article, sentence, event, span_begin)
) WITHOUT ROWID;
CREATE INDEX mentions_event ON mentions(event);

-- Full-text search of the evidence sentences by matching key: keys = the words' keys, stems =
-- their clitic-stripped forms. The rowid is articles.id << 20 | the sentence's index.
-- rasad_keys: unicode61's tokens, found faster (see KeysTokenizer).
CREATE VIRTUAL TABLE evidence USING fts5(
  keys, stems, content='', columnsize=0, tokenize='rasad_keys remove_diacritics 0');
)sql";

// Version 1 → 2, inside a write transaction: the rows already stored keep their text (and are
// read from there); `date` goes (rewriting the table once).
constexpr const char* kUpgradeFrom1 =
    "ALTER TABLE events ADD COLUMN text_begin INTEGER;"
    "ALTER TABLE events ADD COLUMN text_end INTEGER;"
    "ALTER TABLE events DROP COLUMN date;"
    "PRAGMA user_version=2;";

// The events table's secondary indexes, created with the schema; a bulk load drops them and
// builds them again at its end (see store.h).
struct IndexDef {
  const char* name;
  const char* sql;  // "CREATE [UNIQUE] INDEX name ON …"
};
constexpr IndexDef kEventIndexes[] = {
    // The de-duplication key; also serves source-actor prefixes.
    {"events_key",
     "CREATE UNIQUE INDEX events_key ON events(source, target, code, day, negated, intent, scope)"},
    // Dyad timelines and country filters, covering (also for actor codes): no table look-up.
    {"events_dyad",
     "CREATE INDEX events_dyad ON events(source_country, target_country, day, quad, goldstein, "
     "negated, source, target)"},
    {"events_target_country", "CREATE INDEX events_target_country ON events(target_country, day)"},
    {"events_day", "CREATE INDEX events_day ON events(day)"},
    {"events_code", "CREATE INDEX events_code ON events(code, day)"},
};

// The meta key saying a bulk load has dropped kEventIndexes and not yet built them again.
constexpr const char* kBulkLoadKey = "bulk_load";

// FTS5's in-memory buffer of pending terms while bulk loading (default 1 MB): fewer, larger
// segments to write and merge. The buffer is flushed at every commit anyway.
constexpr int64_t kBulkFtsHashBytes = 64 << 20;

// ---- The full-text tokenizer ----

// "rasad_keys": the tokens of FTS5's unicode61 tokenizer (with the same arguments), found
// faster. The evidence columns hold keys that are already folded (text.h), but unicode61 folds
// and classifies every character again through binary searches: three quarters of the
// instructions of an evidence insert. Text made only of ASCII spaces and of characters that
// unicode61 keeps as they are, one token each (asked of unicode61 itself, per code point, once
// per process), is split at the spaces here; any other text goes to unicode61. Tokens, offsets and
// positions are therefore unicode61's, for documents and queries alike.
class KeysTokenizer {
 public:
  // Registers the tokenizer on `db` (every connection that reads or writes the evidence table).
  static int Register(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    rc = sqlite3_finalize(st);
    if (rc != SQLITE_OK) return rc;
    if (api == nullptr || api->iVersion < 2) return SQLITE_ERROR;
    auto base = std::make_unique<Base>();
    rc = api->xFindTokenizer(api, "unicode61", &base->context, &base->unicode61);
    if (rc != SQLITE_OK) return rc;
    fts5_tokenizer methods = {&Create, &Delete, &Tokenize};
    return api->xCreateTokenizer(api, "rasad_keys", base.release(), &methods,
                                 [](void* p) { delete static_cast<Base*>(p); });
  }

 private:
  struct Base {  // per connection: its unicode61
    void* context = nullptr;
    fts5_tokenizer unicode61{};
  };
  struct Instance {
    const Base* base;
    Fts5Tokenizer* unicode61 = nullptr;
    bool fast = false;  // created with the arguments the plain set was asked with
  };
  // Code points below U+10000 that unicode61 (remove_diacritics 0) turns into a token of
  // themselves.
  using Plain = std::vector<bool>;

  static int Create(void* context, const char** args, int n, Fts5Tokenizer** out) {
    const Base* base = static_cast<const Base*>(context);
    auto t = std::make_unique<Instance>();
    t->base = base;
    int rc = base->unicode61.xCreate(base->context, args, n, &t->unicode61);
    if (rc != SQLITE_OK) return rc;
    t->fast = n == 2 && std::string_view(args[0]) == "remove_diacritics" &&
              std::string_view(args[1]) == "0" && !PlainSet(*t).empty();
    *out = reinterpret_cast<Fts5Tokenizer*>(t.release());
    return SQLITE_OK;
  }
  static void Delete(Fts5Tokenizer* p) {
    auto* t = reinterpret_cast<Instance*>(p);
    t->base->unicode61.xDelete(t->unicode61);
    delete t;
  }

  // Asked once, of the first instance with the plain arguments (unicode61 is the same code on
  // every connection).
  static const Plain& PlainSet(const Instance& t) {
    static const Plain plain = [&] {
      Plain set(0x10000, false);
      struct Probe {
        std::string_view text;
        int tokens = 0;
        bool same = false;
      };
      auto ask = [&](uint32_t cp) {
        std::string buf;
        AppendUtf8(cp, buf);
        Probe probe{buf};
        t.base->unicode61.xTokenize(
            t.unicode61, &probe, FTS5_TOKENIZE_DOCUMENT, buf.data(), static_cast<int>(buf.size()),
            [](void* ctx, int flags, const char* token, int n, int begin, int end) {
              auto* p = static_cast<Probe*>(ctx);
              ++p->tokens;
              p->same = flags == 0 && std::string_view(token, n) == p->text && begin == 0 &&
                        end == static_cast<int>(p->text.size());
              return SQLITE_OK;
            });
        return probe.tokens == 1 && probe.same;
      };
      // ASCII and the Arabic-script blocks (Arabic, Supplement, Extended-A, Presentation Forms).
      const std::pair<uint32_t, uint32_t> ranges[] = {{0x21, 0x7e},     {0x600, 0x6ff},
                                                      {0x750, 0x77f},   {0x8a0, 0x8ff},
                                                      {0xfb50, 0xfdff}, {0xfe70, 0xfeff}};
      for (auto [from, to] : ranges) {
        for (uint32_t cp = from; cp <= to; ++cp) set[cp] = ask(cp);
      }
      // The split below assumes that the ASCII space separates and is no token.
      std::string space = " ";
      Probe probe{space};
      t.base->unicode61.xTokenize(t.unicode61, &probe, FTS5_TOKENIZE_DOCUMENT, space.data(), 1,
                                  [](void* ctx, int, const char*, int, int, int) {
                                    ++static_cast<Probe*>(ctx)->tokens;
                                    return SQLITE_OK;
                                  });
      if (probe.tokens != 0) set.clear();
      return set;
    }();
    return plain;
  }

  // Whether `text` holds only spaces and plain characters, in shortest-form UTF-8 (one to three
  // bytes).
  static bool AllPlain(const Plain& plain, std::string_view text) {
    for (size_t i = 0; i < text.size();) {
      if (text[i] == ' ') {
        ++i;
        continue;
      }
      const int32_t cp = DecodeUtf8(text, i);  // -1: invalid UTF-8, for unicode61 to judge
      if (cp < 0 || static_cast<size_t>(cp) >= plain.size() || !plain[cp]) return false;
    }
    return true;
  }

  static int Tokenize(Fts5Tokenizer* p, void* ctx, int flags, const char* data, int n,
                      int (*token)(void*, int, const char*, int, int, int)) {
    auto* t = reinterpret_cast<Instance*>(p);
    const std::string_view text(data, n > 0 ? static_cast<size_t>(n) : 0);
    if (!t->fast || !AllPlain(PlainSet(*t), text)) {
      return t->base->unicode61.xTokenize(t->unicode61, ctx, flags, data, n, token);
    }
    for (size_t i = 0; i < text.size();) {
      if (text[i] == ' ') {
        ++i;
        continue;
      }
      size_t end = text.find(' ', i);
      if (end == std::string_view::npos) end = text.size();
      const int begin = static_cast<int>(i), stop = static_cast<int>(end);
      if (int rc = token(ctx, 0, data + i, stop - begin, begin, stop); rc != SQLITE_OK) return rc;
      i = end;
    }
    return SQLITE_OK;
  }
};

// ---- SQLite helpers ----

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }

  int Prepare(sqlite3* db, const std::string& sql) {
    sqlite3_finalize(s_);
    s_ = nullptr;
    return sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &s_, nullptr);
  }
  sqlite3_stmt* get() const { return s_; }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  // Strings bound here must outlive the next Step().
  void Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  void BindCopy(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
  int Step() { return sqlite3_step(s_); }

  int64_t Int(int c) const { return sqlite3_column_int64(s_, c); }
  double Real(int c) const { return sqlite3_column_double(s_, c); }
  std::string Text(int c) const {
    const char* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    int n = sqlite3_column_bytes(s_, c);
    return p ? std::string(p, n) : std::string();
  }
  std::string Blob(int c) const {
    const char* p = static_cast<const char*>(sqlite3_column_blob(s_, c));
    int n = sqlite3_column_bytes(s_, c);
    return p ? std::string(p, n) : std::string();
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

Status SqlError(sqlite3* db, int rc, const std::string& path, const std::string& what) {
  std::string msg = path + ": " + what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss(msg);
    case SQLITE_FULL:
      return ResourceExhausted(msg);
    case SQLITE_CANTOPEN:
      return NotFound(msg);
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_ERROR:
      return Status(StatusCode::kInternal, msg);
    default:
      return IoError(msg);
  }
}

int64_t SortableDay(const Date& d) {
  switch (d.precision) {
    case DatePrecision::kDay:
      return d.year * 10000LL + d.month * 100 + d.day;
    case DatePrecision::kMonth:
      return d.year * 10000LL + d.month * 100;
    case DatePrecision::kYear:
      return d.year * 10000LL;
    case DatePrecision::kNone:
      return 0;
  }
  return 0;
}

Date DateFromDay(int64_t day, std::string_view precision) {
  Date d;
  if (day <= 0 || precision.empty()) return d;
  d.year = static_cast<int>(day / 10000);
  if (precision == "year") {
    d.precision = DatePrecision::kYear;
    return d;
  }
  d.month = static_cast<int>(day / 100 % 100);
  if (precision == "month") {
    d.precision = DatePrecision::kMonth;
    return d;
  }
  d.day = static_cast<int>(day % 100);
  d.precision = DatePrecision::kDay;
  return d;
}

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// ---- Filters → SQL ----

using BindValue = std::variant<int64_t, double, std::string>;

struct Where {
  std::string sql;  // " AND …" clauses over `events e`
  std::vector<BindValue> binds;
  void Clause(const std::string& c) { sql += " AND " + c; }
};

void BindAll(Stmt& st, const std::vector<BindValue>& binds, int first = 1) {
  int i = first;
  for (const BindValue& b : binds) {
    if (const auto* n = std::get_if<int64_t>(&b)) {
      st.Bind(i++, *n);
    } else if (const auto* r = std::get_if<double>(&b)) {
      st.Bind(i++, *r);
    } else {
      st.BindCopy(i++, std::get<std::string>(b));
    }
  }
}

// Codes are ASCII capitals and digits, so every code with a prefix P lies in [P, P + 0x7F).
std::string PrefixEnd(const std::string& p) { return p + "\x7f"; }

// An actor prefix on one side ("source" or "target"). A country code (3 letters) or a prefix that
// cannot reach past a country (≤ 3 letters, or an IGO/IMG/NGO code, whose country is the whole
// code) is matched on the country column, which the covering dyad index serves; a longer state
// actor code is matched on the code itself. Both mean "the code starts with A" (data/README.md:
// a code starts with its country).
std::string ActorSide(const char* side, const std::string& a, std::vector<BindValue>& binds) {
  std::string s(side);
  if (a.size() == 3 && !IsGroupCode(a)) {
    binds.emplace_back(a);
    return "e." + s + "_country = ?";
  }
  if (a.size() <= 3 || IsGroupCode(a)) {
    binds.emplace_back(a);
    binds.emplace_back(PrefixEnd(a));
    return "(e." + s + "_country >= ? AND e." + s + "_country < ?)";
  }
  // A state actor: its country (the first three letters) finds it through the country indexes.
  binds.emplace_back(a.substr(0, 3));
  binds.emplace_back(a);
  binds.emplace_back(PrefixEnd(a));
  return "(e." + s + "_country = ? AND e." + s + " >= ? AND e." + s + " < ?)";
}

StatusOr<int64_t> DayBound(const std::string& s, bool upper, const char* name) {
  auto d = ParseDate(s);
  if (!d.ok()) return InvalidArgument(std::string(name) + ": " + d.status().message());
  int64_t day = SortableDay(*d);
  if (upper) {
    if (d->precision == DatePrecision::kYear) day += 9999;
    if (d->precision == DatePrecision::kMonth) day += 99;
  }
  return day;
}

StatusOr<Where> BuildWhere(const EventFilter& f, bool with_actor) {
  Where w;
  if (with_actor && !f.actor.empty()) {
    const std::string a = Upper(f.actor);
    if (f.actor_b.empty()) {
      std::string s = ActorSide("source", a, w.binds);
      std::string t = ActorSide("target", a, w.binds);
      w.Clause("(" + s + " OR " + t + ")");
    } else {
      const std::string b = Upper(f.actor_b);
      std::string ab = ActorSide("source", a, w.binds);
      ab += " AND " + ActorSide("target", b, w.binds);
      if (f.directed) {
        w.Clause("(" + ab + ")");
      } else {
        std::string ba = ActorSide("source", b, w.binds);
        ba += " AND " + ActorSide("target", a, w.binds);
        w.Clause("((" + ab + ") OR (" + ba + "))");
      }
    }
  } else if (with_actor && !f.actor_b.empty()) {
    return InvalidArgument("a second actor needs a first one");
  }
  if (!f.country.empty()) {
    const std::string c = Upper(f.country);
    w.Clause("(e.source_country = ? OR e.target_country = ?)");
    w.binds.emplace_back(c);
    w.binds.emplace_back(c);
  }
  if (!f.code.empty()) {
    for (char c : f.code) {
      if (c < '0' || c > '9') return InvalidArgument("event code '" + f.code + "': digits only");
    }
    w.Clause("e.code >= ? AND e.code < ?");
    w.binds.emplace_back(f.code);
    w.binds.emplace_back(PrefixEnd(f.code));
  }
  if (f.quad != 0) {
    if (f.quad < 1 || f.quad > 4) return InvalidArgument("quad class must be 1..4");
    w.Clause("e.quad = ?");
    w.binds.emplace_back(int64_t{f.quad});
  }
  if (!f.date_from.empty()) {
    auto d = DayBound(f.date_from, false, "from");
    if (!d.ok()) return d.status();
    w.Clause("e.day >= ?");
    w.binds.emplace_back(std::max<int64_t>(*d, 1));
  }
  if (!f.date_to.empty()) {
    auto d = DayBound(f.date_to, true, "to");
    if (!d.ok()) return d.status();
    w.Clause("e.day BETWEEN 1 AND ?");
    w.binds.emplace_back(*d);
  }
  if (!f.lang.empty()) {
    w.Clause("e.lang = ?");
    w.binds.emplace_back(std::string(LangCode(LangFromCode(f.lang))));
  }
  if (!f.outlet.empty()) {
    w.Clause(
        "e.id IN (SELECT m.event FROM articles a JOIN mentions m ON m.article = a.id "
        "WHERE a.outlet = ?)");
    w.binds.emplace_back(f.outlet);
  }
  if (!f.text.empty()) {
    std::string q = FullTextQuery(f.text);
    if (q.empty()) return InvalidArgument("search text '" + f.text + "' has no words");
    w.Clause("e.id IN (SELECT m.event FROM evidence v JOIN mentions m ON m.article = (v.rowid >> " +
             std::to_string(kSentenceBits) + ") AND m.sentence = (v.rowid & " +
             std::to_string(kMaxIndexedSentence - 1) + ") WHERE evidence MATCH ?)");
    w.binds.emplace_back(std::move(q));
  }
  if (!f.include_negated) w.Clause("e.negated = 0");
  return w;
}

// The columns StoredEvent is read from, over `events e JOIN articles a` (a: the first mention's
// article), in a store of schema `version`. From version 2 the evidence text is cut from the
// article when the row does not hold it.
std::string EventColumns(int64_t version) {
  const char* text = version < 2
                         ? "e.text"
                         : "coalesce(e.text, substr(CAST(a.text AS BLOB), e.text_begin + 1, "
                           "e.text_end - e.text_begin))";
  return std::string(
             "e.id, e.event_id, a.article_id, e.sentence, e.lang, e.day, e.date_precision, "
             "e.source, e.source_country, e.source_name, e.source_label, "
             "e.target, e.target_country, e.target_name, e.target_label, "
             "e.code, e.root, e.quad, e.goldstein, e.plover, e.label, e.place, "
             "e.negated, e.intent, e.reported, e.span_begin, e.span_end, ") +
         text + ", e.num_mentions, e.num_articles, e.num_sources, a.url, a.outlet, a.ingested";
}

void ReadEvent(const Stmt& st, StoredEvent* out) {
  StoredEvent& s = *out;
  Event& e = s.event;
  s.id = st.Int(0);
  e.event_id = st.Text(1);
  e.article_id = st.Text(2);
  e.sentence = static_cast<uint32_t>(st.Int(3));
  e.lang = LangFromCode(st.Text(4));
  e.date = DateFromDay(st.Int(5), st.Text(6));
  e.source = st.Text(7);
  e.source_country = st.Text(8);
  e.source_name = st.Text(9);
  e.source_label = st.Text(10);
  e.target = st.Text(11);
  e.target_country = st.Text(12);
  e.target_name = st.Text(13);
  e.target_label = st.Text(14);
  e.code = st.Text(15);
  e.root = st.Text(16);
  e.quad = static_cast<int>(st.Int(17));
  e.goldstein = st.Real(18);
  e.plover = st.Text(19);
  e.label = st.Text(20);
  e.place = st.Text(21);
  e.negated = st.Int(22) != 0;
  e.intent = st.Int(23) != 0;
  e.reported = st.Int(24) != 0;
  e.span_begin = static_cast<uint32_t>(st.Int(25));
  e.span_end = static_cast<uint32_t>(st.Int(26));
  e.text = st.Text(27);
  s.mentions = static_cast<uint32_t>(st.Int(28));
  s.articles = static_cast<uint32_t>(st.Int(29));
  s.sources = static_cast<uint32_t>(st.Int(30));
  s.url = st.Text(31);
  s.outlet = st.Text(32);
  s.added = st.Text(33);
}

std::string EventSelect(int64_t version, const Where& w, bool newest_first) {
  return "SELECT " + EventColumns(version) +
         " FROM events e JOIN articles a ON a.id = e.article WHERE 1" + w.sql + " ORDER BY e.day" +
         (newest_first ? " DESC, e.id DESC" : ", e.id");
}

std::string PeriodName(int64_t p, Period by) {
  char buf[64];
  switch (by) {
    case Period::kYear:
      std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(p));
      break;
    case Period::kMonth:
      std::snprintf(buf, sizeof buf, "%04lld-%02lld", static_cast<long long>(p / 100),
                    static_cast<long long>(p % 100));
      break;
    case Period::kDay:
      std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(p / 10000),
                    static_cast<long long>(p / 100 % 100), static_cast<long long>(p % 100));
      break;
  }
  return buf;
}

// Where `article` holds `text` (the evidence sentence), or npos. The pipeline cuts the sentence
// from the article, at or before the event's span: looked for there first, then anywhere (any
// occurrence holds the same bytes).
size_t TextInArticle(std::string_view article, std::string_view text, uint32_t span_begin) {
  size_t at = article.rfind(text, span_begin);
  return at != std::string_view::npos ? at : article.find(text);
}

// The in-article de-duplication key of an event (the store's key minus the article scope).
std::string EventKey(const Event& e) {
  std::string k;
  k.reserve(64);
  k.append(e.source).push_back('\0');
  k.append(e.target).push_back('\0');
  k.append(e.code).push_back('\0');
  k.append(std::to_string(SortableDay(e.date))).push_back('\0');
  k.push_back(e.negated ? '1' : '0');
  k.push_back(e.intent ? '1' : '0');
  return k;
}

}  // namespace

// ---- Keys for full-text search ----

EvidenceKeys KeySentence(const TokenizedText& text, const Sentence& sentence, uint32_t index,
                         Lang lang) {
  EvidenceKeys k;
  k.sentence = index;
  for (uint32_t i = sentence.first_token; i < sentence.end_token && i < text.tokens().size(); ++i) {
    const Token& tok = text.tokens()[i];
    if (tok.kind != TokenKind::kWord && tok.kind != TokenKind::kNumber) continue;
    std::string_view key = text.key(tok);
    if (key.empty()) continue;
    if (!k.keys.empty()) k.keys.push_back(' ');
    k.keys.append(key);
    if (tok.kind != TokenKind::kWord) continue;
    std::vector<CliticCandidate> cands = CliticCandidates(key, lang);
    for (size_t c = 1; c < cands.size(); ++c) {
      if (!k.stems.empty()) k.stems.push_back(' ');
      k.stems.append(cands[c].key);
    }
  }
  return k;
}

namespace {

// The keys of a whole text (an event's sentence, when the pipeline gave none).
EvidenceKeys KeyText(std::string_view text, uint32_t index, Lang lang) {
  TokenizedText t;
  t.Analyze(text);
  EvidenceKeys out;
  out.sentence = index;
  for (const Sentence& sent : t.sentences()) {
    EvidenceKeys part = KeySentence(t, sent, index, lang);
    if (!part.keys.empty() && !out.keys.empty()) out.keys.push_back(' ');
    out.keys += part.keys;
    if (!part.stems.empty() && !out.stems.empty()) out.stems.push_back(' ');
    out.stems += part.stems;
  }
  return out;
}

}  // namespace

std::string FullTextQuery(std::string_view query) {
  TokenizedText t;
  t.Analyze(query);
  std::string q;
  const auto& toks = t.tokens();
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& tok = toks[i];
    if (tok.kind != TokenKind::kWord && tok.kind != TokenKind::kNumber) continue;
    std::string_view key = t.key(tok);
    if (key.empty()) continue;
    if (!q.empty()) q.push_back(' ');
    q.push_back('"');
    for (char c : key) {
      if (c == '"') q.push_back('"');
      q.push_back(c);
    }
    q.push_back('"');
    if (i + 1 < toks.size() && toks[i + 1].begin == tok.end && t.surface(toks[i + 1]) == "*") {
      q.push_back('*');
    }
  }
  return q;
}

double NetCooperation(const int64_t quad[4]) {
  int64_t all = quad[0] + quad[1] + quad[2] + quad[3];
  if (all == 0) return 0;
  return static_cast<double>(quad[0] + quad[1] - quad[2] - quad[3]) / static_cast<double>(all);
}

// ---- Open ----

Store::Store(sqlite3* db, std::string path, bool writable)
    : db_(db), path_(std::move(path)), writable_(writable) {}

struct Store::Writer {
  Stmt insert_article, insert_evidence, upsert_event, insert_mention;
  Stmt insert_event, update_event;  // bulk loading: no unique index to upsert against
};

// While bulk loading: the de-duplication key's 64-bit hash → events.id, in a flat open-addressed
// table (16 bytes an event). Hash values double as probe positions in a 64-bit space: a key whose
// value is taken by another key (a collision, found when the row does not match) tries the next
// value, so every stored key holds a value of its own and a look-up walks the same path. Undated
// events (scope = their article) never merge across articles and are left out.
class Store::KeyIds {
 public:
  KeyIds() : slots_(1 << 16) {}
  static uint64_t First(uint64_t hash) { return hash == 0 ? 1 : hash; }  // 0 marks an empty slot
  static uint64_t Next(uint64_t value) { return First(value + 1); }
  int64_t Find(uint64_t value) const {  // 0 when absent (ids start at 1)
    for (size_t i = value & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].value == value) return slots_[i].id;
      if (slots_[i].value == 0) return 0;
    }
  }
  void Insert(uint64_t value, int64_t id) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    Put(value, id);
    ++used_;
  }
  // The value a key with `hash` gets when it is not stored yet (no verification needed: for
  // loading rows that are known to be distinct).
  uint64_t FreeValue(uint64_t hash) const {
    uint64_t v = First(hash);
    while (Find(v) != 0) v = Next(v);
    return v;
  }

 private:
  struct Slot {
    uint64_t value = 0;
    int64_t id = 0;
  };
  void Put(uint64_t value, int64_t id) {
    size_t i = value & (slots_.size() - 1);
    while (slots_[i].value != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = {value, id};
  }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.value != 0) Put(slot.value, slot.id);
    }
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

namespace {

// The hash of the store's de-duplication key (events_key without the scope, which is 0 for every
// event that can merge across articles).
uint64_t StoreKeyHash(std::string_view source, std::string_view target, std::string_view code,
                      int64_t day, bool negated, bool intent, std::string& buf) {
  buf.clear();
  buf.append(source).push_back('\0');
  buf.append(target).push_back('\0');
  buf.append(code).push_back('\0');
  buf.append(std::to_string(day));
  buf.push_back(negated ? '1' : '0');
  buf.push_back(intent ? '1' : '0');
  return StableHash64(buf);
}

}  // namespace

Store::~Store() {
  writer_.reset();  // finalize statements before closing
  sqlite3_close_v2(db_);
}

Status Store::Error(const std::string& what) const {
  return SqlError(db_, sqlite3_errcode(db_), path_, what);
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path, bool writable) {
  sqlite3* db = nullptr;
  int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqlError(
        db, rc, path,
        writable ? "cannot open or create the store" : "cannot open the store (no such file?)");
    sqlite3_close_v2(db);
    return s;
  }
  std::unique_ptr<Store> store(new Store(db, path, writable));
  sqlite3_extended_result_codes(db, 1);
  if (KeysTokenizer::Register(db) != SQLITE_OK) {
    return store->Error("registering the full-text tokenizer rasad_keys");
  }
  sqlite3_busy_timeout(db, 10000);
  auto exec = [&](const std::string& sql) -> Status {
    char* err = nullptr;
    int r = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    if (r != SQLITE_OK) {
      std::string m = err ? err : sqlite3_errstr(r);
      sqlite3_free(err);
      Status s = SqlError(nullptr, r, path, m);
      return Status(s.code(), path + ": " + m);
    }
    return Status::Ok();
  };
  auto pragma_int = [&](const char* name, int64_t* out) -> Status {
    Stmt st;
    if (st.Prepare(db, std::string("PRAGMA ") + name) != SQLITE_OK || st.Step() != SQLITE_ROW) {
      return store->Error(std::string("reading PRAGMA ") + name + " (not a rasad store?)");
    }
    *out = st.Int(0);
    return Status::Ok();
  };
  int64_t app_id = 0, version = 0, tables = 0;
  if (Status s = pragma_int("application_id", &app_id); !s.ok()) return s;
  if (Status s = pragma_int("user_version", &version); !s.ok()) return s;
  {
    Stmt st;
    if (st.Prepare(db, "SELECT count(*) FROM sqlite_schema") != SQLITE_OK ||
        st.Step() != SQLITE_ROW) {
      return store->Error("reading the schema (not a rasad store?)");
    }
    tables = st.Int(0);
  }
  if (tables > 0 && app_id != kApplicationId) {
    return InvalidArgument(path + ": not a rasad store (an SQLite database of something else)");
  }
  if (version > kSchemaVersion) {
    return Unsupported(path + ": store schema version " + std::to_string(version) +
                       " is newer than this rasad's (" + std::to_string(kSchemaVersion) + ")");
  }
  if (writable) {
    // WAL: readers beside one writer, and a killed writer leaves the last committed state.
    if (Status s = exec("PRAGMA journal_mode=WAL"); !s.ok()) return s;
    // A large page cache: index pages of a big store stay in memory across transactions.
    if (Status s = exec("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;"); !s.ok()) {
      return s;
    }
  } else {
    if (Status s = exec("PRAGMA cache_size=-32768; PRAGMA query_only=1;"); !s.ok()) return s;
  }
  if (tables > 0 && version < kSchemaVersion) {
    if (version != 1) {
      return Unsupported(path + ": store schema version " + std::to_string(version) +
                         " is not one this rasad can read or upgrade (it knows 1 to " +
                         std::to_string(kSchemaVersion) + ")");
    }
    // Read-only: read as version 1 (the queries know both). Writable: upgraded in place.
    if (writable) {
      // The version again under the write lock: another process may have upgraded it meanwhile.
      Status s = exec("BEGIN IMMEDIATE");
      if (s.ok()) s = pragma_int("user_version", &version);
      if (s.ok() && version == 1) s = exec(kUpgradeFrom1);
      if (s.ok()) s = exec("COMMIT");
      if (!s.ok()) {
        exec("ROLLBACK");
        return Status(s.code(), s.message() + " (upgrading the store's schema from version 1)");
      }
      version = kSchemaVersion;
    }
  }
  store->schema_version_ = tables == 0 ? kSchemaVersion : version;
  if (tables == 0) {
    if (!writable) return InvalidArgument(path + ": empty file, not a rasad store");
    std::string sql = std::string("BEGIN IMMEDIATE;") + kSchema;
    for (const IndexDef& index : kEventIndexes) sql += std::string(index.sql) + ";";
    sql += "PRAGMA application_id=" + std::to_string(kApplicationId) +
           ";PRAGMA user_version=" + std::to_string(kSchemaVersion) +
           ";INSERT INTO meta VALUES('created','" + NowUtc() + "'),('rasad_version','" +
           RASAD_VERSION + "');COMMIT;";
    if (Status s = exec(sql); !s.ok()) {
      exec("ROLLBACK");
      return s;
    }
  }
  return store;
}

// ---- Writing ----

Status Store::Add(const std::vector<CodedArticle>& batch, IngestStats* stats) {
  if (!writable_) return InvalidArgument(path_ + ": store opened read-only");
  // A bulk load left unfinished (killed): the upsert needs the unique key index back.
  auto pending = BulkPending();
  if (!pending.ok()) return pending.status();
  if (*pending) {
    if (Status s = FinishBulk(); !s.ok()) return s;
  }
  if (Status s = Begin(); !s.ok()) return s;
  IngestStats add;
  if (Status s = Write(batch, &add); !s.ok()) {
    Rollback();
    return s;
  }
  return Commit(add, stats);
}

Status Store::Begin() {
  if (!writable_) return InvalidArgument(path_ + ": store opened read-only");
  if (Status s = PrepareWriter(); !s.ok()) return s;
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error("starting a transaction");
  }
  return Status::Ok();
}

Status Store::Commit(const IngestStats& add, IngestStats* stats) {
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = Error("committing");
    Rollback();
    return s;
  }
  if (stats != nullptr) {
    stats->articles_new += add.articles_new;
    stats->articles_already += add.articles_already;
    stats->events_new += add.events_new;
    stats->mentions_new += add.mentions_new;
  }
  return Status::Ok();
}

void Store::Rollback() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

StatusOr<bool> Store::BulkPending() {
  Stmt st;
  if (st.Prepare(db_, std::string("SELECT 1 FROM meta WHERE key = '") + kBulkLoadKey + "'") !=
      SQLITE_OK) {
    return Error("reading the store's meta table");
  }
  int rc = st.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("reading the store's meta table");
  return rc == SQLITE_ROW;
}

Status Store::LoadKeyIds() {
  auto ids = std::make_unique<KeyIds>();
  Stmt st;
  if (st.Prepare(db_,
                 "SELECT id, source, target, code, day, negated, intent FROM events "
                 "WHERE scope = 0") != SQLITE_OK) {
    return Error("preparing to read the event keys");
  }
  auto text = [&](int c) {
    const char* p = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), c));
    return p ? std::string_view(p, sqlite3_column_bytes(st.get(), c)) : std::string_view();
  };
  std::string buf;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    // Every stored key is distinct (the unique index, or this table, made sure): no verifying.
    uint64_t hash =
        StoreKeyHash(text(1), text(2), text(3), st.Int(4), st.Int(5) != 0, st.Int(6) != 0, buf);
    ids->Insert(ids->FreeValue(hash), st.Int(0));
  }
  if (rc != SQLITE_DONE) return Error("reading the event keys");
  bulk_ = std::move(ids);
  return Status::Ok();
}

Status Store::StartBulk() {
  if (Status s = LoadKeyIds(); !s.ok()) return s;
  std::string sql;
  for (const IndexDef& index : kEventIndexes) {
    sql += std::string("DROP INDEX IF EXISTS ") + index.name + ";";
  }
  sql += std::string("INSERT OR REPLACE INTO meta VALUES('") + kBulkLoadKey +
         "', 'events indexes pending: dropped for a bulk load, built again when it ends');"
         "INSERT INTO evidence(evidence, rank) VALUES('hashsize', " +
         std::to_string(kBulkFtsHashBytes) + ");";
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = Error("dropping the events indexes for a bulk load");
    bulk_.reset();
    return s;
  }
  return Status::Ok();
}

Status Store::FinishBulk() {
  bulk_.reset();
  // The sorter may use a helper thread per core while building the indexes.
  const unsigned cores = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::string sql = "PRAGMA threads=" + std::to_string(cores) + ";BEGIN IMMEDIATE;";
  for (const IndexDef& index : kEventIndexes) {
    std::string create = index.sql;  // the stored schema drops IF NOT EXISTS again
    create.insert(create.find("INDEX ") + 6, "IF NOT EXISTS ");
    sql += create + ";";
  }
  sql +=
      std::string("DELETE FROM meta WHERE key = '") + kBulkLoadKey + "';COMMIT;PRAGMA threads=0;";
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = Error("building the events indexes after a bulk load (run the ingest again)");
    Rollback();
    sqlite3_exec(db_, "PRAGMA threads=0", nullptr, nullptr, nullptr);
    return s;
  }
  return Status::Ok();
}

Status Store::PrepareWriter() {
  if (!writer_) {
    auto w = std::make_unique<Writer>();
    struct {
      Stmt* st;
      const char* sql;
    } stmts[] = {
        {&w->insert_article,
         "INSERT INTO articles(article_id, url, outlet, date, date_precision, day, lang, title, "
         "text, origin, content_hash, skip_reason, events, ingested) "
         "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(article_id) DO NOTHING"},
        {&w->insert_evidence, "INSERT INTO evidence(rowid, keys, stems) VALUES(?,?,?)"},
        // A new event is told by one article of one outlet. An event already stored gains an
        // article (articles are stored once), and a source when no earlier mention of it came
        // from this article's outlet (?32).
        {&w->upsert_event,
         "INSERT INTO events(event_id, date_precision, day, source, source_country, "
         "source_name, source_label, target, target_country, target_name, target_label, code, "
         "root, quad, goldstein, plover, label, place, negated, intent, reported, lang, scope, "
         "article, sentence, span_begin, span_end, text, text_begin, text_end, num_mentions, "
         "num_articles, num_sources) "
         "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,1) "
         "ON CONFLICT(source, target, code, day, negated, intent, scope) DO UPDATE SET "
         "num_mentions = num_mentions + excluded.num_mentions, "
         "num_articles = num_articles + 1, "
         "num_sources = num_sources + NOT EXISTS(SELECT 1 FROM mentions m "
         "JOIN articles a ON a.id = m.article WHERE m.event = events.id AND a.outlet = ?32) "
         "RETURNING id, num_articles"},
        {&w->insert_mention,
         "INSERT OR IGNORE INTO mentions(article, sentence, event, span_begin, span_end) "
         "VALUES(?,?,?,?,?)"},
        // Bulk loading: the two halves of the upsert above, the key found through KeyIds. The
        // update checks the key, so a hash collision changes nothing and shows as no change.
        {&w->insert_event,
         "INSERT INTO events(event_id, date_precision, day, source, source_country, "
         "source_name, source_label, target, target_country, target_name, target_label, code, "
         "root, quad, goldstein, plover, label, place, negated, intent, reported, lang, scope, "
         "article, sentence, span_begin, span_end, text, text_begin, text_end, num_mentions, "
         "num_articles, num_sources) "
         "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,1)"},
        {&w->update_event,
         "UPDATE events SET num_mentions = num_mentions + ?1, num_articles = num_articles + 1, "
         "num_sources = num_sources + NOT EXISTS(SELECT 1 FROM mentions m "
         "JOIN articles a ON a.id = m.article WHERE m.event = events.id AND a.outlet = ?2) "
         "WHERE id = ?3 AND source = ?4 AND target = ?5 AND code = ?6 AND day = ?7 AND "
         "negated = ?8 AND intent = ?9 AND scope = 0"},
    };
    for (auto& s : stmts) {
      if (s.st->Prepare(db_, s.sql) != SQLITE_OK) return Error("preparing the writer");
    }
    writer_ = std::move(w);
  }
  return Status::Ok();
}

Status Store::Write(const std::vector<CodedArticle>& batch, IngestStats* counts) {
  Writer& w = *writer_;
  IngestStats& add = *counts;
  const std::string now = NowUtc();
  // Reused per article.
  std::unordered_map<std::string, size_t> group_of;  // event key → group
  struct Group {
    size_t first;  // index of its first event in the article
    int64_t mentions = 0;
  };
  std::vector<Group> groups;
  std::vector<size_t> event_group;
  std::vector<char> duplicate;
  std::vector<uint32_t> keyed;  // sentences already in the full-text index
  std::unordered_set<std::string> seen_mentions;
  std::vector<int64_t> group_id;
  std::string key_buf;
  auto fail = [&](const std::string& what, const Article& a) {
    return Error(what + " of article " + a.id + (a.origin.empty() ? "" : " (" + a.origin + ")"));
  };
  for (const CodedArticle& c : batch) {
    const Article& a = c.article;
    const std::vector<Event>& events = c.events;
    // Group the article's events by key; drop repeated mentions (same sentence and span).
    group_of.clear();
    groups.clear();
    event_group.assign(events.size(), 0);
    duplicate.assign(events.size(), 0);
    seen_mentions.clear();
    int64_t mention_count = 0;
    for (size_t i = 0; i < events.size(); ++i) {
      std::string key = EventKey(events[i]);
      auto [it, fresh] = group_of.emplace(std::move(key), groups.size());
      if (fresh) groups.push_back({i, 0});
      event_group[i] = it->second;
      std::string m = std::to_string(it->second) + ":" + std::to_string(events[i].sentence) + ":" +
                      std::to_string(events[i].span_begin);
      if (!seen_mentions.insert(std::move(m)).second) {
        duplicate[i] = 1;
        continue;
      }
      ++groups[it->second].mentions;
      ++mention_count;
    }
    const std::string date = a.date.ToString();
    const std::string hash = ContentId(a.title, a.text);
    Stmt& ins = w.insert_article;
    ins.Reset();
    ins.Bind(1, a.id);
    ins.Bind(2, a.url);
    ins.Bind(3, a.source);
    ins.Bind(4, date);
    ins.Bind(5, std::string_view(PrecisionName(a.date.precision)));
    ins.Bind(6, SortableDay(a.date));
    ins.Bind(7, std::string_view(LangCode(c.lang)));
    ins.Bind(8, a.title);
    ins.Bind(9, a.text);
    ins.Bind(10, a.origin);
    ins.Bind(11, hash);
    ins.Bind(12, c.skip_reason);
    ins.Bind(13, mention_count);
    ins.Bind(14, now);
    if (ins.Step() != SQLITE_DONE) return fail("storing", a);
    if (sqlite3_changes(db_) == 0) {
      ++add.articles_already;
      continue;
    }
    const int64_t article_row = sqlite3_last_insert_rowid(db_);
    ++add.articles_new;
    // The full-text index of the evidence sentences.
    keyed.clear();
    for (const Event& e : events) {
      if (e.sentence >= kMaxIndexedSentence) continue;  // past the rowid's room: not searchable
      if (std::find(keyed.begin(), keyed.end(), e.sentence) != keyed.end()) continue;
      keyed.push_back(e.sentence);
      const EvidenceKeys* keys = nullptr;
      for (const EvidenceKeys& k : c.evidence) {
        if (k.sentence == e.sentence) keys = &k;
      }
      EvidenceKeys computed;
      if (keys == nullptr) {
        computed = KeyText(e.text, e.sentence, e.lang);
        keys = &computed;
      }
      Stmt& f = w.insert_evidence;
      f.Reset();
      f.Bind(1, EvidenceRowid(article_row, e.sentence));
      f.Bind(2, keys->keys);
      f.Bind(3, keys->stems);
      if (f.Step() != SQLITE_DONE) return fail("indexing a sentence", a);
    }
    // Events: one upsert per group, then the mentions.
    group_id.assign(groups.size(), 0);
    for (size_t g = 0; g < groups.size(); ++g) {
      const Event& e = events[groups[g].first];
      const int64_t day = SortableDay(e.date);
      const int64_t scope = e.date.empty() ? article_row : int64_t{0};
      // Bulk loading: the key's stored event, if any, is the first one along the key's path of
      // values whose row has the key (the update matched it); else `value` is where it goes.
      uint64_t value = 0;
      if (bulk_) {
        if (scope == 0) {
          value = KeyIds::First(
              StoreKeyHash(e.source, e.target, e.code, day, e.negated, e.intent, key_buf));
          for (int64_t id; (id = bulk_->Find(value)) != 0; value = KeyIds::Next(value)) {
            Stmt& up = w.update_event;
            up.Reset();
            up.Bind(1, groups[g].mentions);
            up.Bind(2, a.source);
            up.Bind(3, id);
            up.Bind(4, e.source);
            up.Bind(5, e.target);
            up.Bind(6, e.code);
            up.Bind(7, day);
            up.Bind(8, int64_t{e.negated});
            up.Bind(9, int64_t{e.intent});
            if (up.Step() != SQLITE_DONE) return fail("storing an event", a);
            if (sqlite3_changes(db_) == 1) {
              group_id[g] = id;
              break;
            }
          }
          if (group_id[g] != 0) continue;
        }
      }
      Stmt& u = bulk_ ? w.insert_event : w.upsert_event;
      u.Reset();
      u.Bind(1, e.event_id);
      u.Bind(2, std::string_view(PrecisionName(e.date.precision)));
      u.Bind(3, day);
      u.Bind(4, e.source);
      u.Bind(5, e.source_country);
      u.Bind(6, e.source_name);
      u.Bind(7, e.source_label);
      u.Bind(8, e.target);
      u.Bind(9, e.target_country);
      u.Bind(10, e.target_name);
      u.Bind(11, e.target_label);
      u.Bind(12, e.code);
      u.Bind(13, e.root);
      u.Bind(14, int64_t{e.quad});
      u.Bind(15, e.goldstein);
      u.Bind(16, e.plover);
      u.Bind(17, e.label);
      u.Bind(18, e.place);
      u.Bind(19, int64_t{e.negated});
      u.Bind(20, int64_t{e.intent});
      u.Bind(21, int64_t{e.reported});
      u.Bind(22, std::string_view(LangCode(e.lang)));
      u.Bind(23, scope);
      u.Bind(24, article_row);
      u.Bind(25, int64_t{e.sentence});
      u.Bind(26, int64_t{e.span_begin});
      u.Bind(27, int64_t{e.span_end});
      // The evidence sentence: where the article holds it, only its place (text left NULL).
      if (size_t at = TextInArticle(a.text, e.text, e.span_begin); at != std::string::npos) {
        u.Bind(29, static_cast<int64_t>(at));
        u.Bind(30, static_cast<int64_t>(at + e.text.size()));
      } else {
        u.Bind(28, e.text);
      }
      u.Bind(31, groups[g].mentions);
      if (bulk_) {
        if (u.Step() != SQLITE_DONE) return fail("storing an event", a);
        group_id[g] = sqlite3_last_insert_rowid(db_);
        if (scope == 0) bulk_->Insert(value, group_id[g]);
        ++add.events_new;
        continue;
      }
      u.Bind(32, a.source);
      if (u.Step() != SQLITE_ROW) return fail("storing an event", a);
      group_id[g] = u.Int(0);
      if (u.Int(1) == 1) ++add.events_new;
      if (u.Step() != SQLITE_DONE) return fail("storing an event", a);
    }
    for (size_t i = 0; i < events.size(); ++i) {
      if (duplicate[i]) continue;
      const Event& e = events[i];
      Stmt& m = w.insert_mention;
      m.Reset();
      m.Bind(1, article_row);
      m.Bind(2, int64_t{e.sentence});
      m.Bind(3, group_id[event_group[i]]);
      m.Bind(4, int64_t{e.span_begin});
      m.Bind(5, int64_t{e.span_end});
      if (m.Step() != SQLITE_DONE) return fail("storing a mention", a);
      ++add.mentions_new;
    }
  }
  return Status::Ok();
}

StatusOr<IngestStats> Store::Ingest(ArticleReader& reader, const Pipeline& pipeline,
                                    const BatchOptions& options,
                                    const std::function<void(const IngestProblem&)>& on_problem,
                                    const std::function<void(const BatchStats&)>& on_progress) {
  if (!writable_) return InvalidArgument(path_ + ": store opened read-only");
  if (Status s = PrepareWriter(); !s.ok()) return s;
  IngestStats stats;
  BatchStats& bs = stats.batch;
  const int threads = options.threads < 1 ? 1 : options.threads;
  const size_t chunk = options.chunk_articles < 1 ? 1 : options.chunk_articles;
  std::vector<Article> articles(chunk);
  std::vector<CodedArticle> coded;
  std::vector<size_t> todo;
  std::vector<AnalyzedArticle> analyzed(threads);
  std::vector<StageTimes> times(threads);
  std::vector<BatchStats> partial(threads);
  std::vector<IngestProblem> problems;
  std::unordered_map<std::string, std::string> chunk_ids;  // id → content hash, within a chunk
  constexpr uint64_t kCommitNs = 1'000'000'000;
  bool in_transaction = false;
  uint64_t begun = 0;
  IngestStats pending;  // written, not yet committed
  Stmt find;
  if (find.Prepare(db_, "SELECT content_hash FROM articles WHERE article_id = ?") != SQLITE_OK) {
    return Error("preparing the article look-up");
  }
  // Bulk loading: on from the start when an earlier one was left unfinished; else switched on
  // once this run has written enough events (set_bulk_load_events). It ends with this call.
  struct EndBulk {
    std::unique_ptr<KeyIds>& bulk;
    ~EndBulk() { bulk.reset(); }
  } end_bulk{bulk_};
  int64_t events_before = 0;
  {
    auto pending = BulkPending();
    if (!pending.ok()) return pending.status();
    if (*pending) {
      if (Status s = LoadKeyIds(); !s.ok()) return s;
    } else {
      Stmt count;
      if (count.Prepare(db_, "SELECT count(*) FROM events") != SQLITE_OK ||
          count.Step() != SQLITE_ROW) {
        return Error("counting the stored events");
      }
      events_before = count.Int(0);
    }
  }
  bool more = true;
  while (more) {
    size_t n = 0;
    uint64_t r0 = NowNs();
    while (n < chunk) {
      problems.clear();
      more = reader.Next(&articles[n], &problems);
      for (const auto& p : problems) {
        if (p.skipped) {
          ++bs.problems_skipped;
        } else {
          ++bs.warnings;
        }
        on_problem(p);
      }
      if (!more) break;
      ++n;
    }
    bs.read_ns += NowNs() - r0;
    if (n == 0) break;
    // Articles stored by an earlier run (or earlier in this chunk) are not coded again.
    todo.clear();
    chunk_ids.clear();
    for (size_t i = 0; i < n; ++i) {
      const Article& a = articles[i];
      ++bs.articles_read;
      std::string hash = ContentId(a.title, a.text);
      std::optional<std::string> stored;
      if (auto it = chunk_ids.find(a.id); it != chunk_ids.end()) {
        stored = it->second;
      } else {
        find.Reset();
        find.Bind(1, a.id);
        int rc = find.Step();
        if (rc == SQLITE_ROW) {
          stored = find.Text(0);
        } else if (rc != SQLITE_DONE) {
          return Error("looking up article " + a.id);
        }
        find.Reset();  // no statement may be running when a bulk load drops the indexes
      }
      if (stored) {
        ++stats.articles_already;
        if (*stored != hash) {
          IngestProblem p;
          p.where = a.origin;
          p.article_id = a.id;
          p.skipped = false;
          p.status = InvalidArgument(
              "an article with this id but other text is already stored; kept the stored one");
          ++bs.warnings;
          on_problem(p);
        }
        continue;
      }
      chunk_ids.emplace(a.id, std::move(hash));
      todo.push_back(i);
    }
    coded.resize(todo.size());
    std::atomic<size_t> next{0};
    auto work = [&](int wi) {
      AnalyzedArticle& an = analyzed[wi];
      BatchStats& ps = partial[wi];
      for (size_t k = next++; k < todo.size(); k = next++) {
        Article& art = articles[todo[k]];
        pipeline.Analyze(art, &an, &times[wi]);
        CodedArticle& c = coded[k];
        c.lang = an.language.lang;
        c.skip_reason = an.skip_reason;
        c.events.clear();
        c.evidence.clear();
        ps.text_bytes += art.text.size();
        if (!an.skip_reason.empty()) {
          ++ps.articles_skipped;
          ++ps.skip_reasons[an.skip_reason];
        } else {
          ++ps.articles_coded;
          ++ps.by_lang[LangCode(an.language.lang)];
          ps.sentences += an.sentences.size();
          ps.tokens += an.text.tokens().size();
          ps.events += an.events.size();
          for (const Event& e : an.events) {
            bool done = false;
            for (const EvidenceKeys& k2 : c.evidence) done |= k2.sentence == e.sentence;
            if (done || e.sentence >= an.sentences.size()) continue;
            const SentenceInfo& si = an.sentences[e.sentence];
            c.evidence.push_back(KeySentence(an.text, si.span, si.index, si.lang));
          }
          c.events = std::move(an.events);
        }
        c.article = std::move(art);  // `an` refers to the text: done with it above
      }
    };
    std::vector<std::thread> pool;
    for (int wi = 1; wi < threads; ++wi) pool.emplace_back(work, wi);
    work(0);
    for (auto& th : pool) th.join();
    for (auto& ps : partial) {
      bs.AddArticleCounts(ps);  // the workers count no reads: the reader did (above)
      ps = BatchStats();
    }
    // Chunks are written into one transaction until it has run for kCommitNs: few commits make
    // a fast ingest (pages are written once per commit), and a killed run loses at most that
    // much work; every commit holds whole articles.
    uint64_t o0 = NowNs();
    if (!in_transaction) {
      if (Status s = Begin(); !s.ok()) return s;
      in_transaction = true;
      begun = o0;
    }
    if (Status s = Write(coded, &pending); !s.ok()) {
      Rollback();
      return s;
    }
    const uint64_t events_new = stats.events_new + pending.events_new;
    if (!bulk_ && bulk_load_events_ > 0 && events_new >= bulk_load_events_ &&
        events_new >= static_cast<uint64_t>(events_before)) {
      if (Status s = StartBulk(); !s.ok()) {
        Rollback();
        return s;
      }
    }
    if (!more || NowNs() - begun >= kCommitNs) {
      if (Status s = Commit(pending, &stats); !s.ok()) return s;
      pending = IngestStats();
      in_transaction = false;
    }
    bs.times.output_ns += NowNs() - o0;
    on_progress(bs);
  }
  if (in_transaction) {
    if (Status s = Commit(pending, &stats); !s.ok()) return s;
  }
  if (bulk_) {
    uint64_t o0 = NowNs();
    if (Status s = FinishBulk(); !s.ok()) return s;
    bs.times.output_ns += NowNs() - o0;
  }
  for (const auto& t : times) bs.times.Add(t);
  return stats;
}

// ---- Reading ----

StatusOr<std::vector<StoredEvent>> Store::Events(const EventFilter& filter) const {
  auto w = BuildWhere(filter, true);
  if (!w.ok()) return w.status();
  Stmt st;
  if (st.Prepare(db_, EventSelect(schema_version_, *w, filter.newest_first) +
                          " LIMIT ? OFFSET ?") != SQLITE_OK) {
    return Error("preparing the event query");
  }
  BindAll(st, w->binds);
  int n = static_cast<int>(w->binds.size());
  st.Bind(n + 1, filter.limit < 0 ? int64_t{-1} : filter.limit);
  st.Bind(n + 2, std::max<int64_t>(filter.offset, 0));
  std::vector<StoredEvent> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.emplace_back();
    ReadEvent(st, &out.back());
  }
  if (rc != SQLITE_DONE) return Error("querying events");
  return out;
}

StatusOr<int64_t> Store::CountEvents(const EventFilter& filter) const {
  auto w = BuildWhere(filter, true);
  if (!w.ok()) return w.status();
  Stmt st;
  if (st.Prepare(db_, "SELECT count(*) FROM events e WHERE 1" + w->sql) != SQLITE_OK) {
    return Error("preparing the count");
  }
  BindAll(st, w->binds);
  if (st.Step() != SQLITE_ROW) return Error("counting events");
  return st.Int(0);
}

Status Store::ForEachEvent(const EventFilter& filter,
                           const std::function<Status(const StoredEvent&)>& fn) const {
  auto w = BuildWhere(filter, true);
  if (!w.ok()) return w.status();
  Stmt st;
  if (st.Prepare(db_, EventSelect(schema_version_, *w, filter.newest_first)) != SQLITE_OK) {
    return Error("preparing the event query");
  }
  BindAll(st, w->binds);
  StoredEvent e;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    ReadEvent(st, &e);
    if (Status s = fn(e); !s.ok()) return s;
  }
  if (rc != SQLITE_DONE) return Error("reading events");
  return Status::Ok();
}

StatusOr<std::vector<TimelinePoint>> Store::Timeline(const EventFilter& filter, Period by) const {
  auto w = BuildWhere(filter, true);
  if (!w.ok()) return w.status();
  Stmt st;
  if (st.Prepare(db_, "SELECT e.day, e.quad, e.goldstein FROM events e WHERE e.day > 0" + w->sql) !=
      SQLITE_OK) {
    return Error("preparing the timeline");
  }
  BindAll(st, w->binds);
  std::map<int64_t, TimelinePoint> points;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    const int64_t day = st.Int(0);
    const int64_t quad = st.Int(1);
    if (quad < 1 || quad > 4) continue;
    int64_t period;
    switch (by) {
      case Period::kYear:
        period = day / 10000;
        break;
      case Period::kMonth:
        if (day / 100 % 100 == 0) continue;  // known only to the year
        period = day / 100;
        break;
      case Period::kDay:
      default:
        if (day % 100 == 0) continue;  // known only to the month or year
        period = day;
        break;
    }
    TimelinePoint& p = points[period];
    ++p.events;
    ++p.quad[quad - 1];
    p.goldstein_sum += st.Real(2);
  }
  if (rc != SQLITE_DONE) return Error("reading the timeline");
  std::vector<TimelinePoint> out;
  out.reserve(points.size());
  for (auto& [period, p] : points) {
    p.period = PeriodName(period, by);
    p.goldstein_mean = p.events ? p.goldstein_sum / static_cast<double>(p.events) : 0;
    p.net_cooperation = NetCooperation(p.quad);
    out.push_back(std::move(p));
  }
  return out;
}

StatusOr<std::vector<Store::DyadRow>> Store::Dyads(const EventFilter& filter) const {
  auto w = BuildWhere(filter, false);
  if (!w.ok()) return w.status();
  Stmt st;
  std::string sql =
      "SELECT min(e.source_country, e.target_country) AS a, "
      "max(e.source_country, e.target_country) AS b, count(*) AS n, "
      "sum(e.quad = 1), sum(e.quad = 2), sum(e.quad = 3), sum(e.quad = 4), avg(e.goldstein) "
      "FROM events e WHERE e.source_country != '' AND e.target_country != ''" +
      w->sql + " GROUP BY a, b ORDER BY n DESC, a, b LIMIT ? OFFSET ?";
  if (st.Prepare(db_, sql) != SQLITE_OK) return Error("preparing the dyad query");
  BindAll(st, w->binds);
  int n = static_cast<int>(w->binds.size());
  st.Bind(n + 1, filter.limit < 0 ? int64_t{-1} : filter.limit);
  st.Bind(n + 2, std::max<int64_t>(filter.offset, 0));
  std::vector<DyadRow> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    DyadRow r;
    r.a = st.Text(0);
    r.b = st.Text(1);
    r.events = st.Int(2);
    for (int q = 0; q < 4; ++q) r.quad[q] = st.Int(3 + q);
    r.goldstein_mean = st.Real(7);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Error("querying dyads");
  return out;
}

StatusOr<std::vector<Store::ActorRow>> Store::Actors(const EventFilter& filter) const {
  auto w = BuildWhere(filter, false);
  if (!w.ok()) return w.status();
  std::string prefix_clause;
  std::vector<BindValue> binds = w->binds;
  for (const BindValue& b : w->binds) binds.push_back(b);
  if (!filter.actor.empty()) {
    prefix_clause = " WHERE code >= ? AND code < ?";
    binds.emplace_back(Upper(filter.actor));
    binds.emplace_back(PrefixEnd(Upper(filter.actor)));
  }
  std::string sql =
      "SELECT code, sum(s) AS ns, sum(t) AS nt FROM ("
      "SELECT e.source AS code, 1 AS s, 0 AS t FROM events e WHERE e.source != ''" +
      w->sql + " UNION ALL SELECT e.target, 0, 1 FROM events e WHERE e.target != ''" + w->sql +
      ")" + prefix_clause + " GROUP BY code ORDER BY ns + nt DESC, code LIMIT ? OFFSET ?";
  Stmt st;
  if (st.Prepare(db_, sql) != SQLITE_OK) return Error("preparing the actor query");
  BindAll(st, binds);
  int n = static_cast<int>(binds.size());
  st.Bind(n + 1, filter.limit < 0 ? int64_t{-1} : filter.limit);
  st.Bind(n + 2, std::max<int64_t>(filter.offset, 0));
  std::vector<ActorRow> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    ActorRow r;
    r.code = st.Text(0);
    r.as_source = st.Int(1);
    r.as_target = st.Int(2);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Error("querying actors");
  Stmt lab;
  if (lab.Prepare(db_,
                  "SELECT label, count(*) AS n FROM (SELECT source_label AS label FROM events "
                  "WHERE source = ?1 UNION ALL SELECT target_label FROM events WHERE target = ?1) "
                  "WHERE label != '' GROUP BY label ORDER BY n DESC, label LIMIT 1") != SQLITE_OK) {
    return Error("preparing the label query");
  }
  for (ActorRow& r : out) {
    lab.Reset();
    lab.Bind(1, r.code);
    rc = lab.Step();
    if (rc == SQLITE_ROW) {
      r.label = lab.Text(0);
    } else if (rc != SQLITE_DONE) {
      return Error("reading actor labels");
    }
  }
  return out;
}

StatusOr<std::optional<Store::ArticleRecord>> Store::GetArticle(const std::string& id) const {
  Stmt st;
  if (st.Prepare(db_,
                 "SELECT id, article_id, url, outlet, day, date_precision, lang, title, text, "
                 "origin FROM articles WHERE article_id = ?") != SQLITE_OK) {
    return Error("preparing the article query");
  }
  st.Bind(1, id);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<ArticleRecord>();
  if (rc != SQLITE_ROW) return Error("reading article " + id);
  ArticleRecord r;
  const int64_t row = st.Int(0);
  r.article.id = st.Text(1);
  r.article.url = st.Text(2);
  r.article.source = st.Text(3);
  r.article.date = DateFromDay(st.Int(4), st.Text(5));
  r.article.lang_hint = LangFromCode(st.Text(6));
  r.article.title = st.Text(7);
  r.article.text = st.Text(8);
  r.article.origin = st.Text(9);
  Stmt ev;
  std::string sql = "SELECT " + EventColumns(schema_version_) +
                    ", m.sentence, m.span_begin, m.span_end FROM mentions m "
                    "JOIN events e ON e.id = m.event JOIN articles a ON a.id = e.article "
                    "WHERE m.article = ? ORDER BY m.sentence, m.span_begin, e.id";
  if (ev.Prepare(db_, sql) != SQLITE_OK) return Error("preparing the article's events");
  ev.Bind(1, row);
  while ((rc = ev.Step()) == SQLITE_ROW) {
    r.events.emplace_back();
    StoredEvent& e = r.events.back();
    ReadEvent(ev, &e);
    e.event.article_id = r.article.id;
    e.event.sentence = static_cast<uint32_t>(ev.Int(34));
    e.event.span_begin = static_cast<uint32_t>(ev.Int(35));
    e.event.span_end = static_cast<uint32_t>(ev.Int(36));
    if (e.event.span_begin <= e.event.span_end && e.event.span_end <= r.article.text.size()) {
      e.event.text =
          r.article.text.substr(e.event.span_begin, e.event.span_end - e.event.span_begin);
    }
  }
  if (rc != SQLITE_DONE) return Error("reading the events of article " + id);
  return std::optional<ArticleRecord>(std::move(r));
}

StatusOr<std::vector<Mention>> Store::Mentions(int64_t id) const {
  Stmt st;
  if (st.Prepare(db_,
                 "SELECT a.article_id, a.url, a.outlet, a.day, a.date_precision, m.sentence, "
                 "m.span_begin, m.span_end, substr(CAST(a.text AS BLOB), m.span_begin + 1, "
                 "m.span_end - m.span_begin) FROM mentions m JOIN articles a ON a.id = m.article "
                 "WHERE m.event = ? ORDER BY a.day, a.id, m.sentence, m.span_begin") != SQLITE_OK) {
    return Error("preparing the mention query");
  }
  st.Bind(1, id);
  std::vector<Mention> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    Mention m;
    m.article_id = st.Text(0);
    m.url = st.Text(1);
    m.outlet = st.Text(2);
    m.article_date = DateFromDay(st.Int(3), st.Text(4));
    m.sentence = static_cast<uint32_t>(st.Int(5));
    m.span_begin = static_cast<uint32_t>(st.Int(6));
    m.span_end = static_cast<uint32_t>(st.Int(7));
    m.text = st.Blob(8);
    out.push_back(std::move(m));
  }
  if (rc != SQLITE_DONE) return Error("reading mentions");
  return out;
}

StatusOr<StoreStats> Store::Stats() const {
  StoreStats s;
  Stmt st;
  if (st.Prepare(db_,
                 "SELECT (SELECT count(*) FROM articles), "
                 "(SELECT count(*) FROM articles WHERE skip_reason = ''), "
                 "(SELECT count(*) FROM events), "
                 "(SELECT coalesce(sum(num_mentions), 0) FROM events), "
                 "(SELECT min(day) FROM events WHERE day > 0), "
                 "(SELECT max(day) FROM events WHERE day > 0)") != SQLITE_OK ||
      st.Step() != SQLITE_ROW) {
    return Error("reading totals");
  }
  s.articles = st.Int(0);
  s.articles_coded = st.Int(1);
  s.events = st.Int(2);
  s.mentions = st.Int(3);
  auto day_string = [](int64_t d) {
    if (d <= 0) return std::string();
    if (d % 10000 == 0) return PeriodName(d / 10000, Period::kYear);
    if (d % 100 == 0) return PeriodName(d / 100, Period::kMonth);
    return PeriodName(d, Period::kDay);
  };
  s.first_date = day_string(st.Int(4));
  s.last_date = day_string(st.Int(5));
  Stmt lang;
  if (lang.Prepare(db_, "SELECT lang, count(*) FROM events GROUP BY lang") != SQLITE_OK) {
    return Error("preparing the language totals");
  }
  int rc;
  while ((rc = lang.Step()) == SQLITE_ROW) s.events_by_lang[lang.Text(0)] = lang.Int(1);
  if (rc != SQLITE_DONE) return Error("reading language totals");
  return s;
}

}  // namespace rasad
