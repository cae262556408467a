// Tests of `rasad serve` over real HTTP: a store is built with `rasad ingest` from the bundled
// examples (and from the seed articles when ../shared/corpus is there), a Server is started
// in-process on a free port, and httplib::Client asks it questions; the answers are parsed with
// simdjson and checked field by field. The last tests run the `rasad serve` command itself.
#include "rasad/serve.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "src/serve/json_writer.h"

namespace {

namespace fs = std::filesystem;
using rasad::ServeOptions;
using rasad::Server;

fs::path TestRoot() {
  return fs::temp_directory_path() / ("rasad_serve_test_" + std::to_string(getpid()));
}

// Removes the stores when the test program ends.
struct RemoveTestRoot {
  ~RemoveTestRoot() {
    std::error_code ec;
    fs::remove_all(TestRoot(), ec);
  }
} remove_test_root;

fs::path TempDir(const std::string& name) {
  fs::path d = TestRoot() / name;
  fs::create_directories(d);
  return d;
}

// Builds a store from `inputs` with the rasad binary; returns its path ("" on failure).
std::string Ingest(const std::string& inputs, const std::string& name) {
  fs::path db = TempDir("stores") / (name + ".db");
  fs::remove(db);
  std::string cmd = std::string(RASAD_BINARY) + " ingest " + inputs + " --db " + db.string() +
                    " -q --data " + RASAD_SOURCE_DIR + "/data";
  int rc = std::system(cmd.c_str());
  if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0) return "";
  return db.string();
}

std::string UrlEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

struct Json {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  bool Parse(const std::string& body) {
    auto r = parser.parse(body);
    if (r.error()) return false;
    root = r.value();
    return true;
  }
};

std::string Str(simdjson::dom::element e, const char* key) {
  std::string_view v;
  if (e[key].get(v)) return "<missing " + std::string(key) + ">";
  return std::string(v);
}
// The array at `key` (empty when missing), by value: simdjson_result temporaries must not be
// iterated after they die.
simdjson::dom::array Arr(simdjson::dom::element e, const char* key) {
  simdjson::dom::array a;
  if (e[key].get(a)) return {};
  return a;
}
int64_t Int(simdjson::dom::element e, const char* key) {
  int64_t v = -1;
  if (e[key].get(v)) return -999999;
  return v;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(Ingest(std::string(RASAD_SOURCE_DIR) + "/examples", "examples"));
    ASSERT_FALSE(db_->empty()) << "rasad ingest failed";
    ServeOptions o;
    o.db_path = *db_;
    o.port = 0;
    o.threads = 4;
    o.data_dir = std::string(RASAD_SOURCE_DIR) + "/data";
    o.max_limit = 50;
    auto s = Server::Create(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = s->release();
    ASSERT_TRUE(server_->Start().ok());
  }
  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    delete server_;
    server_ = nullptr;
    delete db_;
  }

  // GET `path`; fills json_ and returns the status (0 when no answer or not JSON).
  int Get(const std::string& path) {
    httplib::Client cli("127.0.0.1", server_->port());
    cli.set_read_timeout(20, 0);
    auto res = cli.Get(path.c_str());
    if (!res) return 0;
    last_body_ = res->body;
    last_type_ = res->get_header_value("Content-Type");
    if (last_type_.starts_with("application/json") && !json_.Parse(res->body)) return 0;
    return res->status;
  }

  static std::string* db_;
  static Server* server_;
  Json json_;
  std::string last_body_, last_type_;
};
std::string* ServeTest::db_ = nullptr;
Server* ServeTest::server_ = nullptr;

TEST_F(ServeTest, IndexListsEndpoints) {
  ASSERT_EQ(Get("/api"), 200);
  EXPECT_EQ(Str(json_.root, "name"), "rasad");
  simdjson::dom::array endpoints;
  ASSERT_FALSE(json_.root["endpoints"].get(endpoints));
  EXPECT_GE(endpoints.size(), 8u);
  EXPECT_EQ(Int(json_.root, "max_limit"), 50);
}

TEST_F(ServeTest, Stats) {
  ASSERT_EQ(Get("/api/stats"), 200) << last_body_;
  EXPECT_GE(Int(json_.root, "articles"), 9);  // examples/: nine articles
  EXPECT_GT(Int(json_.root, "events"), 5);
  EXPECT_GT(Int(json_.root["languages"], "ar"), 0);
  EXPECT_GT(Int(json_.root["languages"], "fa"), 0);
  EXPECT_EQ(Str(json_.root, "first").size(), 4u);
}

