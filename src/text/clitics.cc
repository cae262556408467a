// Clitic candidates. The inventories are small and closed, so they are written out here rather
// than in a data file; what a stem *means* is always decided by a dictionary look-up.
#include <array>
#include <cstring>

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

constexpr std::string_view kTa = "\xD8\xAA";     // ت
constexpr std::string_view kHeh = "\xD9\x87";    // ه (the folded ة)
constexpr std::string_view kHamza = "\xD8\xA1";  // ء
constexpr std::string_view kYa = "\xD9\x8A";     // ي
constexpr uint16_t kAlifLetter = 0xD8A7, kYaLetter = 0xD98A, kWawLetter = 0xD988;  // ا ي و

size_t Letters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Letters(s) >= 2, without counting a long key through: a code point takes at most four bytes.
inline bool AtLeastTwoLetters(std::string_view s) {
  if (s.size() >= 8) return true;
  return Letters(s) >= 2;
}

// Short byte compares, inlined (affixes are 2 to 8 bytes; libc's memcmp call costs more).
inline bool SameBytes(const char* a, const char* b, size_t n) {
  for (size_t i = n; i-- > 0;) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

inline bool HasPrefix(std::string_view s, std::string_view p) {
  return s.size() > p.size() && SameBytes(s.data(), p.data(), p.size());
}

inline bool HasSuffix(std::string_view s, std::string_view p) {
  return s.size() > p.size() && SameBytes(s.data() + s.size() - p.size(), p.data(), p.size());
}

// The two bytes of the last (or first) letter, when it is a two-byte one; 0 otherwise.
inline uint16_t LastLetter(std::string_view s) {
  if (s.size() < 2) return 0;
  return static_cast<uint16_t>(static_cast<unsigned char>(s[s.size() - 2]) << 8 |
                               static_cast<unsigned char>(s[s.size() - 1]));
}
// "…اي" / "…او": ا then the folded seat of a hamza (ئ, ؤ), which ends the word as ء.
inline bool EndsInSeatedHamza(std::string_view s) {
  if (s.size() < 6) return false;
  const uint16_t last = LastLetter(s);
  return (last == kYaLetter || last == kWawLetter) &&
         LastLetter(s.substr(0, s.size() - 2)) == kAlifLetter;
}

inline uint16_t FirstLetter(std::string_view s) {
  if (s.size() < 2) return 0;
  return static_cast<uint16_t>(static_cast<unsigned char>(s[0]) << 8 |
                               static_cast<unsigned char>(s[1]));
}

// The affixes of an inventory that start (prefixes) or end (suffixes) with a given two-byte letter,
// in inventory order, so that a word is compared only with the affixes that can match it.
template <size_t N>
struct AffixIndex {
  struct Bucket {
    uint16_t letter = 0;
    uint8_t count = 0;
    uint8_t items[N];
  };
  Bucket buckets[N];
  size_t size = 0;
  AffixIndex(const std::array<Affix, N>& affixes, bool by_end) {
    for (size_t i = 0; i < N; ++i) {
      uint16_t l = by_end ? LastLetter(affixes[i].key) : FirstLetter(affixes[i].key);
      size_t b = 0;
      while (b < size && buckets[b].letter != l) ++b;
      if (b == size) buckets[size++].letter = l;
      buckets[b].items[buckets[b].count++] = static_cast<uint8_t>(i);
    }
  }
  const Bucket* Find(uint16_t letter) const {
    for (size_t b = 0; b < size; ++b) {
      if (buckets[b].letter == letter) return &buckets[b];
    }
    return nullptr;
  }
};

const AffixIndex<kArabicPrefixes.size()>& ArabicPrefixIndex() {
  static const auto* index = new AffixIndex<kArabicPrefixes.size()>(kArabicPrefixes, false);
  return *index;
}
const AffixIndex<kArabicSuffixes.size()>& ArabicSuffixIndex() {
  static const auto* index = new AffixIndex<kArabicSuffixes.size()>(kArabicSuffixes, true);
  return *index;
}
const AffixIndex<kPersianSuffixes.size()>& PersianSuffixIndex() {
  static const auto* index = new AffixIndex<kPersianSuffixes.size()>(kPersianSuffixes, true);
  return *index;
}

}  // namespace

