// The event store: one SQLite file holding articles, the events coded from them (de-duplicated
// across sentences and articles, GDELT-style) and their mentions, with full-text search over the
// evidence sentences by normalized key. Written by `rasad ingest`, read by `query`, `timeline`,
// `export` and `serve`.
//
// De-duplication: two coded events are one real-world event when they have the same source and
// target actor codes, event code, date at the same precision (the same day; or the same month, or
// year, when that is all that is known), and the same negated and intent flags. Undated events
// merge only within their article. Each stored event counts its mentions (sentences), articles
// and sources (distinct outlets), and keeps the coded fields of its first mention.
//
// A Store is a handle on one open database; it is not shared between threads (open one per thread;
// SQLite's WAL mode lets readers run beside one writer). Writes happen in transactions of whole
// articles, so a killed ingest leaves a store that opens cleanly and holds only whole articles.
//
// Bulk loading: an ingest that writes many events compared with what the store held drops the
// events table's secondary indexes, de-duplicates through an in-memory table of key hashes instead,
// and builds the indexes again (sorted, once) when it ends. Inserting into five randomly ordered
// B-trees costs far more than building them. Meanwhile the store's meta table says the indexes are
// pending: queries stay correct (only slower), a re-run continues the bulk load, and Add() builds
// the indexes before writing.
#ifndef RASAD_STORE_H_
#define RASAD_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasad/article.h"
#include "rasad/event.h"
#include "rasad/pipeline.h"
#include "rasad/status.h"

struct sqlite3;

namespace rasad {

// One de-duplicated event: the coded fields of its first mention plus how often it was told.
struct StoredEvent {
  int64_t id = 0;  // row id, stable within one store
  Event event;     // fields of the first mention (article, sentence, span, text)
  uint32_t mentions = 0, articles = 0, sources = 0;  // sentences / articles / outlets telling it
  std::string url, outlet;                           // of the first mention's article
  std::string added;  // when the first mention was stored: UTC, "2024-08-19T10:00:00Z"
};

// Filters shared by `rasad query`, `GET /api/events` and the exports. Empty = no filter.
//
// An actor is matched by prefix: "RUS" matches RUS, RUSGOV, RUSMIL; "IGO" every organization;
// "RUSGOV" only RUSGOV…. A three-letter country code therefore means the country and all its
// agents, as in `rasad dyad`.
struct EventFilter {
  std::string actor;                // source or target code starts with this (RUS matches RUSGOV)
  std::string actor_b;              // with `actor`: the dyad, either direction unless `directed`
  bool directed = false;            // actor → actor_b only
  std::string country;              // source_country or target_country
  std::string code;                 // CAMEO code prefix: "04", "042", "0421"
  int quad = 0;                     // 1..4, 0 = any
  std::string date_from;            // "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive
  std::string date_to;              // inclusive (a month or year covers all its days)
  std::string lang;                 // "ar" or "fa"
  std::string outlet;               // article source (outlet) equals this (any mention's article)
  std::string text;                 // full-text search of the evidence sentence, by normalized key
  bool include_negated = false;     // negated events are kept out of counts unless asked for
  int64_t limit = 100, offset = 0;  // limit < 0: no limit
  bool newest_first = false;        // order by date descending (default: ascending)
};

// One period of a dyad timeline.
struct TimelinePoint {
  std::string period;  // "2024", "2024-08" or "2024-08-19"
  int64_t events = 0;  // de-duplicated events
  int64_t quad[4] = {0, 0, 0,
                     0};  // verbal coop., material coop., verbal conflict, material conflict
  double goldstein_sum = 0, goldstein_mean = 0;
  double net_cooperation = 0;  // (coop − conflict) / events, in [−1, 1]
};

// The net cooperation–conflict index of quad-class counts: (verbal + material cooperation −
// verbal − material conflict) / all four, in [−1, 1]; 0 when all are 0. `rasad dyad` and
// `rasad timeline` share it; its sign is their "balance" (cooperation / conflict / even).
double NetCooperation(const int64_t quad[4]);

enum class Period { kDay, kMonth, kYear };

struct IngestStats {
  BatchStats batch;               // what the pipeline saw
  uint64_t articles_new = 0;      // stored by this run
  uint64_t articles_already = 0;  // present from an earlier run: skipped
  uint64_t events_new = 0, mentions_new = 0;
};

// The matching keys of one evidence sentence, for full-text search: `keys` are the token keys
// (text.h) of its words and numbers, space-separated; `stems` the clitic-stripped candidates of
// those words (so "روسيا" finds "وروسيا" and "بروسيا").
struct EvidenceKeys {
  uint32_t sentence = 0;
  std::string keys, stems;
};

// One article ready to be written by Store::Add: what the pipeline made of it.
struct CodedArticle {
  Article article;
  Lang lang = Lang::kUnknown;  // detected
  std::string skip_reason;     // non-empty: read but not coded ("language: other")
  std::vector<Event> events;
  // Keys of the sentences the events cite; a sentence missing here is keyed from Event::text.
  std::vector<EvidenceKeys> evidence;
};

// Fills the keys of one sentence of an analysed text (see EvidenceKeys).
EvidenceKeys KeySentence(const TokenizedText& text, const Sentence& sentence, uint32_t index,
                         Lang lang);

// Turns a user's search text into an FTS5 query over the evidence keys: the text is keyed as the
// sentences were (alef forms, ي/ی, ك/ک, ة/ه, diacritics, ZWNJ folded) and every word must occur
// (as written, or as a clitic-stripped stem). A word ending in `*` matches as a prefix. Returns ""
// when the text has no words.
std::string FullTextQuery(std::string_view text);

// Totals of a store, for `GET /api/stats` and the tests.
struct StoreStats {
  int64_t articles = 0;                           // stored articles (coded or not)
  int64_t articles_coded = 0;                     // of which coded
  int64_t events = 0;                             // de-duplicated events (negated ones included)
  int64_t mentions = 0;                           // event mentions
  std::map<std::string, int64_t> events_by_lang;  // "ar" → events
  std::string first_date, last_date;              // of dated events ("" when none)
};

// One telling of a stored event.
struct Mention {
  std::string article_id, url, outlet;
  Date article_date;
  uint32_t sentence = 0, span_begin = 0, span_end = 0;
  std::string text;  // the evidence: the article's text between the span's bytes
};

class Store {
 public:
  // Opens (creating when `writable` and missing) the store at `path`, migrating the schema.
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path, bool writable);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Codes every article from `reader` into the store, one transaction per chunk of whole articles;
  // articles already stored (same id) are skipped, so a re-run after a crash finishes the rest.
  StatusOr<IngestStats> Ingest(ArticleReader& reader, const Pipeline& pipeline,
                               const BatchOptions& options,
                               const std::function<void(const IngestProblem&)>& on_problem,
                               const std::function<void(const BatchStats&)>& on_progress);

