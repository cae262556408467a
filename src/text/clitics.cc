// Clitic candidates. The inventories are small and closed, so they are written out here rather
// than in a data file; what a stem *means* is always decided by a dictionary look-up.
#include <array>

#include "rasad/text.h"

namespace rasad {
namespace {

struct Affix {
  std::string_view key;  // folded form
  uint8_t flags;
};

// Arabic proclitic chains: [و|ف] then one of [ب|ك|ل|س|ال|بال|كال|لل]. Longest first so that the
// candidate list reads from least to most stripped.
constexpr std::array<Affix, 26> kArabicPrefixes = {{
    {"\xD9\x88\xD8\xA8\xD8\xA7\xD9\x84", kCliticConj | kCliticPrep | kCliticArticle},  // وبال
    {"\xD9\x88\xD9\x83\xD8\xA7\xD9\x84", kCliticConj | kCliticPrep | kCliticArticle},  // وكال
    {"\xD9\x81\xD8\xA8\xD8\xA7\xD9\x84", kCliticConj | kCliticPrep | kCliticArticle},  // فبال
    {"\xD9\x81\xD9\x83\xD8\xA7\xD9\x84", kCliticConj | kCliticPrep | kCliticArticle},  // فكال
    {"\xD9\x88\xD9\x84\xD9\x84", kCliticConj | kCliticPrep | kCliticArticle},          // ولل
    {"\xD9\x81\xD9\x84\xD9\x84", kCliticConj | kCliticPrep | kCliticArticle},          // فلل
    {"\xD9\x88\xD8\xA7\xD9\x84", kCliticConj | kCliticArticle},                        // وال
    {"\xD9\x81\xD8\xA7\xD9\x84", kCliticConj | kCliticArticle},                        // فال
    {"\xD8\xA8\xD8\xA7\xD9\x84", kCliticPrep | kCliticArticle},                        // بال
    {"\xD9\x83\xD8\xA7\xD9\x84", kCliticPrep | kCliticArticle},                        // كال
    {"\xD9\x84\xD9\x84", kCliticPrep | kCliticArticle},                                // لل
    {"\xD8\xA7\xD9\x84", kCliticArticle},                                              // ال
    {"\xD9\x88\xD8\xA8", kCliticConj | kCliticPrep},                                   // وب
    {"\xD9\x88\xD9\x83", kCliticConj | kCliticPrep},                                   // وك
    {"\xD9\x88\xD9\x84", kCliticConj | kCliticPrep},                                   // ول
    {"\xD9\x81\xD8\xA8", kCliticConj | kCliticPrep},                                   // فب
    {"\xD9\x81\xD9\x83", kCliticConj | kCliticPrep},                                   // فك
    {"\xD9\x81\xD9\x84", kCliticConj | kCliticPrep},                                   // فل
    {"\xD9\x88\xD8\xB3", kCliticConj | kCliticFuture},                                 // وس
    {"\xD9\x81\xD8\xB3", kCliticConj | kCliticFuture},                                 // فس
    {"\xD9\x88", kCliticConj},                                                         // و
    {"\xD9\x81", kCliticConj},                                                         // ف
    {"\xD8\xA8", kCliticPrep},                                                         // ب
    {"\xD9\x83", kCliticPrep},                                                         // ك
    {"\xD9\x84", kCliticPrep},                                                         // ل
    {"\xD8\xB3", kCliticFuture},                                                       // س
}};

// Arabic enclitic pronouns, longest first.
constexpr std::array<Affix, 12> kArabicSuffixes = {{
    {"\xD9\x87\xD9\x85\xD8\xA7", kCliticPronoun},  // هما
    {"\xD9\x83\xD9\x85\xD8\xA7", kCliticPronoun},  // كما
    {"\xD9\x87\xD8\xA7", kCliticPronoun},          // ها
    {"\xD9\x87\xD9\x85", kCliticPronoun},          // هم
    {"\xD9\x87\xD9\x86", kCliticPronoun},          // هن
    {"\xD9\x83\xD9\x85", kCliticPronoun},          // كم
    {"\xD9\x83\xD9\x86", kCliticPronoun},          // كن
    {"\xD9\x86\xD8\xA7", kCliticPronoun},          // نا
    {"\xD9\x86\xD9\x8A", kCliticPronoun},          // ني
    {"\xD9\x87", kCliticPronoun},                  // ه
    {"\xD9\x83", kCliticPronoun},                  // ك
    {"\xD9\x8A", kCliticPronoun},                  // ي
}};

// Persian suffixes (plural, ezafe/indefinite, possessive), folded (ی → ي), longest first.
constexpr std::array<Affix, 12> kPersianSuffixes = {{
    {"\xD9\x87\xD8\xA7\xD9\x8A\xD9\x8A", kCliticPlural | kCliticEzafe},    // هایی
    {"\xD9\x87\xD8\xA7\xD9\x8A\xD8\xB4", kCliticPlural | kCliticPronoun},  // هایش
    {"\xD9\x87\xD8\xA7\xD9\x8A", kCliticPlural | kCliticEzafe},            // های
    {"\xD8\xB4\xD8\xA7\xD9\x86", kCliticPronoun},                          // شان
    {"\xD9\x85\xD8\xA7\xD9\x86", kCliticPronoun},                          // مان
    {"\xD8\xAA\xD8\xA7\xD9\x86", kCliticPronoun},                          // تان
    {"\xD9\x87\xD8\xA7", kCliticPlural},                                   // ها
    {"\xD8\xA7\xD9\x8A", kCliticEzafe},                                    // ای
    {"\xD8\xA7\xD8\xB4", kCliticPronoun},                                  // اش
    {"\xD9\x8A", kCliticEzafe},                                            // ی
    {"\xD8\xB4", kCliticPronoun},                                          // ش
    {"\xD9\x85", kCliticPronoun},                                          // م
}};

constexpr std::string_view kTa = "\xD8\xAA";   // ت
constexpr std::string_view kHeh = "\xD9\x87";  // ه (the folded ة)

size_t Letters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void Add(std::vector<CliticCandidate>& out, std::string key, size_t prefix, size_t suffix,
         uint8_t flags) {
  if (Letters(key) < 2) return;
  for (const auto& c : out) {
    if (c.key == key) return;
  }
  out.push_back(
      {std::move(key), static_cast<uint8_t>(prefix), static_cast<uint8_t>(suffix), flags});
}

template <size_t N>
void AddSuffixVariants(std::vector<CliticCandidate>& out, std::string_view stem, size_t prefix,
                       uint8_t flags, const std::array<Affix, N>& suffixes, bool restore_ta) {
  for (const Affix& s : suffixes) {
    if (stem.size() <= s.key.size() || stem.substr(stem.size() - s.key.size()) != s.key) continue;
    std::string_view base = stem.substr(0, stem.size() - s.key.size());
    if (Letters(base) < 2) continue;
    Add(out, std::string(base), prefix, s.key.size(), flags | s.flags);
    if (restore_ta && base.size() > kTa.size() && base.substr(base.size() - kTa.size()) == kTa) {
      std::string restored(base.substr(0, base.size() - kTa.size()));
      restored.append(kHeh);
      Add(out, std::move(restored), prefix, s.key.size(), flags | s.flags | kCliticTaRestored);
    }
  }
}

}  // namespace

std::vector<CliticCandidate> CliticCandidates(std::string_view key, Lang lang) {
  std::vector<CliticCandidate> out;
  out.reserve(8);
  Add(out, std::string(key), 0, 0, 0);
  const bool arabic = lang != Lang::kPersian;
  const bool persian = lang != Lang::kArabic;
  if (arabic) {
    // Stems without proclitics first, then each proclitic chain.
    AddSuffixVariants(out, key, 0, 0, kArabicSuffixes, true);
    for (const Affix& p : kArabicPrefixes) {
      if (key.size() <= p.key.size() || key.substr(0, p.key.size()) != p.key) continue;
      std::string_view stem = key.substr(p.key.size());
      if (Letters(stem) < 2) continue;
      Add(out, std::string(stem), p.key.size(), 0, p.flags);
      if (!(p.flags & kCliticArticle)) {
        AddSuffixVariants(out, stem, p.key.size(), p.flags, kArabicSuffixes, true);
      }
    }
  }
  if (persian) AddSuffixVariants(out, key, 0, 0, kPersianSuffixes, false);
  return out;
}

std::string DescribeClitics(const CliticCandidate& c) {
  std::string out;
  if (c.flags & kCliticConj) out += "conj ";
  if (c.flags & kCliticPrep) out += "prep ";
  if (c.flags & kCliticArticle) out += "article ";
  if (c.flags & kCliticFuture) out += "future ";
  if (c.flags & kCliticPronoun) out += "pronoun ";
  if (c.flags & kCliticPlural) out += "plural ";
  if (c.flags & kCliticEzafe) out += "ezafe ";
  if (c.flags & kCliticTaRestored) out += "ta-restored ";
  if (out.empty()) return "whole";
  out.pop_back();
  return out;
}

}  // namespace rasad
