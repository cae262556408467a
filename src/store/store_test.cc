// The event store: schema, de-duplication, idempotent and crash-safe ingest, the query paths,
// normalized full-text search, timelines and the export formats. Library tests build small stores
// by hand (Store::Add) so every number can be checked by hand; CLI tests run the built `rasad` on
// the seeds and on a sample of the Arabic corpus (../shared/corpus), skipping when it is absent.
#include "rasad/store.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "tests/test_support.h"

namespace rasad {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test (and checkout: see ScratchName).
fs::path TestDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path d =
      fs::temp_directory_path() /
      rasad_test::ScratchName("store_" + std::string(info->test_suite_name()) + "_" + info->name());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

using rasad_test::CliRun;
using rasad_test::Corpus;
using rasad_test::Lines;
using rasad_test::Slurp;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

Date D(const std::string& s) {
  auto d = ParseDate(s);
  EXPECT_TRUE(d.ok()) << s;
  return d.ok() ? *d : Date();
}

// One hand-made event. `text` is the evidence sentence.
Event Ev(const std::string& src, const std::string& tgt, const std::string& code, int quad,
         double goldstein, const std::string& date, uint32_t sentence,
         const std::string& text = "زار لافروف باكو.") {
  // The country of an IGO/IMG/NGO code is the whole code (data/README.md).
  auto country = [](const std::string& c) {
    return c.starts_with("IGO") || c.starts_with("IMG") || c.starts_with("NGO") ? c
                                                                                : c.substr(0, 3);
  };
  Event e;
  e.source = src;
  e.source_country = country(src);
  e.source_name = "الاسم";
  e.source_label = src + " label";
  e.target = tgt;
  e.target_country = country(tgt);
  e.target_name = "الهدف";
  e.target_label = tgt + " label";
  e.code = code;
  e.root = code.substr(0, 2);
  e.quad = quad;
  e.goldstein = goldstein;
  e.plover = code.substr(0, 2) == "01" ? "" : "CONSULT";
  e.label = "label " + code;
  e.date = date.empty() ? Date() : D(date);
  e.lang = Lang::kArabic;
  e.sentence = sentence;
  e.span_begin = sentence * 100;
  e.span_end = sentence * 100 + 50;
  e.text = text;
  e.event_id = src + tgt + code + date + std::to_string(sentence);
  return e;
}

CodedArticle Art(const std::string& id, const std::string& outlet, const std::string& date,
                 std::vector<Event> events) {
  CodedArticle c;
  c.article.id = id;
  c.article.source = outlet;
  c.article.url = "http://example.org/" + id;
  c.article.date = date.empty() ? Date() : D(date);
  c.article.title = "title " + id;
  c.article.text = "text of " + id;
  c.article.origin = "test:" + id;
  c.lang = Lang::kArabic;
  for (Event& e : events) e.article_id = id;
  c.events = std::move(events);
  return c;
}

std::unique_ptr<Store> OpenNew(const fs::path& path) {
  auto s = Store::Open(path.string(), true);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(s).value() : nullptr;
}

int64_t SqlInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  int64_t v = -1;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

std::string SqlText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  std::string v;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
    v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return v;
}

// EXPLAIN QUERY PLAN's details, one a line.
std::string Plan(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr),
            SQLITE_OK);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    out += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    out += "\n";
  }
  sqlite3_finalize(st);
  return out;
}

// Totals that must not change when the same input is ingested again.
struct Totals {
  int64_t articles, events, mentions, num_mentions, num_articles, num_sources, evidence;
  bool operator==(const Totals&) const = default;
};

Totals TotalsOf(sqlite3* db) {
  return {SqlInt(db, "SELECT count(*) FROM articles"),
          SqlInt(db, "SELECT count(*) FROM events"),
          SqlInt(db, "SELECT count(*) FROM mentions"),
          SqlInt(db, "SELECT coalesce(sum(num_mentions), 0) FROM events"),
          SqlInt(db, "SELECT coalesce(sum(num_articles), 0) FROM events"),
          SqlInt(db, "SELECT coalesce(sum(num_sources), 0) FROM events"),
          SqlInt(db, "SELECT count(*) FROM evidence")};
}

std::ostream& operator<<(std::ostream& o, const Totals& t) {
  return o << "{articles " << t.articles << ", events " << t.events << ", mentions " << t.mentions
           << ", num_mentions " << t.num_mentions << ", num_articles " << t.num_articles
           << ", num_sources " << t.num_sources << ", evidence " << t.evidence << "}";
}

// ---------------------------------------------------------------------------------------------
// Schema

TEST(StoreSchema, CreatesTablesIndexesAndPragmas) {
  fs::path d = TestDir();
  auto store = OpenNew(d / "s.db");
  ASSERT_NE(store, nullptr);
  sqlite3* db = store->db();
  for (const char* name : {"articles", "events", "mentions", "evidence", "meta"}) {
    EXPECT_EQ(
        SqlInt(db, std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + name + "'"),
        1)
        << name;
  }
  for (const char* index : {"events_key", "events_dyad", "events_target_country", "events_day",
                            "events_code", "mentions_event", "articles_outlet"}) {
    EXPECT_EQ(SqlInt(db, std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                                     "name = '") +
                             index + "'"),
              1)
        << index;
  }
  EXPECT_EQ(SqlText(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(SqlInt(db, "PRAGMA user_version"), 2);
  EXPECT_EQ(SqlInt(db, "PRAGMA application_id"), 0x72736164);
  EXPECT_EQ(SqlText(db, "PRAGMA integrity_check"), "ok");
  // The dyad timeline reads the covering index only.
  std::string plan = Plan(db,
                          "SELECT e.day, e.quad, e.goldstein FROM events e WHERE e.day > 0 AND "
                          "((e.source_country = 'RUS' AND e.target_country = 'AZE') OR "
                          "(e.source_country = 'AZE' AND e.target_country = 'RUS')) AND "
                          "e.negated = 0");
  EXPECT_NE(plan.find("COVERING INDEX events_dyad"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN"), std::string::npos) << plan;
  store.reset();
  // Opening again keeps everything (no migration needed), read-only too.
  auto again = Store::Open((d / "s.db").string(), false);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto stats = (*again)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 0);
  // A read-only store refuses writes, as a value.
  IngestStats st;
  Status s = (*again)->Add({Art("a", "o", "2024", {})}, &st);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("read-only"), std::string::npos) << s.message();
}

TEST(StoreSchema, ErrorsAreValuesWithThePath) {
  fs::path d = TestDir();
  auto missing = Store::Open((d / "none.db").string(), false);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("none.db"), std::string::npos);
  // An SQLite database of something else.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((d / "other.db").string().c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  auto other = Store::Open((d / "other.db").string(), true);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(other.status().message().find("not a rasad store"), std::string::npos);
  // Not a database at all.
  std::ofstream(d / "text.db") << "hello, this is not SQLite at all, just text\n";
  auto text = Store::Open((d / "text.db").string(), true);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("text.db"), std::string::npos);
  // Bad filters.
  auto store = OpenNew(d / "s.db");
  EventFilter f;
  f.quad = 7;
  EXPECT_EQ(store->Events(f).status().code(), StatusCode::kInvalidArgument);
  f = EventFilter();
  f.date_from = "2024-13";
  EXPECT_EQ(store->Events(f).status().code(), StatusCode::kInvalidArgument);
  f = EventFilter();
  f.code = "04x";
  EXPECT_EQ(store->CountEvents(f).status().code(), StatusCode::kInvalidArgument);
  f = EventFilter();
  f.text = "…!";
  EXPECT_EQ(store->Events(f).status().code(), StatusCode::kInvalidArgument);
  f = EventFilter();
  f.actor_b = "RUS";
  EXPECT_EQ(store->Timeline(f, Period::kYear).status().code(), StatusCode::kInvalidArgument);
}

// Every stored event with its evidence text and spans, in id order (for comparing two opens of
// one store).
std::string EventsWithText(const Store& store) {
  EventFilter all;
  all.limit = -1;
  all.include_negated = true;
  auto got = store.Events(all);
  EXPECT_TRUE(got.ok()) << got.status().ToString();
  std::string out;
  if (!got.ok()) return out;
  for (const StoredEvent& e : *got) {
    out += std::to_string(e.id) + " " + e.event.article_id + " " + e.event.code + " " +
           e.event.date.ToString() + " " + std::to_string(e.event.span_begin) + "-" +
           std::to_string(e.event.span_end) + " [" + e.event.text + "]\n";
  }
  return out;
}

