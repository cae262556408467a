// clang-format off
#include <cstdio>  // must precede compact_lang_det.h, which uses FILE without including it
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include "rasad/language.h"
#include "rasad/text.h"
#include "rasad/utf8.h"

namespace rasad {
namespace {

using Cues = CueCounts;

bool IsPersianLetter(int32_t cp) {
  return cp == 0x067E || cp == 0x0686 || cp == 0x0698 || cp == 0x06AF || cp == 0x06CC ||
         cp == 0x06A9;
}

bool IsOtherArabicScriptLanguageLetter(int32_t cp) {
  switch (cp) {
    case 0x0679:
    case 0x0688:
    case 0x0691:
    case 0x06BA:
    case 0x06D2:
    case 0x06BE:  // Urdu
    case 0x067C:
    case 0x0689:
    case 0x0693:
    case 0x0696:
    case 0x069A:
    case 0x06AB:
    case 0x06BC:
    case 0x06CD:  // Pashto
    case 0x06B5:
    case 0x0695:
    case 0x06CE:
    case 0x06C6:
    case 0x06A4:  // Kurdish
      return true;
    default:
      return false;
  }
}

// Frequent function words, by key. Persian ones never occur in Arabic prose and vice versa. All
// are at most eight bytes long, so a key is compared as one integer.
constexpr std::string_view kPersianWords[] = {
    "\xD8\xA7\xD8\xB3\xD8\xAA",          // است
    "\xD8\xA7\xD9\x8A\xD9\x86",          // این
    "\xD9\x83\xD9\x87",                  // که
    "\xD8\xB1\xD8\xA7",                  // را
    "\xD9\x85\xD9\x8A",                  // می
    "\xD8\xA8\xD8\xB1\xD8\xA7\xD9\x8A",  // برای
    "\xD8\xA8\xD8\xA7",                  // با
    "\xD8\xA7\xD8\xB2",                  // از
    "\xD8\xA8\xD9\x87",                  // به
    "\xD8\xB4\xD8\xAF",                  // شد
    "\xD9\x83\xD8\xB1\xD8\xAF",          // کرد
    "\xD9\x87\xD8\xA7\xD9\x8A",          // های
    "\xD8\xA8\xD9\x88\xD8\xAF",          // بود
    "\xD8\xA7\xD9\x86",                  // ان (folded آن)
};

constexpr std::string_view kArabicWords[] = {
    "\xD9\x81\xD9\x8A",                  // في
    "\xD8\xB9\xD9\x84\xD9\x8A",          // علي (folded على)
    "\xD8\xA7\xD9\x84\xD9\x8A",          // الي (folded إلى)
    "\xD8\xA7\xD9\x84\xD8\xAA\xD9\x8A",  // التي
    "\xD8\xA7\xD9\x84\xD8\xB0\xD9\x8A",  // الذي
    "\xD9\x85\xD9\x86",                  // من (also Persian "I": weak, counted once)
    "\xD8\xB9\xD9\x86",                  // عن
    "\xD9\x87\xD8\xB0\xD8\xA7",          // هذا
    "\xD9\x87\xD8\xB0\xD9\x87",          // هذه
    "\xD9\x82\xD8\xA7\xD9\x84",          // قال
    "\xD9\x88\xD9\x82\xD8\xAF",          // وقد
    "\xD8\xA7\xD9\x86\xD9\x87",          // انه
    "\xD8\xA8\xD9\x8A\xD9\x86",          // بين (also Persian; weak)
};

// Up to eight bytes as one integer; compared together with the length.
constexpr uint64_t PackWord(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < s.size() && i < 8; ++i) {
    v |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (8 * i);
  }
  return v;
}

template <size_t N>
struct PackedWords {
  uint64_t value[N];
  uint8_t size[N];
  constexpr explicit PackedWords(const std::string_view (&words)[N]) : value(), size() {
    for (size_t i = 0; i < N; ++i) {
      value[i] = PackWord(words[i]);
      size[i] = static_cast<uint8_t>(words[i].size());
    }
  }
  bool Contains(uint64_t packed, size_t n) const {
    for (size_t i = 0; i < N; ++i) {
      if (value[i] == packed && size[i] == n) return true;
    }
    return false;
  }
};

constexpr PackedWords kPersianPacked(kPersianWords);
constexpr PackedWords kArabicPacked(kArabicWords);

// The key bytes of each code point of the Arabic block (U+0600..U+06FF) as Key() folds it: two
// bytes, or none for a dropped mark. Built once from Key() itself, so the two cannot disagree.
struct ArabicFolds {
  char bytes[256][2];
  uint8_t len[256];
  uint8_t flags[256];  // kLetter, kPersian, kOtherLanguage below
  static constexpr uint8_t kLetter = 1, kPersian = 2, kOtherLanguage = 4;
  ArabicFolds() {
    for (int32_t cp = 0x0600; cp <= 0x06FF; ++cp) {
      std::string s;
      AppendUtf8(static_cast<char32_t>(cp), s);
      std::string k = Key(s);
      size_t slot = cp - 0x0600;
      len[slot] = static_cast<uint8_t>(k.size() <= 2 ? k.size() : 0);
      for (size_t b = 0; b < 2; ++b) bytes[slot][b] = b < k.size() ? k[b] : 0;
      // A letter of the Arabic script: not a mark, digit, sign, tatweel or full stop.
      bool letter = cp >= 0x0620 && !(cp >= 0x064B && cp <= 0x065F) &&
                    !(cp >= 0x0660 && cp <= 0x066D) && !(cp >= 0x06F0 && cp <= 0x06F9) &&
                    cp != 0x0640 && cp != 0x06D4;
      flags[slot] = (letter ? kLetter : 0) | (IsPersianLetter(cp) ? kPersian : 0) |
                    (IsOtherArabicScriptLanguageLetter(cp) ? kOtherLanguage : 0);
    }
  }
};

const ArabicFolds& TheArabicFolds() {
  static const ArabicFolds* folds = new ArabicFolds();  // immutable after construction
  return *folds;
}

Cues CountCues(std::string_view text) {
  // Words are runs of Arabic-script letters (and ZWNJ); each word's key is built in a small buffer
  // as the letters go by. Only keys of up to kMax bytes can be function words; longer ones only
  // need their first four bytes (the ال check) and their length.
  constexpr size_t kMax = 8;
  const ArabicFolds& folds = TheArabicFolds();
  Cues c;
  char key[kMax];
  size_t key_len = 0;  // may exceed kMax: then only key[0..kMax) is kept
  bool in_word = false;
  auto flush = [&] {
    if (!in_word) return;
    in_word = false;
    if (key_len <= 8) {
      uint64_t packed = PackWord(std::string_view(key, key_len));
      if (kPersianPacked.Contains(packed, key_len)) ++c.persian_words;
      if (kArabicPacked.Contains(packed, key_len)) ++c.arabic_words;
    }
    if (key_len > 4 && std::string_view(key, 4) == "\xD8\xA7\xD9\x84") ++c.arabic_words;  // ال…
    key_len = 0;
  };
  // Letters of the Arabic block are counted and folded from one table entry.
  auto arabic_block = [&](int32_t cp) {
    const size_t slot = cp - 0x0600;
    const uint8_t f = folds.flags[slot];
    if (!(f & ArabicFolds::kLetter)) {
      flush();
      return;
    }
    ++c.arabic_script;
    if (f & ArabicFolds::kPersian) ++c.persian_letters;
    if (f & ArabicFolds::kOtherLanguage) ++c.other_script_lang;
    in_word = true;
    for (size_t b = 0; b < folds.len[slot]; ++b, ++key_len) {
      if (key_len < kMax) key[key_len] = folds.bytes[slot][b];
    }
  };
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char b0 = p[i];
    if (b0 < 0x80) {  // ASCII: a Latin letter counts as another script; anything ends a word
      if (((b0 | 0x20) >= 'a' && (b0 | 0x20) <= 'z')) ++c.other;
      flush();
      ++i;
      continue;
    }
    if (b0 >= 0xD8 && b0 <= 0xDB && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {  // U+0600..06FF
      arabic_block(((b0 & 0x1F) << 6) | (p[i + 1] & 0x3F));
      i += 2;
      continue;
    }
    int32_t cp = DecodeUtf8(text, i);
    if (cp >= 0x0600 && cp <= 0x06FF) {
      arabic_block(cp);
      continue;
    }
    if (cp == 0x200C) {  // ZWNJ: Persian compounds; keep the word going (dropped from the key)
      in_word = true;
      continue;
    }
    if (cp >= 0x0370 && cp < 0x0600)
      ++c.other;
    else if (cp >= 0x0900 && cp < 0x2000)
      ++c.other;
    else if (cp >= 0x3040 && cp < 0xA000)
      ++c.other;
    flush();
  }
  flush();
  return c;
}

// Script and word cues alone. Returns kUnknown when they do not decide.
Lang DecideByCues(const Cues& c, bool* strong) {
  *strong = false;
  uint32_t letters = c.arabic_script + c.other;
  if (letters == 0) return Lang::kUnknown;
  if (c.arabic_script * 2 < letters) {
    *strong = c.other >= 20;
    return Lang::kOther;
  }
  if (c.other_script_lang * 50 > c.arabic_script) {
    *strong = c.other_script_lang >= 5;
    return Lang::kOther;
  }
  double fa = 3.0 * c.persian_words + 0.5 * c.persian_letters;
  double ar = 3.0 * c.arabic_words;
  if (fa + ar < 3) return Lang::kUnknown;
  Lang lang = fa > ar ? Lang::kPersian : Lang::kArabic;
  double hi = fa > ar ? fa : ar, lo = fa > ar ? ar : fa;
  *strong = hi >= 6 && hi >= 2 * lo;
  return lang;
}

// Cues so one-sided that CLD2 cannot change the answer, and is not asked (it costs more than all
// the rest of reading an article): text almost all in the Arabic script, no letter of another
// language written in it (Urdu, Pashto, Kurdish…), and many function words of one language for
// each of the other. On the development corpora (27,573 articles) CLD2 never disagreed with such
// cues; it still decides every text where they are weaker.
bool Decisive(const Cues& c, Lang by_cues) {
  if (by_cues != Lang::kArabic && by_cues != Lang::kPersian) return false;
  if (c.other_script_lang != 0 || c.other * 20 > c.arabic_script) return false;
  double fa = 3.0 * c.persian_words + 0.5 * c.persian_letters;
  double ar = 3.0 * c.arabic_words;
  double hi = fa > ar ? fa : ar, lo = fa > ar ? ar : fa;
  return hi >= 30 && hi >= 4 * lo;
}

Lang FromCld2(CLD2::Language l) {
  if (l == CLD2::ARABIC) return Lang::kArabic;
  if (l == CLD2::PERSIAN) return Lang::kPersian;
  if (l == CLD2::UNKNOWN_LANGUAGE) return Lang::kUnknown;
  return Lang::kOther;
}

// Largest prefix of `s` of at most `max` bytes that ends on a code point boundary.
std::string_view Utf8Prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

std::vector<ParagraphCues> CountParagraphCues(std::string_view text,
                                              const LanguageOptions& options) {
  std::vector<ParagraphCues> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (end > start) {
      ParagraphCues p;
      p.begin = static_cast<uint32_t>(start);
      p.end = static_cast<uint32_t>(end);
      p.cues = CountCues(Utf8Prefix(text.substr(start, end - start), options.cld2_bytes));
      out.push_back(p);
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

namespace {

// The cues of `sample`, a prefix of the text, from the text's paragraph cues: paragraphs wholly
// inside it add up (a newline ends a word either way), the one cut by its end is counted.
Cues SampleCues(std::string_view text, std::string_view sample,
                const std::vector<ParagraphCues>& paragraphs) {
  Cues c;
  for (const ParagraphCues& p : paragraphs) {
    if (p.begin >= sample.size()) break;
    if (p.end <= sample.size()) {
      c.Add(p.cues);
    } else if (p.begin == 0) {
      c.Add(p.cues);  // the paragraph's counted prefix is the sample itself
    } else {
      c.Add(CountCues(text.substr(p.begin, sample.size() - p.begin)));
    }
  }
  return c;
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view text, const LanguageOptions& options,
                             const std::vector<ParagraphCues>* paragraphs) {
  LanguageGuess g;
  std::string_view sample = Utf8Prefix(text, options.cld2_bytes);
  Cues cues = paragraphs ? SampleCues(text, sample, *paragraphs) : CountCues(sample);
  g.arabic_script_letters = cues.arabic_script;
  g.other_letters = cues.other;
  g.persian_cues = cues.persian_words * 3 + cues.persian_letters / 2;
  g.arabic_cues = cues.arabic_words * 3;
  bool strong = false;
  Lang by_cues = DecideByCues(cues, &strong);
  if (Decisive(cues, by_cues)) {
    g.lang = by_cues;
    g.reliable = true;
    g.method = "cues";
    return g;
  }

  // CLD2 requires valid UTF-8 ("interchange-valid"); the sample may hold a repaired article.
  bool reliable = false;
  CLD2::Language l3[3];
  int pct3[3];
  int text_bytes = 0;
  Lang by_cld2 = Lang::kUnknown;
  if (FindInvalidUtf8(sample) == std::string_view::npos) {
    CLD2::Language l = CLD2::DetectLanguageSummary(sample.data(), static_cast<int>(sample.size()),
                                                   true, l3, pct3, &text_bytes, &reliable);
    by_cld2 = FromCld2(l);
  }

  if (by_cld2 != Lang::kUnknown && reliable) {
    g.lang = by_cld2;
    g.reliable = true;
    g.method = "cld2";
    // Script cues overrule CLD2 only when they are strong and CLD2 confused the two languages.
    if (strong && by_cues != by_cld2 && by_cues != Lang::kOther && by_cld2 != Lang::kOther) {
      g.lang = by_cues;
      g.method = "cues";
    }
    return g;
  }
  if (by_cues != Lang::kUnknown) {
    g.lang = by_cues;
    g.reliable = strong || by_cues == by_cld2;
    g.method = by_cues == by_cld2 ? "cld2+cues" : "cues";
    return g;
  }
  // Too little text for either: a text written mostly in Arabic script is Arabic or Persian, and
  // only Persian letters can tell them apart. The caller may prefer a feed's own language field.
  if (cues.arabic_script > 0 && cues.arabic_script * 2 >= cues.arabic_script + cues.other &&
      cues.other_script_lang == 0) {
    g.lang = cues.persian_letters > 0 ? Lang::kPersian : Lang::kArabic;
    g.method = "short";
    return g;
  }
  g.lang = by_cld2 != Lang::kUnknown ? by_cld2 : Lang::kOther;
  g.method = by_cld2 != Lang::kUnknown ? "cld2" : "short";
  return g;
}

std::vector<ParagraphLanguage> DetectParagraphLanguages(
    std::string_view text, Lang article_lang, const LanguageOptions& options,
    const std::vector<ParagraphCues>* paragraphs) {
  std::vector<ParagraphCues> counted;
  if (paragraphs == nullptr) {
    counted = CountParagraphCues(text, options);
    paragraphs = &counted;
  }
  std::vector<ParagraphLanguage> out;
  for (const ParagraphCues& pc : *paragraphs) {
    std::string_view para = text.substr(pc.begin, pc.end - pc.begin);
    ParagraphLanguage p;
    p.begin = pc.begin;
    p.end = pc.end;
    p.lang = article_lang;
    const Cues& c = pc.cues;
    bool strong = false;
    Lang by_cues = DecideByCues(c, &strong);
    if (by_cues == Lang::kOther && strong) {
      p.lang = Lang::kOther;
    } else if (c.arabic_script >= options.min_paragraph_letters && strong &&
               by_cues != Lang::kUnknown && by_cues != article_lang) {
      // A paragraph switches language only when CLD2 agrees with the cues: a quoted Persian
      // paragraph in an Arabic article, not an Arabic sentence with a few shared words.
      bool reliable = false;
      std::string_view sample = Utf8Prefix(para, options.cld2_bytes);
      if (FindInvalidUtf8(sample) == std::string_view::npos) {
        Lang l = FromCld2(
            CLD2::DetectLanguage(sample.data(), static_cast<int>(sample.size()), true, &reliable));
        if (reliable && l == by_cues) p.lang = by_cues;
      }
    }
    if (out.empty() || out.back().lang != p.lang) {
      out.push_back(p);
    } else {
      out.back().end = p.end;
    }
  }
  return out;
}

}  // namespace rasad