TEST_F(ServeTest, EventsCarryTheRecordNamesAndHighlight) {
  ASSERT_EQ(Get("/api/events?limit=50"), 200) << last_body_;
  int64_t total = Int(json_.root, "total");
  EXPECT_GT(total, 5);
  simdjson::dom::array events;
  ASSERT_FALSE(json_.root["events"].get(events));
  ASSERT_GT(events.size(), 0u);
  int highlighted = 0;
  for (simdjson::dom::element e : events) {
    for (const char* key : {"event_id", "article_id", "date", "source", "target", "code", "label",
                            "text", "source_actor", "target_actor", "quad_name"}) {
      EXPECT_FALSE(e[key].error()) << key << " missing in " << simdjson::to_string(e);
    }
    EXPECT_GT(Int(e, "id"), 0);
    EXPECT_GE(Int(e, "mentions"), 1);
    // The highlight is a byte range of the sentence: the evidence the span points at.
    simdjson::dom::array h;
    if (!e["highlight"].get(h)) {
      ++highlighted;
      int64_t b = h.at(0).get_int64().value(), end = h.at(1).get_int64().value();
      std::string text = Str(e, "text");
      ASSERT_LE(b, end);
      ASSERT_LE(end, static_cast<int64_t>(text.size()));
      simdjson::dom::array span = Arr(e, "span");
      EXPECT_EQ(end - b, span.at(1).get_int64().value() - span.at(0).get_int64().value());
    }
  }
  EXPECT_EQ(highlighted, static_cast<int>(events.size()));
  // English names from data/: country codes → names, roles → words.
  ASSERT_EQ(Get("/api/events?actor=AZEGOV&limit=5"), 200);
  bool named = false;
  for (simdjson::dom::element e : Arr(json_.root, "events")) {
    if (Str(e, "source") == "AZEGOV") named = Str(e, "source_actor") == "Azerbaijan government";
    if (Str(e, "target") == "AZEGOV") named = Str(e, "target_actor") == "Azerbaijan government";
  }
  EXPECT_TRUE(named) << last_body_;
}

TEST_F(ServeTest, PagingCoversEveryEventOnce) {
  // Pages of 50 (the cap) and pages of 4 list the same events in the same order.
  auto page_through = [&](int size, int64_t* total) {
    std::vector<int64_t> ids;
    for (int offset = 0;; offset += size) {
      EXPECT_EQ(
          Get("/api/events?limit=" + std::to_string(size) + "&offset=" + std::to_string(offset)),
          200);
      *total = Int(json_.root, "total");
      EXPECT_EQ(Int(json_.root, "limit"), size);
      EXPECT_EQ(Int(json_.root, "offset"), offset);
      size_t n = 0;
      for (simdjson::dom::element e : Arr(json_.root, "events")) {
        ids.push_back(Int(e, "id"));
        ++n;
      }
      if (n < static_cast<size_t>(size) || offset > 100000) break;
    }
    return ids;
  };
  int64_t total50 = 0, total4 = 0;
  std::vector<int64_t> all = page_through(50, &total50);
  std::vector<int64_t> paged = page_through(4, &total4);
  EXPECT_EQ(static_cast<int64_t>(all.size()), total50);
  EXPECT_EQ(total4, total50);
  EXPECT_EQ(paged, all);
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()).size(), all.size());
  ASSERT_EQ(Get("/api/events?offset=100000"), 200);
  EXPECT_EQ(Arr(json_.root, "events").size(), 0u);
}

TEST_F(ServeTest, LimitIsCapped) {
  ASSERT_EQ(Get("/api/events?limit=100000"), 200);
  EXPECT_EQ(Int(json_.root, "limit"), 50);  // the server's max_limit
  EXPECT_LE(Arr(json_.root, "events").size(), 50u);
  ASSERT_EQ(Get("/api/dyads?limit=100000"), 200);
  EXPECT_EQ(Int(json_.root, "limit"), 50);
}

