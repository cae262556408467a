// Keys, tokens and sentences. Written for speed: one pass over the bytes, a table-free switch for
// the Arabic block, ICU only for code points outside it and for the rare compatibility forms.
#include "rasad/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>

#include "rasad/utf8.h"

namespace rasad {
namespace {

enum class CharClass : uint8_t {
  kLetter,     // part of a word
  kDigit,      // decimal digit of any script
  kMark,       // combining mark / tatweel: part of a word, removed from keys
  kJoiner,     // ZWNJ / ZWJ: inside a word, removed from keys
  kIgnorable,  // bidi marks, BOM, soft hyphen: skipped everywhere
  kSpace,
  kNewline,
  kPunct,
  kSymbol,
};

CharClass ClassifySlow(int32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::kLetter;
    if (cp >= '0' && cp <= '9') return CharClass::kDigit;
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f') return CharClass::kSpace;
    if (cp == '\n' || cp == '\v') return CharClass::kNewline;
    if (cp < 0x20 || cp == 0x7F) return CharClass::kIgnorable;
    if (cp == '$' || cp == '+' || cp == '<' || cp == '=' || cp == '>' || cp == '^' || cp == '`' ||
        cp == '|' || cp == '~') {
      return CharClass::kSymbol;
    }
    return CharClass::kPunct;
  }
  if (cp >= 0x0600 && cp <= 0x06FF) {
    if (cp >= 0x0660 && cp <= 0x0669) return CharClass::kDigit;
    if (cp >= 0x06F0 && cp <= 0x06F9) return CharClass::kDigit;
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) return CharClass::kMark;
    if ((cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || cp == 0x06E7 ||
        cp == 0x06E8 || (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0x0610 && cp <= 0x061A)) {
      return CharClass::kMark;
    }
    if (cp == 0x060C || cp == 0x060D || cp == 0x061B || cp == 0x061F || cp == 0x066A ||
        cp == 0x066B || cp == 0x066C || cp == 0x066D || cp == 0x06D4 || cp == 0x061E ||
        cp == 0x060A) {
      return CharClass::kPunct;
    }
    if (cp == 0x061C) return CharClass::kIgnorable;
    if (cp >= 0x0600 && cp <= 0x0605) return CharClass::kIgnorable;  // number signs (Cf)
    if (cp == 0x06DD || cp == 0x06DE || cp == 0x06E9 || cp == 0x0606 || cp == 0x0607 ||
        cp == 0x0608 || cp == 0x060E || cp == 0x060F || cp == 0x06FD || cp == 0x06FE) {
      return CharClass::kSymbol;
    }
    return CharClass::kLetter;
  }
  if (cp == 0x200C || cp == 0x200D) return CharClass::kJoiner;
  if (cp == 0x200B || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x00AD) {
    return CharClass::kIgnorable;
  }
  if (cp == 0x0085 || cp == 0x2028 || cp == 0x2029) return CharClass::kNewline;
  switch (u_charType(cp)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return CharClass::kLetter;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return CharClass::kMark;
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::kDigit;
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return CharClass::kLetter;
    case U_SPACE_SEPARATOR:
      return CharClass::kSpace;
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return CharClass::kNewline;
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_UNASSIGNED:
    case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
      return CharClass::kIgnorable;
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return CharClass::kSymbol;
    default:
      return CharClass::kPunct;
  }
}

// Code points whose NFKC form differs in a way the key must see (presentation forms, ligatures,
// full-width and compatibility characters). Everything else is folded directly.
inline bool NeedsNfkc(int32_t cp) {
  if (cp < 0x2460) return false;
  return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0xFB00 && cp <= 0xFB4F) ||
         (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x3300 && cp <= 0x33FF) ||
         (cp >= 0x1D400 && cp <= 0x1D7FF);
}