  // An ingest switches to bulk loading (see above) once it has written this many new events and at
  // least as many as the store held when it began. 0 never does.
  void set_bulk_load_events(uint64_t events) { bulk_load_events_ = events; }

  // Writes coded articles in one transaction; an article whose id is already stored is skipped
  // (counted in articles_already). Adds what it wrote to `*stats`, only once committed.
  // Requires a writable store.
  Status Add(const std::vector<CodedArticle>& articles, IngestStats* stats);

  StatusOr<std::vector<StoredEvent>> Events(const EventFilter& filter) const;
  StatusOr<int64_t> CountEvents(const EventFilter& filter) const;  // ignores limit/offset
  // Per period, in period order; periods without events are left out. Events dated more
  // coarsely than the period (a year-only event in a monthly timeline) are left out, as in
  // `rasad dyad`; so are events whose quad class is not 1..4. Limit/offset are ignored.
  StatusOr<std::vector<TimelinePoint>> Timeline(const EventFilter& filter, Period by) const;

  // Dyads ranked by de-duplicated event count (undirected: the pair in code order), with their
  // quad-class counts; filter fields other than actor/actor_b apply.
  struct DyadRow {
    std::string a, b;  // country-level codes (source_country / target_country), a < b
    int64_t events = 0;
    int64_t quad[4] = {0, 0, 0, 0};
    double goldstein_mean = 0;
  };
  StatusOr<std::vector<DyadRow>> Dyads(const EventFilter& filter) const;

