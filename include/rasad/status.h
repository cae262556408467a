// Status and StatusOr: expected failures (a bad article, a malformed line) are values, never
// aborts. Both are cheap to move, immutable once built, and safe to pass between threads.
#ifndef RASAD_STATUS_H_
#define RASAD_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace rasad {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller's input is malformed (bad JSON line, bad date, bad data line)
  kNotFound,           // a file or an entry that should exist does not
  kIoError,            // the operating system refused a read or write
  kDataLoss,           // input is truncated or not decodable (bad UTF-8, binary, truncated gzip)
  kResourceExhausted,  // input over a configured limit (article size)
  kUnsupported,        // valid input the engine does not handle (another language)
  kInternal,
};

const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_argument: data/x.tsv:12: expected 5 columns, got 4"
  std::string ToString() const;
  // Returns a copy whose message is prefixed by `context` (a file:line, an article id).
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return Status(StatusCode::kInvalidArgument, std::move(m));
}
inline Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
inline Status IoError(std::string m) { return Status(StatusCode::kIoError, std::move(m)); }
inline Status DataLoss(std::string m) { return Status(StatusCode::kDataLoss, std::move(m)); }
inline Status ResourceExhausted(std::string m) {
  return Status(StatusCode::kResourceExhausted, std::move(m));
}
inline Status Unsupported(std::string m) { return Status(StatusCode::kUnsupported, std::move(m)); }

// Holds either a value or a non-OK status.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design, like absl
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace rasad

#endif  // RASAD_STATUS_H_
