// The JSON API of `rasad serve`, apart from HTTP: a request is a path and its query parameters, an
// answer a status and a JSON body. Every answer, errors included, is a JSON object; an error is
// {"error": "...", "status": N}.
//
//   GET /api                      the list of endpoints
//   GET /api/stats                totals: events, articles, languages, first and last date
//   GET /api/events               events matching the filters, paged: {total, limit, offset,
//   events} GET /api/search?q=…           events whose evidence sentence matches q (normalized
//   keys) GET /api/timeline?a=&b=&by=   per period: quad-class counts, Goldstein sum and mean, net
//                                 cooperation, and the period's top events (top=N, default 3)
//   GET /api/dyads                country pairs ranked by events, with quad-class counts
//   GET /api/actors               actors ranked by events (level=country: by country)
//   GET /api/articles/{id}        one article: text, and its events with their spans
//   GET /api/codes                the CAMEO table: codes, roots, quad classes, in English
//
// Filters (events, search, timeline, dyads, actors): actor (or a), b, directed, country, code,
// quad, from, to, lang, outlet, q, negated; paging: limit (capped), offset.
//
// Thread safety: an Api is immutable after construction and shared by all worker threads; each
// call gets the Store handle of its thread.
#ifndef RASAD_SRC_SERVE_API_H_
#define RASAD_SRC_SERVE_API_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rasad/lexicon.h"
#include "rasad/status.h"
#include "rasad/store.h"

namespace rasad::serve {

// Query parameters, URL-decoded, in request order (as httplib::Params).
using Params = std::multimap<std::string, std::string>;

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

// {"error": message, "status": status}
ApiResponse ErrorResponse(int status, std::string_view message);

// English names for codes, from data/ (cameo/codes.tsv, actors/countries.tsv,
// actors/organizations.tsv). Empty names are fine: the API then falls back to the labels the
// events carry.
struct Names {
  std::map<std::string, CameoEntry, std::less<>> codes;       // "042" → entry
  std::map<std::string, std::string, std::less<>> countries;  // "RUS" → "Russia", IGO codes too
  std::map<std::string, std::string, std::less<>> organizations;  // "PSEHMS" → "Hamas"
  static StatusOr<Names> Load(const std::string& data_dir);

  // "RUSGOV" → "Russia government", "IGOEUREU" → "European Union", unknown → the code.
  std::string ActorName(std::string_view code) const;
};

struct ApiOptions {
  int64_t max_limit = 1000;      // `limit` above it is capped (the answer says the limit applied)
  size_t max_param_bytes = 512;  // a longer parameter value is a 400
};

class Api {
 public:
  Api(Names names, ApiOptions options);

  // Answers GET `path` (which starts with "/api"). Store failures are 500s with the store's
  // message; the caller turns those into 503 when it interrupted the query for time.
  ApiResponse Handle(const Store& store, std::string_view path, const Params& params) const;

  const Names& names() const { return names_; }

 private:
  ApiResponse Index() const;
  ApiResponse Stats(const Store& store, const Params& params) const;
  ApiResponse Events(const Store& store, const Params& params, bool search) const;
  ApiResponse Timeline(const Store& store, const Params& params) const;
  ApiResponse Dyads(const Store& store, const Params& params) const;
  ApiResponse Actors(const Store& store, const Params& params) const;
  ApiResponse Article(const Store& store, std::string_view id, const Params& params) const;
  ApiResponse Codes(const Params& params) const;

  Names names_;
  ApiOptions options_;
};

}  // namespace rasad::serve

#endif  // RASAD_SRC_SERVE_API_H_
