// Tab-separated data files (dictionaries, patterns, code tables, boilerplate phrases): one walker
// for all of them, so that every file reports its bad lines the same way, as "file:line: message".
#ifndef RASAD_TSV_H_
#define RASAD_TSV_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rasad/status.h"

namespace rasad {

// One non-comment line of a tab-separated data file.
struct TsvRow {
  size_t line = 0;
  std::vector<std::string_view> cols;  // trimmed of spaces
};

// Calls `fn` for every non-blank, non-comment line of `content` that has exactly `columns` columns
// (trailing empty columns may be omitted); wrong column counts and errors returned by `fn` are
// collected as "name:line: message". Returns them all (at most 50) in one InvalidArgument.
Status ForEachTsvRow(std::string_view content, const std::string& name, size_t columns,
                     const std::function<Status(const TsvRow&)>& fn);

// `s` without leading and trailing spaces and carriage returns.
std::string_view TrimSpaces(std::string_view s);

}  // namespace rasad

#endif  // RASAD_TSV_H_
