#include "src/ingest/jsonl.h"

#include "rasad/utf8.h"

namespace rasad {

std::string SalvageId(std::string_view line) {
  size_t k = line.find("\"id\"");
  if (k == std::string_view::npos) return "";
  k = line.find(':', k + 4);
  if (k == std::string_view::npos) return "";
  k = line.find_first_not_of(" \t", k + 1);
  if (k == std::string_view::npos || line[k] != '"') return "";
  size_t end = line.find('"', k + 1);
  if (end == std::string_view::npos || end - k > 200) return "";
  std::string id(line.substr(k + 1, end - k - 1));
  RepairUtf8(id);
  return id;
}

StatusOr<Article> JsonArticleParser::Parse(std::string_view line, const std::string& where,
                                           const IngestOptions& options,
                                           std::vector<IngestProblem>* warnings) {
  buffer_.assign(line);
  size_t bad = FindInvalidUtf8(buffer_);
  if (bad != std::string_view::npos) {
    if (!options.repair_utf8) {
      return DataLoss("malformed UTF-8 at byte " + std::to_string(bad) +
                      " of the line (use --repair-utf8 to replace it with U+FFFD)");
    }
    size_t n = RepairUtf8(buffer_);
    warnings->push_back({where, SalvageId(buffer_),
                         DataLoss("replaced " + std::to_string(n) + " malformed UTF-8 sequence(s)"),
                         false});
  }
  const size_t len = buffer_.size();
  buffer_.resize(len + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element doc;
  auto error = parser_.parse(buffer_.data(), len, false).get(doc);
  if (error) return InvalidArgument(std::string("invalid JSON: ") + simdjson::error_message(error));
  simdjson::dom::object obj;
  if ((error = doc.get_object().get(obj))) return InvalidArgument("not a JSON object");
  Article a;
  bool has_text = false;
  Status date_status;
  for (auto [key, v] : obj) {
    std::string* target = nullptr;
    std::string lang_text;
    if (key == "id")
      target = &a.id;
    else if (key == "url")
      target = &a.url;
    else if (key == "source")
      target = &a.source;
    else if (key == "title")
      target = &a.title;
    else if (key == "text")
      target = &a.text;
    else if (key == "date")
      target = &lang_text;
    else if (key == "lang")
      target = &lang_text;
    if (target == nullptr) continue;  // other fields ("section", "tags") are allowed
    switch (v.type()) {
      case simdjson::dom::element_type::STRING:
        target->assign(std::string_view(v));
        break;
      case simdjson::dom::element_type::INT64:
      case simdjson::dom::element_type::UINT64:
        // Some feeds number their articles: {"id": 42}. Any other field must be a string.
        if (key != "id")
          return InvalidArgument("field '" + std::string(key) + "' must be a string");
        *target = std::string(simdjson::to_string(v));
        break;
      case simdjson::dom::element_type::NULL_VALUE:
        target->clear();
        break;
      default:
        return InvalidArgument("field '" + std::string(key) + "' must be a string");
    }
    if (key == "text") has_text = true;
    if (key == "lang") a.lang_hint = LangFromCode(lang_text);
    if (key == "date" && !lang_text.empty()) {
      auto d = ParseDate(lang_text);
      if (d.ok()) {
        a.date = *d;
      } else {
        date_status = d.status();
      }
    }
  }
  if (!has_text) return InvalidArgument("no \"text\" field");
  if (a.text.size() > options.max_article_bytes) {
    return ResourceExhausted("article text is " + std::to_string(a.text.size()) +
                             " bytes, over the limit of " +
                             std::to_string(options.max_article_bytes) + " (--max-article-bytes)");
  }
  if (a.date.empty()) a.date = options.default_date;
  if (a.id.empty()) a.id = ContentId(a.title, a.text);
  if (!date_status.ok()) warnings->push_back({where, a.id, date_status, false});
  a.origin = where;
  return a;
}

StatusOr<Article> ParseJsonArticle(std::string_view line, const std::string& where,
                                   const IngestOptions& options) {
  JsonArticleParser parser;
  std::vector<IngestProblem> warnings;
  return parser.Parse(line, where, options, &warnings);
}

}  // namespace rasad