// Version 2 keeps an event's evidence sentence as a byte range of its article when the article
// holds it, else as text; a version 1 store (text in every row, and a `date` column) is read as it
// is when opened read-only and upgraded in place when opened writable.
TEST(StoreSchema, EvidenceTextFromTheArticleAndUpgradeFromVersion1) {
  fs::path d = TestDir();
  const std::string path = (d / "s.db").string();
  const std::string sentence = "زار لافروف باكو اليوم.";
  {
    auto store = OpenNew(path);
    ASSERT_NE(store, nullptr);
    CodedArticle in = Art("a1", "o", "2024-08-19",
                          {Ev("RUS", "AZE", "042", 1, 1.9, "2024-08-19", 1, sentence),
                           Ev("AZE", "RUS", "043", 1, 2.8, "2024-08-19", 1, "")});
    in.article.text = "مقدمة الخبر. " + sentence + " خاتمة.";
    const uint32_t at = static_cast<uint32_t>(in.article.text.find(sentence));
    for (Event& e : in.events) {
      e.span_begin = at + 4;
      e.span_end = at + 20;
    }
    // Not in its article's text: stored as text.
    CodedArticle out = Art("a2", "o", "2024-08-20",
                           {Ev("RUS", "UKR", "173", 4, -5, "2024-08-20", 0, "نص ليس في المقال.")});
    IngestStats st;
    ASSERT_TRUE(store->Add({in, out}, &st).ok());
    sqlite3* db = store->db();
    EXPECT_EQ(SqlInt(db, "SELECT count(*) FROM events WHERE text IS NULL"), 2);
    EXPECT_EQ(SqlInt(db, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'date'"),
              0);
  }
  std::string want;
  {
    auto store = Store::Open(path, false);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    want = EventsWithText(**store);
    auto art = (*store)->GetArticle("a1");
    ASSERT_TRUE(art.ok() && art->has_value());
  }
  EXPECT_NE(want.find("[" + sentence + "]"), std::string::npos) << want;
  EXPECT_NE(want.find("[]"), std::string::npos) << want;
  EXPECT_NE(want.find("[نص ليس في المقال.]"), std::string::npos) << want;
  // Back to the version 1 layout, as rasad before the change wrote it.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(
        db,
        "UPDATE events SET text = coalesce(text, (SELECT substr(CAST(a.text AS BLOB), "
        "events.text_begin + 1, events.text_end - events.text_begin) FROM articles a "
        "WHERE a.id = events.article));"
        "UPDATE events SET text = CAST(text AS TEXT);"
        "ALTER TABLE events DROP COLUMN text_begin; ALTER TABLE events DROP COLUMN text_end;"
        "ALTER TABLE events ADD COLUMN date TEXT; UPDATE events SET date = 'x';"
        "PRAGMA user_version = 1;",
        nullptr, nullptr, &err);
    ASSERT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_close(db);
  }
  {
    auto store = Store::Open(path, false);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(EventsWithText(**store), want);
    EXPECT_EQ(SqlInt((*store)->db(), "PRAGMA user_version"), 1);  // read-only: left as it is
  }
  auto store = Store::Open(path, true);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  sqlite3* db = (*store)->db();
  EXPECT_EQ(SqlInt(db, "PRAGMA user_version"), 2);
  EXPECT_EQ(SqlInt(db, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'date'"), 0);
  EXPECT_EQ(SqlText(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(EventsWithText(**store), want);
  // New rows of the upgraded store take the narrow form; the old rows keep their text.
  CodedArticle more =
      Art("a3", "o", "2024-08-21", {Ev("RUS", "TUR", "036", 1, 4, "2024-08-21", 0, "text of a3")});
  IngestStats st;
  ASSERT_TRUE((*store)->Add({more}, &st).ok());
  EXPECT_EQ(SqlInt(db, "SELECT count(*) FROM events WHERE text IS NULL"), 1);
  std::string now = EventsWithText(**store);
  EXPECT_EQ(now.substr(0, want.size()), want);
  EXPECT_NE(now.find("[text of a3]"), std::string::npos) << now;
  // A version this rasad does not know is refused with the reason.
  store->reset();
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA user_version = 0", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  auto unknown = Store::Open(path, false);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("schema version 0"), std::string::npos)
      << unknown.status().message();
}

// ---------------------------------------------------------------------------------------------
// De-duplication

TEST(StoreDedup, CountsMentionsArticlesAndSources) {
  fs::path d = TestDir();
  auto store = OpenNew(d / "s.db");
  ASSERT_NE(store, nullptr);
  std::vector<CodedArticle> batch;
  // The same visit told twice in a1 (two sentences), once in a2 (same outlet), once in a3.
  batch.push_back(Art("a1", "tass", "2024-08-19",
                      {Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08-19", 0),
                       Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08-19", 3),
                       // the same sentence and span twice: one mention
                       Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08-19", 3)}));
  batch.push_back(
      Art("a2", "tass", "2024-08-20", {Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08-19", 1)}));
  IngestStats st;
  ASSERT_TRUE(store->Add(batch, &st).ok());
  batch.clear();
  batch.push_back(Art("a3", "irna", "2024-08-20",
                      {Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08-19", 2),
                       // another day: another event
                       Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08-20", 2),
                       // negated: never merged with the event that happened
                       [] {
                         Event e = Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08-19", 4);
                         e.negated = true;
                         return e;
                       }(),
                       // known to the month only: its own event, merged with the next one
                       Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08", 5)}));
  batch.push_back(Art("a4", "aawsat", "2024-08-25",
                      {Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2024-08", 0),
                       // undated: merged only within its article
                       Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "", 1),
                       Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "", 2)}));
  batch.push_back(
      Art("a5", "aawsat", "2024-08-25", {Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "", 0)}));
  ASSERT_TRUE(store->Add(batch, &st).ok());
  EXPECT_EQ(st.articles_new, 5u);
  EXPECT_EQ(st.mentions_new, 11u);  // 12 coded, one repeated
  EXPECT_EQ(st.events_new, 6u);

  EventFilter all;
  all.include_negated = true;
  all.limit = -1;
  auto events = store->Events(all);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 6u);
  std::map<std::string, const StoredEvent*> by;  // date + negated + first article → event
  for (const StoredEvent& e : *events) {
    by[e.event.date.ToString() + (e.event.negated ? "!" : "") + "@" + e.event.article_id] = &e;
  }
  ASSERT_TRUE(by.count("2024-08-19@a1"));
  const StoredEvent& visit = *by["2024-08-19@a1"];
  EXPECT_EQ(visit.mentions, 4u);  // a1 ×2, a2, a3
  EXPECT_EQ(visit.articles, 3u);
  EXPECT_EQ(visit.sources, 2u);         // tass, irna
  EXPECT_EQ(visit.event.sentence, 0u);  // the first mention's fields
  EXPECT_EQ(visit.url, "http://example.org/a1");
  EXPECT_EQ(visit.outlet, "tass");
  ASSERT_TRUE(by.count("2024-08-20@a3"));
  EXPECT_EQ(by["2024-08-20@a3"]->mentions, 1u);
  ASSERT_TRUE(by.count("2024-08-19!@a3"));
  EXPECT_EQ(by["2024-08-19!@a3"]->mentions, 1u);
  ASSERT_TRUE(by.count("2024-08@a3"));
  EXPECT_EQ(by["2024-08@a3"]->mentions, 2u);
  EXPECT_EQ(by["2024-08@a3"]->articles, 2u);
  EXPECT_EQ(by["2024-08@a3"]->sources, 2u);  // irna, aawsat
  ASSERT_TRUE(by.count("@a4"));
  EXPECT_EQ(by["@a4"]->mentions, 2u);
  EXPECT_EQ(by["@a4"]->articles, 1u);
  ASSERT_TRUE(by.count("@a5"));
  EXPECT_EQ(by["@a5"]->mentions, 1u);

  // The mentions of the visit, each with its article and evidence.
  auto mentions = store->Mentions(visit.id);
  ASSERT_TRUE(mentions.ok());
  ASSERT_EQ(mentions->size(), 4u);
  std::multiset<std::string> where;
  for (const Mention& m : *mentions) where.insert(m.article_id + ":" + std::to_string(m.sentence));
  EXPECT_EQ(where, (std::multiset<std::string>{"a1:0", "a1:3", "a2:1", "a3:2"}));
  EXPECT_EQ((*mentions)[0].outlet, "tass");

  // Negated events stay out unless asked for.
  EventFilter plain;
  EXPECT_EQ(*store->CountEvents(plain), 5);

  // The article view: its text and its events, spans of this article.
  auto art = store->GetArticle("a3");
  ASSERT_TRUE(art.ok());
  ASSERT_TRUE(art->has_value());
  EXPECT_EQ((*art)->article.text, "text of a3");
  EXPECT_EQ((*art)->article.source, "irna");
  ASSERT_EQ((*art)->events.size(), 4u);
  EXPECT_EQ((*art)->events[0].event.article_id, "a3");
  EXPECT_EQ((*art)->events[0].event.sentence, 2u);
  EXPECT_EQ((*art)->events[0].id, visit.id);  // the merged event, seen from a3
  auto none = store->GetArticle("nope");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 5);
  EXPECT_EQ(stats->events, 6);
  EXPECT_EQ(stats->mentions, 11);
  EXPECT_EQ(stats->first_date, "2024-08");
  EXPECT_EQ(stats->last_date, "2024-08-20");
  EXPECT_EQ(stats->events_by_lang["ar"], 6);
}

TEST(StoreDedup, AddingTheSameArticlesAgainChangesNothing) {
  fs::path d = TestDir();
  auto store = OpenNew(d / "s.db");
  std::vector<CodedArticle> batch = {
      Art("a1", "tass", "2024-08-19", {Ev("RUS", "AZE", "042", 1, 1.9, "2024-08-19", 0)}),
      Art("a2", "irna", "2024-08-19", {Ev("RUS", "AZE", "042", 1, 1.9, "2024-08-19", 0)})};
  IngestStats first;
  ASSERT_TRUE(store->Add(batch, &first).ok());
  Totals before = TotalsOf(store->db());
  IngestStats second;
  ASSERT_TRUE(store->Add(batch, &second).ok());
  EXPECT_EQ(second.articles_already, 2u);
  EXPECT_EQ(second.articles_new, 0u);
  EXPECT_EQ(second.mentions_new, 0u);
  EXPECT_EQ(TotalsOf(store->db()), before);
  EXPECT_EQ(before.num_sources, 2);
}

// ---------------------------------------------------------------------------------------------
// Queries

class StoreQuery : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TestDir();
    store_ = OpenNew(dir_ / "s.db");
    ASSERT_NE(store_, nullptr);
    std::vector<CodedArticle> b;
    b.push_back(Art("ar1", "tass", "2023-02-27",
                    {Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2023-02-27", 0,
                        "وصل وزير الخارجية الروسي إلى باكو في زيارة لأذربيجان."),
                     Ev("AZEGOV", "RUSGOV", "043", 1, 2.8, "2023-02-27", 0,
                        "وصل وزير الخارجية الروسي إلى باكو في زيارة لأذربيجان.")}));
    b.push_back(Art(
        "ar2", "aawsat", "2024-08-18",
        {Ev("RUSMIL", "UKR", "190", 4, -10, "2024-08-17", 1,
            "قصفت القوات مواقع في أوكرانيا وروسيا تنفي."),
         Ev("USAGOV", "RUS", "111", 3, -2, "2024-08-18", 2, "انتقدت الولايات المتحدة, موسكو بشدة."),
         Ev("IGOEUREU", "RUS", "163", 4, -8, "2024-08", 3, "فرض الاتحاد الأوروبي عقوبات.")}));
    Event neg =
        Ev("AZE", "ARM", "190", 4, -10, "2024-09-01", 0, "نفت أذربيجان أنها هاجمت أرمينيا.");
    neg.negated = true;
    CodedArticle fa =
        Art("fa1", "irna", "2008-09",
            {Ev("AZEGOV", "RUS", "042", 1, 1.9, "2008-09", 0,
                "المار محمدیاروف وزیر امور خارجه آذربایجان اخیرا از روسیه دیدار کرد."),
             neg});
    for (Event& e : fa.events) e.lang = Lang::kPersian;
    fa.lang = Lang::kPersian;
    b.push_back(fa);
    IngestStats st;
    Status s = store_->Add(b, &st);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::set<std::string> Codes(EventFilter f) {
    f.limit = -1;
    auto ev = store_->Events(f);
    EXPECT_TRUE(ev.ok()) << ev.status().ToString();
    std::set<std::string> out;
    if (!ev.ok()) return out;
    for (const StoredEvent& e : *ev)
      out.insert(e.event.source + ">" + e.event.target + ":" + e.event.code);
    auto n = store_->CountEvents(f);
    EXPECT_TRUE(n.ok());
    EXPECT_EQ(n.ok() ? *n : -1, static_cast<int64_t>(out.size()));
    return out;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreQuery, ActorAndDyad) {
  EventFilter f;
  f.actor = "rus";  // case does not matter; a country prefix matches its agents
  EXPECT_EQ(Codes(f),
            (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUSGOV:043", "RUSMIL>UKR:190",
                                   "USAGOV>RUS:111", "IGOEUREU>RUS:163", "AZEGOV>RUS:042"}));
  f.actor = "RUSGOV";  // a full actor code: only it
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUSGOV:043"}));
  f.actor = "RUS";
  f.actor_b = "AZE";  // either direction
  EXPECT_EQ(Codes(f),
            (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUSGOV:043", "AZEGOV>RUS:042"}));
  f.directed = true;
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSGOV>AZEGOV:042"}));
  f = EventFilter();
  f.actor = "IGO";  // every organization
  EXPECT_EQ(Codes(f), (std::set<std::string>{"IGOEUREU>RUS:163"}));
  f.actor = "IGOEUREU";
  f.actor_b = "RUS";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"IGOEUREU>RUS:163"}));
}

TEST_F(StoreQuery, CountryCodeQuadDatesLangOutlet) {
  EventFilter f;
  f.country = "UKR";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSMIL>UKR:190"}));
  f = EventFilter();
  f.code = "04";  // a root
  EXPECT_EQ(Codes(f),
            (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUSGOV:043", "AZEGOV>RUS:042"}));
  f.code = "042";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUS:042"}));
  f = EventFilter();
  f.quad = 4;
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSMIL>UKR:190", "IGOEUREU>RUS:163"}));
  f.include_negated = true;
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSMIL>UKR:190", "IGOEUREU>RUS:163", "AZE>ARM:190"}));
  f = EventFilter();
  f.date_from = "2024-08";  // a month covers its days and the month-only event
  f.date_to = "2024-08";
  EXPECT_EQ(Codes(f),
            (std::set<std::string>{"RUSMIL>UKR:190", "USAGOV>RUS:111", "IGOEUREU>RUS:163"}));
  f.date_from = "2024-08-18";  // a day: month-only events are not within it
  f.date_to = "2024";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"USAGOV>RUS:111"}));
  f = EventFilter();
  f.date_to = "2008";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"AZEGOV>RUS:042"}));
  f = EventFilter();
  f.lang = "fa";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"AZEGOV>RUS:042"}));
  f = EventFilter();
  f.outlet = "aawsat";
  EXPECT_EQ(Codes(f),
            (std::set<std::string>{"RUSMIL>UKR:190", "USAGOV>RUS:111", "IGOEUREU>RUS:163"}));
}