  // Actors (full codes) ranked by events as source or target, with their most common label.
  // `filter.actor` is a prefix of the actors listed; the other fields select the events counted.
  struct ActorRow {
    std::string code, label;
    int64_t as_source = 0, as_target = 0;
  };
  StatusOr<std::vector<ActorRow>> Actors(const EventFilter& filter) const;

  // One article with its text and the events coded from it (spans are byte offsets into text).
  // Each event's article_id, sentence, span and text are those of its mention in this article.
  struct ArticleRecord {
    Article article;  // id, url, source, date, lang, title, text
    std::vector<StoredEvent> events;
  };
  StatusOr<std::optional<ArticleRecord>> GetArticle(const std::string& id) const;

  // Every telling of event `id` (StoredEvent::id), in article date order.
  StatusOr<std::vector<Mention>> Mentions(int64_t id) const;

  StatusOr<StoreStats> Stats() const;

  // Streams every event matching `filter` (limit ignored) in date order without loading them all.
  Status ForEachEvent(const EventFilter& filter,
                      const std::function<Status(const StoredEvent&)>& fn) const;

  const std::string& path() const { return path_; }
  sqlite3* db() const { return db_; }

 private:
  struct Writer;
  class KeyIds;
  Store(sqlite3* db, std::string path, bool writable);
  Status Error(const std::string& what) const;  // "path: what: sqlite message"
  Status PrepareWriter();
  Status Begin();
  // Writes whole articles inside the open transaction, counting into `*counts`.
  Status Write(const std::vector<CodedArticle>& articles, IngestStats* counts);
  Status Commit(const IngestStats& counts, IngestStats* stats);  // adds `counts` once committed
  void Rollback();
  // Bulk loading: whether the store's meta table says the indexes are pending; switching to it
  // inside an open transaction; loading the key hashes; building the indexes at the end.
  StatusOr<bool> BulkPending();
  Status StartBulk();
  Status LoadKeyIds();
  Status FinishBulk();
  sqlite3* db_;
  std::string path_;
  bool writable_;
  int64_t schema_version_ = 0;      // of the open store: the read paths know versions 1 and 2
  std::unique_ptr<Writer> writer_;  // prepared statements of Add, made on first use
  uint64_t bulk_load_events_ = 50000;
  std::unique_ptr<KeyIds> bulk_;  // set while bulk loading: dedup key hash → events.id
};

// Event exports: whole tables streamed through ForEachEvent (constant memory, any size).
//   kGdelt   GDELT 2.0 event table: 61 tab-separated columns, no header (as GDELT ships it)
//   kPhoenix OEDA Phoenix: 26 tab-separated columns, no header
//   kPlover  PLOVER JSON Lines (the PLOVER JSON data fields), events without a PLOVER type left out
//   kCsv     every stored field, RFC 4180, with a header row
//   kJsonl   the event record of DESIGN.md plus id, mentions, articles, sources, url, outlet
// README.md ("Export formats") lists the columns.
enum class ExportFormat { kGdelt, kPhoenix, kPlover, kCsv, kJsonl };

struct ExportOptions {
  ExportFormat format = ExportFormat::kJsonl;
  bool header = false;  // GDELT and Phoenix: write a header row of column names (default: none)
  std::string coder = "rasad";  // PLOVER `coder` field
};

struct ExportStats {
  int64_t rows = 0, left_out = 0;  // left_out: events the format cannot hold (PLOVER: no type)
};

// Writes the events matching `filter` (limit ignored) in the format, calling `write` with pieces of
// output; stops at the first error `write` returns.
StatusOr<ExportStats> ExportEvents(const Store& store, const EventFilter& filter,
                                   const ExportOptions& options,
                                   const std::function<Status(std::string_view)>& write);

// Appends one event as a row (a line) of the format; false when the format cannot hold it (an
// event without a PLOVER type, for kPlover).
bool AppendExportRow(const StoredEvent& e, const ExportOptions& options, std::string& out);

// The column names of a tabular format (kGdelt, kPhoenix, kCsv), tab- or comma-separated.
std::string ExportHeader(ExportFormat format);

// One stored event as a JSON object: the event record of DESIGN.md plus "id", "mentions",
// "articles", "sources", "url", "outlet". No trailing newline.
void AppendStoredEventJson(const StoredEvent& e, std::string& out);

// One CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
void AppendCsvField(std::string_view v, std::string& out);

}  // namespace rasad

#endif  // RASAD_STORE_H_
