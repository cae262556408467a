// `rasad serve`: an HTTP server over one event store, serving the JSON API (src/serve/api.h lists
// the endpoints) and the web dashboard (web/, embedded into the binary at build time).
//
// The server opens the store read-only; each request borrows a Store handle of its own from a
// pool (a Store is not thread-safe), so requests run in parallel on the worker threads. Every
// request runs under limits: a query-string size, a body size, a cap on `limit`, and a time budget
// for its SQL (over it, the query is interrupted and the answer is 503).
//
// Thread safety: Start() and Wait() are called by one thread; Stop() may be called from any thread
// (not from a signal handler: block the signals and sigwait() for them, as `rasad serve` does).
#ifndef RASAD_SERVE_H_
#define RASAD_SERVE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "rasad/status.h"

namespace rasad {

struct ServeOptions {
  std::string db_path;             // the store (required); opened read-only
  std::string host = "127.0.0.1";  // default loopback only: the API has no authentication
  int port = 8080;                 // default 8080; 0 = any free port (see Server::port())
  int threads = 8;                 // default 8 worker threads (and at most 8 store handles)
  std::string data_dir;      // data/ for English names of codes and actors; "" = names from events
  int64_t max_limit = 1000;  // default 1000: `limit` above it is capped
  size_t max_query_bytes = 4096;    // default 4 KiB: longer request targets get 414
  size_t max_body_bytes = 1 << 16;  // default 64 KiB: larger bodies get 413 (the API is GET only)
  int time_budget_ms = 5000;        // default 5 s of SQL per request; over it: 503
  bool log = false;                 // default off: one line per request on stderr
};

class Server {
 public:
  // Opens the store once to check it, loads names from `data_dir` (when given), builds the routes.
  static StatusOr<std::unique_ptr<Server>> Create(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket and starts serving on a background thread; returns once requests are
  // accepted. port() is then the bound port.
  Status Start();
  int port() const;
  // "http://127.0.0.1:8080/"
  std::string url() const;
  // Stops accepting, finishes the requests under way, and returns. Safe to call twice.
  void Stop();
  // False once stopped (or when the listening socket failed).
  bool running() const;
  // Blocks until the server has stopped (after Stop(), or a failure of the listening socket).
  void Wait();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasad

#endif  // RASAD_SERVE_H_
