// The dashboard's files (web/ and the npm packages it uses), embedded into the binary at build
// time by src/serve/embed_assets.cmake, so `rasad serve` needs no files beside it.
#ifndef RASAD_SRC_SERVE_ASSETS_H_
#define RASAD_SRC_SERVE_ASSETS_H_

#include <cstddef>
#include <string_view>

namespace rasad::serve {

struct Asset {
  std::string_view path;          // URL path: "/index.html", "/vendor/chart.umd.min.js"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view data;
};

// The asset at `path`, or null. Without an embedded dashboard (RASAD_WITH_DASHBOARD=OFF) there
// are none.
const Asset* FindAsset(std::string_view path);

// How many assets are embedded.
size_t AssetCount();

}  // namespace rasad::serve

#endif  // RASAD_SRC_SERVE_ASSETS_H_
