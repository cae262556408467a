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
// invalid.
int32_t DecodeUtf8(std::string_view s, size_t& i);

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