// Fills a CliticCandidateSet; the algorithm of the original CliticCandidates(), step for step.
struct CliticBuilder {
  CliticCandidateSet& set;

  void Add(std::string_view key, size_t prefix, size_t suffix, uint8_t flags) {
    if (!AtLeastTwoLetters(key)) return;
    for (const auto& c : set.items_) {
      if (c.key == key) return;
    }
    set.items_.push_back({key, static_cast<uint8_t>(prefix), static_cast<uint8_t>(suffix), flags});
  }

  template <size_t N>
  void AddSuffixVariants(std::string_view stem, size_t prefix, uint8_t flags,
                         const std::array<Affix, N>& suffixes,
                         const typename AffixIndex<N>::Bucket* bucket, bool restore_ta) {
    if (bucket == nullptr) return;  // the stem ends in no suffix's last letter
    for (uint8_t k = 0; k < bucket->count; ++k) {
      const Affix& s = suffixes[bucket->items[k]];
      if (!HasSuffix(stem, s.key)) continue;
      std::string_view base = stem.substr(0, stem.size() - s.key.size());
      if (!AtLeastTwoLetters(base)) continue;
      Add(base, prefix, s.key.size(), flags | s.flags);
      if (restore_ta && base.size() > kTa.size() && LastLetter(base) == 0xD8AA /* ت */) {
        // The restored stem is written to the set's buffer, which Compute() sized so that it
        // never moves.
        std::string_view stemmed = base.substr(0, base.size() - kTa.size());
        size_t at = set.restored_.size();
        set.restored_.append(stemmed).append(kHeh);
        Add(std::string_view(set.restored_).substr(at, stemmed.size() + kHeh.size()), prefix,
            s.key.size(), flags | s.flags | kCliticTaRestored);
      } else if (restore_ta && s.key != kYa && EndsInSeatedHamza(base)) {
        // "لقائه", "لقاؤه" (folded لقايه, لقاوه): a final ء sits on ي or و before a pronoun.
        // (Not before ي: "ثنائي" is the adjective "bilateral", not "ثناء" + my.)
        std::string_view stemmed = base.substr(0, base.size() - kHamza.size());
        size_t at = set.restored_.size();
        set.restored_.append(stemmed).append(kHamza);
        Add(std::string_view(set.restored_).substr(at, stemmed.size() + kHamza.size()), prefix,
            s.key.size(), flags | s.flags | kCliticTaRestored);
      }
    }
  }

  void Run(std::string_view key, Lang lang) {
    Add(key, 0, 0, 0);
    const bool arabic = lang != Lang::kPersian;
    const bool persian = lang != Lang::kArabic;
    const uint16_t last = LastLetter(key);
    if (arabic) {
      // Stems without proclitics first, then each proclitic chain. (A stem left by a proclitic
      // ends where the key ends, so one suffix bucket serves them all.)
      const auto* suffixes = ArabicSuffixIndex().Find(last);
      AddSuffixVariants(key, 0, 0, kArabicSuffixes, suffixes, true);
      if (const auto* prefixes = ArabicPrefixIndex().Find(FirstLetter(key))) {
        for (uint8_t k = 0; k < prefixes->count; ++k) {
          const Affix& p = kArabicPrefixes[prefixes->items[k]];
          if (!HasPrefix(key, p.key)) continue;
          std::string_view stem = key.substr(p.key.size());
          if (!AtLeastTwoLetters(stem)) continue;
          Add(stem, p.key.size(), 0, p.flags);
          if (!(p.flags & kCliticArticle)) {
            AddSuffixVariants(stem, p.key.size(), p.flags, kArabicSuffixes, suffixes, true);
          }
        }
      }
    }
    if (persian) {
      AddSuffixVariants(key, 0, 0, kPersianSuffixes, PersianSuffixIndex().Find(last), false);
    }
  }
};

