// The TSV walker shared by every data file (see tsv.h).
#include "rasad/tsv.h"

namespace rasad {
namespace {

constexpr size_t kMaxErrors = 50;

}  // namespace

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Status ForEachTsvRow(std::string_view content, const std::string& name, size_t columns,
                     const std::function<Status(const TsvRow&)>& fn) {
  std::vector<std::string> errors;
  size_t total_errors = 0;
  size_t start = 0, line_no = 0;
  while (start < content.size()) {
    size_t nl = content.find('\n', start);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimSpaces(line).empty() || line[0] == '#') continue;
    TsvRow row;
    row.line = line_no;
    size_t p = 0;
    while (true) {
      size_t tab = line.find('\t', p);
      row.cols.push_back(TrimSpaces(line.substr(p, tab == std::string_view::npos ? tab : tab - p)));
      if (tab == std::string_view::npos) break;
      p = tab + 1;
    }
    Status s;
    if (row.cols.size() > columns) {
      s = InvalidArgument("expected " + std::to_string(columns) + " TAB-separated columns, got " +
                          std::to_string(row.cols.size()));
    } else {
      while (row.cols.size() < columns) row.cols.emplace_back();
      s = fn(row);
    }
    if (!s.ok()) {
      ++total_errors;
      if (errors.size() < kMaxErrors) {
        errors.push_back(name + ":" + std::to_string(line_no) + ": " + s.message());
      }
    }
  }
  if (errors.empty()) return Status::Ok();
  std::string msg;
  for (const auto& e : errors) msg += (msg.empty() ? "" : "\n") + e;
  if (total_errors > errors.size()) {
    msg += "\n… and " + std::to_string(total_errors - errors.size()) + " more";
  }
  return InvalidArgument(msg);
}

}  // namespace rasad
