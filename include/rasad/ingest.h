// Ingest: files, directories and standard input in, Article values out.
//
// Formats: JSON Lines (one article a line: {"id","url","source","date","lang","title","text"}),
// plain text (one article a file), HTML (one article a page: text extracted, boilerplate removed).
// Any of them may be gzip- or zstd-compressed; the format is taken from the file name and checked
// against the content. Bad input never stops a batch: each problem is reported with its place
// (file:line) and article id where known, and the reader moves on.
//
// An ArticleReader is used by one thread. The Boilerplate rules are immutable once loaded and may
// be shared by all threads.
#ifndef RASAD_INGEST_H_
#define RASAD_INGEST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasad/article.h"
#include "rasad/status.h"

namespace rasad {

// Lines that a scrape leaves around an article ("Ru En", "ربما يعجبك أيضا", share bars), from
// data/ingest/boilerplate.tsv. Matched on keys, so spelling variants match alike.
class Boilerplate {
 public:
  // The file format is `kind<TAB>phrase` where kind is `line` (a line that is only this phrase is
  // debris) or `tail` (this line and everything after it is debris: "related articles" boxes).
  static StatusOr<Boilerplate> Load(const std::string& path);
  static StatusOr<Boilerplate> Parse(std::string_view content, const std::string& name);

  enum class LineKind { kContent, kDebris, kTailStart };
  // Classifies one line of text. Lines made only of markup remnants (">).p>") are debris.
  LineKind Classify(std::string_view line) const;
  size_t size() const { return lines_.size() + tails_.size(); }

 private:
  std::vector<std::string> lines_;  // keys
  std::vector<std::string> tails_;
};

struct HtmlPage {
  std::string title;
  std::string text;  // paragraphs separated by '\n'
  std::string url;   // canonical or og:url, if the page gives one
  std::string site;  // og:site_name
  Date date;         // article:published_time / date meta, if any
};

// Extracts the article text of an HTML page: drops scripts, navigation, headers, footers, asides,
// forms, share bars and related-link boxes (by element, by class/id words, by link density and by
// the boilerplate phrases), picks the main content block (<article>, articleBody, the densest
// block) and joins its paragraphs.
HtmlPage ExtractHtml(std::string_view html, const Boilerplate& boilerplate);

enum class InputFormat { kAuto, kJsonl, kText, kHtml };

struct IngestOptions {
  // Articles with more text than this are reported and skipped. Default 16 MiB.
  size_t max_article_bytes = 16u << 20;
  // Replace malformed UTF-8 by U+FFFD (and warn) instead of reporting and skipping. Default off:
  // spans must point into the text as given.
  bool repair_utf8 = false;
  // Format of every input; kAuto decides per file from its name and content. Default kAuto.
  InputFormat format = InputFormat::kAuto;
  // Date given to articles that come without one (plain text, HTML without metadata). Default none.
  Date default_date;
};

struct IngestProblem {
  std::string where;       // "file:line", "file" or "<stdin>:line"
  std::string article_id;  // when known
  Status status;
  bool skipped = true;  // false: a warning, the article was kept
  std::string ToString() const;
};

class ArticleReader {
 public:
  // `paths`: files, directories (read recursively, in name order, hidden files skipped) or "-" for
  // standard input. Fails only when a path does not exist; unreadable files are problems later.
  static StatusOr<std::unique_ptr<ArticleReader>> Open(const std::vector<std::string>& paths,
                                                       const IngestOptions& options,
                                                       const Boilerplate* boilerplate);
  virtual ~ArticleReader() = default;

  // Reads the next article into `*article`; returns false at the end of all inputs. Problems met
  // on the way (skipped lines, unreadable files, warnings) are appended to `*problems`.
  virtual bool Next(Article* article, std::vector<IngestProblem>* problems) = 0;

  // Progress, in bytes of the input files as stored (compressed), for a progress bar.
  virtual uint64_t bytes_done() const = 0;
  virtual uint64_t bytes_total() const = 0;  // 0 when unknown (standard input)
};

// Parses one JSON Lines record. `where` names it in messages. Used by the reader and by tests.
StatusOr<Article> ParseJsonArticle(std::string_view line, const std::string& where,
                                   const IngestOptions& options);

}  // namespace rasad

#endif  // RASAD_INGEST_H_
