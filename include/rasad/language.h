// Language identification: Arabic, Persian, or other. CLD2 (a real statistical detector) decides
// when it is reliable; script cues (letters only Persian uses, frequent function words) decide
// otherwise and check it, so Persian typed with Arabic ي/ك is still Persian. Pure, thread-safe.
#ifndef RASAD_LANGUAGE_H_
#define RASAD_LANGUAGE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "rasad/article.h"

namespace rasad {

struct LanguageGuess {
  Lang lang = Lang::kUnknown;
  bool reliable = false;
  const char* method = "";  // "cld2", "cues", "cld2+cues", "short"
  // Counts behind the decision, for the explain and debug views.
  uint32_t arabic_script_letters = 0;
  uint32_t other_letters = 0;
  uint32_t persian_cues = 0;
  uint32_t arabic_cues = 0;
};

struct LanguageOptions {
  // Bytes of text given to CLD2 for an article (it needs little; more costs time). Default 8192.
  uint32_t cld2_bytes = 8192;
  // Paragraphs with fewer Arabic-script letters than this inherit the article's language.
  // Default 40.
  uint32_t min_paragraph_letters = 40;
};

// Script and word cues counted over a span of text.
struct CueCounts {
  uint32_t arabic_script = 0;    // letters of the Arabic script
  uint32_t other = 0;            // letters of other scripts
  uint32_t persian_letters = 0;  // پ چ ژ گ and Persian ی ک
  uint32_t other_script_lang =
      0;  // letters of Urdu, Pashto, Kurdish, Sindhi (ٹ ڈ ڑ ں ے ټ ښ ڵ ێ ۆ…)
  uint32_t persian_words = 0;
  uint32_t arabic_words = 0;
  void Add(const CueCounts& o) {
    arabic_script += o.arabic_script;
    other += o.other;
    persian_letters += o.persian_letters;
    other_script_lang += o.other_script_lang;
    persian_words += o.persian_words;
    arabic_words += o.arabic_words;
  }
};

// The cues of each non-empty paragraph (line) of a text, over its first `cld2_bytes` bytes.
struct ParagraphCues {
  uint32_t begin = 0, end = 0;  // byte span of the paragraph
  CueCounts cues;
};
std::vector<ParagraphCues> CountParagraphCues(std::string_view text,
                                              const LanguageOptions& options = {});

// `paragraphs`, when given, must be CountParagraphCues(text, options): the article's cues are then
// added up from them instead of counted again. The answer is the same either way.
LanguageGuess DetectLanguage(std::string_view text, const LanguageOptions& options = {},
                             const std::vector<ParagraphCues>* paragraphs = nullptr);

// A paragraph (a line of the text) and its language.
struct ParagraphLanguage {
  uint32_t begin = 0;  // byte span of the paragraph in the text
  uint32_t end = 0;
  Lang lang = Lang::kUnknown;
};

// Languages of the paragraphs of `text`. Short paragraphs inherit `article_lang`; a paragraph
// whose language differs clearly (an English quote in an Arabic article) gets its own.
// `paragraphs` as for DetectLanguage.
std::vector<ParagraphLanguage> DetectParagraphLanguages(
    std::string_view text, Lang article_lang, const LanguageOptions& options = {},
    const std::vector<ParagraphCues>* paragraphs = nullptr);

}  // namespace rasad

#endif  // RASAD_LANGUAGE_H_