TEST_F(ServeTest, Filters) {
  ASSERT_EQ(Get("/api/events?actor=RUS&b=AZE&limit=50"), 200) << last_body_;
  auto events = Arr(json_.root, "events");
  ASSERT_GT(events.size(), 0u);
  for (simdjson::dom::element e : events) {
    std::set<std::string> sides = {Str(e, "source_country"), Str(e, "target_country")};
    EXPECT_EQ(sides, (std::set<std::string>{"AZE", "RUS"})) << simdjson::to_string(e);
  }
  ASSERT_EQ(Get("/api/events?a=RUS&b=AZE&directed=1&limit=50"), 200);
  for (simdjson::dom::element e : Arr(json_.root, "events")) {
    EXPECT_EQ(Str(e, "source").substr(0, 3), "RUS");
  }
  ASSERT_EQ(Get("/api/events?lang=fa&limit=50"), 200);
  ASSERT_GT(Int(json_.root, "total"), 0);
  for (simdjson::dom::element e : Arr(json_.root, "events")) {
    EXPECT_EQ(Str(e, "lang"), "fa");
  }
  ASSERT_EQ(Get("/api/events?code=04&limit=50"), 200);
  ASSERT_GT(Int(json_.root, "total"), 0);
  for (simdjson::dom::element e : Arr(json_.root, "events")) {
    EXPECT_EQ(Str(e, "code").substr(0, 2), "04");
    EXPECT_EQ(Str(e, "root_label"), "Consult");
  }
  ASSERT_EQ(Get("/api/events?quad=1&limit=50"), 200);
  for (simdjson::dom::element e : Arr(json_.root, "events")) {
    EXPECT_EQ(Int(e, "quad"), 1);
  }
  ASSERT_EQ(Get("/api/events?from=2022&to=2022-12&limit=50"), 200);
  ASSERT_GT(Int(json_.root, "total"), 0);
  for (simdjson::dom::element e : Arr(json_.root, "events")) {
    EXPECT_EQ(Str(e, "date").substr(0, 4), "2022");
  }
  // Filters in lower case work too (actor codes are upper-cased).
  ASSERT_EQ(Get("/api/events?actor=rus&limit=1"), 200);
  EXPECT_GT(Int(json_.root, "total"), 0);
}

TEST_F(ServeTest, TimelineAddsUp) {
  ASSERT_EQ(Get("/api/timeline?a=RUS&b=AZE&by=year"), 200) << last_body_;
  EXPECT_EQ(Str(json_.root, "a_name"), "Russia");
  EXPECT_EQ(Str(json_.root, "b_name"), "Azerbaijan");
  auto periods = Arr(json_.root, "periods");
  ASSERT_GT(periods.size(), 0u);
  int64_t events = 0;
  std::string last;
  for (simdjson::dom::element p : periods) {
    std::string period = Str(p, "period");
    EXPECT_EQ(period.size(), 4u);
    EXPECT_LT(last, period);
    last = period;
    int64_t sum = 0;
    auto quad = Arr(p, "quad");
    ASSERT_EQ(quad.size(), 4u);
    int64_t q[4];
    for (int i = 0; i < 4; ++i) sum += q[i] = quad.at(i).get_int64().value();
    EXPECT_EQ(sum, Int(p, "events"));
    double net = p["net_cooperation"].get_double().value();
    EXPECT_NEAR(net, static_cast<double>(q[0] + q[1] - q[2] - q[3]) / sum, 1e-3);
    double gsum = p["goldstein_sum"].get_double().value();
    EXPECT_NEAR(p["goldstein_mean"].get_double().value(), gsum / sum, 1e-3);
    auto top = Arr(p, "top");
    EXPECT_GE(top.size(), 1u);
    EXPECT_LE(top.size(), 3u);
    for (simdjson::dom::element t : top) EXPECT_EQ(Str(t, "date").substr(0, 4), period);
    events += Int(p, "events");
  }
  EXPECT_EQ(Int(json_.root["totals"], "events"), events);
  ASSERT_EQ(Get("/api/timeline?a=RUS&b=AZE&by=month&top=0"), 200);
  for (simdjson::dom::element p : Arr(json_.root, "periods")) {
    EXPECT_EQ(Str(p, "period").size(), 7u);
    EXPECT_TRUE(p["top"].error());
  }
}

