// Files, directories and standard input → articles. Decompression (gzip via zlib, which also reads
// uncompressed files; zstd via libzstd), line splitting with a length cap, format detection.
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "rasad/ingest.h"
#include "rasad/utf8.h"
#include "src/ingest/jsonl.h"

namespace rasad {

std::string IngestProblem::ToString() const {
  std::string s = where;
  if (!article_id.empty()) s += " [" + article_id + "]";
  s += skipped ? ": skipped: " : ": warning: ";
  s += status.ToString();
  return s;
}

namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A stream of decompressed bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes; 0 at the end or on error (then status() says which).
  virtual size_t Read(char* buf, size_t n) = 0;
  virtual Status status() const = 0;
  virtual uint64_t position() const = 0;  // compressed bytes consumed
};

class GzSource : public ByteSource {
 public:
  explicit GzSource(gzFile f) : f_(f) { gzbuffer(f_, 1 << 18); }
  ~GzSource() override { gzclose(f_); }
  size_t Read(char* buf, size_t n) override {
    if (!status_.ok()) return 0;
    int r = gzread(f_, buf, static_cast<unsigned>(std::min<size_t>(n, 1u << 30)));
    if (r < 0) {
      int errnum = 0;
      const char* msg = gzerror(f_, &errnum);
      status_ = DataLoss(std::string("cannot decompress: ") + (msg ? msg : "unknown error"));
      return 0;
    }
    if (r == 0) {
      int errnum = 0;
      const char* msg = gzerror(f_, &errnum);
      if (errnum != Z_OK && errnum != Z_STREAM_END) {
        status_ =
            DataLoss(std::string("truncated or corrupt compressed data: ") + (msg ? msg : ""));
      }
    }
    return static_cast<size_t>(r);
  }
  Status status() const override { return status_; }
  uint64_t position() const override { return static_cast<uint64_t>(gzoffset(f_)); }

 private:
  gzFile f_;
  Status status_;
};

class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(FILE* f) : f_(f), in_(ZSTD_DStreamInSize()) { ds_ = ZSTD_createDStream(); }
  ~ZstdSource() override {
    ZSTD_freeDStream(ds_);
    std::fclose(f_);
  }
  size_t Read(char* buf, size_t n) override {
    if (!status_.ok()) return 0;
    ZSTD_outBuffer out = {buf, n, 0};
    while (out.pos == 0) {
      if (input_.pos == input_.size) {
        size_t got = std::fread(in_.data(), 1, in_.size(), f_);
        consumed_ += got;
        if (got == 0) {
          if (last_ret_ != 0) status_ = DataLoss("truncated zstd stream");
          return 0;
        }
        input_ = {in_.data(), got, 0};
      }
      last_ret_ = ZSTD_decompressStream(ds_, &out, &input_);
      if (ZSTD_isError(last_ret_)) {
        status_ = DataLoss(std::string("cannot decompress: ") + ZSTD_getErrorName(last_ret_));
        return 0;
      }
    }
    return out.pos;
  }
  Status status() const override { return status_; }
  uint64_t position() const override { return consumed_; }

 private:
  FILE* f_;
  ZSTD_DStream* ds_;
  std::vector<char> in_;
  ZSTD_inBuffer input_ = {nullptr, 0, 0};
  size_t last_ret_ = 0;
  uint64_t consumed_ = 0;
  Status status_;
};

// Splits a ByteSource into lines. Lines longer than `cap` are consumed but reported as too long.
class LineReader {
 public:
  LineReader(ByteSource* src, size_t cap) : src_(src), cap_(cap) {}

  // Makes at least `n` bytes available (fewer at the end); returns a view of the buffered bytes.
  std::string_view Peek(size_t n) {
    while (buf_.size() - pos_ < n && !eof_) Fill();
    return std::string_view(buf_).substr(pos_);
  }

  // Next line without its '\n' (and '\r'). Returns false at the end. `*too_long` set when the line
  // exceeded the cap (then `*line` holds only its start).
  bool Next(std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    for (;;) {
      size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        Take(line, nl - pos_, too_long);
        pos_ = nl + 1;
        break;
      }
      Take(line, buf_.size() - pos_, too_long);
      pos_ = buf_.size();
      if (eof_) {
        if (line->empty() && !*too_long) return false;
        break;
      }
      Fill();
      if (eof_ && pos_ == buf_.size()) {
        if (line->empty() && !*too_long) return false;
        break;
      }
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }

 private:
  void Take(std::string* line, size_t n, bool* too_long) {
    if (*too_long) return;
    if (line->size() + n > cap_) {
      *too_long = true;
      line->append(buf_, pos_, std::min(n, size_t{256}));
      return;
    }
    line->append(buf_, pos_, n);
  }
  void Fill() {
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    size_t old = buf_.size();
    buf_.resize(old + kChunk);
    size_t got = src_->Read(buf_.data() + old, kChunk);
    buf_.resize(old + got);
    if (got == 0) eof_ = true;
  }