// The folded code point, or 0 when the code point is dropped from keys.
int32_t FoldCodePointSlow(int32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0x0600 && cp <= 0x06FF) {
    switch (cp) {
      case 0x0622:
      case 0x0623:
      case 0x0625:
      case 0x0671:
      case 0x0672:
      case 0x0673:
      case 0x0675:
        return 0x0627;  // alef forms
      case 0x0649:
      case 0x06CC:
      case 0x0626:
      case 0x06D0:
      case 0x06CD:
      case 0x06CE:
        return 0x064A;  // ya forms
      case 0x0624:
        return 0x0648;  // waw with hamza
      case 0x06A9:
      case 0x06AA:
        return 0x0643;  // kaf forms
      case 0x0629:
      case 0x06C0:
      case 0x06C1:
      case 0x06C2:
      case 0x06C3:
      case 0x06D5:
        return 0x0647;  // ta marbuta, heh forms
      case 0x060C:
        return ',';
      case 0x061B:
        return ';';
      case 0x061F:
        return '?';
      case 0x066A:
        return '%';
      case 0x066B:
        return '.';
      case 0x066C:
        return ',';
      case 0x06D4:
        return '.';
      default:
        break;
    }
    if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
    CharClass c = ClassifySlow(cp);
    if (c == CharClass::kMark || c == CharClass::kIgnorable) return 0;
    return cp;
  }
  if (cp == 0x00AB || cp == 0x00BB || cp == 0x201C || cp == 0x201D || cp == 0x201E) return '"';
  if (cp == 0x2018 || cp == 0x2019) return '\'';
  if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212) return '-';
  switch (ClassifySlow(cp)) {
    case CharClass::kMark:
    case CharClass::kJoiner:
    case CharClass::kIgnorable:
      return 0;
    case CharClass::kDigit: {
      int v = u_charDigitValue(cp);
      return v >= 0 ? '0' + v : cp;
    }
    case CharClass::kLetter:
      return u_tolower(cp);
    default:
      return cp;
  }
}

// Classes and folds of the code points below U+0800 (ASCII, Latin, the Arabic block), computed
// once from the functions above: the tokenizer looks them up instead of branching per character.
constexpr int32_t kTableSize = 0x800;

struct CharTables {
  CharClass cls[kTableSize];
  int32_t fold[kTableSize];
  CharTables() {
    for (int32_t cp = 0; cp < kTableSize; ++cp) {
      cls[cp] = ClassifySlow(cp);
      fold[cp] = FoldCodePointSlow(cp);
    }
  }
};

const CharTables& Tables() {
  static const CharTables* tables = new CharTables();  // immutable after construction
  return *tables;
}

inline CharClass Classify(const CharTables& t, int32_t cp) {
  return cp < kTableSize ? t.cls[cp] : ClassifySlow(cp);
}

inline int32_t FoldCodePoint(const CharTables& t, int32_t cp) {
  return cp < kTableSize ? t.fold[cp] : FoldCodePointSlow(cp);
}

// Writes the UTF-8 encoding of `cp` at `p`; returns the byte after it.
inline char* PutUtf8(int32_t cp, char* p) {
  if (cp < 0x80) {
    *p++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *p++ = static_cast<char>(0xC0 | (cp >> 6));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *p++ = static_cast<char>(0xE0 | (cp >> 12));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *p++ = static_cast<char>(0xF0 | (cp >> 18));
    *p++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return p;
}

void AppendFolded(std::string_view s, std::string& out) {
  // A folded code point takes at most twice the bytes of the original (a two-byte letter whose
  // lower case is a three-byte one), so the output is sized once and written through a pointer.
  const size_t base = out.size();
  out.resize(base + 2 * s.size());
  char* const begin = out.data();
  char* p = begin + base;
  const CharTables& tables = Tables();
  size_t i = 0;
  bool pending_space = false;
  while (i < s.size()) {
    int32_t cp = DecodeUtf8(s, i);
    if (cp < 0) cp = 0xFFFD;
    CharClass c = Classify(tables, cp);
    if (c == CharClass::kSpace || c == CharClass::kNewline) {
      pending_space = true;
      continue;
    }
    int32_t f = FoldCodePoint(tables, cp);
    if (f == 0) continue;
    if (pending_space && p != begin && p[-1] != ' ') *p++ = ' ';
    pending_space = false;
    p = PutUtf8(f, p);
  }
  out.resize(p - begin);
}

bool AnyNeedsNfkc(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0xE0) {  // all NFKC-relevant ranges are 3+ bytes
      ++i;
      continue;
    }
    int32_t cp = DecodeUtf8(s, i);
    if (NeedsNfkc(cp)) return true;
  }
  return false;
}