TEST_F(ServeTest, DyadsAndActorsAreRanked) {
  ASSERT_EQ(Get("/api/dyads"), 200) << last_body_;
  auto dyads = Arr(json_.root, "dyads");
  ASSERT_GT(dyads.size(), 0u);
  int64_t prev = INT64_MAX;
  bool rus_aze = false;
  for (simdjson::dom::element d : dyads) {
    EXPECT_LE(Str(d, "a"), Str(d, "b"));  // a == b: events inside one country
    EXPECT_LE(Int(d, "events"), prev);
    prev = Int(d, "events");
    if (Str(d, "a") == "AZE" && Str(d, "b") == "RUS") {
      rus_aze = true;
      EXPECT_EQ(Str(d, "a_name"), "Azerbaijan");
    }
  }
  EXPECT_TRUE(rus_aze);
  ASSERT_EQ(Get("/api/dyads?actor=ARM"), 200);
  for (simdjson::dom::element d : Arr(json_.root, "dyads")) {
    EXPECT_TRUE(Str(d, "a") == "ARM" || Str(d, "b") == "ARM");
  }
  ASSERT_EQ(Get("/api/actors?level=country&limit=100"), 200) << last_body_;
  std::map<std::string, std::string> names;
  for (simdjson::dom::element a : Arr(json_.root, "actors")) {
    names[Str(a, "code")] = Str(a, "name");
    EXPECT_EQ(Int(a, "events"), Int(a, "as_source") + Int(a, "as_target"));
  }
  EXPECT_EQ(names["RUS"], "Russia");
  EXPECT_EQ(names["AZE"], "Azerbaijan");
  ASSERT_EQ(Get("/api/actors?limit=100"), 200);
  bool full_codes = false;
  for (simdjson::dom::element a : Arr(json_.root, "actors")) {
    if (Str(a, "code").size() > 3 && !Str(a, "code").starts_with("IGO")) full_codes = true;
  }
  EXPECT_TRUE(full_codes);
}

TEST_F(ServeTest, ArticleWithItsEvents) {
  ASSERT_EQ(Get("/api/articles/ex-ar-01"), 200) << last_body_;
  std::string text = Str(json_.root, "text");
  EXPECT_GT(text.size(), 100u);
  auto events = Arr(json_.root, "events");
  ASSERT_GT(events.size(), 0u);
  for (simdjson::dom::element e : events) {
    auto span = Arr(e, "span");
    int64_t b = span.at(0).get_int64().value(), end = span.at(1).get_int64().value();
    ASSERT_LE(end, static_cast<int64_t>(text.size()));
    // The event's sentence holds its evidence at the highlight.
    auto h = Arr(e, "highlight");
    std::string sentence = Str(e, "text");
    int64_t hb = h.at(0).get_int64().value(), he = h.at(1).get_int64().value();
    EXPECT_EQ(sentence.substr(hb, he - hb), text.substr(b, end - b));
  }
  ASSERT_EQ(Get("/api/articles/no-such-article"), 404);
  EXPECT_EQ(Int(json_.root, "status"), 404);
  EXPECT_NE(Str(json_.root, "error").find("no-such-article"), std::string::npos);
}

TEST_F(ServeTest, SearchByNormalizedKey) {
  // زيارة (visit) with a tatweel and without the final ta marbuta dot: keys fold both.
  ASSERT_EQ(Get("/api/search?q=" + UrlEncode("زيـاره")), 200) << last_body_;
  EXPECT_GT(Int(json_.root, "total"), 0);
  for (simdjson::dom::element e : Arr(json_.root, "events")) {
    EXPECT_FALSE(Str(e, "text").empty());
  }
  ASSERT_EQ(Get("/api/search"), 400);
  EXPECT_NE(Str(json_.root, "error").find("'q'"), std::string::npos);
}

TEST_F(ServeTest, CodesInEnglish) {
  ASSERT_EQ(Get("/api/codes"), 200);
  EXPECT_EQ(Arr(json_.root, "roots").size(), 20u);
  EXPECT_EQ(Arr(json_.root, "quads").size(), 4u);
  bool visit = false;
  for (simdjson::dom::element c : Arr(json_.root, "codes")) {
    if (Str(c, "code") == "042") visit = Str(c, "label") == "Make a visit" && Int(c, "quad") == 1;
  }
  EXPECT_TRUE(visit);
}