  static constexpr size_t kChunk = 1 << 20;
  ByteSource* src_;
  size_t cap_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
};

bool KnownExtension(const std::string& name) {
  std::string n = Lower(name);
  for (const char* z : {".gz", ".zst"}) {
    if (EndsWith(n, z)) n.resize(n.size() - std::strlen(z));
  }
  for (const char* e : {".jsonl", ".ndjson", ".json", ".txt", ".text", ".html", ".htm"}) {
    if (EndsWith(n, e)) return true;
  }
  return false;
}

InputFormat FormatFromName(const std::string& name) {
  std::string n = Lower(name);
  for (const char* z : {".gz", ".zst"}) {
    if (EndsWith(n, z)) n.resize(n.size() - std::strlen(z));
  }
  if (EndsWith(n, ".jsonl") || EndsWith(n, ".ndjson") || EndsWith(n, ".json"))
    return InputFormat::kJsonl;
  if (EndsWith(n, ".html") || EndsWith(n, ".htm")) return InputFormat::kHtml;
  if (EndsWith(n, ".txt") || EndsWith(n, ".text")) return InputFormat::kText;
  return InputFormat::kAuto;
}

InputFormat SniffFormat(std::string_view head) {
  size_t k = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") k = 3;  // BOM
  while (k < head.size() && std::isspace(static_cast<unsigned char>(head[k]))) ++k;
  if (k < head.size() && head[k] == '{') return InputFormat::kJsonl;
  if (k < head.size() && head[k] == '<') {
    std::string lower = Lower(head.substr(k, 512));
    if (lower.find("<html") != std::string::npos || lower.find("<!doctype") != std::string::npos ||
        lower.find("<body") != std::string::npos || lower.find("<div") != std::string::npos ||
        lower.find("<p") != std::string::npos || lower.find("<meta") != std::string::npos) {
      return InputFormat::kHtml;
    }
  }
  return InputFormat::kText;
}

class FileArticleReader : public ArticleReader {
 public:
  FileArticleReader(std::vector<std::string> files, uint64_t total, const IngestOptions& options,
                    const Boilerplate* boilerplate)
      : files_(std::move(files)), total_(total), options_(options), boilerplate_(boilerplate) {}

  bool Next(Article* article, std::vector<IngestProblem>* problems) override {
    for (;;) {
      if (!lines_) {
        if (next_file_ >= files_.size()) return false;
        if (!OpenFile(files_[next_file_++], problems)) continue;
      }
      if (format_ == InputFormat::kJsonl) {
        if (NextJsonArticle(article, problems)) return true;
      } else {
        bool ok = WholeFileArticle(article, problems);
        CloseFile(problems);
        if (ok) return true;
        continue;
      }
      CloseFile(problems);
    }
  }

  uint64_t bytes_done() const override { return done_ + (source_ ? source_->position() : 0); }
  uint64_t bytes_total() const override { return total_; }

 private:
  bool OpenFile(const std::string& path, std::vector<IngestProblem>* problems) {
    name_ = path == "-" ? "<stdin>" : path;
    line_no_ = 0;
    if (path != "-" && EndsWith(Lower(path), ".zst")) {
      FILE* f = std::fopen(path.c_str(), "rb");
      if (!f) {
        problems->push_back({name_, "", IoError(std::strerror(errno)), true});
        return false;
      }
      source_ = std::make_unique<ZstdSource>(f);
    } else {
      gzFile f = path == "-" ? gzdopen(dup(0), "rb") : gzopen(path.c_str(), "rb");
      if (!f) {
        problems->push_back({name_, "", IoError(std::strerror(errno ? errno : EIO)), true});
        return false;
      }
      source_ = std::make_unique<GzSource>(f);
    }
    // A line may hold a whole article plus its JSON framing; past twice the article limit it is
    // certainly over, so the reader stops buffering it.
    lines_ = std::make_unique<LineReader>(source_.get(), options_.max_article_bytes * 2 + 65536);
    std::string_view head = lines_->Peek(65536);
    if (head.empty()) {
      Status s = source_->status();
      problems->push_back({name_, "", s.ok() ? InvalidArgument("empty file") : s, true});
      CloseFile(nullptr);
      return false;
    }
    if (LooksBinary(head)) {
      problems->push_back({name_, "", DataLoss("binary file, not text"), true});
      CloseFile(nullptr);
      return false;
    }
    format_ = options_.format;
    if (format_ == InputFormat::kAuto)
      format_ = path == "-" ? InputFormat::kAuto : FormatFromName(path);
    InputFormat sniffed = SniffFormat(head);
    if (format_ == InputFormat::kAuto) format_ = sniffed;
    return true;
  }

