// rasad::Server: cpp-httplib (Debian's libcpp-httplib) does the HTTP; this file routes requests to
// the API and the embedded dashboard, lends each request a read-only Store handle, and enforces
// the limits (request target size, body size, SQL time budget).
#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "rasad/serve.h"
#include "rasad/store.h"
#include "src/serve/api.h"
#include "src/serve/assets.h"

namespace rasad {
namespace {

using Clock = std::chrono::steady_clock;

// One read-only store handle with its SQL time budget: SQLite calls the progress handler every
// few thousand virtual-machine steps, and the handler interrupts the statement past the deadline.
struct Handle {
  std::unique_ptr<Store> store;
  Clock::time_point deadline = Clock::time_point::max();
  bool expired = false;

  static int Progress(void* self) {
    Handle* h = static_cast<Handle*>(self);
    if (Clock::now() > h->deadline) {
      h->expired = true;
      return 1;  // interrupt: the statement fails with SQLITE_INTERRUPT
    }
    return 0;
  }
};

// Store handles for the worker threads. A request takes a free handle (opening one when none is
// free), uses it alone, and gives it back: at most one handle per concurrent request, each used by
// one thread at a time.
class HandlePool {
 public:
  explicit HandlePool(std::string path) : path_(std::move(path)) {}

  StatusOr<std::unique_ptr<Handle>> Take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<Handle> h = std::move(free_.back());
        free_.pop_back();
        return h;
      }
    }
    StatusOr<std::unique_ptr<Store>> store = Store::Open(path_, /*writable=*/false);
    if (!store.ok()) return store.status();
    auto h = std::make_unique<Handle>();
    h->store = std::move(*store);
    sqlite3_progress_handler(h->store->db(), 1000, &Handle::Progress, h.get());
    return h;
  }

  void Give(std::unique_ptr<Handle> h) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(h));
  }

 private:
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Handle>> free_;
};

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed: the API is read-only (GET and HEAD)";
    case 408:
      return "request timeout";
    case 413:
      return "request body too large";
    case 414:
      return "request target (URL) too long";
    case 431:
      return "request header fields too large";
    case 500:
      return "internal server error";
    case 503:
      return "service unavailable";
  }
  return "error";
}