TEST_F(ServeTest, BadParametersAre400) {
  for (const char* path :
       {"/api/events?quad=9", "/api/events?limit=abc", "/api/events?limit=-1",
        "/api/events?bogus=1", "/api/events?from=2024-13", "/api/events?from=2025&to=2024",
        "/api/events?lang=en", "/api/events?code=4x", "/api/events?actor=R%27US",
        "/api/events?b=AZE", "/api/events?a=RUS&actor=RUS", "/api/events?quad=1&quad=2",
        "/api/timeline?by=week", "/api/timeline?top=99", "/api/actors?level=planet",
        "/api/stats?x=1"}) {
    ASSERT_EQ(Get(path), 400) << path << ": " << last_body_;
    EXPECT_EQ(Int(json_.root, "status"), 400) << path;
    EXPECT_FALSE(Str(json_.root, "error").empty()) << path;
  }
  // A parameter value over 512 bytes.
  ASSERT_EQ(Get("/api/events?outlet=" + std::string(600, 'x')), 400);
}

TEST_F(ServeTest, HttpErrors) {
  ASSERT_EQ(Get("/api/nothing"), 404);
  EXPECT_EQ(Int(json_.root, "status"), 404);
  ASSERT_EQ(Get("/no/such/file.js"), 404);

  httplib::Client cli("127.0.0.1", server_->port());
  auto post = cli.Post("/api/events", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  ASSERT_TRUE(json_.Parse(post->body));
  EXPECT_EQ(Int(json_.root, "status"), 405);
  auto del = cli.Delete("/api/events");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);

  // A request target over 4 KiB: 414.
  auto long_url = cli.Get(("/api/events?q=" + std::string(5000, 'a')).c_str());
  ASSERT_TRUE(long_url);
  EXPECT_EQ(long_url->status, 414);
  ASSERT_TRUE(json_.Parse(long_url->body)) << long_url->body;
  EXPECT_EQ(Int(json_.root, "status"), 414);

  // A body over 64 KiB: 413.
  auto big = cli.Post("/api/events", std::string(100000, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  ASSERT_TRUE(json_.Parse(big->body)) << big->body;
  EXPECT_EQ(Int(json_.root, "status"), 413);
}

TEST_F(ServeTest, ServesTheDashboard) {
  httplib::Client cli("127.0.0.1", server_->port());
  auto index = cli.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_TRUE(index->get_header_value("Content-Type").starts_with("text/html"));
  EXPECT_NE(index->body.find("<canvas id=\"timeline\""), std::string::npos);
  EXPECT_FALSE(index->get_header_value("Content-Security-Policy").empty());
  for (const char* path : {"/app.js", "/style.css", "/vendor/chart.umd.min.js",
                           "/fonts/vazirmatn-arabic-400.woff2", "/favicon.svg"}) {
    auto r = cli.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_GT(r->body.size(), 100u) << path;
  }
  EXPECT_TRUE(cli.Get("/app.js")->get_header_value("Content-Type").starts_with("text/javascript"));
  auto head = cli.Head("/");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
}

TEST_F(ServeTest, ParallelRequestsUseTheirOwnHandles) {
  ASSERT_EQ(Get("/api/events?limit=1"), 200);
  int64_t total = Int(json_.root, "total");
  std::atomic<int> good{0}, bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client cli("127.0.0.1", server_->port());
      simdjson::dom::parser parser;
      for (int i = 0; i < 15; ++i) {
        const char* path = (i + t) % 3 == 0   ? "/api/timeline?a=RUS&b=AZE"
                           : (i + t) % 3 == 1 ? "/api/dyads"
                                              : "/api/events?limit=3";
        auto r = cli.Get(path);
        if (!r || r->status != 200) {
          ++bad;
          continue;
        }
        if (std::string(path).starts_with("/api/events")) {
          int64_t n = -1;
          if (parser.parse(r->body)["total"].get(n) || n != total) {
            ++bad;
            continue;
          }
        }
        ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(good.load(), 8 * 15);
}

TEST_F(ServeTest, TimeBudgetGives503) {
  // A budget of 0 ms: the first progress callback interrupts the query.
  ServeOptions o;
  o.db_path = *db_;
  o.port = 0;
  o.time_budget_ms = 0;
  auto s = Server::Create(o);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->Start().ok());
  httplib::Client cli("127.0.0.1", (*s)->port());
  auto r = cli.Get("/api/timeline?a=RUS&b=AZE&by=month&top=3");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503) << r->body;
  ASSERT_TRUE(json_.Parse(r->body));
  EXPECT_NE(Str(json_.root, "error").find("time budget"), std::string::npos);
  // Static files are not queries: still served.
  EXPECT_EQ(cli.Get("/")->status, 200);
  (*s)->Stop();
}

TEST(ServeCreate, MissingStoreFails) {
  ServeOptions o;
  o.db_path = "/nonexistent/rasad.db";
  EXPECT_FALSE(Server::Create(o).ok());
  o.db_path = "";
  EXPECT_FALSE(Server::Create(o).ok());
}

TEST(JsonWriter, NestsAndEscapes) {
  rasad::serve::JsonWriter w;
  w.BeginObject().Key("a").Int(1).Key("b").BeginArray().String("x\"y").Double(1.25).Null();
  w.EndArray().Key("c").Double(2.0).Key("d").Bool(false).Key("e").Double(-0.00001);
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"a":1,"b":["x\"y",1.25,null],"c":2,"d":false,"e":0})");
  rasad::serve::JsonWriter x;
  x.BeginArray().ExtendObject(R"({"k":1})").Key("m").Int(2).EndObject().EndArray();
  EXPECT_EQ(x.str(), R"([{"k":1,"m":2}])");
}

