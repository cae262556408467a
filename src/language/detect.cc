// clang-format off
#include <cstdio>  // must precede compact_lang_det.h, which uses FILE without including it
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include "rasad/language.h"
#include "rasad/text.h"
#include "rasad/utf8.h"

namespace rasad {
namespace {

struct Cues {
  uint32_t arabic_script = 0;    // letters of the Arabic script
  uint32_t other = 0;            // letters of other scripts
  uint32_t persian_letters = 0;  // پ چ ژ گ and Persian ی ک
  uint32_t other_script_lang =
      0;  // letters of Urdu, Pashto, Kurdish, Sindhi (ٹ ڈ ڑ ں ے ټ ښ ڵ ێ ۆ…)
  uint32_t persian_words = 0;
  uint32_t arabic_words = 0;
};

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

// Frequent function words, by key. Persian ones never occur in Arabic prose and vice versa.
bool IsPersianWord(std::string_view k) {
  static const std::string_view kWords[] = {
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
  for (auto w : kWords) {
    if (k == w) return true;
  }
  return false;
}

bool IsArabicWord(std::string_view k) {
  static const std::string_view kWords[] = {
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
  for (auto w : kWords) {
    if (k == w) return true;
  }
  return false;
}

Cues CountCues(std::string_view text) {
  Cues c;
  std::string word;
  size_t i = 0;
  auto flush = [&] {
    if (word.empty()) return;
    std::string k = Key(word);
    if (IsPersianWord(k)) ++c.persian_words;
    if (IsArabicWord(k)) ++c.arabic_words;
    if (k.size() > 4 && k.compare(0, 4, "\xD8\xA7\xD9\x84") == 0) ++c.arabic_words;  // ال…
    word.clear();
  };
  while (i < text.size()) {
    size_t at = i;
    int32_t cp = DecodeUtf8(text, i);
    bool arabic_letter = cp >= 0x0620 && cp <= 0x06FF && !(cp >= 0x064B && cp <= 0x065F) &&
                         !(cp >= 0x0660 && cp <= 0x066D) && !(cp >= 0x06F0 && cp <= 0x06F9) &&
                         cp != 0x0640 && cp != 0x06D4;
    if (arabic_letter) {
      ++c.arabic_script;
      if (IsPersianLetter(cp)) ++c.persian_letters;
      if (IsOtherArabicScriptLanguageLetter(cp)) ++c.other_script_lang;
      word.append(text, at, i - at);
      continue;
    }
    if (cp == 0x200C) {  // ZWNJ: Persian compounds; keep the word going
      word.append(text, at, i - at);
      continue;
    }
    if (cp > 0 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
      ++c.other;
    else if (cp >= 0x0370 && cp < 0x0600)
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

LanguageGuess DetectLanguage(std::string_view text, const LanguageOptions& options) {
  LanguageGuess g;
  std::string_view sample = Utf8Prefix(text, options.cld2_bytes);
  Cues cues = CountCues(sample);
  g.arabic_script_letters = cues.arabic_script;
  g.other_letters = cues.other;
  g.persian_cues = cues.persian_words * 3 + cues.persian_letters / 2;
  g.arabic_cues = cues.arabic_words * 3;
  bool strong = false;
  Lang by_cues = DecideByCues(cues, &strong);

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

std::vector<ParagraphLanguage> DetectParagraphLanguages(std::string_view text, Lang article_lang,
                                                        const LanguageOptions& options) {
  std::vector<ParagraphLanguage> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view para = text.substr(start, end - start);
    ParagraphLanguage p;
    p.begin = static_cast<uint32_t>(start);
    p.end = static_cast<uint32_t>(end);
    p.lang = article_lang;
    if (!para.empty()) {
      Cues c = CountCues(Utf8Prefix(para, options.cld2_bytes));
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
          Lang l = FromCld2(CLD2::DetectLanguage(sample.data(), static_cast<int>(sample.size()),
                                                 true, &reliable));
          if (reliable && l == by_cues) p.lang = by_cues;
        }
      }
      if (out.empty() || out.back().lang != p.lang) {
        out.push_back(p);
      } else {
        out.back().end = p.end;
      }
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace rasad
