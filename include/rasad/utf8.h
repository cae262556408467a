// UTF-8 helpers shared by every stage. Pure functions, thread-safe.
#ifndef RASAD_UTF8_H_
#define RASAD_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rasad {

// Decodes one code point at `s[i]`, advancing `i`. Returns -1 (and advances one byte) on an invalid
// sequence: overlong forms, surrogates, code points past U+10FFFF and truncated sequences are
// invalid. Inline: it runs on every byte of every article.
inline int32_t DecodeUtf8(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char c = p[i];
  if (c < 0x80) {
    ++i;
    return c;
  }
  // Two-byte sequences (Arabic, Persian) first: lead byte C2..DF, one continuation byte.
  if (c >= 0xC2 && c <= 0xDF) {
    if (i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;
      return ((c & 0x1F) << 6) | (p[i - 1] & 0x3F);
    }
    ++i;
    return -1;
  }
  int len;
  int32_t cp;
  int32_t min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++i;
    return -1;
  }
  if (i + len > n) {
    ++i;
    return -1;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = p[i + k];
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return -1;
  }
  i += len;
  return cp;
}

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// Byte offset of the first invalid sequence, or npos when `s` is valid UTF-8.
size_t FindInvalidUtf8(std::string_view s);

// Replaces every invalid sequence with U+FFFD. Returns how many were replaced.
size_t RepairUtf8(std::string& s);

// True when `s` looks like binary data rather than text: a NUL byte, or more than 10% of its
// first 64 KiB made of control bytes (other than tab, newline, carriage return, form feed).
bool LooksBinary(std::string_view s);

// Stable 64-bit content hash (FNV-1a with a final avalanche); identical on every platform.
uint64_t StableHash64(std::string_view s);

// 16 lowercase hex digits.
std::string Hex64(uint64_t v);

}  // namespace rasad

#endif  // RASAD_UTF8_H_
