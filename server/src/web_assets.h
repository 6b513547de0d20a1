// The browser quiz's files, embedded at build time from web/ (see
// cmake/embed_web_assets.cmake). The server serves only these.
#pragma once

#include <string>
#include <vector>

namespace mltprep {

struct WebAsset {
  std::string path;          // "/index.html", "/app.js"
  std::string content_type;  // "text/html; charset=utf-8"
  std::string body;
};

const std::vector<WebAsset>& web_assets();

}  // namespace mltprep