void SetJson(httplib::Response& res, const serve::ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body, "application/json; charset=utf-8");
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  serve::Api api;
  HandlePool pool;
  httplib::Server http;
  std::thread thread;
  std::mutex join_mu;
  int port = 0;

  Impl(const ServeOptions& o, serve::Names names)
      : options(o), api(std::move(names), serve::ApiOptions{o.max_limit, 512}), pool(o.db_path) {}

  void HandleApi(const httplib::Request& req, httplib::Response& res) {
    StatusOr<std::unique_ptr<Handle>> h = pool.Take();
    if (!h.ok()) {
      SetJson(res, serve::ErrorResponse(503, "cannot open the store: " + h.status().ToString()));
      return;
    }
    Handle& handle = **h;
    handle.expired = false;
    handle.deadline = Clock::now() + std::chrono::milliseconds(options.time_budget_ms);
    serve::ApiResponse r = api.Handle(*handle.store, req.path, req.params);
    if (handle.expired && r.status >= 500) {
      r = serve::ErrorResponse(503, "the query took longer than the time budget of " +
                                        std::to_string(options.time_budget_ms) +
                                        " ms; narrow the filters");
    }
    handle.deadline = Clock::time_point::max();
    pool.Give(std::move(*h));
    SetJson(res, r);
    res.set_header("Cache-Control", "no-store");
  }

  void HandleAsset(const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path == "/" ? "/index.html" : req.path;
    const serve::Asset* asset = serve::FindAsset(path);
    if (asset == nullptr && path == "/index.html") {
      res.set_content(
          "<!doctype html><meta charset=utf-8><title>rasad</title><p>This rasad was built "
          "without the dashboard (RASAD_WITH_DASHBOARD=OFF, or npm ci not run). The JSON API "
          "is at <a href=/api>/api</a>.",
          "text/html; charset=utf-8");
      return;
    }
    if (asset == nullptr) {
      SetJson(res, serve::ErrorResponse(404, "no such file: " + path.substr(0, 80)));
      return;
    }
    res.set_content(asset->data.data(), asset->data.size(), std::string(asset->content_type));
    res.set_header("Cache-Control", "no-cache");
    if (asset->content_type.starts_with("text/html")) {
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                     "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    }
  }

  void Routes() {
    http.new_task_queue = [n = options.threads] {
      return new httplib::ThreadPool(static_cast<size_t>(std::max(1, n)));
    };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.target.size() > options.max_query_bytes) {
        SetJson(res,
                serve::ErrorResponse(414, "request target longer than " +
                                              std::to_string(options.max_query_bytes) + " bytes"));
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method != "GET" && req.method != "HEAD") {
        // Answered before httplib reads a body: 413 for one over the limit; 405 at once when
        // there is no body (httplib would answer 400 to a bodiless POST); else the body is read
        // and the 405 handlers below answer.
        size_t length = 0;
        if (req.has_header("Content-Length")) {
          length = std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
        }
        if (length > options.max_body_bytes) {
          SetJson(res, serve::ErrorResponse(413, ReasonPhrase(413)));
          res.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
          SetJson(res, serve::ErrorResponse(405, ReasonPhrase(405)));
          res.set_header("Allow", "GET, HEAD");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.path == "/api" || req.path.starts_with("/api/")) {
        HandleApi(req, res);
      } else {
        HandleAsset(req, res);
      }
    });
    auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
      SetJson(res, serve::ErrorResponse(405, ReasonPhrase(405)));
      res.set_header("Allow", "GET, HEAD");
    };
    http.Post(".*", not_allowed);
    http.Put(".*", not_allowed);
    http.Patch(".*", not_allowed);
    http.Delete(".*", not_allowed);
    http.Options(".*", not_allowed);
    // Errors httplib answers itself (413, 414, 400 for a malformed request…) get a JSON body too.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (res.body.empty()) {
            SetJson(res, serve::ErrorResponse(res.status, ReasonPhrase(res.status)));
          }
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "internal error";
          try {
            if (ep) std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what += std::string(": ") + e.what();
          } catch (...) {
          }
          SetJson(res, serve::ErrorResponse(500, what));
        });
    if (options.log) {
      http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        std::fprintf(stderr, "rasad serve: %s %s %d %zu\n", req.method.c_str(),
                     req.target.substr(0, 200).c_str(), res.status, res.body.size());
      });
    }
  }
};

StatusOr<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  if (options.db_path.empty()) return InvalidArgument("no store given (--db FILE)");
  {
    StatusOr<std::unique_ptr<Store>> store = Store::Open(options.db_path, /*writable=*/false);
    if (!store.ok()) return store.status().WithContext(options.db_path);
  }
  serve::Names names;
  if (!options.data_dir.empty()) {
    StatusOr<serve::Names> loaded = serve::Names::Load(options.data_dir);
    if (!loaded.ok()) return loaded.status();
    names = std::move(*loaded);
  }
  auto impl = std::make_unique<Impl>(options, std::move(names));
  impl->Routes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& s = *impl_;
  if (s.options.port == 0) {
    s.port = s.http.bind_to_any_port(s.options.host);
    if (s.port <= 0) return IoError("cannot bind to " + s.options.host);
  } else {
    if (!s.http.bind_to_port(s.options.host, s.options.port)) {
      return IoError("cannot bind to " + s.options.host + ":" + std::to_string(s.options.port) +
                     " (in use? try --port 0 for any free port)");
    }
    s.port = s.options.port;
  }
  s.thread = std::thread([&s] { s.http.listen_after_bind(); });
  // Wait for the accept loop, so that Stop() right after Start() is not lost.
  for (int i = 0; i < 5000 && !s.http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!s.http.is_running()) return IoError("the server did not start");
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

bool Server::running() const { return impl_->http.is_running(); }

void Server::Stop() {
  impl_->http.stop();
  Wait();
}

void Server::Wait() {
  std::lock_guard<std::mutex> lock(impl_->join_mu);
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace rasad