// ---- the command ----------------------------------------------------------------------------

// Starts `rasad serve` with `args`; returns its pid and the first line it printed.
pid_t Spawn(const std::string& args, std::string* first_line, int* out_fd) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    std::string cmd = std::string("exec ") + RASAD_BINARY + " serve " + args;
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string line;
  char c;
  while (read(fds[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  *first_line = line;
  *out_fd = fds[0];
  return pid;
}

TEST_F(ServeTest, CommandServesAndStopsOnSignals) {
  for (int sig : {SIGTERM, SIGINT}) {
    std::string line;
    int fd = -1;
    pid_t pid = Spawn("--db " + *db_ + " --port 0 -q", &line, &fd);
    ASSERT_GT(pid, 0);
    // "rasad: serving FILE at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
    size_t at = line.find("http://127.0.0.1:");
    ASSERT_NE(at, std::string::npos) << line;
    int port = std::stoi(line.substr(at + 17));
    httplib::Client cli("127.0.0.1", port);
    auto r = cli.Get("/api/stats");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    kill(pid, sig);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status)) << "killed by a signal instead of stopping";
    EXPECT_EQ(WEXITSTATUS(status), 0);
    close(fd);
  }
}

TEST(ServeCommand, MissingStoreExits2) {
  std::string cmd =
      std::string(RASAD_BINARY) + " serve --db /nonexistent/x.db --port 0 2>/dev/null";
  int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 2);
}

// ---- the seed articles: Russia–Azerbaijan, 2008–2025 --------------------------------------------

TEST(ServeSeeds, RussiaAzerbaijanTimeline) {
  std::string seeds = std::string(RASAD_CORPUS_DIR) + "/seeds.jsonl";
  if (!fs::exists(seeds)) GTEST_SKIP() << "no shared corpus at " << RASAD_CORPUS_DIR;
  std::string db = Ingest(seeds, "seeds");
  ASSERT_FALSE(db.empty());
  ServeOptions o;
  o.db_path = db;
  o.port = 0;
  o.data_dir = std::string(RASAD_SOURCE_DIR) + "/data";
  auto s = Server::Create(o);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->Start().ok());
  httplib::Client cli("127.0.0.1", (*s)->port());
  auto r = cli.Get("/api/timeline?a=RUS&b=AZE&by=year");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  Json j;
  ASSERT_TRUE(j.Parse(r->body));
  std::map<std::string, std::array<int64_t, 4>> years;
  for (simdjson::dom::element p : Arr(j.root, "periods")) {
    auto q = Arr(p, "quad");
    years[Str(p, "period")] = {q.at(0).get_int64().value(), q.at(1).get_int64().value(),
                               q.at(2).get_int64().value(), q.at(3).get_int64().value()};
  }
  for (const char* y : {"2008", "2023", "2024", "2025"}) EXPECT_TRUE(years.count(y)) << y;
  // Visits and talks up to 2024; arrests and a summoned ambassador in 2025.
  EXPECT_GT(years["2024"][0], years["2024"][2] + years["2024"][3]);
  EXPECT_GT(years["2025"][2] + years["2025"][3], 0);
  // The top dyad of the seeds is Russia–Azerbaijan.
  r = cli.Get("/api/dyads?limit=1");
  ASSERT_TRUE(r && j.Parse(r->body));
  simdjson::dom::element top = Arr(j.root, "dyads").at(0).value();
  EXPECT_EQ(Str(top, "a") + "-" + Str(top, "b"), "AZE-RUS");
  (*s)->Stop();
}

}  // namespace
