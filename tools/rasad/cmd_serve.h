// `rasad serve`: the HTTP JSON API and the web dashboard over one store.
#ifndef RASAD_TOOLS_RASAD_CMD_SERVE_H_
#define RASAD_TOOLS_RASAD_CMD_SERVE_H_

#include <CLI/CLI.hpp>
#include <string>

#include "rasad/serve.h"

namespace rasad_cli {

struct ServeFlags {
  rasad::ServeOptions options;
  std::string data;
  bool quiet = false;
};

// Adds the `serve` subcommand to `app`, filling `flags`; returns it.
CLI::App* AddServeCommand(CLI::App& app, ServeFlags* flags);

// Runs the server until SIGINT or SIGTERM. Exit code: 0 after a clean stop, 2 when it cannot
// start (no store, port in use).
int RunServe(const ServeFlags& flags);

}  // namespace rasad_cli

#endif  // RASAD_TOOLS_RASAD_CMD_SERVE_H_
