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

LanguageGuess DetectLanguage(std::string_view text, const LanguageOptions& options = {});

// A paragraph (a line of the text) and its language.
struct ParagraphLanguage {
  uint32_t begin = 0;  // byte span of the paragraph in the text
  uint32_t end = 0;
  Lang lang = Lang::kUnknown;
};

// Languages of the paragraphs of `text`. Short paragraphs inherit `article_lang`; a paragraph
// whose language differs clearly (an English quote in an Arabic article) gets its own.
std::vector<ParagraphLanguage> DetectParagraphLanguages(std::string_view text, Lang article_lang,
                                                        const LanguageOptions& options = {});

}  // namespace rasad

#endif  // RASAD_LANGUAGE_H_