TEST_F(StoreQuery, PagingAndOrder) {
  EventFilter f;
  f.limit = 2;
  auto page1 = store_->Events(f);
  ASSERT_TRUE(page1.ok());
  ASSERT_EQ(page1->size(), 2u);
  EXPECT_EQ((*page1)[0].event.date.ToString(), "2008-09");  // oldest first
  f.offset = 2;
  auto page2 = store_->Events(f);
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->size(), 2u);
  EXPECT_NE((*page2)[0].id, (*page1)[0].id);
  EXPECT_NE((*page2)[0].id, (*page1)[1].id);
  f.offset = 0;
  f.newest_first = true;
  auto newest = store_->Events(f);
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ((*newest)[0].event.date.ToString(), "2024-08-18");
  EXPECT_EQ(*store_->CountEvents(f), 6);  // limit and offset do not change the count
}

TEST_F(StoreQuery, FullTextSearchFoldsSpellingAndClitics) {
  EventFilter f;
  // Persian ی and Arabic ي: روسیه (as written in the Persian sentence) and روسيه.
  f.text = "روسیه";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"AZEGOV>RUS:042"}));
  f.text = "روسيه";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"AZEGOV>RUS:042"}));
  // Hamza on alef: أذربيجان and اذربيجان; the text has it with the clitic ل.
  f.text = "أذربيجان";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUSGOV:043"}));
  f.text = "اذربيجان";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUSGOV:043"}));
  // وروسيا: the conjunction is a clitic; روسيا finds it.
  f.text = "روسيا";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSMIL>UKR:190"}));
  // Every word must occur; a trailing * is a prefix.
  f.text = "الخارجية باكو";
  EXPECT_EQ(Codes(f), (std::set<std::string>{"RUSGOV>AZEGOV:042", "AZEGOV>RUSGOV:043"}));
  f.text = "الخارجية أوكرانيا";
  EXPECT_EQ(Codes(f), (std::set<std::string>{}));
  f.text = "موسک*";  // Persian kaf, Arabic text: موسكو
  EXPECT_EQ(Codes(f), (std::set<std::string>{"USAGOV>RUS:111"}));
  // FTS5 syntax in the query is only text.
  f.text = "باكو\" OR NEAR(x";
  auto r = store_->Events(f);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  f.text = "باكو AND";
  EXPECT_TRUE(store_->Events(f).ok());
}