bool IsTerminator(std::string_view key) {
  for (char c : key) {
    if (c == '.' || c == '!' || c == '?' || c == ';') return true;
  }
  return key == "\xE2\x80\xA6";  // …
}

bool IsClosingPunct(std::string_view key) {
  return key == ")" || key == "]" || key == "}" || key == "\"" || key == "'" || key == "\xC2\xBB";
}

bool IsBullet(std::string_view key) {
  static const std::string_view kBullets[] = {"-",
                                              "*",
                                              "\xE2\x80\xA2" /*•*/,
                                              "\xC2\xB7" /*·*/,
                                              "\xE2\x96\xAA" /*▪*/,
                                              "\xE2\x97\xBE" /*◾*/,
                                              "\xE2\x97\x8F" /*●*/,
                                              "\xE2\x96\xA0" /*■*/,
                                              "\xE2\x96\xBA" /*►*/,
                                              ">",
                                              "|"};
  for (auto b : kBullets) {
    if (key == b) return true;
  }
  return false;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Latin abbreviations after which a full stop does not end a sentence (keys, lower-case).
bool IsLatinAbbreviation(std::string_view key) {
  static const std::string_view kAbbrev[] = {"mr", "mrs", "ms",  "dr",  "prof", "st",  "vs",  "jr",
                                             "sr", "no",  "inc", "ltd", "co",   "gen", "col", "lt"};
  for (auto a : kAbbrev) {
    if (key == a) return true;
  }
  return false;
}

}  // namespace

std::string NormalizeNfkc(std::string_view text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  if (U_FAILURE(err)) return std::string(text);
  icu::UnicodeString outu = nfkc->normalize(in, err);
  if (U_FAILURE(err)) return std::string(text);
  std::string out;
  outu.toUTF8String(out);
  return out;
}

void AppendKey(std::string_view text, std::string& out) {
  if (AnyNeedsNfkc(text)) {
    AppendFolded(NormalizeNfkc(text), out);
  } else {
    AppendFolded(text, out);
  }
}

std::string Key(std::string_view text) {
  std::string out;
  AppendKey(text, out);
  return out;
}

std::string JoinKeys(const TokenizedText& text, uint32_t first, uint32_t end) {
  std::string out;
  for (uint32_t k = first; k < end && k < text.tokens().size(); ++k)
    out.append(text.key(text.tokens()[k]));
  return out;
}

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kPunct:
      return "punct";
    case TokenKind::kSymbol:
      return "symbol";
  }
  return "?";
}