namespace {

// The candidates of the tokens seen last, per thread. The coder reads each token of a sentence
// twice — for actors, then for event triggers — so a small table, indexed by where the key sits in
// memory and checked against a copy of its bytes, answers the second reading. It stays in cache,
// unlike a memo of the whole vocabulary (which was tried, and lost to its cache misses).
class RecentCandidates {
 public:
  struct Split {
    uint8_t prefix, suffix, flags;
  };
  static constexpr size_t kMaxKey = 32, kMaxSplits = 12, kSlots = 1024;

  // The splits of (key, lang) if kept, else null.
  const Split* Find(std::string_view key, Lang lang, size_t* count) const {
    const Slot& s = slots_[SlotOf(key)];
    if (s.size != key.size() || s.lang != static_cast<uint8_t>(lang) || s.size == 0 ||
        std::memcmp(s.key, key.data(), key.size()) != 0) {
      return nullptr;
    }
    *count = s.count;
    return s.splits;
  }
  void Put(std::string_view key, Lang lang, const std::vector<CliticCandidateSet::Item>& items) {
    if (key.empty() || key.size() > kMaxKey || items.size() > kMaxSplits) return;
    Slot& s = slots_[SlotOf(key)];
    s.size = static_cast<uint8_t>(key.size());
    s.lang = static_cast<uint8_t>(lang);
    s.count = static_cast<uint8_t>(items.size());
    std::memcpy(s.key, key.data(), key.size());
    for (size_t i = 0; i < items.size(); ++i) {
      s.splits[i] = {items[i].prefix_bytes, items[i].suffix_bytes, items[i].flags};
    }
  }

 private:
  struct Slot {
    uint8_t size = 0, lang = 0, count = 0;
    char key[kMaxKey];
    Split splits[kMaxSplits];
  };
  static size_t SlotOf(std::string_view key) {
    return (reinterpret_cast<uintptr_t>(key.data()) >> 1) & (kSlots - 1);
  }
  Slot slots_[kSlots];
};

}  // namespace

void CliticCandidateSet::Compute(std::string_view key, Lang lang) {
  items_.clear();
  restored_.clear();
  // At most one restored stem, no longer than the key, per (proclitic chain, suffix) pair.
  const size_t need = key.size() * (kArabicPrefixes.size() + 1) * kArabicSuffixes.size();
  if (restored_.capacity() < need) restored_.reserve(need);
  thread_local RecentCandidates recent;
  size_t count = 0;
  if (const RecentCandidates::Split* splits = recent.Find(key, lang, &count)) {
    for (size_t i = 0; i < count; ++i) {
      const RecentCandidates::Split& s = splits[i];
      std::string_view stem = key.substr(s.prefix, key.size() - s.prefix - s.suffix);
      if (s.flags & kCliticTaRestored) {  // ت written back as ة (folded: ه), or ئ/ؤ as ء
        size_t at = restored_.size();
        const bool ta = LastLetter(stem) == 0xD8AA;
        restored_.append(stem.substr(0, stem.size() - kTa.size())).append(ta ? kHeh : kHamza);
        stem = std::string_view(restored_).substr(at, stem.size());
      }
      items_.push_back({stem, s.prefix, s.suffix, s.flags});
    }
    return;
  }
  CliticBuilder{*this}.Run(key, lang);
  recent.Put(key, lang, items_);
}

std::vector<CliticCandidate> CliticCandidates(std::string_view key, Lang lang) {
  thread_local CliticCandidateSet set;
  set.Compute(key, lang);
  std::vector<CliticCandidate> out;
  out.reserve(set.size());
  for (const auto& c : set) {
    out.push_back({std::string(c.key), c.prefix_bytes, c.suffix_bytes, c.flags});
  }
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
