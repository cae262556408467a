// The store commands of the rasad tool: ingest, query, timeline, export (see README.md).
#ifndef RASAD_TOOLS_RASAD_CMD_STORE_H_
#define RASAD_TOOLS_RASAD_CMD_STORE_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace rasad_cli {

class StoreCommands {
 public:
  // Adds the subcommands to `app`, which must outlive this object.
  explicit StoreCommands(CLI::App& app);
  ~StoreCommands();
  // After parsing: the exit code of the store command that was given, or nullopt when none was.
  std::optional<int> Run();

 private:
  struct Flags;
  std::unique_ptr<Flags> f_;
};

}  // namespace rasad_cli

#endif  // RASAD_TOOLS_RASAD_CMD_STORE_H_
