// The event coder (see coder.h). Reading order: the pattern index (a trie over trigger keys with
// Persian light verbs), actor resolution, then source/target assignment per pattern match.
#include "rasad/coder.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <span>
#include <unordered_map>

#include "rasad/time.h"
#include "rasad/utf8.h"
#include "src/base/clock.h"
#include "src/base/key_table.h"
#include "src/events/word_memo.h"

namespace rasad {
namespace {

// ---------------------------------------------------------------- small helpers over token keys

// Keys of a word list written in ordinary spelling, folded once.
KeySet Keys(std::initializer_list<const char*> words) {
  KeySet out;
  for (const char* w : words) out.Add(Key(w));
  return out;
}

bool Contains(const KeySet& keys, std::string_view key) { return keys.Has(key); }

struct Cues {
  KeySet ar_preps = Keys({"إلى", "على", "مع", "ضد", "من", "في", "عن", "لدى", "بين", "عبر", "نحو",
                          "حول", "تجاه", "إزاء", "لصالح", "بحق"});
  KeySet fa_preps = Keys({"به", "با", "از", "در", "برای", "علیه", "توسط", "میان", "بین", "نزد",
                          "تا", "بر", "سوی", "طرف"});
  // Words that end a clause, per language: keys fold ي and ی together, so the Persian "ولی" (but)
  // would otherwise also stop at the Arabic "ولي" of "ولي العهد" (crown prince).
  KeySet ar_clause_breaks = Keys({";", ":", "?", "!", "\"", "(", ")", "أن", "إن", "أنه", "بأن",
                                  "لأن", "الذي", "التي", "الذين", "حيث", "بينما", "فيما", "أما"});
  KeySet fa_clause_breaks =
      Keys({";", ":", "?", "!", "\"", "(", ")", "که", "زیرا", "چون", "ولی", "اما"});
  const KeySet& ClauseBreaks(Lang lang) const {
    return lang == Lang::kPersian ? fa_clause_breaks : ar_clause_breaks;
  }
  KeySet ar_negation = Keys({"لم", "لن", "لا", "ليس", "ليست", "عدم", "دون", "بدون", "غير"});
  KeySet fa_negation = Keys({"نه", "هرگز", "عدم", "بدون"});
  KeySet intent = Keys({"سوف", "يعتزم", "تعتزم", "ينوي", "تنوي", "المقرر", "المتوقع", "يستعد",
                        "تستعد", "يزمع", "تزمع", "لن", "قرار", "قصد", "خواهد", "خواهند", "برنامه"});
  KeySet reported =
      Keys({"قال", "قالت", "ذكر",   "ذكرت",  "أفاد", "أفادت", "نقلت", "نقل",   "وفقا",
            "وفق", "حسب",  "بحسب",  "صرح",   "أوضح", "أوضحت", "أشار", "أشارت", "مصادر",
            "گفت", "گفته", "افزود", "گزارش", "نقل",  "اظهار", "داشت"});
  KeySet place_preps = Keys({"في", "در"});
  // Honorifics before a name or a title ("من فخامة الرئيس", "صاحب السمو الملكي الأمير").
  KeySet honorifics = Keys({"فخامة", "سمو", "السمو", "صاحب", "الملكي", "معالي", "سعادة", "دولة",
                            "السيد", "السيدة", "جلالة", "جناب", "آقای", "خانم", "حضرت"});
  // The honorifics' plurals ("بين أصحاب السمو والمعالي والسعادة وزراء …").
  KeySet honorific_plurals = Keys({"أصحاب", "والمعالي", "المعالي", "والسعادة", "السعادة"});
  std::string duwal = Key("دول");  // "of the states": "وزراء خارجية دول مجلس التعاون"
  // What may stand around a subject's name besides its titles: honorifics, their plurals, "دول".
  bool IsTitleWord(std::string_view k) const {
    return Contains(honorifics, k) || Contains(honorific_plurals, k) || k == duwal;
  }
  KeySet should = Keys({"باید", "نباید", "بایستی", "يجب", "ينبغي", "لابد", "يتعين", "يتوجب"});
  // What may happen is no more an event than what should: "يمكن التوقيع على وثيقة".
  KeySet possible = Keys({"يمكن", "يمكنه", "يمكنها", "يمكنهم", "ممكن", "الممكن", "المحتمل",
                          "بالإمكان", "بإمكان", "ربما", "ممکن", "شاید"});
  // Readiness and wishes: what they are for is not an event yet ("أكد استعداده لتنظيم اجتماع",
  // "أعربتا عن رغبتهما في إبرام معاهدة"; the gold coders code the wish itself, 03x).
  KeySet wish_heads = Keys({"استعداد", "استعداده", "استعدادها", "استعدادهم", "استعدادهما", "مستعد",
                            "مستعدة", "مستعدون", "رغبة", "رغبته", "رغبتها", "رغبتهم", "رغبتهما",
                            "جاهزية", "آمادگی", "تمایل"});
  KeySet governs_noun = Keys({"جراء",  "إثر",   "عقب", "بعد", "قبل", "خلال", "منذ",  "بسبب",
                              "نتيجة", "أثناء", "رغم", "ضد",  "حول", "عن",   "على",  "في",
                              "من",    "إلى",   "مع",  "بين", "لدى", "عبر",  "حيال", "تجاه"});
  KeySet relatives = Keys({"الذي", "التي", "الذين", "اللذين", "اللتين", "که"});
  std::string ra = Key("را");
  std::string wa = Key("و");
  // Single words the coder compares tokens with, folded once.
  std::string har = Key("هر"), gune = Key("گونه");
  std::string fa = Key("ف"), lan = Key("لن"), fi = Key("في"), dar = Key("در"), bi = Key("ب"),
              li = Key("ل");
  std::string tawassut = Key("توسط"), min = Key("من"), qabl = Key("قبل"), ala = Key("على"),
              yad = Key("يد"), az = Key("از"), suy = Key("سوی"), taraf = Key("طرف"), be = Key("به"),
              dast = Key("دست");
};

const Cues& TheCues() {
  static const Cues* cues = new Cues();  // immutable after construction
  return *cues;
}

// ---------------------------------------------------------------- Persian light verbs

struct LightVerb {
  std::string past, present;  // stems, as keys
};

const std::map<std::string, LightVerb>& LightVerbs() {
  static const auto* verbs = new std::map<std::string, LightVerb>{
      {Key("کردن"), {Key("کرد"), Key("کن")}},
      {Key("شدن"), {Key("شد"), Key("شو")}},
      {Key("دادن"), {Key("داد"), Key("ده")}},
      {Key("داشتن"), {Key("داشت"), Key("دار")}},
      {Key("زدن"), {Key("زد"), Key("زن")}},
      {Key("گرفتن"), {Key("گرفت"), Key("گیر")}},
      {Key("کشیدن"), {Key("کشید"), Key("کش")}},
      {Key("نمودن"), {Key("نمود"), Key("نما")}},
      {Key("آمدن"), {Key("آمد"), Key("آی")}},
      {Key("رفتن"), {Key("رفت"), Key("رو")}},
      {Key("ساختن"), {Key("ساخت"), Key("ساز")}},
      {Key("گذاشتن"), {Key("گذاشت"), Key("گذار")}},
      {Key("انداختن"), {Key("انداخت"), Key("انداز")}},
      {Key("گفتن"), {Key("گفت"), Key("گو")}},
  };
  return *verbs;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// `s` is `stem` followed by one of `endings`.
bool StemPlusEnding(std::string_view s, std::string_view stem,
                    const std::vector<std::string_view>& endings) {
  if (!StartsWith(s, stem)) return false;
  std::string_view rest = s.substr(stem.size());
  for (std::string_view e : endings) {
    if (rest == e) return true;
  }
  return false;
}

// The person endings of a present stem: کنم، کنی، کند، کنیم، کنید، کنند.
const std::vector<std::string_view>& PresentEndings() {
  static const std::vector<std::string_view> kEndings = {"\xD9\x85",         "\xD9\x8A",
                                                         "\xD8\xAF",         "\xD9\x8A\xD9\x85",
                                                         "\xD9\x8A\xD8\xAF", "\xD9\x86\xD8\xAF"};
  return kEndings;
}

struct LightVerbMatch {
  uint32_t end = 0;  // 0: no match
  bool negated = false, future = false;
};

// A conjugated form of `verb` at token `pos`: past, perfect, present with the mi- prefix (written
// with ZWNJ, a space or solid), negated with na-, subjunctive, future (khwahad + past stem) and the
// infinitive. Keys have ZWNJ removed, so the three spellings of the mi- present share one key.
// Whether `key` is a light verb in the subjunctive (present stem without mi-, maybe with be- or
// na-: "برگزار کند", "اعلام بکنند", "نشود"): what is to be done ("تا … دیداری برگزار کند"), not
// yet done. (Not داشتن, whose plain present is indicative: "ادامه دارد".)
bool SubjunctiveLightVerb(std::string_view key) {
  static const std::string kNeg = Key("ن"), kBe = Key("ب"), kHave = Key("داشتن");
  const std::vector<std::string_view>& kPresEnd = PresentEndings();
  std::string_view body = key;
  if (StartsWith(body, kNeg)) {
    body = body.substr(kNeg.size());
  } else if (StartsWith(body, kBe)) {
    body = body.substr(kBe.size());
  }
  for (const auto& [infinitive, v] : LightVerbs()) {
    if (infinitive == kHave) continue;
    if (StemPlusEnding(key, v.present, kPresEnd) || StemPlusEnding(body, v.present, kPresEnd))
      return true;
  }
  return false;
}

LightVerbMatch MatchLightVerb(const TokenizedText& text, uint32_t pos, uint32_t end,
                              const LightVerb& v) {
  static const std::string kNeg = Key("ن"), kMi = Key("می"), kNaMi = Key("نمی"), kBe = Key("ب");
  static const KeySet kKhah = Keys({"خواهد", "خواهند", "خواهم", "خواهیم", "خواهید", "خواهی"});
  static const KeySet kAux =
      Keys({"است", "اند", "ایم", "بود", "بودند", "باشد", "باشند", "شد", "شده"});
  static const std::vector<std::string_view> kPastEnd = {
      "", "\xD9\x85", "\xD9\x8A", "\xD9\x8A\xD9\x85", "\xD9\x8A\xD8\xAF", "\xD9\x86\xD8\xAF"};
  const std::vector<std::string_view>& kPresEnd = PresentEndings();
  const auto& toks = text.tokens();
  if (pos >= end) return {};
  std::string_view t = text.key(toks[pos]);
  LightVerbMatch m;
  std::string_view body = t;
  if (StartsWith(body, kNeg) && !StartsWith(v.past, kNeg)) {
    std::string_view rest = body.substr(kNeg.size());
    if (StartsWith(rest, v.past) || StartsWith(rest, kMi) || StartsWith(rest, v.present) ||
        Contains(kKhah, rest)) {
      body = rest;
      m.negated = true;
    }
  }
  if (Contains(kKhah, body)) {  // future: خواهد کرد
    if (pos + 1 < end && text.key(toks[pos + 1]) == v.past) {
      m.end = pos + 2;
      m.future = true;
      return m;
    }
    return {};
  }
  if (StemPlusEnding(body, v.past, kPastEnd) || body == v.past + Key("ن")) {
    m.end = pos + 1;
    return m;
  }
  if (StartsWith(body, v.past + Key("ه"))) {  // perfect participle, maybe with its auxiliary
    m.end = pos + 1;
    if (pos + 1 < end && Contains(kAux, text.key(toks[pos + 1]))) m.end = pos + 2;
    return m;
  }
  if (StartsWith(body, kMi) && StemPlusEnding(body.substr(kMi.size()), v.present, kPresEnd)) {
    m.end = pos + 1;
    return m;
  }
  if ((body == kMi || t == kNaMi) && pos + 1 < end &&
      StemPlusEnding(text.key(toks[pos + 1]), v.present, kPresEnd)) {
    m.negated = t == kNaMi;
    m.end = pos + 2;
    return m;
  }
  std::string_view sub = StartsWith(body, kBe) ? body.substr(kBe.size()) : body;
  if (StemPlusEnding(sub, v.present, kPresEnd) || StemPlusEnding(body, v.present, kPresEnd)) {
    m.end = pos + 1;
    return m;
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------- the pattern index

// Triggers compiled into a trie over token keys (article-insensitive, like the actor trie). A
// trigger "A B ... C" stores "A B" in the trie and "C" as a segment searched within four tokens
// after; "+کردن" is an edge that matches any conjugation of the light verb, in the trie and in a
// segment after a gap ("خواستار ... +شدن").
struct Coder::PatternIndex {
  struct RestWord {
    uint32_t key = KeyTable::kNone;         // key id in keys[lang], or
    const LightVerb* light_verb = nullptr;  // any conjugation of this light verb
  };
  struct Alternative {
    size_t pattern;
    std::vector<std::vector<RestWord>> rest;  // segments after the first
  };
  struct Node {
    std::vector<size_t> alternatives;                               // indexes into alts
    std::vector<std::pair<const LightVerb*, int32_t>> light_verbs;  // light-verb edges
  };
  std::vector<Node> nodes{1};
  // Edges: token keys interned per language, then (parent, key id) → child; flat hash tables
  // (src/base/key_table.h) that answer the usual miss from a small filter.
  KeyTable keys[4];  // by Lang
  EdgeTable edges;
  std::vector<Alternative> alts;
  std::vector<KeySet> target_prep_keys;  // by pattern: its prepositions' keys

  static uint32_t EdgeId(uint32_t key_id, Lang lang) {
    return key_id | static_cast<uint32_t>(lang) << 30;
  }
  // The id of a token key in the language's table (KeyTable::kNone when no trigger uses it).
  uint32_t KeyId(std::string_view key, Lang lang) const {
    return keys[static_cast<size_t>(lang) & 3].Find(key);
  }
  int32_t Child(int32_t node, uint32_t key_id, Lang lang) const {
    return key_id == KeyTable::kNone ? -1 : edges.Find(node, EdgeId(key_id, lang));
  }
  int32_t AddEdge(int32_t node, const std::string& key, Lang lang) {
    uint32_t id = EdgeId(keys[static_cast<size_t>(lang) & 3].Intern(key), lang);
    int32_t child = edges.Find(node, id);
    if (child != EdgeTable::kNone) return child;
    nodes.emplace_back();
    child = static_cast<int32_t>(nodes.size() - 1);
    edges.Insert(node, id, child);
    return child;
  }

  // Splits a trigger into segments at "...", each a list of words.
  static std::vector<std::vector<std::string>> Segments(const std::string& trigger) {
    std::vector<std::vector<std::string>> segs(1);
    size_t p = 0;
    while (p < trigger.size()) {
      size_t sp = trigger.find(' ', p);
      std::string word = trigger.substr(p, sp == std::string::npos ? std::string::npos : sp - p);
      p = sp == std::string::npos ? trigger.size() : sp + 1;
      if (word.empty()) continue;
      if (word == "..." || word == "\xE2\x80\xA6") {
        if (!segs.back().empty()) segs.emplace_back();
        continue;
      }
      segs.back().push_back(word);
    }
    if (segs.back().empty()) segs.pop_back();
    return segs;
  }

  void Add(size_t pattern_index, const PatternEntry& p) {
    target_prep_keys.resize(pattern_index + 1);
    for (const std::string& pr : p.target_preps) target_prep_keys[pattern_index].Add(Key(pr));
    for (const std::string& trigger : p.triggers) {
      auto segs = Segments(trigger);
      if (segs.empty()) continue;
      Alternative alt{pattern_index, {}};
      for (size_t s = 1; s < segs.size(); ++s) {
        std::vector<RestWord> seg_words;
        for (const std::string& w : segs[s]) {
          if (w[0] == '+') {
            auto it = LightVerbs().find(Key(w.substr(1)));
            if (it != LightVerbs().end()) seg_words.push_back({KeyTable::kNone, &it->second});
            continue;  // the loader rejects unknown light verbs
          }
          TokenizedText t;
          t.Analyze(w);
          for (const Token& tok : t.tokens()) {
            seg_words.push_back({keys[static_cast<size_t>(p.lang) & 3].Intern(
                                     ActorDictionary::StoredKey(t.key(tok))),
                                 nullptr});
          }
        }
        alt.rest.push_back(std::move(seg_words));
      }
      int32_t node = 0;
      for (const std::string& w : segs[0]) {
        if (w[0] == '+') {
          auto it = LightVerbs().find(Key(w.substr(1)));
          if (it == LightVerbs().end()) continue;  // the loader rejects unknown light verbs
          int32_t child = -1;
          for (auto& [lv, c] : nodes[node].light_verbs) {
            if (lv == &it->second) child = c;
          }
          if (child < 0) {
            nodes.emplace_back();
            child = static_cast<int32_t>(nodes.size() - 1);
            nodes[node].light_verbs.emplace_back(&it->second, child);
          }
          node = child;
          continue;
        }
        TokenizedText t;
        t.Analyze(w);
        for (const Token& tok : t.tokens()) {
          node = AddEdge(node, ActorDictionary::StoredKey(t.key(tok)), p.lang);
        }
      }
      alts.push_back(std::move(alt));
      nodes[node].alternatives.push_back(alts.size() - 1);
    }
  }
};

namespace {

// Appends the readings of a token for triggers: the whole key first (always, even when no trigger
// has it: inside a trigger only the whole word is tried), then the clitic stems that some trigger
// has (`keys`: the pattern index's key table of the language). Verbs take only و ف س and pronoun
// suffixes; prepositions and the article only attach to nouns (checked per pattern).
void AppendTriggerReadings(std::string_view key, bool word, Lang lang, const KeyTable& keys,
                           std::vector<TriggerReading>& out) {
  const size_t own = out.size();
  out.push_back({keys.Find(ActorDictionary::StoredKeyView(key)), 0});
  if (!word) return;
  thread_local CliticCandidateSet candidates;  // reused: no allocation per token
  candidates.Compute(key, lang);
  for (const CliticCandidateSet::Item& c : candidates) {
    if (c.prefix_bytes == 0 && c.suffix_bytes == 0) continue;
    uint32_t id = keys.Find(ActorDictionary::StoredKeyView(c.key));
    if (id == KeyTable::kNone) continue;
    bool seen = false;
    for (size_t i = own; i < out.size(); ++i) {
      TriggerReading& r = out[i];
      if (r.key != id) continue;
      seen = true;
      // The same stem by two analyses ("والتقى": و + التقى, or و + ال + تقى): keep the lighter one,
      // so that a verb is not mistaken for a noun with an article.
      if (__builtin_popcount(c.flags) < __builtin_popcount(r.clitics)) r.clitics = c.flags;
    }
    if (!seen) out.push_back({id, c.flags});
  }
}

// An event's CAMEO code with what the code table says of it (root, quad class, Goldstein score,
// PLOVER type, label).
void SetCode(const Lexicon& lex, const std::string& code, Event* e) {
  e->code = code;
  e->root = code.substr(0, 2);
  auto ci = lex.code_index.find(code);
  if (ci == lex.code_index.end()) return;
  const CameoEntry& ce = lex.codes[ci->second];
  e->quad = ce.quad;
  e->goldstein = ce.goldstein;
  e->plover = ce.plover;
  e->label = ce.label_en;
}

// Index of the pattern's country label.
std::string Label(const std::string& name, const std::string& country_name,
                  const std::string& office) {
  std::string s = name;
  if (!country_name.empty() || !office.empty()) {
    s += " (";
    s += country_name;
    if (!country_name.empty() && !office.empty()) s += ", ";
    s += office;
    s += ")";
  }
  return s;
}

bool DateLess(const Date& a, const Date& b) {
  if (a.year != b.year) return a.year < b.year;
  int am = a.month ? a.month : 1, bm = b.month ? b.month : 1;
  if (am != bm) return am < bm;
  return (a.day ? a.day : 1) < (b.day ? b.day : 1);
}

// The end of a period given at some precision: 2008-05 ends on 2008-05-31 (31 is enough to
// compare).
Date PeriodEnd(const Date& d) {
  Date e = d;
  if (e.precision == DatePrecision::kYear) e.month = 12;
  if (e.precision != DatePrecision::kDay) e.day = 31;
  e.precision = DatePrecision::kDay;
  return e;
}

}  // namespace

// ---------------------------------------------------------------- the coder

// Last names that may stand alone for a person the article has named in full ("فؤاد معصوم" …
// "معصوم"): the stored key of the last word of each full name, per language → people. People with
// a one-word name of their own are left out (the dictionary finds them: "لافروف"), and so are
// names whose last word is not a family name: a chain of patronyms ("محمد بن سلمان بن عبدالعزيز",
// "خالد الفيصل"'s "آل سعود"), a title ("الملك سلمان"), an عبد- name or a kunya.
struct Coder::LastNames {
  // A full name ending in a last name: the stored keys of the words before it.
  struct FullName {
    uint32_t person;
    std::vector<std::string> before;
  };
  KeyTable keys[2];                             // Arabic, Persian
  std::vector<std::vector<FullName>> names[2];  // by key id

  explicit LastNames(const Lexicon& lex) {
    static const KeySet kNotFamily =
        Keys({"بن", "بنت", "ابن", "أبو", "أبي", "آل", "الملك", "الأمير", "الشيخ", "السلطان",
              "الملا", "ملا", "سید", "شیخ", "آیت", "الله", "ملک"});
    static const std::string kAbd = Key("عبد");
    // A word that is someone's first name ("محمد", "خالد", "جون") is no one's last name alone.
    KeyTable first_names[2];
    for (const PersonEntry& p : lex.people) {
      for (int l = 0; l < 2; ++l) {
        for (const std::string& alias : l == 0 ? p.aliases_ar : p.aliases_fa) {
          size_t sp = alias.find(' ');
          if (sp != std::string::npos)
            first_names[l].Intern(ActorDictionary::StoredKey(Key(alias.substr(0, sp))));
        }
      }
    }
    for (uint32_t person = 0; person < lex.people.size(); ++person) {
      const PersonEntry& p = lex.people[person];
      for (int l = 0; l < 2; ++l) {
        const auto& aliases = l == 0 ? p.aliases_ar : p.aliases_fa;
        std::vector<std::vector<std::string>> full;
        bool one_word = false;
        for (const std::string& alias : aliases) {
          std::vector<std::string> words;
          for (size_t at = 0; at <= alias.size();) {
            size_t sp = alias.find(' ', at);
            if (sp == std::string::npos) sp = alias.size();
            if (sp > at) words.push_back(Key(alias.substr(at, sp - at)));
            at = sp + 1;
          }
          if (words.size() < 2) {
            one_word |= words.size() == 1;
            continue;
          }
          if (std::any_of(words.begin(), words.end(),
                          [](const std::string& w) { return Contains(kNotFamily, w); }) ||
              StartsWith(words.back(), kAbd))
            continue;
          for (std::string& w : words) w = ActorDictionary::StoredKey(w);
          if (words.back().size() >= 6) full.push_back(std::move(words));  // three letters at least
        }
        if (one_word) continue;
        for (std::vector<std::string>& words : full) {
          if (first_names[l].Find(words.back()) != KeyTable::kNone) continue;
          uint32_t id = keys[l].Intern(words.back());
          if (id >= names[l].size()) names[l].resize(id + 1);
          words.pop_back();
          names[l][id].push_back({person, std::move(words)});
        }
      }
    }
  }
};

Coder::Coder(Lexicon lexicon) : lexicon_(std::move(lexicon)) {
  for (size_t i = 0; i < lexicon_.tenures.size(); ++i)
    tenures_by_person_[lexicon_.tenures[i].person_id].push_back(i);
  actors_ = ActorDictionary::Build(lexicon_);
  patterns_ = std::make_unique<PatternIndex>();
  for (size_t i = 0; i < lexicon_.patterns.size(); ++i) patterns_->Add(i, lexicon_.patterns[i]);
  last_names_ = std::make_unique<LastNames>(lexicon_);
}

Coder::~Coder() = default;

StatusOr<std::unique_ptr<Coder>> Coder::Load(const std::string& data_dir) {
  auto lex = Lexicon::Load(data_dir);
  if (!lex.ok()) return lex.status();
  return std::make_unique<Coder>(std::move(lex).value());
}

namespace {

struct Context {
  const Lexicon& lex;
  const std::unordered_map<std::string, std::vector<size_t>>& tenures;  // by person (coder.h)
  const TokenizedText& text;
  Lang lang;
  uint32_t first, end;  // the sentence's tokens
  Date date;            // the event date to resolve offices with
  uint32_t sentence_index = 0;
  Discourse* discourse = nullptr;  // the article's earlier sentences, for references; may be null
};

// The context a sentence's actors are resolved in. Offices are resolved on the sentence's first
// date, else the article's: the coder and Discourse must resolve alike.
Context SentenceContext(const Lexicon& lex,
                        const std::unordered_map<std::string, std::vector<size_t>>& tenures,
                        const AnalyzedArticle& article, const SentenceInfo& sentence,
                        const std::vector<DateMention>& dates, Discourse* discourse) {
  return Context{lex,
                 tenures,
                 article.text,
                 sentence.lang,
                 sentence.span.first_token,
                 sentence.span.end_token,
                 dates.empty() ? article.article->date : dates.front().date,
                 sentence.index,
                 discourse};
}

std::string CountryName(const Lexicon& lex, const std::string& code) {
  for (const auto& c : lex.countries) {
    if (c.code == code) return c.name_en;
  }
  for (const auto& o : lex.organizations) {
    if (o.code == code) return o.name_en;
  }
  return "";
}

// The preposition introducing the mention starting at token `first`: the word before it, or a
// preposition letter attached to it (لموسكو، بباكو).
// The first token before `first` that is not an honorific ("من فخامة الرئيس", "صاحب السمو
// الملكي الأمير", "جناب آقای"): prepositions stand before the honorifics.
// A preposition glued to the first honorific ("لفخامة الرئيس") is returned in `glued`.
uint32_t SkipHonorifics(const Context& c, uint32_t first, std::string* glued = nullptr) {
  const KeySet& kHonorifics = TheCues().honorifics;
  const KeySet& kPlurals = TheCues().honorific_plurals;
  static const std::string kLam = Key("ل"), kBa = Key("ب");
  while (first > c.first) {
    std::string_view k = c.text.key(c.text.tokens()[first - 1]);
    if (Contains(kHonorifics, k) || Contains(kPlurals, k)) {
      --first;
      continue;
    }
    if ((StartsWith(k, kLam) || StartsWith(k, kBa)) &&
        Contains(kHonorifics, k.substr(kLam.size()))) {
      if (glued) *glued = std::string(k.substr(0, kLam.size()));
      --first;
    }
    break;
  }
  return first;
}

// "من قبل X", "على يد X", "توسط X", "از سوی X", "به دست X": X did it.
bool IntroducedAsDoer(const Context& c, const ActorMention& m) {
  uint32_t at = SkipHonorifics(c, m.first_token);
  if (at <= c.first) return false;
  const Cues& k = TheCues();
  std::string_view prev = c.text.key(c.text.tokens()[at - 1]);
  if (prev == k.tawassut) return true;
  if (at <= c.first + 1) return false;
  std::string_view prev2 = c.text.key(c.text.tokens()[at - 2]);
  return (prev2 == k.min && prev == k.qabl) || (prev2 == k.ala && prev == k.yad) ||
         (prev2 == k.az && (prev == k.suy || prev == k.taraf)) || (prev2 == k.be && prev == k.dast);
}

// The opening quote of a short quoted name that ends right before token `at` (a comma may
// stand between): «X Y» or «X Y»، of at most four words.
std::optional<uint32_t> QuotedNameBefore(const TokenizedText& text, uint32_t first, uint32_t at) {
  const auto& toks = text.tokens();
  uint32_t k = at;
  if (k > first && text.key(toks[k - 1]) == ",") --k;
  if (k <= first + 2 || text.key(toks[k - 1]) != "\"") return std::nullopt;
  for (uint32_t q = k - 2; q >= first && q + 6 >= k; --q) {
    std::string_view key = text.key(toks[q]);
    if (key == "\"") return q + 2 < k ? std::optional<uint32_t>(q) : std::nullopt;
    if (toks[q].kind != TokenKind::kWord) return std::nullopt;
    if (q == first) break;
  }
  return std::nullopt;
}

std::string PrepositionBefore(const Context& c, const ActorMention& m) {
  const Cues& cues = TheCues();
  const auto& preps = c.lang == Lang::kPersian ? cues.fa_preps : cues.ar_preps;
  std::string glued;
  const uint32_t at = SkipHonorifics(c, m.first_token, &glued);
  if (!glued.empty()) return glued;
  if (at > c.first) {
    std::string_view prev = c.text.key(c.text.tokens()[at - 1]);
    if (Contains(preps, prev)) return std::string(prev);
    // "با «دیمیتری مدودف» رئیس جمهور روسیه", "با «عبدالله ذيفن»، سفير ايران": an office in
    // apposition to a quoted name the dictionaries lack keeps the preposition before the name.
    if (std::optional<uint32_t> open = QuotedNameBefore(c.text, c.first, at)) {
      if (*open > c.first) {
        std::string_view before = c.text.key(c.text.tokens()[*open - 1]);
        if (Contains(preps, before)) return std::string(before);
      }
    }
    // "من قبل", "از سوی": the word before the last one.
    if (at > c.first + 1) {
      std::string_view prev2 = c.text.key(c.text.tokens()[at - 2]);
      static const KeySet kBetween =
          Keys({"قبل", "سوی", "جانب", "كل", "جميع", "بعض", "عدد", "سه", "دو", "چند", "برخی", "دول",
                "بلدان", "کشورهای", "کشور", "دولت", "دولتهای",
                // What an attack or a visit reaches of the actor: "علیه مواضع داعش", "به قلمرو
                // ارمنستان", "على مواقع التنظيم", "إلى أراضي سوريا".
                "مواضع", "مواقع", "تجهیزات", "قلمرو", "خاک", "پایگاه", "پایگاههای", "مناطق",
                "شهرهای", "منافع", "سفارت", "أراضي", "أراض", "مقر", "مقرات", "قواعد", "منشآت",
                "مصالح", "سفارة", "حدود", "معاقل", "تمركزات"});
      bool number = c.text.tokens()[at - 1].kind == TokenKind::kNumber;
      if (Contains(preps, prev2) && (Contains(preps, prev) || Contains(kBetween, prev) || number)) {
        return std::string(prev2);
      }
    }
  }
  if (m.first_clitics & kCliticPrep) {
    std::string_view k = c.text.key(c.text.tokens()[m.first_token]);
    size_t skip = (m.first_clitics & kCliticConj) ? 2 : 0;  // و / ف are two bytes
    if (k.size() >= skip + 2) return std::string(k.substr(skip, 2));
  }
  return "";
}

// The office `person` held on `date` (or the latest one when the date is unknown).
const TenureEntry* TenureOn(const Context& c, const std::string& person, const Date& date) {
  const TenureEntry* best = nullptr;
  const TenureEntry* latest = nullptr;
  auto own = c.tenures.find(person);
  if (own == c.tenures.end()) return nullptr;
  for (size_t i : own->second) {
    const TenureEntry& t = c.lex.tenures[i];
    if (!latest || DateLess(latest->start, t.start)) latest = &t;
    if (date.empty()) continue;
    bool started = !DateLess(PeriodEnd(date), t.start);
    bool not_ended = t.end.empty() || !DateLess(PeriodEnd(t.end), date);
    if (started && not_ended) {
      // Several offices at once (president and party leader): the first listed wins.
      if (!best) best = &t;
    }
  }
  return best ? best : latest;
}

// What `person` is on `date`: the office held then (TenureOn), or, once every office has ended, a
// former official, coded as the state's elite (CAMEO's ELI, "former government officials") and
// no longer as the office left ("الرئيس السابق علي عبدالله صالح" in 2015 is not Yemen's
// government).
struct Standing {
  std::string code, office;
};
std::optional<Standing> StandingOn(const Context& c, const std::string& person, const Date& date) {
  const TenureEntry* t = TenureOn(c, person, date);
  if (!t) return std::nullopt;
  bool all_ended = !date.empty();
  for (size_t i : c.tenures.at(person)) {
    const TenureEntry& e = c.lex.tenures[i];
    all_ended &= !e.end.empty() && DateLess(PeriodEnd(e.end), date);
  }
  if (all_ended && t->actor_code.size() >= 3 && !IsGroupCode(t->actor_code)) {
    return Standing{t->actor_code.substr(0, 3) + "ELI", "former " + t->office_en};
  }
  return Standing{t->actor_code, t->office_en};
}

std::string Surface(const Context& c, uint32_t first, uint32_t end) {
  const auto& toks = c.text.tokens();
  return std::string(
      c.text.text().substr(toks[first].begin, toks[end - 1].end - toks[first].begin));
}

// Whether an Arabic word carries the article, behind at most two clitic letters: البلدين,
// والبلدين, للبلدين (ل + ال drops the alef), وبالبلدين.
bool Definite(std::string_view key) {
  static const KeySet kClitics = Keys({"و", "ف", "ب", "ك"});
  for (int clitics = 0; clitics <= 2; ++clitics) {
    if (StartsWith(key, "ال") || StartsWith(key, "لل")) return true;
    if (key.size() < 2 || !Contains(kClitics, key.substr(0, 2))) return false;
    key.remove_prefix(2);
  }
  return false;
}

std::vector<ResolvedActor> ResolveActors(const Context& c, const std::vector<ActorMention>& ms) {
  const Lexicon& lex = c.lex;
  const Cues& cues = TheCues();
  std::vector<ResolvedActor> out;
  auto adjacent = [&](uint32_t end_of_prev, uint32_t start_of_next) {
    if (start_of_next == end_of_prev) return true;
    // "وزير الخارجية الروسي - سيرغي لافروف", "الرئيس الروسي، فلاديمير بوتين": a dash or a comma
    // between a title and a name.
    if (start_of_next != end_of_prev + 1) return false;
    const Token& between = c.text.tokens()[end_of_prev];
    std::string_view k = c.text.key(between);
    // "نخست وزير موقت عراق", "الرئيس اليمني السابق": an adjective of time between a title and
    // its state.
    static const KeySet kTimeAdjectives = Keys({"موقت", "سابق", "جدید", "فعلی", "پیشین", "المؤقت",
                                                "السابق", "الجديد", "الأسبق", "الحالي"});
    return (between.kind == TokenKind::kPunct && (k == "-" || k == ",")) ||
           Contains(kTimeAdjectives, k);
  };
  // The mention after agent ms[i] when it is a city or region the office belongs to: right after
  // it, or after a word that says so ("نماینده مردم تبریز", "محافظ محافظة عدن", "استاندار استان
  // …"); not behind a preposition ("وزير الدفاع في عدن" is where he is).
  auto local_place_after = [&](size_t i) -> std::optional<uint32_t> {
    static const KeySet kOfThePlace =
        Keys({"مردم", "استان", "ولایت", "ایالت", "شهر", "محافظة", "ولاية", "مدينة", "إقليم"});
    // (Not an agent read through a pronoun suffix: "محافظة مأرب" is the province, not "محافظ+ه".)
    if (i + 1 >= ms.size() || ms[i + 1].target.kind != MentionKind::kPlace ||
        (ms[i + 1].first_clitics & kCliticPrep) ||
        (ms[i].first_clitics & (kCliticPronoun | kCliticTaRestored)))
      return std::nullopt;
    const uint32_t gap_end = ms[i + 1].first_token, agent_end = ms[i].end_token;
    if (gap_end == agent_end ||
        (gap_end == agent_end + 1 && Contains(kOfThePlace, c.text.key(c.text.tokens()[agent_end]))))
      return static_cast<uint32_t>(i + 1);
    return std::nullopt;
  };
  auto is_state = [&](const ActorMention& m) {
    return m.target.kind == MentionKind::kCountry || m.target.kind == MentionKind::kAdjective ||
           m.target.kind == MentionKind::kCapital ||
           (m.target.kind == MentionKind::kReference &&
            lex.references[m.target.entry].kind != ReferenceKind::kSpeaker &&
            lex.references[m.target.entry].kind != ReferenceKind::kThisGroup);
  };
  // The actors named outright before a reference, nearest first: this sentence's so far, then the
  // earlier sentences'. `take` returns true to stop.
  auto look_back = [&](const auto& take) {
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
      if (it->antecedent.empty() && take(*it, std::string("this sentence"))) return;
    }
    if (!c.discourse) return;
    for (const Discourse::Earlier& e : c.discourse->Before(c.sentence_index)) {
      for (auto it = e.named->rbegin(); it != e.named->rend(); ++it) {
        if (take(*it, "sentence " + std::to_string(e.index))) return;
      }
    }
  };
  // The states a reference to countries stands for: one for "هذا البلد", two different ones for
  // "البلدين" (any party, organizations too). Each with where it was named.
  struct Referent {
    std::string country;
    std::string where;       // "this sentence", "sentence 2"
    std::string antecedent;  // the words that named it, and where: "اسپانیا, sentence 2"
  };
  auto named_in = [](const std::string& where) { return " (named in " + where + ")"; };
  // `states_only`: the reference names an office of each ("رئيسي البلدين", "الوزيرين"), which a
  // state has and an organization or armed group does not.
  auto referents = [&](ReferenceKind kind, bool states_only) {
    std::vector<Referent> found;
    const size_t want = kind == ReferenceKind::kBothCountries ? 2 : 1;
    look_back([&](const ResolvedActor& a, const std::string& where) {
      if (a.country.empty()) return false;
      if ((states_only || kind == ReferenceKind::kThisCountry) && a.country.size() != 3)
        return false;  // a state
      // Not parties: a nationality adjective on a thing ("المدرب الروماني"), a news agency
      // quoted as the source ("لوكالة الأنباء الألمانية"); nor, for the two sides, a city.
      if (a.adjective_only || (a.code.size() == 6 && a.code.ends_with("MED"))) return false;
      // Nor a state named as where ("در سوریه", "في سوريا").
      if (kind == ReferenceKind::kBothCountries &&
          (a.place_only || Contains(cues.place_preps, a.prep)))
        return false;
      for (const Referent& r : found) {
        if (r.country == a.country) return false;
      }
      found.push_back({a.country, where, a.name + ", " + where});
      return found.size() == want;
    });
    if (found.size() < want) found.clear();
    return found;
  };
  // The actors a reference stands for, at its words (`at`): one per referent, each later one
  // joined to the one before; a state's takes `role` ("GOV"), and `role_label` follows the
  // state's name in its label ("Spain government (named in sentence 2)").
  auto stand_ins = [&](const ResolvedActor& at, const std::vector<Referent>& rs,
                       const std::string& role, const std::string& role_label) {
    std::vector<ResolvedActor> v;
    for (size_t k = 0; k < rs.size(); ++k) {
      ResolvedActor each = at;
      each.country = rs[k].country;
      each.code = each.country + (each.country.size() == 3 ? role : "");
      std::string name = CountryName(lex, each.country);
      each.label = (name.empty() ? each.country : name) +
                   (role_label.empty() ? "" : " " + role_label) + named_in(rs[k].where);
      each.antecedent = rs[k].antecedent;
      each.joined_to_previous = k > 0;
      v.push_back(std::move(each));
    }
    return v;
  };
  // The organization "التنظيم", "التحالف", "این گروه" stands for: the nearest one named before
  // among those it may stand for, in this sentence or the last four. `at` gives its words.
  auto group_stand_in = [&](const ReferenceEntry& r,
                            const ResolvedActor& at) -> std::optional<ResolvedActor> {
    std::optional<ResolvedActor> found;
    look_back([&](const ResolvedActor& a, const std::string& where) {
      if (a.kind != MentionKind::kOrganization) return false;
      for (const std::string& code : r.codes) {
        if (!ListedCodeMatches(code, a.code)) continue;
        ResolvedActor each = at;
        each.code = a.code;
        each.country = a.country;
        each.label = a.label + named_in(where);
        each.antecedent = a.name + ", " + where;
        found = std::move(each);
        return true;
      }
      return false;
    });
    return found;
  };
  for (size_t i = 0; i < ms.size(); ++i) {
    const ActorMention& m = ms[i];
    ResolvedActor a;
    a.first_token = m.first_token;
    a.end_token = m.end_token;
    a.prep = PrepositionBefore(c, m);
    a.doer = IntroducedAsDoer(c, m);
    a.kind = m.target.kind;
    // "مع نائب رئيس الوزراء ووزير خارجية الكويت": a title of no named state joined to this actor
    // shares its preposition.
    if (a.prep.empty() && (m.first_clitics & kCliticConj) && i > 0 &&
        ms[i - 1].target.kind == MentionKind::kAgent && ms[i - 1].end_token == m.first_token) {
      a.prep = PrepositionBefore(c, ms[i - 1]);
    }
    // "بين … وزراء خارجية دول مجلس التعاون": a title of no named state before an organization
    // (with "دول" between) is the organization's; so is the preposition before the title.
    if (a.prep.empty() && !(m.first_clitics & kCliticPrep) && i > 0 &&
        m.target.kind == MentionKind::kOrganization &&
        ms[i - 1].target.kind == MentionKind::kAgent &&
        (ms[i - 1].end_token == m.first_token ||
         (ms[i - 1].end_token + 1 == m.first_token &&
          c.text.key(c.text.tokens()[ms[i - 1].end_token]) == cues.duwal))) {
      a.prep = PrepositionBefore(c, ms[i - 1]);
    }
    // "لفخامة الرئيس عبدالله يامين رئيس جمهورية المالديف": a title, a name the dictionaries lack,
    // and the same kind of title with its state; the preposition before the first title is this
    // actor's.
    if (a.prep.empty() && !(m.first_clitics & kCliticPrep) && i > 0 &&
        m.target.kind == MentionKind::kAgent && ms[i - 1].target.kind == MentionKind::kAgent &&
        ms[i - 1].end_token < m.first_token && ms[i - 1].end_token + 3 >= m.first_token &&
        lex.agents[ms[i - 1].target.entry].role == lex.agents[m.target.entry].role) {
      bool name_between = true;
      for (uint32_t k = ms[i - 1].end_token; k < m.first_token; ++k) {
        name_between &= c.text.tokens()[k].kind == TokenKind::kWord;
      }
      if (name_between) a.prep = PrepositionBefore(c, ms[i - 1]);
    }
    switch (m.target.kind) {
      case MentionKind::kAgent: {
        const AgentEntry& ag = lex.agents[m.target.entry];
        // Agent + a reference to a country ("دولت این کشور", "رئيسي البلدين"): the agent of
        // each state it stands for.
        if (i + 1 < ms.size() && adjacent(m.end_token, ms[i + 1].first_token) &&
            ms[i + 1].target.kind == MentionKind::kReference) {
          const ReferenceEntry& ref = lex.references[ms[i + 1].target.entry];
          const ReferenceKind kind = ref.kind;
          a.end_token = ms[i + 1].end_token;
          ++i;
          // "طيران التحالف", "عناصر التنظيم": the organization's own forces and members.
          if (kind == ReferenceKind::kThisGroup) {
            if (ref.lang == Lang::kArabic &&
                !Definite(c.text.key(c.text.tokens()[ms[i].first_token])))
              continue;
            if (std::optional<ResolvedActor> g = group_stand_in(ref, a)) {
              a = std::move(*g);
              break;
            }
            continue;
          }
          // "رئيس هذا البلد إلهام علييف": the name that follows says who, by its own office.
          if (kind == ReferenceKind::kSpeaker ||
              (i + 1 < ms.size() && ms[i + 1].target.kind == MentionKind::kPerson &&
               adjacent(a.end_token, ms[i + 1].first_token)))
            continue;
          std::vector<Referent> rs = referents(kind, /*states_only=*/true);
          if (rs.empty()) continue;
          a.name = Surface(c, a.first_token, a.end_token);
          for (ResolvedActor& each : stand_ins(a, rs, ag.role, ag.label_en))
            out.push_back(std::move(each));
          continue;
        }
        // Agent + country ("وزير الخارجية الروسي", "وزیر امور خارجه آذربایجان"). A former one
        // ("الرئيس اليمني السابق", "نخست وزیر سابق لبنان") is of the state's elite (ELI), as a
        // person out of office is (StandingOn).
        // Not a state behind a preposition: "… وزير الدفاع للأردن" is a visit to Jordan.
        if (i + 1 < ms.size() && adjacent(m.end_token, ms[i + 1].first_token) &&
            is_state(ms[i + 1]) && !(ms[i + 1].first_clitics & kCliticPrep)) {
          const CountryEntry& ce = lex.countries[ms[i + 1].target.entry];
          static const KeySet kFormer = Keys({"سابق", "السابق", "الأسبق", "أسبق", "پیشین"});
          auto former_at = [&](uint32_t k) {
            return k < c.end && Contains(kFormer, c.text.key(c.text.tokens()[k]));
          };
          const bool former = former_at(m.end_token) || former_at(ms[i + 1].end_token);
          a.code = ce.code + (former ? "ELI" : ag.role);
          a.country = ce.code;
          a.label = Label(ce.name_en + (former ? " former " : " ") + ag.label_en, "", "");
          a.end_token = ms[i + 1].end_token;
          ++i;
          // … and the name that follows: the person's own office decides the code.
          if (i + 1 < ms.size() && ms[i + 1].target.kind == MentionKind::kPerson &&
              adjacent(a.end_token, ms[i + 1].first_token)) {
            const PersonEntry& p = lex.people[ms[i + 1].target.entry];
            if (std::optional<Standing> t = StandingOn(c, p.id, c.date)) {
              a.code = t->code;
              a.country = t->code.substr(0, 3);
              a.label = Label(p.name_en, CountryName(lex, a.country), t->office);
            }
            a.end_token = ms[i + 1].end_token;
            ++i;
          }
        } else if (std::optional<uint32_t> local = local_place_after(i)) {
          // Agent + a city or region ("محافظ عدن", "نماینده مردم تبریز", "والی ننگرهار"): a local
          // office, of the place's state.
          const PlaceEntry& pl = lex.places[ms[*local].target.entry];
          a.code = pl.country + ag.role;
          a.country = pl.country;
          a.label = Label(
              CountryName(lex, pl.country) + " " + ag.label_en + " (" + pl.name_en + ")", "", "");
          a.end_token = ms[*local].end_token;
          i = *local;
        } else if (i + 1 < ms.size() && ms[i + 1].target.kind == MentionKind::kPerson &&
                   adjacent(m.end_token, ms[i + 1].first_token)) {
          continue;  // "الرئيس بوتين": the title goes with the person, resolved next
        } else {
          continue;  // an agent of no named state: not codable on its own
        }
        break;
      }
      case MentionKind::kPerson: {
        const PersonEntry& p = lex.people[m.target.entry];
        std::optional<Standing> t = StandingOn(c, p.id, c.date);
        if (!t) continue;
        a.code = t->code;
        a.country = t->code.substr(0, 3);
        a.label = Label(p.name_en, CountryName(lex, a.country), t->office);
        // Include a title just before ("الرئيس هادي"), and the preposition before the title
        // ("من الرئيس هادي").
        if (i > 0 && ms[i - 1].target.kind == MentionKind::kAgent &&
            adjacent(ms[i - 1].end_token, m.first_token)) {
          a.first_token = ms[i - 1].first_token;
          a.prep = PrepositionBefore(c, ms[i - 1]);
          a.doer = IntroducedAsDoer(c, ms[i - 1]);
        }
        // Apposition after the name ("محمدیاروف وزیر امور خارجه آذربایجان") is the same actor.
        // "علييف ورئيس الوزراء الأرمني" is two actors: a conjunction is not apposition, nor is a
        // preposition ("لافروف لوزير الخارجية الأذربيجاني").
        if (i + 2 < ms.size() && ms[i + 1].target.kind == MentionKind::kAgent &&
            !(ms[i + 1].first_clitics & (kCliticConj | kCliticPrep)) &&
            adjacent(m.end_token, ms[i + 1].first_token) && is_state(ms[i + 2]) &&
            ms[i + 2].target.kind != MentionKind::kReference &&
            !(ms[i + 2].first_clitics & kCliticPrep) &&
            adjacent(ms[i + 1].end_token, ms[i + 2].first_token)) {
          a.end_token = ms[i + 2].end_token;
          i += 2;
        }
        break;
      }
      case MentionKind::kAdjective: {
        // An adjective with no agent before it describes a thing ("العاصمة الأذربيجانية"), not an
        // actor (with an agent it was taken above) — except the doer of an event noun right before
        // it ("الغارات الروسية"), which the coder decides. Plural adjectives that name a people
        // ("الروس") are listed as country names in the data when the press uses them so.
        const CountryEntry& ce = lex.countries[m.target.entry];
        a.code = ce.code;
        a.country = ce.code;
        a.label = ce.name_en;
        a.adjective_only = true;
        break;
      }
      case MentionKind::kCountry: {
        const CountryEntry& ce = lex.countries[m.target.entry];
        a.code = ce.code;
        a.country = ce.code;
        a.label = ce.name_en;
        break;
      }
      case MentionKind::kCapital: {
        const CountryEntry& ce = lex.countries[m.target.entry];
        a.country = ce.code;
        if (Contains(cues.place_preps, a.prep) || a.prep == cues.bi) {
          a.place_only = true;  // "في موسكو": where, not who
          a.code = ce.code;
          a.label = ce.capital_en;
        } else if (!a.prep.empty()) {
          a.code = ce.code;  // a destination or origin: the country
          a.label = ce.name_en;
        } else {
          a.code = ce.code + "GOV";  // "موسكو ترى": the government
          a.label = ce.name_en + " government";
          a.capital = true;
        }
        break;
      }
      case MentionKind::kOrganization: {
        const OrganizationEntry& o = lex.organizations[m.target.entry];
        a.code = o.code;
        a.country = ActorCountry(o.code);
        a.label = o.name_en;
        break;
      }
      case MentionKind::kReference: {
        const ReferenceEntry& r = lex.references[m.target.entry];
        if (r.kind == ReferenceKind::kSpeaker) {
          // "وی گفت", "، او افزود": a pronoun as the first word of its clause is a subject; after
          // a noun it is a possessive ("مشاوران وی") and names no party.
          const bool clause_start = m.first_token == c.first ||
                                    c.text.tokens()[m.first_token - 1].kind == TokenKind::kPunct ||
                                    c.text.key(c.text.tokens()[m.first_token - 1]) == cues.wa;
          if (!clause_start) continue;
          // Who "he" is: a person or office holder named earlier in this sentence, else the
          // subject of the sentence before — its first party, when that is a person or office
          // holder. Further back, or past a speaker the dictionaries do not know, a guess would
          // too often be someone else.
          const ResolvedActor* named = nullptr;
          std::string where = "this sentence";
          for (auto it = out.rbegin(); it != out.rend() && !named; ++it) {
            if (it->antecedent.empty() &&
                (it->kind == MentionKind::kPerson || it->kind == MentionKind::kAgent))
              named = &*it;
          }
          if (!named && c.discourse) {
            std::vector<Discourse::Earlier> before = c.discourse->Before(c.sentence_index);
            if (!before.empty()) {
              for (const ResolvedActor& e : *before.front().named) {
                if (e.place_only || e.adjective_only) continue;
                if (e.kind == MentionKind::kPerson || e.kind == MentionKind::kAgent) named = &e;
                break;
              }
              where = "sentence " + std::to_string(before.front().index);
            }
          }
          if (!named) continue;
          a.code = named->code;
          a.country = named->country;
          a.label = named->label + named_in(where);
          a.antecedent = named->name + ", " + where;
          break;
        }
        // "البلدين" points back; "بلدين" (indefinite: "two countries") does not.
        if (r.lang == Lang::kArabic && !Definite(c.text.key(c.text.tokens()[m.first_token])))
          continue;
        if (r.kind == ReferenceKind::kThisGroup) {
          std::optional<ResolvedActor> g = group_stand_in(r, a);
          if (!g) continue;
          a = std::move(*g);
          break;
        }
        std::vector<Referent> rs = referents(r.kind, /*states_only=*/!r.role.empty());
        if (rs.empty()) continue;
        a.name = Surface(c, a.first_token, a.end_token);
        // "في هذا البلد", "در این کشور": where, not who.
        a.place_only = Contains(cues.place_preps, a.prep);
        std::vector<ResolvedActor> v = stand_ins(a, rs, r.role, "");  // "الوزيرين" → GOV
        if (v.size() == 1) {
          a = std::move(v.front());  // one actor: joined to the one before it as any other
          break;
        }
        for (ResolvedActor& each : v) out.push_back(std::move(each));
        continue;
      }
      case MentionKind::kPlace: {
        const PlaceEntry& p = lex.places[m.target.entry];
        a.place_only = true;
        a.code = p.country;
        a.country = p.country;
        a.label = p.name_en;
        break;
      }
      case MentionKind::kNonActor:
        continue;  // the dictionary never reports one (actors.cc)
    }
    a.name = Surface(c, a.first_token, a.end_token);
    // Coordination: "روسيا وأذربيجان", "روسیه و آذربایجان".
    if (!out.empty()) {
      const ResolvedActor& prev = out.back();
      const Token& first_tok = c.text.tokens()[a.first_token];
      bool conj_clitic = m.first_clitics & kCliticConj;
      bool conj_word = a.first_token == prev.end_token + 1 &&
                       c.text.key(c.text.tokens()[prev.end_token]) == cues.wa;
      bool comma =
          a.first_token == prev.end_token + 1 && c.text.key(c.text.tokens()[prev.end_token]) == ",";
      (void)first_tok;
      a.joined_to_previous = (conj_clitic && a.first_token == prev.end_token) || conj_word || comma;
      // "رئيس مجلس الأمن في هذا البلد، سيرغي شويغو": after "in this country" a comma closes the
      // phrase; the name is not one more place.
      if (prev.kind == MentionKind::kReference && prev.place_only && comma)
        a.joined_to_previous = false;
      // A coordinated actor shares the preposition of the first one: "به عربستان، امارات و کویت".
      if (a.joined_to_previous && a.prep.empty()) a.prep = prev.prep;
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

SentenceAnalysis Coder::AnalyzeSentence(const AnalyzedArticle& article,
                                        const SentenceInfo& sentence, bool stop_early,
                                        StageTimes* times, Discourse* discourse) const {
  SentenceAnalysis out;
  const TokenizedText& text = article.text;
  const auto& toks = text.tokens();
  const Lang lang = sentence.lang;
  const uint32_t first = sentence.span.first_token, end = sentence.span.end_token;
  const Cues& cues = TheCues();

  // Trigger matches, longest first at each token.
  // The readings of token k are readings[reading_at[k - first] .. reading_at[k - first + 1]).
  SentenceReadings read;
  ReadSentence(article, sentence, &read);
  const std::vector<TriggerReading>& readings = read.triggers;
  const std::vector<uint32_t>& reading_at = read.trigger_at;
  auto readings_of = [&](uint32_t k) {
    return std::span<const TriggerReading>(readings.data() + reading_at[k - first],
                                           reading_at[k - first + 1] - reading_at[k - first]);
  };
  struct Hit {
    uint32_t end = 0;
    int32_t node = -1;
    uint8_t clitics = 0;
    bool negated = false, future = false;
  };
  auto walk = [&](auto&& self, int32_t node, uint32_t pos, uint8_t clitics, bool neg, bool fut,
                  Hit& best) -> void {
    const PatternIndex::Node& n = patterns_->nodes[node];
    if (node != 0 && !n.alternatives.empty() && pos > best.end)
      best = {pos, node, clitics, neg, fut};
    if (pos >= end) return;
    bool whole = true;
    for (const TriggerReading& r : readings_of(pos)) {
      // Inside a trigger only the whole word (article-insensitive), or a Persian word with its
      // ezafe or plural ending ("گفت و گوی تلفنی").
      if (node != 0 && !whole &&
          (lang != Lang::kPersian || (r.clitics & ~(kCliticEzafe | kCliticPlural)) != 0))
        continue;
      whole = false;
      int32_t child = patterns_->Child(node, r.key, lang);
      if (child >= 0) self(self, child, pos + 1, node == 0 ? r.clitics : clitics, neg, fut, best);
    }
    for (const auto& [lv, child] : n.light_verbs) {
      LightVerbMatch m = MatchLightVerb(text, pos, end, *lv);
      if (m.end) self(self, child, m.end, clitics, neg || m.negated, fut || m.future, best);
    }
  };

  // Tokens inside actor mentions cannot start a trigger ("وزارة" is not "و+زار+ه").
  std::vector<bool> in_actor(end - first, false);
  // Whether a trigger of the sentence's language starts at a word outside the actors found so far.
  auto any_trigger = [&] {
    for (uint32_t k = first; k < end; ++k) {
      if (in_actor[k - first] || toks[k].kind != TokenKind::kWord) continue;
      Hit best;
      walk(walk, 0, k, 0, false, false, best);
      if (best.node < 0) continue;
      for (size_t ai : patterns_->nodes[best.node].alternatives) {
        if (lexicon_.patterns[patterns_->alts[ai].pattern].lang == lang) return true;
      }
    }
    return false;
  };
  // A sentence without a trigger or without an actor has no event: on the batch path it stops as
  // soon as that is known (most sentences do), before the costlier steps. The trigger look comes
  // first, as it is the cheaper of the two and rules out more sentences.
  if (stop_early && !any_trigger()) return out;
  const uint64_t a0 = times ? NowNs() : 0;
  out.mentions = Mentions(article, sentence, discourse, &read.actors);
  if (times) times->actors_ns += NowNs() - a0;
  if (stop_early && out.mentions.empty()) return out;
  for (const ActorMention& m : out.mentions) {
    for (uint32_t k = m.first_token; k < m.end_token; ++k) in_actor[k - first] = true;
  }
  if (stop_early && !any_trigger()) return out;

  // reported_before[k - first]: a reporting word ("قال", "به گزارش") stands before token k.
  std::vector<bool> reported_before(end - first + 1, false);
  for (uint32_t k = first; k < end; ++k) {
    std::string_view w = text.key(toks[k]);
    // "وقالت": the cue words often carry a conjunction.
    std::string_view bare =
        (StartsWith(w, cues.wa) || StartsWith(w, cues.fa)) && w.size() > 6 ? w.substr(2) : w;
    reported_before[k + 1 - first] =
        reported_before[k - first] || Contains(cues.reported, w) || Contains(cues.reported, bare);
  }

  // The date: offices are resolved on it.
  Date date = article.article->date;
  const uint64_t d0 = times ? NowNs() : 0;
  std::vector<DateMention> dates = FindDates(text, first, end, lang, article.article->date);
  if (times) times->dates_ns += NowNs() - d0;
  out.actors = ResolveActors(
      SentenceContext(lexicon_, tenures_by_person_, article, sentence, dates, discourse),
      out.mentions);

  // The last appeal or demand in the sentence that was emitted (see below).
  struct LastAppeal {
    size_t match = SIZE_MAX;  // index into out.matches
    uint32_t end = 0;         // its trigger's end token
    size_t first_event = 0;   // its first event in out.events
    bool demand = false;      // root 10 (else 02)
    std::string root;         // 02, 10, 11 or 12
  } last_appeal;
  uint32_t pos = first;
  while (pos < end) {
    if (in_actor[pos - first] || toks[pos].kind != TokenKind::kWord) {
      ++pos;
      continue;
    }
    Hit best;
    walk(walk, 0, pos, 0, false, false, best);
    if (best.node < 0) {
      ++pos;
      continue;
    }
    // Candidate patterns at this node; gap segments must follow within four tokens, or, when an
    // actor begins among them, anywhere in the rest of that actor's phrase: the subject between a
    // verb and its object, with the titles the press strings around a name ("تلقى خادم الحرمين
    // الشريفين الملك سلمان بن عبدالعزيز آل سعود اتصالا هاتفيا"). Such a gap names one actor only
    // (another one is an object: "دعت موسكو أذربيجان ل… والإفراج"; a place is neither), and
    // stops at a clause break.
    auto gap_reach = [&](uint32_t at) -> uint32_t {
      constexpr uint32_t kShort = 4, kLong = 24;
      auto subject =
          std::find_if(out.actors.begin(), out.actors.end(), [&](const ResolvedActor& a) {
            return !a.place_only && a.first_token >= at && a.first_token <= at + kShort;
          });
      if (subject == out.actors.end()) return kShort;
      uint32_t q = at;
      for (auto a = subject; q < end && q - at < kLong; ++q) {
        if (Contains(cues.ClauseBreaks(lang), text.key(toks[q])) || text.key(toks[q]) == ".") break;
        while (a != out.actors.end() && a->first_token < q) ++a;
        if (a != out.actors.end() && a->first_token == q && !a->place_only &&
            a->code != subject->code)
          break;
      }
      return std::max(q - at, kShort);
    };
    struct Candidate {
      size_t pattern;
      uint32_t end;          // the trigger's end, gap segments included
      bool negated = false;  // a light verb after a gap is negated ("خواستار … نشد")
      bool future = false;   // or future ("خواستار … خواهد شد")
    };
    std::vector<Candidate> candidates;
    for (size_t ai : patterns_->nodes[best.node].alternatives) {
      const auto& alt = patterns_->alts[ai];
      const PatternEntry& p = lexicon_.patterns[alt.pattern];
      if (p.lang != lang) continue;
      if (!p.noun && (best.clitics & (kCliticPrep | kCliticArticle))) continue;  // not a verb
      // After a preposition or a word that governs a noun ("جراء قصف طائرات التحالف"), a form
      // shared by a verb and its verbal noun is the noun.
      if (!p.noun && lang == Lang::kArabic && pos > first &&
          Contains(cues.governs_noun, text.key(toks[pos - 1])))
        continue;
      Candidate cand{alt.pattern, best.end};
      bool ok = true;
      for (const auto& seg : alt.rest) {
        bool found = false;
        const uint32_t reach = gap_reach(cand.end);
        for (uint32_t q = cand.end; q <= cand.end + reach && q < end && !found; ++q) {
          // The segment's words from q on; a light verb takes as many tokens as its form.
          uint32_t k = q;
          bool all = true, neg = false, fut = false;
          for (const PatternIndex::RestWord& w : seg) {
            if (k >= end) {
              all = false;
            } else if (w.light_verb) {
              LightVerbMatch m = MatchLightVerb(text, k, end, *w.light_verb);
              all = m.end != 0;
              k = m.end;
              neg |= m.negated;
              fut |= m.future;
            } else {
              bool any = false;
              for (const TriggerReading& r : readings_of(k)) any |= r.key == w.key;
              all = any;
              ++k;
            }
            if (!all) break;
          }
          if (all) {
            found = true;
            cand.end = k;
            cand.negated |= neg;
            cand.future |= fut;
          }
        }
        ok = found;
        if (!ok) break;
      }
      if (ok) candidates.push_back(cand);
    }
    if (candidates.empty()) {
      ++pos;
      continue;
    }
    // Longest trigger (with its gap segments) first.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.end > b.end; });
    const uint32_t trig_end = candidates.front().end;

    // Clause around the trigger.
    // Clause around the trigger: up to a clause break (not a comma: Arabic uses commas for
    // apposition), and at most 12 tokens each way.
    constexpr uint32_t kReach = 12;
    uint32_t left = pos, right = trig_end;
    // A name in quotes (مجموعة “بريكس“) does not break the clause.
    auto quote_around_name = [&](uint32_t k) {
      if (text.key(toks[k]) != "\"") return false;
      for (const ResolvedActor& a : out.actors) {
        if ((a.first_token == k + 1 && a.end_token < end && text.key(toks[a.end_token]) == "\"") ||
            (a.end_token == k && a.first_token > first &&
             text.key(toks[a.first_token - 1]) == "\"")) {
          return true;
        }
      }
      return false;
    };
    // A short parenthetical ("حق النقض (الفيتو) في مجلس الأمن") does not either.
    auto short_parenthesis = [&](uint32_t k) {
      std::string_view w = text.key(toks[k]);
      if (w == "(") {
        for (uint32_t q = k + 1; q < end && q <= k + 5; ++q)
          if (text.key(toks[q]) == ")") return true;
      } else if (w == ")") {
        for (uint32_t q = k; q > first && q + 5 >= k; --q)
          if (text.key(toks[q - 1]) == "(") return true;
      }
      return false;
    };
    // Nor does a short quoted phrase in Persian, where the press quotes names the dictionaries lack
    // («جالو ممادو تاندیا»). (Arabic quotes words of the clause itself: "استهدفها بشكل مباشر".)
    auto short_quote = [&](uint32_t k) {
      if (lang != Lang::kPersian || text.key(toks[k]) != "\"") return false;
      uint32_t before = 0, after = 0;  // quotes within five tokens on either side
      for (uint32_t q = k + 1; q < end && q <= k + 6; ++q) after += text.key(toks[q]) == "\"";
      for (uint32_t q = k; q > first && q + 6 > k; --q) before += text.key(toks[q - 1]) == "\"";
      // An opening quote has its closing one close after it, a closing one its opening before it;
      // the count of quotes before tells which this is (quotes pair up from the sentence start).
      uint32_t earlier = 0;
      for (uint32_t q = first; q < k; ++q) earlier += text.key(toks[q]) == "\"";
      return earlier % 2 == 0 ? after > 0 : before > 0;
    };
    auto breaks = [&](uint32_t k) {
      return Contains(cues.ClauseBreaks(lang), text.key(toks[k])) && !quote_around_name(k) &&
             !short_parenthesis(k) && !short_quote(k);
    };
    while (left > first && pos - left < kReach && !breaks(left - 1)) --left;
    // Persian puts the object marked with را far before the verb at the end of the clause.
    uint32_t left_far = left;
    while (lang == Lang::kPersian && left_far > first && pos - left_far < 3 * kReach &&
           !breaks(left_far - 1)) {
      --left_far;
    }
    // "المشاورات التي أجراها شكري مع …": a relative clause right after an event noun tells who
    // held it; it belongs to the noun's clause.
    // A short aside between dashes ("- بحفظ الله ورعايته -", "- حفظه الله -"): the index of its
    // closing dash when token k opens one.
    auto dash_aside_end = [&](uint32_t k) -> std::optional<uint32_t> {
      if (text.key(toks[k]) != "-") return std::nullopt;
      for (uint32_t q = k + 2; q < end && q <= k + 5; ++q) {
        if (text.key(toks[q]) == "-") return q;
      }
      return std::nullopt;
    };
    auto is_title_word = [&](uint32_t k) {
      return lang == Lang::kArabic && cues.IsTitleWord(text.key(toks[k]));
    };
    bool leading = true;  // still in the actors and titles right after the trigger
    for (uint32_t n = 0; right < end && n < kReach;) {
      if (breaks(right)) {
        const bool relative = Contains(cues.relatives, text.key(toks[right]));
        // "المشاورات التي أجراها شكري مع …": a relative clause right after an event noun tells
        // who held it; it belongs to the noun's clause.
        // (After a verb's object, "فرقت الشرطة … المتظاهرين الذين كانوا يدينون داعش", it tells
        // about the object.)
        if (!(relative && right == trig_end &&
              lexicon_.patterns[candidates.front().pattern].noun)) {
          // "التقت موغيريني، التي تشغل …، بالرئيس القبرصي": a relative clause between commas is
          // an aside; the clause goes on after it.
          uint32_t close = right;
          if (relative && right > first && text.key(toks[right - 1]) == ",") {
            for (uint32_t q = right + 1; q < end && q <= right + kReach; ++q) {
              if (text.key(toks[q]) == ",") {
                close = q;
                break;
              }
              if (breaks(q)) break;
            }
          }
          if (close == right) break;
          right = close + 1;
          continue;
        }
      }
      // The subject right after a verb, with all its honorifics and titles ("استقبل خادم الحرمين
      // الشريفين الملك سلمان بن عبدالعزيز آل سعود … الرئيس السيسي") and an aside between dashes
      // ("وصل - بحفظ الله ورعايته - خادم الحرمين …"), does not use up the reach.
      if (leading && lang == Lang::kArabic) {
        if (std::optional<uint32_t> close = dash_aside_end(right)) {
          right = *close + 1;
          continue;
        }
      }
      leading = leading && (in_actor[right - first] || is_title_word(right));
      n += leading ? 0 : 1;
      ++right;
    }

    // Flags.
    bool negated = best.negated || candidates.front().negated,
         intent = best.future || candidates.front().future || (best.clitics & kCliticFuture);
    const auto& negs = lang == Lang::kPersian ? cues.fa_negation : cues.ar_negation;
    for (uint32_t k = pos > first + 2 ? pos - 2 : first; k < pos; ++k) {
      if (Contains(negs, text.key(toks[k]))) negated = true;
    }
    for (uint32_t k = pos > first + 4 ? pos - 4 : first; k < pos; ++k) {
      if (Contains(cues.intent, text.key(toks[k]))) intent = true;
    }
    if (text.key(toks[pos]) == cues.lan) intent = true;
    // "باید … گفتگو کند", "يجب أن …": what someone should do is a recommendation, not an event.
    // A Persian verb closes its clause: the modal may stand anywhere before it ("باید در … با
    // روسیه گفتگو کند").
    bool recommended = false;
    const uint32_t modal_from = lang == Lang::kPersian ? left : (pos > first + 4 ? pos - 4 : first);
    bool possible = false, wished = false;
    for (uint32_t k = pos > first + 3 ? pos - 3 : first; k < pos; ++k) {
      possible |= Contains(cues.possible, text.key(toks[k]));
    }
    // "قرار است … سفر کند", "تا … دیداری برگزار کند": planned or sought, flagged as intent (the
    // gold coders code planned visits as visits).
    if (lang == Lang::kPersian && !lexicon_.patterns[candidates.front().pattern].noun &&
        SubjunctiveLightVerb(text.key(toks[trig_end - 1])))
      intent = true;
    if (lexicon_.patterns[candidates.front().pattern].noun) {
      for (uint32_t k = std::max(left, pos > first + 5 ? pos - 5 : first); k < pos; ++k) {
        wished |= Contains(cues.wish_heads, text.key(toks[k]));
      }
    }
    for (uint32_t k = modal_from; k < pos; ++k) {
      if (Contains(cues.should, text.key(toks[k]))) recommended = true;
    }
    const bool reported = reported_before[pos - first];

    // Actors of the clause, by role.
    const auto& acts = out.actors;
    auto usable = [&](size_t i) {
      return !acts[i].place_only && !acts[i].adjective_only && !acts[i].code.empty();
    };
    auto group_of = [&](size_t i) {
      size_t b = i, e = i;
      while (b > 0 && acts[b].joined_to_previous && usable(b - 1)) --b;
      while (e + 1 < acts.size() && acts[e + 1].joined_to_previous && usable(e + 1)) ++e;
      std::vector<size_t> g;
      for (size_t k = b; k <= e; ++k) {
        if (usable(k)) g.push_back(k);
      }
      return g;
    };

    // The actor a relative pronoun at `rel` refers to: right before it, or before a comma.
    auto Antecedent = [&](uint32_t rel) -> std::optional<size_t> {
      for (size_t i = 0; i < acts.size(); ++i) {
        bool antecedent =
            acts[i].end_token == rel ||
            (acts[i].end_token + 1 == rel && rel > first && text.key(toks[rel - 1]) == ",");
        if (antecedent && usable(i)) return i;
      }
      return std::nullopt;
    };

    // A Persian event noun after برای ("برای جنگ علیه یمن", "برای میانجیگری") is the purpose of
    // its clause, not its news: the clause's subject is not its doer; only its own complement is
    // ("برای حمله آمریکا به …"). (Other prepositions introduce news: "از حمله به … خبر داد", "در
    // سفر خود به تهران".)
    static const KeySet kPurpose = Keys({"برای", "جهت"});
    const bool after_purpose_word =
        lang == Lang::kPersian && pos > first && Contains(kPurpose, text.key(toks[pos - 1]));
    PatternMatch best_match;
    bool have_match = false;
    for (const Candidate& cand : candidates) {
      const size_t pi = cand.pattern;
      const uint32_t tend = cand.end;
      if (tend != trig_end) break;
      const PatternEntry& p = lexicon_.patterns[pi];
      PatternMatch pm;
      pm.first_token = pos;
      pm.end_token = tend;
      pm.pattern = pi;
      pm.negated = negated;
      pm.intent = intent;
      std::optional<size_t> subj, tgt;
      bool tgt_by_prep = false;
      const bool purpose = after_purpose_word && p.noun;
      // The subject: Arabic verbs VSO (an actor right after the verb) or SVO (nearest before);
      // nouns take the actor right after them (idafa/ezafe), else the clause subject; Persian
      // verbs the first actor of the clause.
      // Persian marks the definite object with را: such an actor is not the subject.
      auto object_marked = [&](size_t i) {
        return lang == Lang::kPersian && acts[i].end_token < end &&
               text.key(toks[acts[i].end_token]) == cues.ra;
      };
      // Where an actor right after the trigger may begin: after honorifics and titles of no named
      // state ("اجتمع أصحاب السمو والمعالي وزراء خارجية دول مجلس التعاون …").
      uint32_t subject_from = tend + 2;
      if (lang == Lang::kArabic) {
        uint32_t k = tend;
        size_t mi = 0;
        while (k < right && k < tend + 8) {
          while (mi < out.mentions.size() && out.mentions[mi].end_token <= k) ++mi;
          if (mi < out.mentions.size() && out.mentions[mi].first_token == k &&
              out.mentions[mi].target.kind == MentionKind::kAgent) {
            k = out.mentions[mi].end_token;
          } else if (cues.IsTitleWord(text.key(toks[k]))) {
            ++k;
          } else if (std::optional<uint32_t> close = dash_aside_end(k)) {
            k = *close + 1;  // "وصل - بحفظ الله ورعايته - خادم الحرمين الشريفين …"
          } else {
            break;
          }
        }
        subject_from = std::max(subject_from, k);
      }
      // The last verb before this trigger in the sentence, and, when this is a Persian verb joined
      // to it by و ("… انتقاد کرد و خواستار … شد"), that verb: this one's clause starts after it.
      const PatternMatch* prev_verb = nullptr;
      for (const PatternMatch& m : out.matches) {
        if (!lexicon_.patterns[m.pattern].noun && m.end_token <= pos &&
            (!prev_verb || m.end_token > prev_verb->end_token))
          prev_verb = &m;
      }
      const PatternMatch* before =
          lang == Lang::kPersian && !p.noun && prev_verb && prev_verb->end_token >= left &&
                  prev_verb->end_token < pos && text.key(toks[prev_verb->end_token]) == cues.wa
              ? prev_verb
              : nullptr;
      std::optional<size_t> after_adj, before_near, first_in_clause;
      for (size_t i = 0; i < acts.size(); ++i) {
        if (!usable(i) || !acts[i].prep.empty() || object_marked(i)) continue;
        if (acts[i].end_token <= pos && acts[i].first_token >= left) {
          before_near = i;
          if (!first_in_clause) first_in_clause = i;
        }
        // Right after the trigger's first word: after "زار", inside a gap ("وقعت أذربيجان
        // اتفاقية" for "وقع ... اتفاقية"), or overlapping its tail ("استدعاء السفير الروسي").
        if (!after_adj && acts[i].first_token > pos && acts[i].first_token <= subject_from &&
            acts[i].first_token < right) {
          after_adj = i;
        }
      }
      // A verb carrying و/ف starts a new clause: the actor just before it is not its subject.
      const bool svo = before_near && acts[*before_near].end_token + 3 >= pos &&
                       !(lang == Lang::kArabic && (best.clitics & kCliticConj));
      // An Arabic verbal noun carrying a pronoun ("لقائه", "استقباله"): the pronoun is its doer
      // (its idafa slot is taken), so a bare actor after it is what it is done to, as after a verb.
      // Meetings and visits only: the object of other nouns with a pronoun is too often something
      // else ("قتالهم ضد", "تعازيه إلى").
      const bool owned_noun = lang == Lang::kArabic && p.noun && !p.passive && tend == pos + 1 &&
                              (best.clitics & kCliticPronoun) && p.code.rfind("04", 0) == 0;
      if (lang == Lang::kPersian && !p.noun) {
        subj = first_in_clause;
        // A Persian clause opens with its subject, often far from the verb at its end: a person or
        // an office at the start of the clause ("جرج بوش … ایران را … متهم کرد") outranks a state
        // named inside a noun phrase nearer the verb ("امور داخلی عراق") and an office that
        // completes a noun ("رئیس‌جمهور فرانسه … در پی حملات
        // جنگنده‌های انگلیسی … استقبال کردند").
        for (size_t i = 0; i < acts.size() && acts[i].end_token <= pos; ++i) {
          if (acts[i].first_token < left_far || !usable(i) || !acts[i].prep.empty() ||
              object_marked(i)) {
            continue;
          }
          if (acts[i].code.size() > 3) subj = i;
          break;
        }
        if (!subj && after_adj) subj = after_adj;
        // A verb joined by و to the verb before it ("… انتقاد کرد و خواستار … شد") shares that
        // verb's subject, unless its own clause names one.
        if (before) {
          std::optional<size_t> own;
          for (size_t i = 0; i < acts.size() && !own; ++i) {
            if (usable(i) && acts[i].prep.empty() && !object_marked(i) &&
                acts[i].first_token > before->end_token && acts[i].end_token <= pos)
              own = i;
          }
          if (own) {
            subj = own;
          } else if (!before->sources.empty()) {
            subj = before->sources.front();
          }
        }
      } else if (owned_noun) {
        // "صرح إثر لقائه في باريس نظيره التونسي": the pronoun is the doer, the clause subject; the
        // actor after the noun is its object, not its idafa.
        subj = before_near;
      } else if (p.noun) {
        subj = after_adj ? after_adj : before_near;
        if (purpose && !after_adj) subj.reset();  // (see `purpose` above)
        // "الغارات الروسية على …", "حملات سعودی به …": a nationality adjective right after the
        // noun names its doer.
        for (size_t i = 0; i < acts.size(); ++i) {
          if (acts[i].adjective_only && acts[i].first_token == tend && acts[i].prep.empty()) {
            subj = i;
            after_adj.reset();
          }
        }
        // "قام لافروف بزيارة باكو", "أجرى الوزير زيارة إلى العاصمة": with a subject before it, a
        // state right after a visit or meeting noun is where it happens, i.e. the target.
        if (after_adj && before_near && p.code.rfind("04", 0) == 0 && !p.passive &&
            (acts[*after_adj].capital || acts[*after_adj].code == acts[*after_adj].country)) {
          subj = before_near;
          tgt = after_adj;
        }
      } else {
        // Arabic verbs: SVO when an actor stands right before the verb ("بيراموف زار موسكو"),
        // else VSO ("زار الرئيس الروسي باكو").
        subj = svo ? before_near : (after_adj ? after_adj : before_near);
        // VSO needs an object after the subject when the verb takes one; with a single bare actor
        // after the verb and one before it in the clause, that one is the subject ("لافروف خرج
        // بتصريحات اتهمت أرمينيا": the statements accused Armenia).
        if (!svo && after_adj && before_near && p.target_obj) {
          bool another_after = false;
          for (size_t i = *after_adj + 1; i < acts.size() && acts[i].first_token < right; ++i) {
            another_after |= usable(i) && acts[i].prep.empty() && !acts[i].joined_to_previous;
          }
          if (!another_after) subj = before_near;
        }
        // "كييف التي تتهم الكرملين": a verb opening a relative clause has the antecedent for
        // subject and the actor after it for object.
        if (pos == left && left > first && Contains(cues.relatives, text.key(toks[left - 1]))) {
          if (std::optional<size_t> ante = Antecedent(left - 1)) {
            if (after_adj && p.target_obj && !tgt) tgt = after_adj;
            subj = ante;
          }
        }
        // "وانتقدت الوزارة … ، وطالبت باكو بالإفراج": a verb joined by و/ف with no subject of its
        // own right before it shares the subject of the verb before it.
        if (!svo && (best.clitics & kCliticConj) && subj != after_adj) {
          for (auto it = out.matches.rbegin(); it != out.matches.rend(); ++it) {
            if (lexicon_.patterns[it->pattern].noun) continue;
            if (!it->sources.empty()) subj = it->sources.front();
            break;
          }
        }
      }
      // The target: an actor introduced by one of the pattern's prepositions, after the trigger
      // (Arabic, nouns) or anywhere in the clause (Persian verbs); else the direct object.
      const KeySet& prep_keys = patterns_->target_prep_keys[pi];
      // An Arabic plain statement's addressee stands right after the verb or its subject ("أكد
      // لافروف لنظيره"); a ل further on starts a purpose ("أكد استعداده لتنظيم اجتماع لوزيري …").
      const bool statement = p.code == "010";
      const uint32_t addressee_by =
          std::max(tend, subj && acts[*subj].first_token >= tend ? acts[*subj].end_token : tend) +
          2;
      // "التقى وزير الدفاع الأميركي مع رئيس إقليم كردستان لبحث محاربة داعش": the partner's slot is
      // taken by someone the dictionaries do not know; an actor further on is not the partner.
      uint32_t slot_taken_at = right;
      if (lang == Lang::kArabic || p.noun) {
        for (uint32_t k = tend; k < right && slot_taken_at == right; ++k) {
          std::string_view w = text.key(toks[k]);
          if (in_actor[k - first] || !Contains(prep_keys, w)) continue;
          // What it introduces may be an actor close after it ("إلى مجموعة دول “بريكس“"), a place
          // right after it ("ذهبت حماس إلى مكة"), or an actor in apposition to a name the
          // dictionaries lack ("مع عبدالقادر بن صالح، رئيس مجلس الأمة الجزائري", "با «…» رئيس جمهور
          // روسیه").
          bool introduces_actor = false;
          for (size_t i = 0; i < acts.size(); ++i) {
            const uint32_t at = acts[i].first_token;
            if (at <= k) continue;
            introduces_actor |= (usable(i) && at <= k + 4) || at == k + 1 ||
                                (usable(i) && at <= k + 6 && text.key(toks[at - 1]) == ",") ||
                                (usable(i) && QuotedNameBefore(text, first, at) == k + 1);
          }
          if (!introduces_actor) slot_taken_at = k;
        }
      }
      for (size_t i = 0; i < acts.size() && !tgt; ++i) {
        if (!usable(i) || acts[i].prep.empty() || (subj && i == *subj)) continue;
        bool in_range = (lang == Lang::kPersian && !p.noun)
                            ? acts[i].first_token >= (before ? before->end_token : left) &&
                                  acts[i].end_token <= right
                            : acts[i].first_token >= tend && acts[i].first_token < right &&
                                  acts[i].first_token < slot_taken_at &&
                                  !(statement && acts[i].first_token > addressee_by);
        if (in_range && Contains(prep_keys, acts[i].prep)) {
          tgt = i;
          tgt_by_prep = true;
        }
      }
      // Persian marks the definite object with را before the verb or the noun of a light-verb
      // phrase ("ایران را تهدید به حمله کرد").
      // The object of a verb before it in the clause is that verb's: "ایران را … متهم کرد و مدعی
      // شد" claims nothing to Iran.
      if (!tgt && (p.target_obj || lang == Lang::kPersian)) {
        const uint32_t after_verb = prev_verb ? std::max(left_far, prev_verb->end_token) : left_far;
        for (size_t i = 0; i < acts.size() && !tgt; ++i) {
          if (usable(i) && object_marked(i) && acts[i].first_token >= after_verb &&
              acts[i].end_token <= pos && !(subj && i == *subj)) {
            tgt = i;
          }
        }
      }
      // A Persian trigger with a gap holds its object in the gap ("عازم مسکو شد", "راهی ایران شد").
      if (!tgt && p.target_obj && lang == Lang::kPersian && !p.noun) {
        for (size_t i = 0; i < acts.size() && !tgt; ++i) {
          if (usable(i) && acts[i].prep.empty() && !(subj && i == *subj) &&
              acts[i].first_token > pos && acts[i].end_token <= tend) {
            tgt = i;
          }
        }
      }
      if (!tgt && (p.target_obj || owned_noun)) {
        for (size_t i = 0; i < acts.size() && !tgt; ++i) {
          if (!usable(i) || !acts[i].prep.empty() || (subj && i == *subj)) continue;
          // "خادم الحرمين الشريفين الملك سلمان": the subject named twice is not its own object.
          if (subj && acts[i].code == acts[*subj].code) continue;
          if (subj && acts[i].joined_to_previous && i == *subj + 1) continue;
          // An event noun's object follows it closely ("زيارة باكو"), not across other words.
          bool in_range = (lang == Lang::kPersian && !p.noun)
                              ? acts[i].first_token >= left && acts[i].end_token <= pos
                              : acts[i].first_token > pos && acts[i].first_token < right &&
                                    acts[i].first_token < slot_taken_at &&
                                    (!p.noun || acts[i].first_token <= tend + 4);
          if (in_range) tgt = i;
        }
      }
      // No listed preposition: the prepositions that introduce the affected party of almost any
      // event ("مذكرة اعتقال بحق الرئيس", "حمله علیه …"), after the trigger. Not for a plain
      // statement, which affects nobody: who it is made to is named by its own prepositions, and
      // "قال … في اتصال مع نظيره" says where it was said.
      if (!tgt && p.code != "010") {
        static const KeySet kArAny = Keys({"بحق", "ضد", "تجاه", "إزاء", "على", "مع", "إلى"});
        static const KeySet kFaAny = Keys({"علیه"});
        // "Against" introduces the affected party of a hostile event only: the welcome of "از
        // حملات … علیه مواضع داعش استقبال کردند" is not of ISIS.
        static const KeySet kAgainst = Keys({"بحق", "ضد", "علیه"});
        const bool hostile = p.code.substr(0, 2) >= "10";
        const auto& any = lang == Lang::kPersian ? kFaAny : kArAny;
        for (size_t i = 0; i < acts.size() && !tgt; ++i) {
          if (!usable(i) || acts[i].prep.empty() || (subj && i == *subj)) continue;
          if (!hostile && Contains(kAgainst, acts[i].prep)) continue;
          bool in_range = (lang == Lang::kPersian && !p.noun)
                              ? acts[i].first_token >= left && acts[i].end_token <= right
                              : acts[i].first_token >= tend && acts[i].first_token < right &&
                                    acts[i].first_token < slot_taken_at;
          if (in_range && Contains(any, acts[i].prep)) tgt = i;
        }
      }
      if (p.passive && p.noun && subj && after_adj && *subj == *after_adj && !tgt) {
        // "اعتقال الصحفيين": the actor after the noun undergoes it; the doer is the clause subject.
        tgt = subj;
        subj = before_near;
      } else if (p.passive && !p.noun && subj) {
        std::swap(subj, tgt);
      }
      // An actor introduced as the doer ("اغتيال زعيم حماس على يد …", "حمله … توسط …") is the
      // source; what the clause said before about the subject then names the affected party.
      for (size_t i = 0; i < acts.size(); ++i) {
        if (!usable(i) || !acts[i].doer || acts[i].first_token <= pos ||
            acts[i].first_token >= right || acts[i].first_token > tend + 4) {
          continue;
        }
        // "اغتيال زعيم حماس على يد …": the noun's own complement is who it was done to.
        if (tgt && *tgt == i) tgt.reset();
        if (subj && *subj != i && !tgt && p.noun && after_adj && *subj == *after_adj) tgt = subj;
        subj = i;
        break;
      }
      std::string why;
      if (subj && acts[*subj].adjective_only) {
        pm.sources.push_back(*subj);
      } else if (subj) {
        for (size_t g : group_of(*subj)) pm.sources.push_back(g);
      }
      if (tgt) {
        for (size_t g : group_of(*tgt)) pm.targets.push_back(g);
      }
      if (p.symmetric && pm.targets.empty() && pm.sources.size() >= 2) {
        pm.targets = pm.sources;  // "روسيا وأذربيجان اتفقتا": each with the other
      }
      std::string carried;  // how source or target came from outside the clause, for explain
      // "لتطبيع العلاقات بين …", "عملية تطبيع العلاقات بين …", "نقش آتش بس بین …": a noun
      // that carries a preposition or heads on another noun names a topic, not the news.
      static const KeySet kTopicHeads =
          Keys({"عملية", "مسار", "جهود", "إطار", "ملف", "قضية", "مفاوضات", "محادثات", "نقش", "روند",
                "فرایند", "مسئله", "موضوع", "ادامه", "حل", "فصل", "قبال", "مورد", "درباره"});
      // (A process of talks is talks, "شهدت عملية المفاوضات المتوقفة بين باكو ويريفان نشاطا",
      // unless something is said about it: "تحدث عن عملية مفاوضات بين …".)
      static const KeySet kProcessHeads = Keys({"عملية", "مسار", "روند", "فرایند"});
      static const KeySet kAbout = Keys({"عن", "حول", "بشأن", "درباره", "مورد"});
      const bool process_of_talks = p.code.rfind("04", 0) == 0 && pos > first + 1 &&
                                    Contains(kProcessHeads, text.key(toks[pos - 1])) &&
                                    !Contains(kAbout, text.key(toks[pos - 2]));
      // ("حل و فصل مسالمت‌آمیز درگیری بین …": the head may stand
      // before an adjective.)
      const bool topic =
          (pos > first && Contains(kTopicHeads, text.key(toks[pos - 1])) && !process_of_talks) ||
          (lang == Lang::kPersian && pos > first + 1 && toks[pos - 1].kind == TokenKind::kWord &&
           Contains(kTopicHeads, text.key(toks[pos - 2]))) ||
          (best.clitics & kCliticPrep);
      if (p.symmetric && pm.targets.empty() && !(p.noun && topic)) {
        // "المفاوضات بين باكو ويريفان", "مذاکرات میان ایران و آمریکا": the parties after بين/میان.
        static const KeySet kBetween = Keys({"بين", "میان", "بین"});
        for (size_t i = 0; i < acts.size(); ++i) {
          if (!usable(i) || !Contains(kBetween, acts[i].prep)) continue;
          if (acts[i].first_token < tend || acts[i].first_token >= right) continue;
          std::vector<size_t> g = group_of(i);
          if (g.size() >= 2) {
            pm.sources = g;
            pm.targets = g;
            subj = i;
            tgt = g.back();
          }
          break;
        }
      }
      // "وزیر دفاع موریتانی و «…» معاون وزیر دفاع عربستان توافقنامه امضا کردند": a symmetric event
      // with no partner pairs its subject with the other bare actor of the clause.
      // (Persian only: its plural verb at the end of the clause says so; an Arabic verb comes first
      // and its partner follows with مع.)
      if (p.symmetric && !pm.sources.empty() && pm.targets.empty() && !p.noun &&
          lang == Lang::kPersian) {
        const std::string& own = acts[pm.sources.front()].country;
        for (size_t i = 0; i < acts.size(); ++i) {
          if (!usable(i) || !acts[i].prep.empty() || object_marked(i)) continue;
          if (acts[i].first_token < left_far || acts[i].first_token >= right) continue;
          if (acts[i].country == own ||
              std::find(pm.sources.begin(), pm.sources.end(), i) != pm.sources.end())
            continue;
          pm.targets = group_of(i);
          tgt = i;
          break;
        }
      }
      // "التقى علييف ورئيس الوزراء الأرمني باشينيان، بوساطة بلينكين": two actors joined as the
      // subject of a symmetric event meet each other; a third actor further on is not their partner
      // unless a preposition right after them says so.
      if (p.symmetric && pm.sources.size() >= 2 && tgt &&
          (!tgt_by_prep || acts[*tgt].first_token > acts[pm.sources.back()].end_token + 3)) {
        pm.targets = pm.sources;
        tgt = pm.sources.back();
        tgt_by_prep = false;
      }
      // A mediator ("بوساطة بلينكين") mediates between the parties of the event just told.
      if (p.code == "045" && !pm.sources.empty() && pm.targets.empty() && !out.matches.empty()) {
        const PatternMatch& prev = out.matches.back();
        for (size_t k : prev.sources) pm.targets.push_back(k);
        for (size_t k : prev.targets) {
          if (std::find(pm.targets.begin(), pm.targets.end(), k) == pm.targets.end())
            pm.targets.push_back(k);
        }
        std::erase_if(pm.targets, [&](size_t k) {
          return std::find(pm.sources.begin(), pm.sources.end(), k) != pm.sources.end();
        });
        if (!pm.targets.empty()) {
          tgt = pm.targets.front();
          carried = ", mediating between the parties of the previous event";
        }
      }
      // Carried within the sentence. "زار بيراموف موسكو وبحث مع ..." / "… در این سفر … بحث و
      // تبادل نظر کرد": a cooperative event of the same source with no partner of its own continues
      // with the partner of that source's previous event.
      const std::string root = p.code.substr(0, 2);
      if (!pm.sources.empty() && pm.targets.empty() &&
          (root == "03" || root == "04" || root == "05" || root == "06")) {
        for (auto it = out.matches.rbegin(); it != out.matches.rend(); ++it) {
          if (it->sources.empty() || it->targets.empty()) continue;
          if (acts[it->sources.front()].code != acts[pm.sources.front()].code) continue;
          pm.targets = it->targets;
          tgt = pm.targets.front();
          carried = ", target carried from the previous event";
          break;
        }
      }
      // No subject in the clause: the sentence's subject, the first actor with no preposition
      // before the trigger (Persian "Erdogan, who makes his first trip to Australia, ..."). This
      // crosses "قال X إن" on purpose: the gold coders take the speaker as the source of what is
      // said to have been done ("وقال الجبير إنه تم بحث").
      // A relative clause's subject is its antecedent ("الاتحاد الأوروبي، الذي أطلق، كوساطة،
      // …").
      if (pm.sources.empty() && !pm.targets.empty() && left > first &&
          Contains(cues.relatives, text.key(toks[left - 1]))) {
        std::optional<size_t> ante = Antecedent(left - 1);
        if (ante && std::find(pm.targets.begin(), pm.targets.end(), *ante) == pm.targets.end()) {
          subj = ante;
          for (size_t g : group_of(*ante)) pm.sources.push_back(g);
          carried += ", source is the antecedent of the relative clause";
        }
      }
      if (pm.sources.empty() && !pm.targets.empty() && !purpose) {
        for (size_t i = 0; i < acts.size() && acts[i].end_token <= pos; ++i) {
          if (!usable(i) || !acts[i].prep.empty() || object_marked(i)) continue;
          if (std::find(pm.targets.begin(), pm.targets.end(), i) != pm.targets.end()) break;
          subj = i;
          for (size_t g : group_of(i)) pm.sources.push_back(g);
          carried += ", source is the sentence subject";
          break;
        }
      }
      // "حيث كان في استقباله نظيره الكيني": who was there to receive him hosted him.
      if (owned_noun && p.code == "043" && pos > first && text.key(toks[pos - 1]) == cues.fi &&
          !pm.sources.empty() && !pm.targets.empty()) {
        std::swap(pm.sources, pm.targets);
        std::swap(subj, tgt);
        carried += ", the one received is the pronoun";
      }
      pm.why =
          std::string(subj ? "source found" : "no source") +
          (tgt ? (tgt_by_prep ? ", target by preposition" : ", target as object") : ", no target") +
          carried;
      if (purpose && !subj) pm.why += "; a purpose of its clause, not its news";
      int score = (subj ? 1 : 0) + (tgt ? 2 : 0) + (tgt_by_prep ? 1 : 0);
      int best_score =
          have_match ? ((best_match.sources.empty() ? 0 : 1) + (best_match.targets.empty() ? 0 : 2))
                     : -1;
      if (score > best_score) {
        best_match = pm;
        have_match = true;
      }
    }
    // A match that names no event of its own keeps its place in explain, with the reason.
    auto not_an_event = [&](const char* why) {
      best_match.why += why;
      best_match.sources.clear();
      best_match.targets.clear();
    };
    if (have_match && recommended) not_an_event("; what someone should do, not an event");
    if (have_match && possible) not_an_event("; what may happen, not an event");
    // "لم يشكل أي تهديد لتركيا", "هرگونه تاخیر در حمله به ایران", "هر گونه توافق": any event of a
    // kind is none in particular. (Three words before the noun at most, within its phrase.)
    if (have_match && lexicon_.patterns[best_match.pattern].noun) {
      static const KeySet kAny = Keys({"أي", "أية", "هرگونه"});
      bool any = false;
      for (uint32_t k = pos > first + 3 ? pos - 3 : first; k < pos; ++k) {
        if (toks[k].kind == TokenKind::kPunct) {
          any = false;
          continue;
        }
        // (Before a definite word أي is "that is": "، أي الهجوم الإسرائيلي ضد حماس".)
        any |= (Contains(kAny, text.key(toks[k])) && !Definite(text.key(toks[k + 1]))) ||
               (k + 1 < pos && text.key(toks[k]) == cues.har && text.key(toks[k + 1]) == cues.gune);
      }
      if (any) not_an_event("; any such event, none in particular");
    }
    if (have_match && wished) not_an_event("; what someone is ready for or wishes, not an event");
    // What an appeal or a demand asks for is not an event of its own: "دعت موسكو أذربيجان
    // لاستعادة العلاقات … والإفراج عن المواطنين" asks for a release, it does not release anyone. A
    // release or a ceasefire asked for makes the appeal/demand the specific CAMEO code (0253/1053,
    // 0256/1056).
    // "التقى علييف وباشينيان … لمناقشة مسودة اتفاقية": a noun of the same kind after ل is the
    // purpose of the event just told, not another event.
    if (have_match && lexicon_.patterns[best_match.pattern].noun && (best.clitics & kCliticPrep) &&
        lang == Lang::kArabic && !out.matches.empty()) {
      const std::string& prev_code = lexicon_.patterns[out.matches.back().pattern].code;
      const std::string& code = lexicon_.patterns[best_match.pattern].code;
      if (prev_code.substr(0, 2) == code.substr(0, 2) && StartsWith(text.key(toks[pos]), cues.li)) {
        not_an_event("; the purpose of the event before");
        out.matches.push_back(std::move(best_match));
        pos = trig_end > pos ? trig_end : pos + 1;
        continue;
      }
    }
    // (A Persian appeal's content may be a clause with its verb: "از دولت خواستند کشور فلسطین را
    // به رسمیت بشناسد".)
    const bool asked_clause =
        lang == Lang::kPersian && (last_appeal.root == "02" || last_appeal.root == "10");
    // When something happened is not what is asked for: "ودعا الرئيس خلال لقائه المبعوث …".
    static const KeySet kWhen = Keys({"خلال", "أثناء", "اثناء", "عقب", "إثر", "لدى", "طی", "ضمن"});
    const bool circumstance = pos > first && Contains(kWhen, text.key(toks[pos - 1]));
    if (have_match && last_appeal.match < out.matches.size() && !circumstance &&
        (lexicon_.patterns[best_match.pattern].noun || asked_clause) &&
        pos <= last_appeal.end + 8) {
      bool clause_break = false;
      for (uint32_t k = last_appeal.end; k < pos; ++k)
        clause_break |= Contains(cues.ClauseBreaks(lang), text.key(toks[k]));
      const std::string& code = lexicon_.patterns[best_match.pattern].code;
      const std::string root = code.substr(0, 2);
      if (!clause_break && root != "02" && root != "10" &&
          (last_appeal.root == "02" || last_appeal.root == "10" || pos <= last_appeal.end + 4 ||
           (last_appeal.root == "05" && pos <= last_appeal.end + 8))) {
        // (An agreement's contents: "توافقنامه همکاری نظامی … و حمایت لجستیکی".)
        const bool appeal = last_appeal.root == "02" || last_appeal.root == "10";
        const char* refined = nullptr;
        if (appeal && code.rfind("084", 0) == 0) refined = last_appeal.demand ? "1053" : "0253";
        if (appeal && code.rfind("087", 0) == 0) refined = last_appeal.demand ? "1056" : "0256";
        if (refined) {
          for (size_t k = last_appeal.first_event; k < out.events.size(); ++k) {
            Event& e = out.events[k];
            if (e.root == (last_appeal.demand ? "10" : "02")) SetCode(lexicon_, refined, &e);
          }
        }
        not_an_event("; what the event before asks for or objects to");
        out.matches.push_back(std::move(best_match));
        pos = trig_end > pos ? trig_end : pos + 1;
        continue;
      }
    }
    if (have_match) {
      const PatternEntry& p = lexicon_.patterns[best_match.pattern];
      const std::string p_root = p.code.substr(0, 2);
      // An appeal or a demand governs what follows it even when it names no addressee
      // ("ودعوته مجددا للانسحاب من الكويت": a withdrawal asked for, not made).
      const bool appeal_root = p_root == "02" || p_root == "10";
      if ((appeal_root || p_root == "11" || p_root == "12" || p.code == "057") &&
          !best_match.sources.empty() && (appeal_root || !best_match.targets.empty())) {
        last_appeal = {out.matches.size(), trig_end, out.events.size(), p_root == "10", p_root};
      }
      // Emit one event per (source, target) pair; symmetric patterns both ways; no duplicates.
      std::set<std::pair<size_t, size_t>> pairs;
      for (size_t s : best_match.sources) {
        for (size_t t : best_match.targets) {
          if (s == t) continue;
          pairs.emplace(s, t);
          if (p.symmetric) pairs.emplace(t, s);
        }
      }
      std::set<std::tuple<std::string, std::string, std::string>> emitted;
      // The event's date: the date expression nearest the trigger, else the article's.
      Date event_date = date;
      uint32_t best_dist = UINT32_MAX;
      for (const DateMention& d : dates) {
        uint32_t dist = d.first_token > pos ? d.first_token - pos : pos - d.first_token;
        if (dist < best_dist) {
          best_dist = dist;
          event_date = d.date;
        }
      }
      std::string place;
      for (const ResolvedActor& a : acts) {
        // A reference ("في هذا البلد") names a state, not a place from the gazetteer.
        if (a.place_only && a.kind != MentionKind::kReference &&
            (a.prep == cues.fi || a.prep == cues.dar || a.prep == cues.bi)) {
          place = a.label;
          break;
        }
      }
      const std::string sentence_text(
          text.text().substr(sentence.span.begin, sentence.span.end - sentence.span.begin));
      auto emit = [&](const ResolvedActor& src, const ResolvedActor& tgt, const std::string& code) {
        if (src.code == tgt.code || !emitted.emplace(src.code, tgt.code, code).second) return;
        // A state and a part of itself ("أذربيجان" and "رئيس هذا البلد"): a resolution artefact,
        // not an event between two actors.
        if (src.country == tgt.country && (src.code == src.country || tgt.code == tgt.country))
          return;
        // The same event told twice in one sentence ("از روسیه دیدار کرد … در این سفر").
        for (const Event& prev : out.events) {
          if (prev.source == src.code && prev.target == tgt.code && prev.code == code &&
              prev.date == event_date)
            return;
        }
        Event e;
        e.article_id = article.article->id;
        e.sentence = sentence.index;
        e.lang = lang;
        e.date = event_date;
        e.source = src.code;
        e.source_country = src.country;
        e.source_name = src.name;
        e.source_label = src.label;
        e.target = tgt.code;
        e.target_country = tgt.country;
        e.target_name = tgt.name;
        e.target_label = tgt.label;
        SetCode(lexicon_, code, &e);
        e.place = place;
        e.negated = best_match.negated;
        e.intent = best_match.intent;
        e.reported = reported;
        e.span_begin =
            std::min({toks[pos].begin, toks[src.first_token].begin, toks[tgt.first_token].begin});
        e.span_end = std::max(
            {toks[trig_end - 1].end, toks[src.end_token - 1].end, toks[tgt.end_token - 1].end});
        e.text = sentence_text;
        e.event_id = Hex64(StableHash64(
            e.article_id + "|" + std::to_string(e.sentence) + "|" + std::to_string(e.span_begin) +
            "|" + std::to_string(e.span_end) + "|" + e.code + "|" + e.source + "|" + e.target));
        out.events.push_back(std::move(e));
      };
      // A capital visited or attacked is its country ("زار لافروف باكو"), not its government.
      // Only where the place is meant: visits and meetings, and force ("قصف دمشق"); an accused or
      // criticised capital is its government ("تتهم موسكو").
      const int root_num = std::stoi(p.code.substr(0, 2));
      const bool place_meant = root_num == 4 || root_num >= 15;
      auto as_target = [&](ResolvedActor a) {
        if (a.capital && place_meant) {
          a.code = a.country;
          a.label = CountryName(lexicon_, a.country);
        }
        return a;
      };
      for (const auto& [si, ti] : pairs) {
        ResolvedActor tgt = as_target(acts[ti]);
        emit(acts[si], tgt, p.code);
        // A visit is hosted, and hosting is a visit: both sides are events (042 ↔ 043).
        if (p.code == "042") emit(tgt, acts[si], "043");
        if (p.code == "043") emit(tgt, acts[si], "042");
      }
      out.matches.push_back(std::move(best_match));
    }
    pos = trig_end > pos ? trig_end : pos + 1;
  }
  return out;
}

std::vector<ActorMention> Coder::Mentions(const AnalyzedArticle& article,
                                          const SentenceInfo& sentence, Discourse* discourse,
                                          const SpanReadings* readings) const {
  const TokenizedText& text = article.text;
  const auto& toks = text.tokens();
  const uint32_t first = sentence.span.first_token, end = sentence.span.end_token;
  const Lang lang = sentence.lang;
  SentenceReadings own;
  if (readings == nullptr) {
    ReadSentence(article, sentence, &own);
    readings = &own.actors;
  }
  std::vector<ActorMention> mentions = actors_->FindMentions(text, first, end, lang, *readings);
  if (lang != Lang::kArabic && lang != Lang::kPersian) return mentions;
  const int l = lang == Lang::kArabic ? 0 : 1;
  const KeyTable& keys = last_names_->keys[l];
  if (keys.size() == 0) return mentions;
  const Cues& cues = TheCues();
  std::vector<ActorMention> found;
  size_t next = 0;  // the first mention not ending before the token
  for (uint32_t k = first; k < end; ++k) {
    while (next < mentions.size() && mentions[next].end_token <= k) ++next;
    if (next < mentions.size() && mentions[next].first_token <= k) continue;  // inside one
    if (toks[k].kind != TokenKind::kWord) continue;
    // The word itself, or after an Arabic و / ف ("ومعصوم"); not after ب / ل, which make other
    // words of some last names ("لصالح": in favour of).
    std::string_view key = text.key(toks[k]);
    if (key.size() < 6) continue;  // last names are three letters at least
    uint8_t clitics = 0;
    uint32_t id = keys.Find(ActorDictionary::StoredKeyView(key));
    if (id == KeyTable::kNone && lang == Lang::kArabic &&
        (StartsWith(key, cues.wa) || StartsWith(key, cues.fa)) && key.size() > 6) {
      id = keys.Find(ActorDictionary::StoredKeyView(key.substr(2)));
      clitics = kCliticConj;
    }
    if (id == KeyTable::kNone) continue;
    // "البرلمان العربي" is not Nabil Elaraby: a definite word after a definite noun is its
    // adjective.
    if (k > first && StartsWith(key, "ال") && StartsWith(text.key(toks[k - 1]), "ال") &&
        !(next > 0 && mentions[next - 1].end_token == k))
      continue;
    // Named in full earlier in this sentence, else in the article; the nearest naming wins.
    std::optional<uint32_t> person;
    for (size_t i = next; i-- > 0 && !person;) {
      const ActorMention& m = mentions[i];
      if (m.target.kind != MentionKind::kPerson || m.surname || m.end_token - m.first_token < 2)
        continue;
      for (const LastNames::FullName& name : last_names_->names[l][id]) {
        if (name.person == m.target.entry) person = name.person;
      }
    }
    if (!person && discourse) {
      uint32_t nearest = 0;
      for (const LastNames::FullName& name : last_names_->names[l][id]) {
        std::optional<uint32_t> at = discourse->NamedInFull(sentence.index, name.person);
        if (at && (!person || *at > nearest)) {
          person = name.person;
          nearest = *at;
        }
      }
    }
    if (!person) continue;
    ActorMention m;
    m.first_token = k;
    m.end_token = k + 1;
    m.target = {MentionKind::kPerson, *person};
    m.first_clitics = clitics;
    m.stripped = clitics ? 1 : 0;
    m.surname = true;
    found.push_back(m);
  }
  if (found.empty()) return mentions;
  mentions.insert(mentions.end(), found.begin(), found.end());
  std::sort(mentions.begin(), mentions.end(), [](const ActorMention& a, const ActorMention& b) {
    return a.first_token < b.first_token;
  });
  return mentions;
}

std::vector<uint32_t> Coder::PeopleNamedInFull(const AnalyzedArticle& article,
                                               const SentenceInfo& sentence) const {
  // Not the actor matcher: a look-up of each word among the full names' last words, then a
  // comparison of the words before it. (Discourse asks this of every sentence before one with a
  // last name; the matcher made the coder a tenth slower.)
  std::vector<uint32_t> out;
  const Lang lang = sentence.lang;
  if (lang != Lang::kArabic && lang != Lang::kPersian) return out;
  const int l = lang == Lang::kArabic ? 0 : 1;
  const TokenizedText& text = article.text;
  const auto& toks = text.tokens();
  const Cues& cues = TheCues();
  const uint32_t first = sentence.span.first_token, end = sentence.span.end_token;
  for (uint32_t k = first + 1; k < end; ++k) {
    if (toks[k].kind != TokenKind::kWord) continue;
    const uint32_t id =
        last_names_->keys[l].Find(ActorDictionary::StoredKeyView(text.key(toks[k])));
    if (id == KeyTable::kNone) continue;
    for (const LastNames::FullName& name : last_names_->names[l][id]) {
      const uint32_t n = static_cast<uint32_t>(name.before.size());
      if (k < first + n) continue;
      bool match = true;
      for (uint32_t w = 0; w < n && match; ++w) {
        std::string_view key = text.key(toks[k - n + w]);
        // The name's first word may carry a conjunction or a preposition ("وفؤاد", "لفؤاد").
        if (w == 0 && lang == Lang::kArabic && key.size() > 4 &&
            ActorDictionary::StoredKeyView(key) != name.before[w] &&
            (StartsWith(key, cues.wa) || StartsWith(key, cues.fa) || StartsWith(key, cues.bi) ||
             StartsWith(key, cues.li)))
          key.remove_prefix(2);
        match = ActorDictionary::StoredKeyView(key) == name.before[w];
      }
      if (match) out.push_back(name.person);
    }
  }
  return out;
}

std::vector<ResolvedActor> Coder::NamedActors(const AnalyzedArticle& article,
                                              const SentenceInfo& sentence,
                                              Discourse* discourse) const {
  const TokenizedText& text = article.text;
  const uint32_t first = sentence.span.first_token, end = sentence.span.end_token;
  std::vector<ActorMention> mentions = Mentions(article, sentence, discourse);
  if (mentions.empty()) return {};
  std::vector<DateMention> dates =
      FindDates(text, first, end, sentence.lang, article.article->date);
  std::vector<ResolvedActor> actors = ResolveActors(
      SentenceContext(lexicon_, tenures_by_person_, article, sentence, dates, nullptr), mentions);
  std::erase_if(actors, [](const ResolvedActor& a) { return !a.antecedent.empty(); });
  return actors;
}

Discourse::Discourse(const Coder& coder, const AnalyzedArticle& article)
    : coder_(coder), article_(article), named_(article.sentences.size()) {}

Discourse::~Discourse() = default;

std::vector<Discourse::Earlier> Discourse::Before(uint32_t index) {
  std::vector<Earlier> out;
  for (uint32_t i = std::min<uint32_t>(index, static_cast<uint32_t>(named_.size()));
       i > 0 && out.size() < kWindow; --i) {
    const SentenceInfo& s = article_.sentences[i - 1];
    if (!s.coded()) continue;
    auto& named = named_[i - 1];
    if (!named) {
      named = std::make_unique<std::vector<ResolvedActor>>(coder_.NamedActors(article_, s, this));
    }
    out.push_back({s.index, named.get()});
  }
  return out;
}

std::optional<uint32_t> Discourse::NamedInFull(uint32_t index, uint32_t person) {
  // The article's sentences are scanned once each, in order, as far as asked.
  const uint32_t upto = std::min<uint32_t>(index, static_cast<uint32_t>(article_.sentences.size()));
  for (; scanned_ < upto; ++scanned_) {
    const SentenceInfo& s = article_.sentences[scanned_];
    if (!s.coded()) continue;
    for (uint32_t p : coder_.PeopleNamedInFull(article_, s)) in_full_.push_back({s.index, p});
  }
  for (auto it = in_full_.rbegin(); it != in_full_.rend(); ++it) {
    if (it->second == person && it->first < index) return it->first;
  }
  return std::nullopt;
}

WordMemo* Coder::Memo(const AnalyzedArticle& article) const {
  auto* memo = dynamic_cast<WordMemo*>(article.coder_scratch.get());
  return memo != nullptr && memo->owner() == this ? memo : nullptr;
}

void Coder::AttachScratch(AnalyzedArticle* article) const {
  if (Memo(*article) == nullptr) article->coder_scratch = std::make_unique<WordMemo>(this);
}

void Coder::ReadSentence(const AnalyzedArticle& article, const SentenceInfo& sentence,
                         SentenceReadings* out) const {
  const TokenizedText& text = article.text;
  const auto& toks = text.tokens();
  const Lang lang = sentence.lang;
  const uint32_t first = sentence.span.first_token, end = sentence.span.end_token;
  const KeyTable& trigger_keys = patterns_->keys[static_cast<size_t>(lang) & 3];
  WordMemo* memo = Memo(article);
  std::vector<TriggerReading>& t = out->triggers;
  std::vector<ActorReading>& a = out->actors.readings;
  t.clear();
  t.reserve(2 * (end - first));
  a.clear();
  out->trigger_at.assign(end - first + 1, 0);
  out->actors.offsets.assign(end - first + 1, 0);
  out->actors.joins.assign(end - first, 0);
  std::vector<uint64_t> hashes(memo ? end - first : 0);
  for (size_t i = 0; i < hashes.size(); ++i) {
    const Token& tok = toks[first + i];
    hashes[i] = WordMemo::Hash(text.key(tok), tok.kind == TokenKind::kWord, lang);
    memo->Prefetch(hashes[i]);
  }
  for (uint32_t k = first; k < end; ++k) {
    const std::string_view key = text.key(toks[k]);
    const bool word = toks[k].kind == TokenKind::kWord;
    out->trigger_at[k - first] = static_cast<uint32_t>(t.size());
    out->actors.offsets[k - first] = static_cast<uint32_t>(a.size());
    auto read = [&](std::vector<TriggerReading>& new_t, std::vector<ActorReading>& new_a) {
      AppendTriggerReadings(key, word, lang, trigger_keys, new_t);
      return actors_->ReadToken(key, word, lang, new_a);
    };
    out->actors.joins[k - first] =
        memo ? memo->Get(key, word, lang, hashes[k - first], read, t, a) : read(t, a);
  }
  out->trigger_at[end - first] = static_cast<uint32_t>(t.size());
  out->actors.offsets[end - first] = static_cast<uint32_t>(a.size());
}

void Coder::Code(AnalyzedArticle* article) const {
  AttachScratch(article);
  Discourse discourse(*this, *article);
  for (const SentenceInfo& s : article->sentences) {
    if (!s.coded()) continue;
    SentenceAnalysis a = AnalyzeSentence(*article, s, /*stop_early=*/true, nullptr, &discourse);
    for (Event& e : a.events) article->events.push_back(std::move(e));
  }
}

}  // namespace rasad