void TokenizedText::Tokenize(std::string_view text) {
  text_ = text;
  keys_.clear();
  tokens_.clear();
  sentences_.clear();
  tokens_.reserve(text.size() / 5);

  const size_t n = text.size();
  const CharTables& tables = Tables();
  // Keys are written through a pointer into keys_, sized for the worst case: a folded code point
  // takes at most twice the bytes of the original. (Only NFKC can expand more; see below.)
  keys_.resize(2 * n + 16);
  char* kb = keys_.data();
  size_t kp = 0;
  auto put = [&](int32_t cp) {
    int32_t f = FoldCodePoint(tables, cp);
    if (f != 0) kp = PutUtf8(f, kb + kp) - kb;
  };
  size_t i = 0;
  bool line_start = true;
  bool space_before = true;
  bool zwnj_before = false;
  while (i < n) {
    size_t at = i;
    int32_t cp = DecodeUtf8(text, i);
    if (cp < 0) {
      space_before = true;  // an invalid byte separates tokens; it never enters a key
      continue;
    }
    CharClass c = Classify(tables, cp);
    switch (c) {
      case CharClass::kSpace:
        space_before = true;
        continue;
      case CharClass::kNewline:
        space_before = true;
        line_start = true;
        continue;
      case CharClass::kIgnorable:
        continue;
      case CharClass::kJoiner:
        zwnj_before = true;
        continue;
      default:
        break;
    }
    Token t;
    t.begin = static_cast<uint32_t>(at);
    if (line_start) t.flags |= kTokenLineStart;
    if (!space_before) t.flags |= kTokenGlued;
    if (zwnj_before && !space_before) t.flags |= kTokenAfterZwnj;
    if (c == CharClass::kLetter || c == CharClass::kDigit || c == CharClass::kMark) {
      bool all_digits = c == CharClass::kDigit;
      bool needs_nfkc = NeedsNfkc(cp);
      // The key is folded as the word is scanned (what AppendFolded would write for its surface).
      t.key_begin = static_cast<uint32_t>(kp);
      put(cp);
      size_t end = i;
      while (end < n) {
        size_t next = end;
        int32_t cp2 = DecodeUtf8(text, next);
        if (cp2 < 0) break;
        CharClass c2 = Classify(tables, cp2);
        if (c2 == CharClass::kLetter || c2 == CharClass::kMark) {
          all_digits = false;
        } else if (c2 == CharClass::kDigit) {
        } else if (c2 == CharClass::kJoiner || c2 == CharClass::kIgnorable) {
          // Inside a word only when a letter follows: "می‌کند" is one token.
          size_t look = next;
          int32_t cp3 = look < n ? DecodeUtf8(text, look) : -1;
          CharClass c3 = cp3 < 0 ? CharClass::kSpace : Classify(tables, cp3);
          if (c3 != CharClass::kLetter && c3 != CharClass::kMark) break;
          if (c2 == CharClass::kJoiner) t.flags |= kTokenHasZwnj;
        } else if (all_digits && (cp2 == '.' || cp2 == ',' || cp2 == 0x066B || cp2 == 0x066C)) {
          // Decimal and thousands separators inside a number: "3.5", "1,200", "٣٫٥".
          size_t look = next;
          int32_t cp3 = look < n ? DecodeUtf8(text, look) : -1;
          if (cp3 < 0 || Classify(tables, cp3) != CharClass::kDigit) break;
        } else {
          break;
        }
        needs_nfkc |= NeedsNfkc(cp2);
        put(cp2);
        end = next;
      }
      t.end = static_cast<uint32_t>(end);
      t.kind = all_digits ? TokenKind::kNumber : TokenKind::kWord;
      i = end;
      if (needs_nfkc) {
        // Compatibility forms (ligatures such as ﷺ expand to many letters): fold the NFKC form,
        // and make room for it and for the rest of the text.
        std::string folded;
        AppendFolded(NormalizeNfkc(text.substr(t.begin, t.end - t.begin)), folded);
        kp = t.key_begin;
        const size_t need = kp + folded.size() + 2 * (n - i) + 16;
        if (keys_.size() < need) {
          keys_.resize(need);
          kb = keys_.data();
        }
        std::memcpy(kb + kp, folded.data(), folded.size());
        kp += folded.size();
      }
      t.key_end = static_cast<uint32_t>(kp);
    } else {
      // Punctuation and symbols: one token per code point, except runs of the same sentence
      // terminator ("..", "!!", "؟!") which stay one token.
      size_t end = i;
      if (c == CharClass::kPunct) {
        while (end < n) {
          size_t next = end;
          int32_t cp2 = DecodeUtf8(text, next);
          bool term2 = cp2 == '.' || cp2 == '!' || cp2 == '?' || cp2 == 0x061F;
          bool term1 = cp == '.' || cp == '!' || cp == '?' || cp == 0x061F;
          if (!(term1 && term2)) break;
          end = next;
        }
      }
      t.end = static_cast<uint32_t>(end);
      t.kind = c == CharClass::kPunct ? TokenKind::kPunct : TokenKind::kSymbol;
      t.key_begin = static_cast<uint32_t>(kp);
      for (size_t j = t.begin; j < end;) put(DecodeUtf8(text, j));  // valid: decoded above
      i = end;
      t.key_end = static_cast<uint32_t>(kp);
    }
    if (t.key_end == t.key_begin) continue;  // nothing left after folding (e.g. a lone mark)
    tokens_.push_back(t);
    line_start = false;
    space_before = false;
    zwnj_before = false;
  }
  keys_.resize(kp);
}