TEST(StoreText, FullTextQueryKeysTheWords) {
  EXPECT_EQ(FullTextQuery("روسیه"), "\"روسيه\"");
  EXPECT_EQ(FullTextQuery("أذربيجان"), "\"اذربيجان\"");
  EXPECT_EQ(FullTextQuery("  لافروف، باكو! "), "\"لافروف\" \"باكو\"");
  EXPECT_EQ(FullTextQuery("روس*"), "\"روس\"*");
  EXPECT_EQ(FullTextQuery("…"), "");
}

// The store's tokenizer (rasad_keys) gives unicode61's tokens, offsets and positions: the same
// texts in one full-text table of each, term by term, and the same answers to queries. Keys of
// real sentences (the fast path) and texts that need unicode61 (capitals, punctuation, numbers
// with a point, ZWNJ, diacritics, other scripts, four-byte characters, tabs, invalid UTF-8).
TEST(StoreText, KeysTokenizerGivesUnicode61Tokens) {
  fs::path d = TestDir();
  auto store = OpenNew(d / "s.db");
  ASSERT_NE(store, nullptr);
  sqlite3* db = store->db();
  std::vector<std::string> texts = {"زار وزير الخارجيه الروسي باكو اليوم لبحث العلاقات الثناييه",
                                    "وزير امور خارجه اذربايجان اخيرا از روسيه ديدار كرد ۲۰۰۲ 2015",
                                    "  two  spaces   and trailing ",
                                    "",
                                    " ",
                                    "a",
                                    "mixed عربي latin 42",
                                    "Capitals And ÉLAN",
                                    "5.2 مليار 1,8",
                                    "می\u200cخواهد",
                                    "زَارَ لَافْرُوف",
                                    "\tتاب\nسطر",
                                    "ﷺ ﻻ ﭼ",
                                    "кириллица ελληνικά 中文",
                                    "emoji 😀 here",
                                    "a\x80"
                                    "b \xd8",
                                    "\xe0\x80\x80 overlong",
                                    "نص، بفاصلة؛ عربية؟"};
  TokenizedText sentence;
  sentence.Analyze("وزارة الخارجية الروسية: لافروف يزور باكو وأنقرة");
  ASSERT_FALSE(sentence.sentences().empty());
  EvidenceKeys keys = KeySentence(sentence, sentence.sentences()[0], 0, Lang::kArabic);
  texts.push_back(keys.keys);
  texts.push_back(keys.stems);
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE VIRTUAL TABLE temp.k USING fts5(x, tokenize='rasad_keys "
                         "remove_diacritics 0');"
                         "CREATE VIRTUAL TABLE temp.u USING fts5(x, tokenize='unicode61 "
                         "remove_diacritics 0');"
                         "CREATE VIRTUAL TABLE temp.kv USING fts5vocab(temp, k, instance);"
                         "CREATE VIRTUAL TABLE temp.uv USING fts5vocab(temp, u, instance);",
                         nullptr, nullptr, &err),
            SQLITE_OK)
      << (err ? err : "");
  sqlite3_stmt* ins = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "INSERT INTO temp.k(rowid, x) VALUES(?1, ?2)", -1, &ins, nullptr),
      SQLITE_OK);
  sqlite3_stmt* ins2 = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "INSERT INTO temp.u(rowid, x) VALUES(?1, ?2)", -1, &ins2, nullptr),
      SQLITE_OK);
  for (size_t i = 0; i < texts.size(); ++i) {
    for (sqlite3_stmt* st : {ins, ins2}) {
      sqlite3_bind_int64(st, 1, static_cast<int64_t>(i + 1));
      sqlite3_bind_text(st, 2, texts[i].data(), static_cast<int>(texts[i].size()), SQLITE_STATIC);
      EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << texts[i];
      sqlite3_reset(st);
    }
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(ins2);
  auto rows = [&](const std::string& sql) {
    std::string out;
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* v = sqlite3_column_text(st, c);
        out += std::string(v ? reinterpret_cast<const char*>(v) : "") + "|";
      }
      out += "\n";
    }
    sqlite3_finalize(st);
    return out;
  };
  const std::string vocab = "SELECT term, doc, col, offset FROM temp.%v ORDER BY 1, 2, 3, 4";
  auto with = [](std::string sql, const char* table) {
    sql.replace(sql.find("%v"), 2, table);
    return sql;
  };
  std::string k = rows(with(vocab, "kv")), u = rows(with(vocab, "uv"));
  EXPECT_GT(k.size(), 200u);
  EXPECT_EQ(k, u);
  for (const char* q : {"\"باكو\"", "\"روس\"*", "\"خارجه اذربايجان\"", "\"5 2\"", "capitals",
                        "\"élan\"", "\"می\"", "NEAR(\"وزير\" \"باكو\", 3)"}) {
    std::string m = "SELECT rowid FROM temp.%v WHERE %v MATCH '" + std::string(q) + "' ORDER BY 1";
    std::string mk = m, mu = m;
    mk = with(with(mk, "k"), "k");
    mu = with(with(mu, "u"), "u");
    EXPECT_EQ(rows(mk), rows(mu)) << q;
  }
}

TEST_F(StoreQuery, DyadsAndActors) {
  EventFilter f;
  auto dyads = store_->Dyads(f);
  ASSERT_TRUE(dyads.ok());
  ASSERT_FALSE(dyads->empty());
  EXPECT_EQ((*dyads)[0].a, "AZE");
  EXPECT_EQ((*dyads)[0].b, "RUS");
  EXPECT_EQ((*dyads)[0].events, 3);
  EXPECT_EQ((*dyads)[0].quad[0], 3);
  EXPECT_NEAR((*dyads)[0].goldstein_mean, (1.9 + 2.8 + 1.9) / 3, 1e-9);
  auto actors = store_->Actors(f);
  ASSERT_TRUE(actors.ok());
  ASSERT_FALSE(actors->empty());
  std::map<std::string, Store::ActorRow> by;
  for (const auto& a : *actors) by[a.code] = a;
  EXPECT_EQ(by["AZEGOV"].as_source, 2);
  EXPECT_EQ(by["AZEGOV"].as_target, 1);
  EXPECT_EQ(by["AZEGOV"].label, "AZEGOV label");
  EXPECT_EQ(by["RUS"].as_target, 3);
  f.actor = "IGO";
  actors = store_->Actors(f);
  ASSERT_TRUE(actors.ok());
  ASSERT_EQ(actors->size(), 1u);
  EXPECT_EQ((*actors)[0].code, "IGOEUREU");
}

// ---------------------------------------------------------------------------------------------
// Timeline