  void CloseFile(std::vector<IngestProblem>* problems) {
    if (source_) {
      if (problems && !source_->status().ok()) {
        problems->push_back({name_ + (line_no_ ? ":" + std::to_string(line_no_ + 1) : ""), "",
                             source_->status(), true});
      }
      done_ += source_->position();
    }
    lines_.reset();
    source_.reset();
  }

  bool NextJsonArticle(Article* article, std::vector<IngestProblem>* problems) {
    std::string line;
    bool too_long = false;
    while (lines_->Next(&line, &too_long)) {
      ++line_no_;
      std::string where = name_ + ":" + std::to_string(line_no_);
      if (too_long) {
        problems->push_back(
            {where, SalvageId(line),
             ResourceExhausted("line is over " +
                               std::to_string(options_.max_article_bytes * 2 + 65536) +
                               " bytes (--max-article-bytes)"),
             true});
        continue;
      }
      size_t first = line.find_first_not_of(" \t\r");
      if (first == std::string::npos) continue;  // blank lines are allowed
      auto parsed = parser_.Parse(line, where, options_, problems);
      if (!parsed.ok()) {
        problems->push_back({where, SalvageId(line), parsed.status(), true});
        continue;
      }
      *article = std::move(parsed).value();
      return true;
    }
    return false;
  }

  bool WholeFileArticle(Article* article, std::vector<IngestProblem>* problems) {
    std::string content;
    std::string_view all = lines_->Peek(options_.max_article_bytes + 1);
    if (all.size() > options_.max_article_bytes) {
      problems->push_back(
          {name_, "",
           ResourceExhausted("file is over " + std::to_string(options_.max_article_bytes) +
                             " bytes (--max-article-bytes)"),
           true});
      return false;
    }
    content.assign(all);
    if (!source_->status().ok()) {
      problems->push_back({name_, "", source_->status(), true});
      return false;
    }
    if (LooksBinary(content)) {
      problems->push_back({name_, "", DataLoss("binary content, not text"), true});
      return false;
    }
    size_t bad = FindInvalidUtf8(content);
    if (bad != std::string::npos) {
      if (!options_.repair_utf8) {
        problems->push_back({name_, "",
                             DataLoss("malformed UTF-8 at byte " + std::to_string(bad) +
                                      " (use --repair-utf8 to replace it with U+FFFD)"),
                             true});
        return false;
      }
      size_t n = RepairUtf8(content);
      problems->push_back(
          {name_, "", DataLoss("replaced " + std::to_string(n) + " malformed UTF-8 sequence(s)"),
           false});
    }
    Article a;
    a.origin = name_;
    a.date = options_.default_date;
    if (format_ == InputFormat::kHtml) {
      static const Boilerplate kNone;
      HtmlPage page = ExtractHtml(content, boilerplate_ ? *boilerplate_ : kNone);
      a.title = std::move(page.title);
      a.text = std::move(page.text);
      a.url = page.url.empty() ? name_ : page.url;
      a.source = page.site.empty() ? "html" : page.site;
      if (!page.date.empty()) a.date = page.date;
    } else {
      if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.erase(0, 3);
      a.text = std::move(content);
      a.url = name_;
      a.source = "text";
    }
    if (a.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      problems->push_back({name_, "", InvalidArgument("no article text"), true});
      return false;
    }
    a.id = ContentId(a.title, a.text);
    *article = std::move(a);
    return true;
  }

  std::vector<std::string> files_;
  uint64_t total_;
  IngestOptions options_;
  const Boilerplate* boilerplate_;
  size_t next_file_ = 0;
  std::string name_;
  uint64_t line_no_ = 0;
  uint64_t done_ = 0;
  InputFormat format_ = InputFormat::kAuto;
  std::unique_ptr<ByteSource> source_;
  std::unique_ptr<LineReader> lines_;
  JsonArticleParser parser_;
};

}  // namespace

StatusOr<std::unique_ptr<ArticleReader>> ArticleReader::Open(const std::vector<std::string>& paths,
                                                             const IngestOptions& options,
                                                             const Boilerplate* boilerplate) {
  std::vector<std::string> files;
  uint64_t total = 0;
  bool has_stdin = false;
  std::vector<std::string> inputs = paths;
  if (inputs.empty()) inputs.push_back("-");
  for (const std::string& p : inputs) {
    if (p == "-") {
      files.push_back(p);
      has_stdin = true;
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return NotFound(p + ": no such file or directory");
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file() && KnownExtension(name)) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        total += fs::file_size(f, ec);
        files.push_back(std::move(f));
      }
    } else {
      total += fs::file_size(p, ec);
      files.push_back(p);
    }
  }
  return std::unique_ptr<ArticleReader>(
      new FileArticleReader(std::move(files), has_stdin ? 0 : total, options, boilerplate));
}

}  // namespace rasad
