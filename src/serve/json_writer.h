// A minimal streaming JSON writer for the API's answers, on the project's own string escaper
// (AppendJsonString: UTF-8 checked, invalid bytes become U+FFFD), so the API writes events exactly
// as `rasad code` does (AppendEventJson). Not thread-safe; one per response.
#ifndef RASAD_SRC_SERVE_JSON_WRITER_H_
#define RASAD_SRC_SERVE_JSON_WRITER_H_

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "rasad/event.h"

namespace rasad::serve {

class JsonWriter {
 public:
  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }

  // An object member's name; the next value call writes its value.
  JsonWriter& Key(std::string_view name) {
    Separate();
    AppendJsonString(name, out_);
    out_.push_back(':');
    after_key_ = true;
    return *this;
  }
  JsonWriter& String(std::string_view s) {
    Separate();
    AppendJsonString(s, out_);
    return *this;
  }
  JsonWriter& Int(int64_t v) {
    Separate();
    out_ += std::to_string(v);
    return *this;
  }
  // Up to 4 significant decimals, no trailing zeros; NaN and infinities are written as null.
  JsonWriter& Double(double v) {
    Separate();
    if (!std::isfinite(v)) {
      out_ += "null";
      return *this;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    out_ += s;
    return *this;
  }
  JsonWriter& Bool(bool v) {
    Separate();
    out_ += v ? "true" : "false";
    return *this;
  }
  JsonWriter& Null() {
    Separate();
    out_ += "null";
    return *this;
  }
  // A complete JSON value written by someone else (AppendEventJson).
  JsonWriter& Raw(std::string_view json) {
    Separate();
    out_.append(json);
    return *this;
  }
  // Opens an object whose first members are those of the complete object `json` ("{...}"), so
  // more members can follow.
  JsonWriter& ExtendObject(std::string_view json) {
    Separate();
    json.remove_suffix(1);  // the closing brace
    out_.append(json);
    stack_.push_back(json.size() <= 1);
    return *this;
  }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char c) {
    Separate();
    out_.push_back(c);
    stack_.push_back(true);
    return *this;
  }
  JsonWriter& Close(char c) {
    out_.push_back(c);
    stack_.pop_back();
    return *this;
  }
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!stack_.empty()) {
      if (!stack_.back()) out_.push_back(',');
      stack_.back() = false;
    }
  }

  std::string out_;
  std::vector<bool> stack_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace rasad::serve

#endif  // RASAD_SRC_SERVE_JSON_WRITER_H_