TEST(StoreTimeline, HandCheckedNumbers) {
  fs::path d = TestDir();
  auto store = OpenNew(d / "s.db");
  // RUS–AZE: 2023: visit (+1.9) and host (+2.8), 2024-03: a threat from AZE (−4, quad 3),
  // 2024-05-02: an attack (−10, quad 4) and aid (+7, quad 2); 2024 (year only): agreement (+5).
  // Noise: RUS–UKR, and a negated AZE–RUS event.
  Event neg = Ev("AZEMIL", "RUS", "190", 4, -10, "2024-05-02", 4);
  neg.negated = true;
  std::vector<CodedArticle> b = {Art("t1", "tass", "2023-06-01",
                                     {Ev("RUSGOV", "AZEGOV", "042", 1, 1.9, "2023-06-01", 0),
                                      Ev("AZEGOV", "RUSGOV", "043", 1, 2.8, "2023-06-01", 0)}),
                                 Art("t2", "irna", "2024-05-02",
                                     {Ev("AZEGOV", "RUS", "138", 3, -4, "2024-03-15", 0),
                                      Ev("RUSMIL", "AZE", "190", 4, -10, "2024-05-02", 1),
                                      Ev("RUS", "AZE", "070", 2, 7, "2024-05-02", 2),
                                      Ev("RUS", "UKR", "190", 4, -10, "2024-05-02", 3), neg,
                                      Ev("AZE", "RUS", "057", 1, 5, "2024", 5)})};
  IngestStats st;
  ASSERT_TRUE(store->Add(b, &st).ok());
  EventFilter f;
  f.actor = "RUS";
  f.actor_b = "AZE";
  auto years = store->Timeline(f, Period::kYear);
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  ASSERT_EQ(years->size(), 2u);
  const TimelinePoint& y23 = (*years)[0];
  EXPECT_EQ(y23.period, "2023");
  EXPECT_EQ(y23.events, 2);
  EXPECT_EQ(y23.quad[0], 2);
  EXPECT_NEAR(y23.goldstein_sum, 4.7, 1e-9);
  EXPECT_NEAR(y23.goldstein_mean, 2.35, 1e-9);
  EXPECT_NEAR(y23.net_cooperation, 1.0, 1e-9);
  const TimelinePoint& y24 = (*years)[1];
  EXPECT_EQ(y24.period, "2024");
  EXPECT_EQ(y24.events, 4);  // threat, attack, aid, agreement (negated left out)
  EXPECT_EQ(y24.quad[0], 1);
  EXPECT_EQ(y24.quad[1], 1);
  EXPECT_EQ(y24.quad[2], 1);
  EXPECT_EQ(y24.quad[3], 1);
  EXPECT_NEAR(y24.goldstein_sum, -2.0, 1e-9);
  EXPECT_NEAR(y24.goldstein_mean, -0.5, 1e-9);
  EXPECT_NEAR(y24.net_cooperation, 0.0, 1e-9);
  // By month: the year-only agreement has no month.
  auto months = store->Timeline(f, Period::kMonth);
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 3u);
  EXPECT_EQ((*months)[1].period, "2024-03");
  EXPECT_EQ((*months)[1].events, 1);
  EXPECT_NEAR((*months)[1].net_cooperation, -1.0, 1e-9);
  EXPECT_EQ((*months)[2].period, "2024-05");
  EXPECT_EQ((*months)[2].events, 2);
  EXPECT_NEAR((*months)[2].goldstein_sum, -3.0, 1e-9);
  EXPECT_NEAR((*months)[2].net_cooperation, 0.0, 1e-9);
  auto days = store->Timeline(f, Period::kDay);
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 3u);
  EXPECT_EQ((*days)[0].period, "2023-06-01");
  // Directed: RUS → AZE only.
  f.directed = true;
  auto directed = store->Timeline(f, Period::kYear);
  ASSERT_TRUE(directed.ok());
  ASSERT_EQ(directed->size(), 2u);
  EXPECT_EQ((*directed)[0].events, 1);
  EXPECT_EQ((*directed)[1].events, 2);
  EXPECT_NEAR((*directed)[1].net_cooperation, 0.0, 1e-9);
  // With the negated event.
  f.directed = false;
  f.include_negated = true;
  auto with_negated = store->Timeline(f, Period::kYear);
  ASSERT_TRUE(with_negated.ok());
  EXPECT_EQ((*with_negated)[1].events, 5);
  // The shared index.
  const int64_t q[4] = {3, 1, 0, 4};
  EXPECT_NEAR(NetCooperation(q), 0.0, 1e-12);
  const int64_t none[4] = {0, 0, 0, 0};
  EXPECT_EQ(NetCooperation(none), 0.0);
}

// ---------------------------------------------------------------------------------------------
// Exports

