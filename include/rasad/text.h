// The text layer: matching keys, tokens, sentences and clitic candidates for Arabic and Persian.
//
// The original text is never modified. Every token and sentence carries byte offsets into it, so
// any match can point at its evidence. A token's *key* is the form used for dictionary look-up:
// Unicode compatibility forms folded (ICU NFKC, only for the rare tokens that need it), then the
// orthographic variants that the press mixes freely folded to one letter:
//   alef forms آ أ إ ٱ → ا; ي ی ى ئ → ي; ؤ → و; ك ک ڪ → ك; ة ۀ ه ە → ه; Arabic-Indic and Persian
//   digits → ASCII; ، ؛ ؟ « » → , ; ? " "; diacritics, tatweel, ZWNJ/ZWJ, bidi marks removed;
//   Latin lower-cased.
// All functions are pure and thread-safe.
#ifndef RASAD_TEXT_H_
#define RASAD_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasad/article.h"

namespace rasad {

// Appends the matching key of `text` to `out`. Runs of white space become one ASCII space, so a
// multi-word dictionary phrase and the same words in running text fold alike.
void AppendKey(std::string_view text, std::string& out);
std::string Key(std::string_view text);

// ICU NFKC of `text` (e.g. Arabic presentation forms ﻻ → لا). Invalid UTF-8 is replaced by U+FFFD.
std::string NormalizeNfkc(std::string_view text);

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kSymbol };

const char* TokenKindName(TokenKind kind);

// Token flags.
inline constexpr uint8_t kTokenHasZwnj = 1;    // the word contains a ZWNJ (Persian compound)
inline constexpr uint8_t kTokenAfterZwnj = 2;  // separated from the previous token by a ZWNJ only
inline constexpr uint8_t kTokenGlued = 4;      // no space between this and the previous token
inline constexpr uint8_t kTokenLineStart = 8;  // first token on its line

struct Token {
  uint32_t begin = 0;  // byte span in the original text
  uint32_t end = 0;
  uint32_t key_begin = 0;  // byte span in TokenizedText::keys
  uint32_t key_end = 0;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
};

struct Sentence {
  uint32_t begin = 0;  // byte span in the original text, trimmed of space and leading bullets
  uint32_t end = 0;
  uint32_t first_token = 0;  // token range [first_token, end_token)
  uint32_t end_token = 0;
};

// Tokens and sentences of one text. Owns its key buffer; refers to (does not own) the text, which
// must outlive it. Reusable: Analyze() clears previous contents but keeps capacity.
class TokenizedText {
 public:
  std::string_view text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  std::string_view key(const Token& t) const {
    return std::string_view(keys_).substr(t.key_begin, t.key_end - t.key_begin);
  }
  std::string_view surface(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }

  // Tokenizes `text` and splits it into sentences. Sentences longer than `max_sentence_tokens`
  // are cut at their last comma, else hard, so that no input makes coding quadratic.
  void Analyze(std::string_view text, uint32_t max_sentence_tokens = 200) {
    Tokenize(text);
    SplitSentences(max_sentence_tokens);
  }
  // The two steps of Analyze(), apart so that the pipeline can time them: tokens and their keys
  // (normalization), then sentences (segmentation) over those tokens.
  void Tokenize(std::string_view text);
  void SplitSentences(uint32_t max_sentence_tokens = 200);

 private:
  std::string_view text_;
  std::string keys_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
};

// The keys of tokens [first, end) joined without separators: the solid spelling of a compound
// that the text wrote with spaces or ZWNJ ("می کند" → "میکند"), so that all three spellings can be
// looked up alike.
std::string JoinKeys(const TokenizedText& text, uint32_t first, uint32_t end);

// A possible dictionary form of a word once clitics are removed: "وبالحكومة" → "حكومه" (و+ب+ال).
// Candidates are to be verified against a dictionary, never used blind.
struct CliticCandidate {
  std::string key;       // the stem's key
  uint8_t prefix_bytes;  // key bytes removed at the front (proclitics)
  uint8_t suffix_bytes;  // key bytes removed at the end (enclitics)
  uint8_t flags;         // kClitic* below
};

inline constexpr uint8_t kCliticConj = 1;      // و / ف
inline constexpr uint8_t kCliticPrep = 2;      // ب / ك / ل
inline constexpr uint8_t kCliticArticle = 4;   // ال (also the ل of لل)
inline constexpr uint8_t kCliticFuture = 8;    // س on a verb
inline constexpr uint8_t kCliticPronoun = 16;  // Arabic enclitic pronoun, or Persian ش/ام/…
inline constexpr uint8_t kCliticPlural = 32;   // Persian ها / های
inline constexpr uint8_t kCliticEzafe = 64;    // Persian ی / ای (ezafe or indefinite)
// The stem's last letter written back as it ends a word: ت as ة (حكومته → حكومة), or the seat
// of a hamza as ء (لقائه → لقاء), before a pronoun.
inline constexpr uint8_t kCliticTaRestored = 128;

// All candidate stems of `key` (itself a token key), the unstripped key first. Stems are at least
// two letters long. `lang` selects the clitic inventory (kUnknown: both).
std::vector<CliticCandidate> CliticCandidates(std::string_view key, Lang lang);

// The same candidates, in the same order, computed without allocating once warm: stems are views
// into the key given to Compute() (which must outlive the set's use) or into the set's own buffer
// (a ta-restored stem). For the matchers' inner loops; reuse one set per thread.
class CliticCandidateSet {
 public:
  struct Item {
    std::string_view key;
    uint8_t prefix_bytes, suffix_bytes, flags;
  };
  void Compute(std::string_view key, Lang lang);
  size_t size() const { return items_.size(); }
  const Item& operator[](size_t i) const { return items_[i]; }
  std::vector<Item>::const_iterator begin() const { return items_.begin(); }
  std::vector<Item>::const_iterator end() const { return items_.end(); }

 private:
  friend struct CliticBuilder;
  std::vector<Item> items_;
  std::string restored_;  // ta-restored stems, back to back (sized so that views stay valid)
};

// The Arabic proclitic letter chain that `key` starts with, if it could be one ("وبال" → 4 bytes).
// Exposed for tests and the explain view.
std::string DescribeClitics(const CliticCandidate& c);

}  // namespace rasad

#endif  // RASAD_TEXT_H_
