#include "rasad/utf8.h"

#include <simdjson.h>

namespace rasad {

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t FindInvalidUtf8(std::string_view s) {
  // The SIMD validator answers the common case (valid text) at memory speed; the scalar loop below
  // finds the offset of the first bad sequence when there is one.
  if (simdjson::validate_utf8(s.data(), s.size())) return std::string_view::npos;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      __builtin_memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    size_t at = i;
    if (DecodeUtf8(s, i) < 0) return at;
  }
  return std::string_view::npos;
}

size_t RepairUtf8(std::string& s) {
  if (FindInvalidUtf8(s) == std::string_view::npos) return 0;
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0, bad = 0;
  while (i < s.size()) {
    size_t at = i;
    int32_t cp = DecodeUtf8(s, i);
    if (cp < 0) {
      AppendUtf8(0xFFFD, out);
      ++bad;
    } else {
      out.append(s, at, i - at);
    }
  }
  s.swap(out);
  return bad;
}

bool LooksBinary(std::string_view s) {
  size_t n = s.size() < 65536 ? s.size() : 65536;
  size_t control = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
  }
  return n > 0 && control * 10 > n;
}

uint64_t StableHash64(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // splitmix64 finalizer: FNV's low bits are weak on short inputs.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

std::string Hex64(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int k = 15; k >= 0; --k, v >>= 4) out[k] = kDigits[v & 0xF];
  return out;
}

}  // namespace rasad