class StoreExport : public StoreQuery {
 protected:
  std::string Export(ExportFormat format, bool header = false, ExportStats* stats = nullptr) {
    ExportOptions o;
    o.format = format;
    o.header = header;
    EventFilter f;
    f.include_negated = true;
    std::string out;
    auto r = ExportEvents(*store_, f, o, [&](std::string_view chunk) {
      out.append(chunk);
      return Status::Ok();
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (stats && r.ok()) *stats = *r;
    return out;
  }
};

TEST_F(StoreExport, Gdelt) {
  std::vector<std::string> rows = Lines(Export(ExportFormat::kGdelt));
  ASSERT_EQ(rows.size(), 7u);  // every event, negated included, no header
  std::vector<std::string> header = Split(ExportHeader(ExportFormat::kGdelt), '\t');
  ASSERT_EQ(header.size(), 61u);
  EXPECT_EQ(header[0], "GLOBALEVENTID");
  EXPECT_EQ(header[60], "SOURCEURL");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const std::string& row : rows) {
    std::vector<std::string> c = Split(row, '\t');
    ASSERT_EQ(c.size(), 61u) << row;
    if (c[col["EventCode"]] != "163") continue;
    // IGOEUREU → RUS, 163, 2024-08 (month known: written as its first day).
    EXPECT_EQ(c[col["SQLDATE"]], "20240801");
    EXPECT_EQ(c[col["MonthYear"]], "202408");
    EXPECT_EQ(c[col["Year"]], "2024");
    EXPECT_EQ(c[col["FractionDate"]], "2024.6603");  // 2024 + (8 × 30 + 1) / 365
    EXPECT_EQ(c[col["Actor1Code"]], "IGOEUREU");
    EXPECT_EQ(c[col["Actor1CountryCode"]], "");
    EXPECT_EQ(c[col["Actor1KnownGroupCode"]], "EUREU");
    EXPECT_EQ(c[col["Actor2Code"]], "RUS");
    EXPECT_EQ(c[col["Actor2CountryCode"]], "RUS");
    EXPECT_EQ(c[col["EventBaseCode"]], "163");
    EXPECT_EQ(c[col["EventRootCode"]], "16");
    EXPECT_EQ(c[col["QuadClass"]], "4");
    EXPECT_EQ(c[col["GoldsteinScale"]], "-8");
    EXPECT_EQ(c[col["NumMentions"]], "1");
    EXPECT_EQ(c[col["IsRootEvent"]], "0");
    EXPECT_EQ(c[col["SOURCEURL"]], "http://example.org/ar2");
    EXPECT_EQ(c[col["DATEADDED"]].size(), 14u);
  }
  std::vector<std::string> with_header = Lines(Export(ExportFormat::kGdelt, true));
  ASSERT_EQ(with_header.size(), 8u);
  EXPECT_EQ(with_header[0], ExportHeader(ExportFormat::kGdelt));
}

TEST_F(StoreExport, Phoenix) {
  std::vector<std::string> rows = Lines(Export(ExportFormat::kPhoenix));
  ASSERT_EQ(rows.size(), 7u);
  std::vector<std::string> header = Split(ExportHeader(ExportFormat::kPhoenix), '\t');
  ASSERT_EQ(header.size(), 26u);
  EXPECT_EQ(header[5], "SourceActorFull");
  bool seen = false;
  for (const std::string& row : rows) {
    std::vector<std::string> c = Split(row, '\t');
    ASSERT_EQ(c.size(), 26u) << row;
    if (c[13] != "042" || c[5] != "RUSGOV") continue;
    seen = true;
    EXPECT_EQ(c[1], "20230227");
    EXPECT_EQ(c[2], "2023");
    EXPECT_EQ(c[3], "2");
    EXPECT_EQ(c[4], "27");
    EXPECT_EQ(c[6], "RUS");  // entity
    EXPECT_EQ(c[7], "GOV");  // role
    EXPECT_EQ(c[10], "AZE");
    EXPECT_EQ(c[14], "04");
    EXPECT_EQ(c[15], "1");  // PentaClass
    EXPECT_EQ(c[16], "1.9");
    EXPECT_EQ(c[23], "ar1_0");
    EXPECT_EQ(c[24], "http://example.org/ar1");
    EXPECT_EQ(c[25], "tass");
  }
  EXPECT_TRUE(seen);
}

TEST_F(StoreExport, PloverJsonLines) {
  ExportStats stats;
  std::vector<std::string> rows = Lines(Export(ExportFormat::kPlover, false, &stats));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(stats.rows, 7);
  simdjson::dom::parser parser;
  bool visit = false, negated = false;
  for (const std::string& row : rows) {
    simdjson::dom::element e;
    ASSERT_FALSE(parser.parse(row).get(e)) << row;
    std::string_view id, date, event, code;
    ASSERT_FALSE(e["id"].get(id));
    ASSERT_FALSE(e["event"].at(0).get(event));
    ASSERT_FALSE(e["cameo_code"].get(code));
    ASSERT_FALSE(e["source"].at(0)["code"].get_string().error());
    ASSERT_FALSE(e["recipient"].at(0)["code"].get_string().error());
    ASSERT_FALSE(e["quad_code"].get_int64().error());
    ASSERT_FALSE(e["cite_info"]["url"].get_string().error());
    if (code == "042" && e["source"].at(0)["code"].get_string().value() == "RUS") {
      visit = true;
      EXPECT_EQ(e["date"].get_string().value(), "2023-02-27");
      EXPECT_EQ(event, "CONSULT");
      EXPECT_EQ(e["mode"].at(0).get_string().value(), "visit");
      EXPECT_EQ(e["source"].at(0)["sector"].get_string().value(), "GOV");
      EXPECT_EQ(e["text_info"]["sequence"].get_int64().value(), 0);
      EXPECT_EQ(e["cite_info"]["publication"].get_string().value(), "tass");
      EXPECT_EQ(e["cite_info"]["language"].get_string().value(), "ar");
    }
    if (e["context"].error() == simdjson::SUCCESS) {
      negated = true;
      EXPECT_EQ(e["context"].at(0).get_string().value(), "negation");
    }
  }
  EXPECT_TRUE(visit);
  EXPECT_TRUE(negated);
  // Statements (CAMEO 01) have no PLOVER type: left out and counted.
  std::vector<CodedArticle> b = {
      Art("s1", "o", "2024-01-01", {Ev("RUS", "AZE", "010", 1, 0, "2024-01-01", 0)})};
  IngestStats st;
  ASSERT_TRUE(store_->Add(b, &st).ok());
  ExportStats after;
  EXPECT_EQ(Lines(Export(ExportFormat::kPlover, false, &after)).size(), 7u);
  EXPECT_EQ(after.left_out, 1);
}

TEST_F(StoreExport, CsvAndJsonl) {
  std::vector<std::string> csv = Lines(Export(ExportFormat::kCsv));
  ASSERT_EQ(csv.size(), 8u);  // header + 7
  EXPECT_EQ(csv[0], ExportHeader(ExportFormat::kCsv));
  const size_t columns = Split(csv[0], ',').size();
  EXPECT_EQ(columns, 34u);
  // A field with a comma is quoted.
  bool quoted = false;
  for (size_t i = 1; i < csv.size(); ++i) {
    quoted |= csv[i].find(",\"انتقدت الولايات المتحدة, موسكو بشدة.\"") != std::string::npos;
  }
  EXPECT_TRUE(quoted);
  std::vector<std::string> jsonl = Lines(Export(ExportFormat::kJsonl));
  ASSERT_EQ(jsonl.size(), 7u);
  simdjson::dom::parser parser;
  for (const std::string& line : jsonl) {
    simdjson::dom::element e;
    ASSERT_FALSE(parser.parse(line).get(e)) << line;
    EXPECT_FALSE(e["event_id"].get_string().error());
    EXPECT_FALSE(e["mentions"].get_int64().error());
    EXPECT_FALSE(e["sources"].get_int64().error());
    EXPECT_FALSE(e["span"].get_array().error());
  }
}

TEST(StoreExportCsv, QuotesFieldsThatNeedIt) {
  std::string out;
  AppendCsvField("plain", out);
  out += ",";
  AppendCsvField("a, b", out);
  out += ",";
  AppendCsvField("say \"hi\"", out);
  out += ",";
  AppendCsvField("two\nlines", out);
  EXPECT_EQ(out, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"");
}

TEST(StoreExportLarge, StreamsInBoundedPieces) {
  fs::path d = TestDir();
  auto store = OpenNew(d / "s.db");
  ASSERT_NE(store, nullptr);
  // 40,000 events over 4,000 articles, all distinct.
  const char* codes[] = {"042", "043", "190", "111", "057"};
  const int quads[] = {1, 1, 4, 3, 1};
  IngestStats st;
  for (int chunk = 0; chunk < 4; ++chunk) {
    std::vector<CodedArticle> b;
    for (int a = 0; a < 1000; ++a) {
      int n = chunk * 1000 + a;
      std::vector<Event> events;
      for (int k = 0; k < 10; ++k) {
        char date[32];  // unique per article and sentence
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1900 + n / 28, 1 + k, 1 + n % 28);
        events.push_back(Ev(k % 2 ? "RUSGOV" : "AZEGOV", k % 3 ? "TUR" : "IRN", codes[k % 5],
                            quads[k % 5], 1.0, date, k));
      }
      b.push_back(Art("big" + std::to_string(n), "o" + std::to_string(n % 7), "2020", events));
    }
    ASSERT_TRUE(store->Add(b, &st).ok());
  }
  ASSERT_EQ(st.events_new, 40000u);
  for (ExportFormat format : {ExportFormat::kGdelt, ExportFormat::kJsonl}) {
    ExportOptions o;
    o.format = format;
    EventFilter all;
    int64_t lines = 0, pieces = 0;
    size_t biggest = 0;
    auto r = ExportEvents(*store, all, o, [&](std::string_view chunk) {
      ++pieces;
      biggest = std::max(biggest, chunk.size());
      for (char c : chunk) lines += c == '\n';
      return Status::Ok();
    });
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rows, 40000);
    EXPECT_EQ(lines, 40000);
    EXPECT_GT(pieces, 10);                // written as it goes…
    EXPECT_LT(biggest, size_t{1} << 17);  // …in pieces of bounded size
  }
  // A writer's error stops the export and comes back.
  ExportOptions o;
  auto r = ExportEvents(*store, EventFilter(), o,
                        [&](std::string_view) { return IoError("disk full"); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "disk full");
}

// ---------------------------------------------------------------------------------------------
// The CLI: ingest, query, timeline, export on real input.

CliRun Rasad(const std::string& args, const fs::path& dir) {
  return rasad_test::RunRasad(args, dir);
}

