// `rasad serve --db FILE [--port N] [--host ADDR]`: serves the store's JSON API and the dashboard
// until SIGINT or SIGTERM. The signals are blocked in every thread and taken with sigtimedwait()
// by the main thread, which then stops the server cleanly (requests under way finish).
#include "cmd_serve.h"

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace rasad_cli {

using rasad::ServeOptions;
using rasad::Server;
using rasad::Status;
using rasad::StatusOr;

CLI::App* AddServeCommand(CLI::App& app, ServeFlags* f) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve a store's events as a JSON API and a web dashboard (http://127.0.0.1:8080/)");
  ServeOptions& o = f->options;
  cmd->add_option("--db", o.db_path, "The store (from rasad ingest); opened read-only")->required();
  cmd->add_option("--port", o.port, "Port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", o.host, "Address to listen on (the API has no authentication)")
      ->capture_default_str();
  cmd->add_option("--threads", o.threads, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--max-limit", o.max_limit, "Largest page of events an API call returns")
      ->check(CLI::Range(int64_t{1}, int64_t{100000}))
      ->capture_default_str();
  cmd->add_option("--time-budget-ms", o.time_budget_ms, "SQL time per request before a 503")
      ->check(CLI::Range(10, 600000))
      ->capture_default_str();
  cmd->add_option("--data", f->data,
                  "Data directory for English code and actor names (default: $RASAD_DATA or the "
                  "built-in one)");
  cmd->add_flag("-q,--quiet", f->quiet, "Do not log requests on stderr");
  return cmd;
}

int RunServe(const ServeFlags& f) {
  ServeOptions o = f.options;
  o.log = !f.quiet;
  o.data_dir = f.data;
  if (o.data_dir.empty()) {
    const char* env = std::getenv("RASAD_DATA");
    o.data_dir = env ? env : RASAD_DEFAULT_DATA_DIR;
    if (!std::filesystem::is_directory(o.data_dir)) {
      std::fprintf(stderr,
                   "rasad serve: warning: no data directory at %s (give --data DIR): codes and "
                   "actors are named by the labels their events carry\n",
                   o.data_dir.c_str());
      o.data_dir.clear();
    }
  }
  if (o.host != "127.0.0.1" && o.host != "localhost" && o.host != "::1") {
    std::fprintf(stderr,
                 "rasad serve: warning: listening on %s: the API has no authentication; anyone "
                 "who can reach this address can read the store\n",
                 o.host.c_str());
  }

  // Block the stop signals before any thread starts, so every thread inherits the mask and only
  // sigtimedwait() below sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  StatusOr<std::unique_ptr<Server>> server = Server::Create(o);
  if (!server.ok()) {
    std::fprintf(stderr, "rasad serve: %s\n", server.status().ToString().c_str());
    return 2;
  }
  if (Status s = (*server)->Start(); !s.ok()) {
    std::fprintf(stderr, "rasad serve: %s\n", s.ToString().c_str());
    return 2;
  }
  std::printf("rasad: serving %s at %s (Ctrl-C to stop)\n", o.db_path.c_str(),
              (*server)->url().c_str());
  std::fflush(stdout);

  int exit_code = 0;
  for (;;) {
    timespec tick{0, 200'000'000};
    int sig = sigtimedwait(&stop, nullptr, &tick);
    if (sig == SIGINT || sig == SIGTERM) {
      std::fprintf(stderr, "rasad serve: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
      break;
    }
    if (!(*server)->running()) {
      std::fprintf(stderr, "rasad serve: the server stopped unexpectedly\n");
      exit_code = 2;
      break;
    }
  }
  (*server)->Stop();
  std::fprintf(stderr, "rasad serve: stopped\n");
  return exit_code;
}

}  // namespace rasad_cli
