// Internal: a reusable JSON Lines article parser (one per reader; not thread-safe).
#ifndef RASAD_SRC_INGEST_JSONL_H_
#define RASAD_SRC_INGEST_JSONL_H_

#include <simdjson.h>

#include <string>
#include <string_view>

#include "rasad/ingest.h"

namespace rasad {

class JsonArticleParser {
 public:
  // Parses `line` (no trailing newline). Warnings (a bad date, repaired UTF-8) go to `warnings`.
  StatusOr<Article> Parse(std::string_view line, const std::string& where,
                          const IngestOptions& options, std::vector<IngestProblem>* warnings);

 private:
  simdjson::dom::parser parser_;  // DOM, not On-Demand: it validates the whole line
  std::string buffer_;            // the line, padded as simdjson requires
};

// Best-effort id of a line that did not parse, for the error message: the value of a
// top-level-looking "id" field, or "".
std::string SalvageId(std::string_view line);

}  // namespace rasad

#endif  // RASAD_SRC_INGEST_JSONL_H_