TEST(StoreCli, IngestSeedsTwiceThenQueryTimelineExport) {
  const std::string seeds = Corpus("seeds.jsonl");
  if (!fs::exists(seeds)) GTEST_SKIP() << "corpus not found at " << seeds;
  fs::path d = TestDir();
  const std::string db = (d / "seeds.db").string();
  CliRun first = Rasad("ingest " + seeds + " --db " + db, d);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("5 articles read"), std::string::npos) << first.err;
  Totals before;
  int64_t events = 0;
  {
    auto store = Store::Open(db, false);
    ASSERT_TRUE(store.ok());
    before = TotalsOf((*store)->db());
    EventFilter all;
    all.include_negated = true;
    events = *(*store)->CountEvents(all);
  }
  EXPECT_EQ(before.articles, 5);
  EXPECT_GT(before.events, 20);
  EXPECT_GE(before.num_mentions, before.events);
  // Again: nothing changes.
  CliRun second = Rasad("ingest " + seeds + " --db " + db, d);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("5 already stored"), std::string::npos) << second.err;
  {
    auto store = Store::Open(db, false);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(TotalsOf((*store)->db()), before);
  }

  // query: JSON array, JSON Lines, CSV, table, count.
  CliRun json = Rasad("query --db " + db + " --actor RUS --actor-b AZE --limit 0 --format json", d);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  simdjson::dom::parser parser;
  simdjson::dom::element arr;
  ASSERT_FALSE(parser.parse(json.out).get(arr)) << json.out.substr(0, 300);
  size_t n = 0;
  for (simdjson::dom::element e : arr.get_array()) {
    ++n;
    std::string_view s = e["source_country"].get_string().value();
    std::string_view t = e["target_country"].get_string().value();
    EXPECT_TRUE((s == "RUS" && t == "AZE") || (s == "AZE" && t == "RUS")) << s << " " << t;
    EXPECT_FALSE(e["negated"].get_bool().value());
  }
  EXPECT_GT(n, 10u);
  CliRun count = Rasad("query --db " + db + " --actor RUS --actor-b AZE --count", d);
  EXPECT_EQ(count.out, std::to_string(n) + "\n");
  CliRun jsonl =
      Rasad("query --db " + db + " --actor RUS --actor-b AZE --limit 5 --format jsonl", d);
  EXPECT_EQ(Lines(jsonl.out).size(), 5u);
  CliRun csv = Rasad("query --db " + db + " --code 04 --limit 0 --format csv", d);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> csv_lines = Lines(csv.out);
  ASSERT_GT(csv_lines.size(), 1u);
  EXPECT_EQ(csv_lines[0], ExportHeader(ExportFormat::kCsv));
  CliRun table = Rasad("query --db " + db + " --text روسیه --limit 3", d);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::vector<std::string> table_lines = Lines(table.out);
  ASSERT_EQ(table_lines.size(), 5u) << table.out;  // header, 3 events, total
  EXPECT_NE(table_lines[0].find("evidence"), std::string::npos);
  EXPECT_NE(table_lines[4].find("3 of "), std::string::npos);
  CliRun bad = Rasad("query --db " + db + " --from 2024-13", d);
  EXPECT_EQ(bad.exit_code, 1);
  CliRun missing = Rasad("query --db " + (d / "none.db").string(), d);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_FALSE(fs::exists(d / "none.db"));  // reading never creates a store

  // timeline: the table, CSV and JSON agree with the library.
  std::vector<TimelinePoint> points;
  {
    auto store = Store::Open(db, false);
    EventFilter f;
    f.actor = "RUS";
    f.actor_b = "AZE";
    auto t = (*store)->Timeline(f, Period::kYear);
    ASSERT_TRUE(t.ok());
    points = *t;
  }
  ASSERT_GE(points.size(), 3u);
  CliRun tcsv = Rasad("timeline RUS AZE --db " + db + " --by year --format csv", d);
  ASSERT_EQ(tcsv.exit_code, 0) << tcsv.err;
  std::vector<std::string> tl = Lines(tcsv.out);
  ASSERT_EQ(tl.size(), points.size() + 1);
  EXPECT_EQ(tl[0].substr(0, 14), "period,events,");
  for (size_t i = 0; i < points.size(); ++i) {
    std::vector<std::string> c = Split(tl[i + 1], ',');
    ASSERT_EQ(c.size(), 9u);
    EXPECT_EQ(c[0], points[i].period);
    EXPECT_EQ(std::stoll(c[1]), points[i].events);
    EXPECT_NEAR(std::stod(c[8]), points[i].net_cooperation, 1e-3);
  }
  CliRun tjson = Rasad("timeline RUS AZE --db " + db + " --by month --format json", d);
  ASSERT_EQ(tjson.exit_code, 0) << tjson.err;
  simdjson::dom::element tj;
  ASSERT_FALSE(parser.parse(tjson.out).get(tj)) << tjson.out;
  EXPECT_GT(tj.get_array().size(), 0u);
  CliRun ttable = Rasad("timeline RUS AZE --db " + db, d);
  ASSERT_EQ(ttable.exit_code, 0) << ttable.err;
  EXPECT_NE(ttable.out.find("RUS-AZE by year:"), std::string::npos);
  EXPECT_NE(ttable.out.find("cooperation"), std::string::npos);

  // export: every event in each layout, to a file.
  for (const char* format : {"gdelt", "phoenix", "csv", "jsonl"}) {
    fs::path out = d / (std::string("export.") + format);
    CliRun x = Rasad("export --db " + db + " --format " + format + " -o " + out.string(), d);
    ASSERT_EQ(x.exit_code, 0) << x.err;
    size_t rows = Lines(Slurp(out)).size();
    EXPECT_EQ(rows, static_cast<size_t>(events) + (std::string(format) == "csv" ? 1 : 0)) << format;
  }
  CliRun plover = Rasad("export --db " + db + " --format plover", d);
  ASSERT_EQ(plover.exit_code, 0) << plover.err;
  EXPECT_GT(Lines(plover.out).size(), 10u);
}

// Writes the first `n` lines of a gzip corpus to `path`.
bool FirstLines(const std::string& gz, size_t n, const fs::path& path) {
  gzFile f = gzopen(gz.c_str(), "rb");
  if (!f) return false;
  std::ofstream out(path, std::ios::binary);
  std::vector<char> buf(1 << 20);
  size_t lines = 0;
  std::string line;
  while (lines < n && gzgets(f, buf.data(), static_cast<int>(buf.size())) != nullptr) {
    line += buf.data();
    if (!line.empty() && line.back() == '\n') {
      out << line;
      line.clear();
      ++lines;
    }
  }
  gzclose(f);
  return lines == n;
}

// Per stored article: how many mentions it has (as stored in the article, and as rows).
std::map<std::string, std::pair<int64_t, int64_t>> ArticleMentions(sqlite3* db) {
  std::map<std::string, std::pair<int64_t, int64_t>> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT a.article_id, a.events, (SELECT count(*) FROM mentions m WHERE "
                     "m.article = a.id) FROM articles a",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = {sqlite3_column_int64(st, 1),
                                                                      sqlite3_column_int64(st, 2)};
  }
  sqlite3_finalize(st);
  return out;
}

// Runs `rasad ingest INPUT --db DB --chunk 16 ARGS…` and kills it (SIGKILL) as soon as the store
// holds its first committed article.
struct KilledIngest {
  bool started = false, committed = false, killed = false;  // killed: by the signal, not done
};
KilledIngest IngestKilledAfterFirstCommit(const std::string& input, const std::string& db,
                                          std::vector<std::string> args) {
  KilledIngest out;
  std::vector<std::string> argv = {RASAD_BINARY, "ingest", input, "--db", db, "--chunk", "16"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return out;
  out.started = true;
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(RASAD_BINARY, c_argv.data());
    _exit(127);
  }
  for (int i = 0; i < 3000 && !out.committed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    sqlite3* db_handle = nullptr;
    if (fs::exists(db) &&
        sqlite3_open_v2(db.c_str(), &db_handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db_handle, "SELECT count(*) FROM articles", -1, &st, nullptr) ==
              SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW) {
        out.committed = sqlite3_column_int64(st, 0) > 0;
      }
      sqlite3_finalize(st);
    }
    sqlite3_close(db_handle);
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  out.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  return out;
}

// The kill -9 tests: the first 8,000 SaudiNewsNet articles as input, in a fresh directory.
class StoreKill : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string snn = Corpus("saudinewsnet-2015-dev.jsonl.gz");
    if (!fs::exists(snn)) GTEST_SKIP() << "corpus not found at " << snn;
    d = TestDir();
    input = d / "sample.jsonl";
    ASSERT_TRUE(FirstLines(snn, 8000, input));
  }
  fs::path d, input;
};