void TokenizedText::SplitSentences(uint32_t max_sentence_tokens) {
  sentences_.clear();
  const uint32_t count = static_cast<uint32_t>(tokens_.size());
  auto emit = [&](uint32_t first, uint32_t last_excl) {
    while (first < last_excl) {
      const Token& t = tokens_[first];
      if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) break;
      if (!IsBullet(key(t)) && !IsTerminator(key(t))) break;
      ++first;
    }
    bool has_content = false;
    for (uint32_t k = first; k < last_excl && !has_content; ++k) {
      // A sentence needs a number or a word of two letters or more: stray markup such as
      // ">).p>" left by a scrape is not a sentence.
      const Token& t = tokens_[k];
      has_content = t.kind == TokenKind::kNumber ||
                    (t.kind == TokenKind::kWord && CodePointCount(key(t)) >= 2);
    }
    if (!has_content) return;
    Sentence s;
    s.first_token = first;
    s.end_token = last_excl;
    s.begin = tokens_[first].begin;
    s.end = tokens_[last_excl - 1].end;
    sentences_.push_back(s);
  };
  uint32_t start = 0;
  for (uint32_t k = 0; k < count; ++k) {
    if (k > start && (tokens_[k].flags & kTokenLineStart)) {
      emit(start, k);
      start = k;
    }
    const Token& t = tokens_[k];
    bool boundary = false;
    if (t.kind == TokenKind::kPunct && IsTerminator(key(t))) {
      boundary = true;
      std::string_view tk = key(t);
      if (tk == "." && k > start && (t.flags & kTokenGlued)) {
        const Token& prev = tokens_[k - 1];
        std::string_view pk = key(prev);
        // "ج." "د." "U.S." — an initial, not the end of a sentence.
        if (prev.kind == TokenKind::kWord && (CodePointCount(pk) == 1 || IsLatinAbbreviation(pk))) {
          boundary = false;
        }
        // "farsnews.ir", "1.5m": a full stop glued on both sides is inside a word.
        if (k + 1 < count && (tokens_[k + 1].flags & kTokenGlued) &&
            tokens_[k + 1].kind == TokenKind::kWord) {
          boundary = false;
        }
      }
    }
    if (boundary) {
      uint32_t end = k + 1;
      while (end < count && (tokens_[end].flags & kTokenGlued) &&
             !(tokens_[end].flags & kTokenLineStart) &&
             (IsClosingPunct(key(tokens_[end])) || IsTerminator(key(tokens_[end])))) {
        ++end;
      }
      emit(start, end);
      start = end;
      k = end - 1;
      continue;
    }
    if (k + 1 - start >= max_sentence_tokens) {
      // Over-long sentence: cut after its last comma, else here.
      uint32_t cut = k + 1;
      for (uint32_t j = k; j > start + max_sentence_tokens / 2; --j) {
        if (key(tokens_[j]) == ",") {
          cut = j + 1;
          break;
        }
      }
      emit(start, cut);
      start = cut;
      k = cut - 1;
    }
  }
  if (start < count) emit(start, count);
}

}  // namespace rasad