TEST_F(StoreKill, KilledIngestLeavesWholeArticlesAndARerunFinishes) {
  // The reference: one uninterrupted ingest.
  const std::string clean = (d / "clean.db").string();
  CliRun ref = Rasad("ingest " + input.string() + " --db " + clean + " -q", d);
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  Totals want;
  std::map<std::string, std::pair<int64_t, int64_t>> want_articles;
  {
    auto store = Store::Open(clean, false);
    ASSERT_TRUE(store.ok());
    want = TotalsOf((*store)->db());
    want_articles = ArticleMentions((*store)->db());
  }
  ASSERT_EQ(want.articles, 8000);
  ASSERT_GT(want.events, 1000);

  // Killed: start it, wait for its first commit, kill -9 it.
  const std::string db = (d / "killed.db").string();
  const KilledIngest run = IngestKilledAfterFirstCommit(input, db, {"-q"});
  ASSERT_TRUE(run.started) << "cannot fork";
  ASSERT_TRUE(run.committed) << "the ingest never committed";
  const bool was_killed = run.killed;
  {
    auto store = Store::Open(db, true);  // opens cleanly (recovers the WAL)
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    sqlite3* h = (*store)->db();
    EXPECT_EQ(SqlText(h, "PRAGMA integrity_check"), "ok");
    Totals got = TotalsOf(h);
    std::cout << "killed " << (was_killed ? "mid-way" : "too late") << ": " << got.articles
              << " of " << want.articles << " articles stored\n";
    if (was_killed) {
      EXPECT_GT(got.articles, 0);
      EXPECT_LT(got.articles, want.articles) << "killed after it finished?";
    }
    // Every stored article holds all of its mentions: as many as in the clean store.
    auto got_articles = ArticleMentions(h);
    for (const auto& [id, counts] : got_articles) {
      ASSERT_TRUE(want_articles.count(id)) << id;
      EXPECT_EQ(counts.first, counts.second) << id;
      EXPECT_EQ(counts, want_articles[id]) << id;
    }
  }
  // Run again: it finishes the rest, and the store equals the clean one.
  CliRun rerun = Rasad("ingest " + input.string() + " --db " + db, d);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("already stored"), std::string::npos) << rerun.err;
  auto store = Store::Open(db, false);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(TotalsOf((*store)->db()), want);
  EXPECT_EQ(ArticleMentions((*store)->db()), want_articles);
}

// What the query paths answer, as text to compare (ids and ingest times left out: they may differ
// between stores holding the same events).
std::string Answers(const Store& store) {
  std::string out;
  auto events = [&](EventFilter f) {
    f.limit = -1;
    f.include_negated = true;
    auto got = store.Events(f);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok()) return;
    for (const StoredEvent& e : *got) {
      out += e.event.event_id + " " + e.event.article_id + " " + e.event.source + ">" +
             e.event.target + " " + e.event.code + " " + e.event.date.ToString() + " " +
             std::to_string(e.mentions) + "/" + std::to_string(e.articles) + "/" +
             std::to_string(e.sources) + " " + std::to_string(e.event.span_begin) + "-" +
             std::to_string(e.event.span_end) + " " + e.event.text + "\n";
    }
  };
  events({});
  EventFilter sau;
  sau.actor = "SAU";
  events(sau);
  EventFilter code;
  code.code = "04";
  code.date_from = "2015-03";
  events(code);
  EventFilter text;
  text.text = "السعودية";
  events(text);
  auto tl = store.Timeline(sau, Period::kMonth);
  EXPECT_TRUE(tl.ok());
  if (tl.ok()) {
    for (const TimelinePoint& p : *tl) {
      out +=
          p.period + " " + std::to_string(p.events) + " " + std::to_string(p.goldstein_sum) + "\n";
    }
  }
  EventFilter all;
  all.limit = -1;
  auto dyads = store.Dyads(all);
  EXPECT_TRUE(dyads.ok());
  if (dyads.ok()) {
    for (const auto& d : *dyads) out += d.a + "-" + d.b + " " + std::to_string(d.events) + "\n";
  }
  auto actors = store.Actors(all);
  EXPECT_TRUE(actors.ok());
  if (actors.ok()) {
    for (const auto& a : *actors) {
      out += a.code + " " + a.label + " " + std::to_string(a.as_source) + " " +
             std::to_string(a.as_target) + "\n";
    }
  }
  auto stats = store.Stats();
  EXPECT_TRUE(stats.ok());
  if (stats.ok()) out += std::to_string(stats->events) + " " + stats->first_date + "\n";
  return out;
}

std::string IndexSql(sqlite3* db) {
  std::string out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* sql = sqlite3_column_text(st, 1);
    out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + ": " +
           (sql ? reinterpret_cast<const char*>(sql) : "") + "\n";
  }
  sqlite3_finalize(st);
  return out;
}

// A bulk load (--bulk-events 1: from the first chunk on) drops the events indexes and builds them
// at the end. Killed half-way, the store answers every query as it will with the indexes; a re-run
// finishes the load and builds them, and the store equals one ingested without bulk loading.
TEST_F(StoreKill, KilledBulkLoadAnswersQueriesAndARerunBuildsTheIndexes) {
  const std::string clean = (d / "clean.db").string();
  CliRun ref = Rasad("ingest " + input.string() + " --db " + clean + " --bulk-events 0 -q", d);
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  Totals want;
  std::map<std::string, std::pair<int64_t, int64_t>> want_articles;
  std::string want_answers, want_indexes;
  {
    auto store = Store::Open(clean, false);
    ASSERT_TRUE(store.ok());
    want = TotalsOf((*store)->db());
    want_articles = ArticleMentions((*store)->db());
    want_answers = Answers(**store);
    want_indexes = IndexSql((*store)->db());
  }
  ASSERT_GT(want.events, 1000);
  ASSERT_NE(want_indexes.find("events_key"), std::string::npos);
  // A finished store equals the clean one: totals, mentions, indexes, integrity and answers.
  auto expect_clean = [&](Store& store) {
    sqlite3* h = store.db();
    EXPECT_EQ(TotalsOf(h), want);
    EXPECT_EQ(ArticleMentions(h), want_articles);
    EXPECT_EQ(IndexSql(h), want_indexes);
    EXPECT_EQ(SqlText(h, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(Answers(store), want_answers);
  };

  // Uninterrupted, a bulk load gives the same store.
  const std::string bulk = (d / "bulk.db").string();
  CliRun run = Rasad("ingest " + input.string() + " --db " + bulk + " --bulk-events 1 -q", d);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  {
    auto store = Store::Open(bulk, false);
    ASSERT_TRUE(store.ok());
    expect_clean(**store);
    EXPECT_EQ(SqlInt((*store)->db(), "SELECT count(*) FROM meta WHERE key = 'bulk_load'"), 0);
  }

  // Killed after its first commit (the bulk load has begun by then).
  const std::string db = (d / "killed.db").string();
  const KilledIngest killed_run =
      IngestKilledAfterFirstCommit(input, db, {"--bulk-events", "1", "-q"});
  ASSERT_TRUE(killed_run.started) << "cannot fork";
  ASSERT_TRUE(killed_run.committed) << "the ingest never committed";
  const bool was_killed = killed_run.killed;
  std::string pending_answers;
  {
    auto store = Store::Open(db, false);  // read-only: answers without the indexes
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::cout << "killed " << (was_killed ? "mid-way" : "too late") << ": "
              << TotalsOf((*store)->db()).articles << " of " << want.articles
              << " articles stored; answers " << want_answers.size() << " bytes\n";
    sqlite3* h = (*store)->db();
    EXPECT_EQ(SqlText(h, "PRAGMA integrity_check"), "ok");
    if (was_killed) {
      EXPECT_EQ(SqlInt(h, "SELECT count(*) FROM meta WHERE key = 'bulk_load'"), 1);
      EXPECT_EQ(SqlInt(h, "SELECT count(*) FROM sqlite_schema WHERE name = 'events_dyad'"), 0);
      EXPECT_LT(TotalsOf(h).articles, want.articles) << "killed after it finished?";
    }
    auto got_articles = ArticleMentions(h);
    for (const auto& [id, counts] : got_articles) {
      ASSERT_TRUE(want_articles.count(id)) << id;
      EXPECT_EQ(counts, want_articles[id]) << id;
    }
    pending_answers = Answers(**store);
  }
  {
    // Writing (Add) to the store builds the indexes first; the answers stay the same.
    auto store = Store::Open(db, true);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    IngestStats st;
    ASSERT_TRUE((*store)->Add({}, &st).ok());
    sqlite3* h = (*store)->db();
    EXPECT_EQ(IndexSql(h), want_indexes);
    EXPECT_EQ(SqlInt(h, "SELECT count(*) FROM meta WHERE key = 'bulk_load'"), 0);
    EXPECT_EQ(Answers(**store), pending_answers);
  }
  // Run again: it finishes the rest, and the store equals the clean one.
  CliRun rerun = Rasad("ingest " + input.string() + " --db " + db + " --bulk-events 1", d);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  auto store = Store::Open(db, false);
  ASSERT_TRUE(store.ok());
  expect_clean(**store);
}

}  // namespace
}  // namespace rasad
