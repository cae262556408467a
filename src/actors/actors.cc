#include "rasad/actors.h"

#include <algorithm>
#include <cstring>

#include "src/base/key_table.h"

namespace rasad {

const char* MentionKindName(MentionKind kind) {
  switch (kind) {
    case MentionKind::kCountry:
      return "country";
    case MentionKind::kCapital:
      return "capital";
    case MentionKind::kAdjective:
      return "adjective";
    case MentionKind::kOrganization:
      return "organization";
    case MentionKind::kPerson:
      return "person";
    case MentionKind::kAgent:
      return "agent";
    case MentionKind::kPlace:
      return "place";
    case MentionKind::kNonActor:
      return "non-actor";
    case MentionKind::kReference:
      return "reference";
  }
  return "?";
}

namespace {

constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال

size_t Letters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

struct ActorDictionary::Index {
  KeyTable keys;    // every token key on an edge of the trie
  EdgeTable edges;  // (parent, key id) → child
  // A Bloom filter over the prefixes of the Persian keys, and of those keys with ال before them: a
  // word that is in neither cannot begin a compound written apart (its key joined with the next
  // one's would be no stored key), so the matcher need not join it. Built after the last alias.
  std::vector<uint64_t> prefixes;

  // A hash of a byte string that extends one byte at a time, so that every prefix of a key is
  // hashed in one pass over it.
  static uint64_t Extend(uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001B3ULL; }
  static constexpr uint64_t kEmptyHash = 0xCBF29CE484222325ULL;
  static uint64_t Bits(uint64_t h) {
    h = HashU64(h);
    return (uint64_t{1} << (h & 63)) | (uint64_t{1} << ((h >> 6) & 63));
  }
  static size_t Block(uint64_t h, size_t blocks) { return HashU64(h ^ 0x5bd1e995) & (blocks - 1); }
  // Only the keys of Persian aliases (`persian`, by key id): compounds are joined in Persian only.
  // Only prefixes that end at a character boundary: the words asked about are whole.
  void BuildPrefixes(const std::vector<bool>& persian) {
    size_t total = kArticle.size();
    for (uint32_t id = 0; id < keys.size(); ++id) {
      if (id < persian.size() && persian[id]) total += keys.Get(id).size();
    }
    size_t blocks = 64;
    while (blocks * 4 < total) blocks *= 2;  // at least 16 bits a prefix
    prefixes.assign(blocks, 0);
    uint64_t article = kEmptyHash;
    for (unsigned char c : kArticle) {
      article = Extend(article, c);
      prefixes[Block(article, blocks)] |= Bits(article);
    }
    for (uint32_t id = 0; id < keys.size(); ++id) {
      if (id >= persian.size() || !persian[id]) continue;
      const std::string_view key = keys.Get(id);
      uint64_t bare = kEmptyHash, with_article = article;
      for (size_t i = 0; i < key.size(); ++i) {
        const unsigned char c = key[i];
        bare = Extend(bare, c);
        with_article = Extend(with_article, c);
        if (i + 1 < key.size() && (key[i + 1] & 0xC0) == 0x80) continue;  // inside a character
        prefixes[Block(bare, blocks)] |= Bits(bare);
        prefixes[Block(with_article, blocks)] |= Bits(with_article);
      }
    }
  }
  bool MayBePrefix(std::string_view key) const {
    if (key.empty()) return true;
    uint64_t h = kEmptyHash;
    for (unsigned char c : key) h = Extend(h, c);
    const uint64_t bits = Bits(h);
    return (prefixes[Block(h, prefixes.size())] & bits) == bits;
  }
};

ActorDictionary::ActorDictionary(const Lexicon& lexicon)
    : lexicon_(lexicon), index_(std::make_unique<Index>()) {}

ActorDictionary::~ActorDictionary() = default;

std::string_view ActorDictionary::StoredKeyView(std::string_view key) {
  // Letters(key) >= 4, without counting long keys through (a code point is at most 4 bytes).
  if (key.size() > kArticle.size() && key.substr(0, kArticle.size()) == kArticle &&
      (key.size() >= 16 || Letters(key) >= 4)) {
    return key.substr(kArticle.size());
  }
  return key;
}

std::string ActorDictionary::StoredKey(std::string_view key) {
  return std::string(StoredKeyView(key));
}

void ActorDictionary::Add(std::string_view phrase, Lang lang, AliasTarget target) {
  TokenizedText t;
  t.Analyze(phrase);
  if (t.tokens().empty()) return;
  std::vector<std::string> keys;
  for (const Token& tok : t.tokens()) keys.push_back(StoredKey(t.key(tok)));
  const bool first_article = keys[0].size() != t.key(t.tokens()[0]).size();
  AddKeys(keys, lang, target, first_article);
  // Persian writes compounds solid as often as spaced ("امور خارجه" / "امورخارجه"): store each
  // spelling with one pair of neighbours joined. (Text split where the dictionary is solid is
  // handled at match time.)
  if (lang == Lang::kPersian && keys.size() >= 2 && keys.size() <= 4) {
    for (size_t j = 0; j + 1 < keys.size(); ++j) {
      std::vector<std::string> joined;
      for (size_t k = 0; k < keys.size(); ++k) {
        if (k == j + 1) continue;
        joined.push_back(k == j ? keys[j] + std::string(t.key(t.tokens()[j + 1])) : keys[k]);
      }
      AddKeys(joined, lang, target, first_article);
    }
  }
}

void ActorDictionary::AddKeys(const std::vector<std::string>& keys, Lang lang, AliasTarget target,
                              bool first_article) {
  int32_t node = 0;
  for (const std::string& key : keys) {
    uint32_t id = index_->keys.Intern(key);
    if (lang == Lang::kPersian) {
      if (persian_keys_.size() <= id) persian_keys_.resize(id + 1);
      persian_keys_[id] = true;
    }
    int32_t child = index_->edges.Find(node, id);
    if (child == EdgeTable::kNone) {
      nodes_.emplace_back();
      child = static_cast<int32_t>(nodes_.size() - 1);
      index_->edges.Insert(node, id, child);
    }
    node = child;
  }
  auto& targets = lang == Lang::kPersian ? nodes_[node].targets_fa : nodes_[node].targets_ar;
  const uint8_t form = first_article ? kWithArticle : kWithoutArticle;
  for (NodeTarget& t : targets) {
    if (t.target.kind == target.kind && t.target.entry == target.entry) {
      t.forms |= form;  // "طالباني|الطالباني": both forms are the name
      return;
    }
  }
  targets.push_back({target, form});
  ++alias_count_;
}

std::unique_ptr<ActorDictionary> ActorDictionary::Build(const Lexicon& lex) {
  std::unique_ptr<ActorDictionary> d(new ActorDictionary(lex));
  auto add_all = [&](const std::vector<std::string>& aliases, Lang lang, MentionKind kind,
                     size_t i) {
    for (const std::string& a : aliases) d->Add(a, lang, {kind, static_cast<uint32_t>(i)});
  };
  for (size_t i = 0; i < lex.countries.size(); ++i) {
    const CountryEntry& c = lex.countries[i];
    add_all(c.names_ar, Lang::kArabic, MentionKind::kCountry, i);
    add_all(c.names_fa, Lang::kPersian, MentionKind::kCountry, i);
    add_all(c.adjectives_ar, Lang::kArabic, MentionKind::kAdjective, i);
    add_all(c.adjectives_fa, Lang::kPersian, MentionKind::kAdjective, i);
    add_all(c.capital_ar, Lang::kArabic, MentionKind::kCapital, i);
    add_all(c.capital_fa, Lang::kPersian, MentionKind::kCapital, i);
  }
  for (size_t i = 0; i < lex.organizations.size(); ++i) {
    const OrganizationEntry& o = lex.organizations[i];
    add_all(o.aliases_ar, Lang::kArabic, MentionKind::kOrganization, i);
    add_all(o.aliases_fa, Lang::kPersian, MentionKind::kOrganization, i);
    // Latin acronyms (NATO, BRICS) appear in both languages' press.
    add_all(o.aliases_en, Lang::kArabic, MentionKind::kOrganization, i);
    add_all(o.aliases_en, Lang::kPersian, MentionKind::kOrganization, i);
  }
  for (size_t i = 0; i < lex.people.size(); ++i) {
    add_all(lex.people[i].aliases_ar, Lang::kArabic, MentionKind::kPerson, i);
    add_all(lex.people[i].aliases_fa, Lang::kPersian, MentionKind::kPerson, i);
  }
  for (size_t i = 0; i < lex.agents.size(); ++i) {
    d->Add(lex.agents[i].phrase, lex.agents[i].lang,
           {MentionKind::kAgent, static_cast<uint32_t>(i)});
  }
  for (size_t i = 0; i < lex.references.size(); ++i) {
    d->Add(lex.references[i].phrase, lex.references[i].lang,
           {MentionKind::kReference, static_cast<uint32_t>(i)});
  }
  for (size_t i = 0; i < lex.non_actors.size(); ++i) {
    d->Add(lex.non_actors[i].phrase, lex.non_actors[i].lang,
           {MentionKind::kNonActor, static_cast<uint32_t>(i)});
  }
  for (size_t i = 0; i < lex.places.size(); ++i) {
    add_all(lex.places[i].aliases_ar, Lang::kArabic, MentionKind::kPlace, i);
    add_all(lex.places[i].aliases_fa, Lang::kPersian, MentionKind::kPlace, i);
  }
  d->index_->BuildPrefixes(d->persian_keys_);
  d->persian_keys_ = {};
  d->node_firsts_.resize(d->nodes_.size());
  // The target for a first word with the article: the first that is not a person named only
  // without it. Without the article: the first person whose alias is written so, else the first.
  auto choose = [](const std::vector<NodeTarget>& targets, NodeFirst::Choice(&by_article)[2]) {
    NodeFirst::Choice& article = by_article[1];
    NodeFirst::Choice& bare = by_article[0];
    for (const NodeTarget& t : targets) {
      if (t.target.kind == MentionKind::kPerson && !(t.forms & kWithArticle)) continue;
      article = {t.target, true};
      break;
    }
    for (const NodeTarget& t : targets) {
      if (t.target.kind != MentionKind::kPerson || !(t.forms & kWithoutArticle)) continue;
      bare = {t.target, true};
      break;
    }
    if (!bare.has && !targets.empty()) bare = {targets.front().target, true};
  };
  for (size_t i = 0; i < d->nodes_.size(); ++i) {
    choose(d->nodes_[i].targets_ar, d->node_firsts_[i].by[0]);
    choose(d->nodes_[i].targets_fa, d->node_firsts_[i].by[1]);
  }
  return d;
}

bool ActorDictionary::ReadToken(std::string_view key, bool word, Lang lang,
                                std::vector<ActorReading>& out) const {
  const KeyTable& keys = index_->keys;
  const size_t own = out.size();
  const std::string_view stored = StoredKeyView(key);
  uint32_t whole = keys.Find(stored);
  if (whole != KeyTable::kNone)
    out.push_back({whole, index_->edges.Find(0, whole), 0, true, stored.size() != key.size()});
  if (!word) return false;
  thread_local CliticCandidateSet cands;  // reused: no allocation per token
  cands.Compute(key, lang);
  for (const CliticCandidateSet::Item& c : cands) {
    const std::string_view stem = StoredKeyView(c.key);
    uint32_t id = keys.Find(stem);
    if (id == KeyTable::kNone) continue;
    bool seen = false;
    for (size_t r = own; r < out.size(); ++r) seen |= out[r].key == id;
    const bool article = (c.flags & kCliticArticle) || stem.size() != c.key.size();
    if (!seen) out.push_back({id, index_->edges.Find(0, id), c.flags, false, article});
  }
  return lang == Lang::kPersian && index_->MayBePrefix(key);  // joins are Persian only (below)
}

std::vector<ActorMention> ActorDictionary::FindMentions(const TokenizedText& text, uint32_t first,
                                                        uint32_t end, Lang lang) const {
  const auto& tokens = text.tokens();
  end = std::min<uint32_t>(end, static_cast<uint32_t>(tokens.size()));
  SpanReadings readings;
  for (uint32_t k = first; k < end; ++k) {
    readings.offsets.push_back(static_cast<uint32_t>(readings.readings.size()));
    readings.joins.push_back(ReadToken(text.key(tokens[k]), tokens[k].kind == TokenKind::kWord,
                                       lang, readings.readings));
  }
  readings.offsets.push_back(static_cast<uint32_t>(readings.readings.size()));
  return FindMentions(text, first, end, lang, readings);
}

std::vector<ActorMention> ActorDictionary::FindMentions(const TokenizedText& text, uint32_t first,
                                                        uint32_t end, Lang lang,
                                                        const SpanReadings& span) const {
  std::vector<ActorMention> out;
  const auto& tokens = text.tokens();
  end = std::min<uint32_t>(end, static_cast<uint32_t>(tokens.size()));
  if (first >= end) return out;
  const KeyTable& keys = index_->keys;
  const EdgeTable& edges = index_->edges;
  const std::vector<ActorReading>& readings = span.readings;
  const std::vector<uint32_t>& offsets = span.offsets;
  const bool persian = lang == Lang::kPersian;
  // The joined key of tokens (pos, pos + 1) — a compound the text splits with a space or ZWNJ —
  // interned, computed when first needed (kUnset).
  constexpr uint32_t kUnset = KeyTable::kNone - 1;
  std::vector<uint32_t> joined(end - first, kUnset);
  std::string joined_buf;
  auto joined_key = [&](uint32_t pos) {
    uint32_t& j = joined[pos - first];
    if (j == kUnset) {
      joined_buf.assign(text.key(tokens[pos]));
      joined_buf.append(text.key(tokens[pos + 1]));
      j = keys.Find(StoredKeyView(joined_buf));
    }
    return j;
  };

  struct Best {
    uint32_t end = 0;
    uint16_t stripped = 0;
    uint8_t clitics = 0;
    AliasTarget target{};
  };
  // Depth-first walk from token `pos` at trie `node`; records the longest, least-stripped match.
  auto walk = [&](auto&& self, int32_t node, uint32_t pos, uint16_t stripped, uint8_t clitics,
                  bool first_article, Best& best) -> void {
    if (pos >= end) return;
    for (uint32_t ri = offsets[pos - first]; ri < offsets[pos - first + 1]; ++ri) {
      const ActorReading& r = readings[ri];
      int32_t child = node == 0 ? r.root_child : edges.Find(node, r.key);
      if (child < 0) continue;
      uint16_t cost = stripped + (r.exact ? 0 : 1);
      uint8_t cl = node == 0 ? r.clitics : clitics;
      const bool article = node == 0 ? r.article : first_article;
      const NodeFirst::Choice& choice = node_firsts_[child].by[persian][article];
      const bool has = choice.has;
      const AliasTarget& front = choice.target;
      // A pronoun suffix goes on a role ("نظيره", "وزارتها"), never on a name: "تنفي" (denies) is
      // not التنف with "my".
      const bool name_with_pronoun =
          has && (r.clitics & kCliticPronoun) && front.kind != MentionKind::kAgent;
      if (has && !name_with_pronoun &&
          (pos + 1 > best.end || (pos + 1 == best.end && cost < best.stripped))) {
        best = {pos + 1, cost, cl, front};
      }
      self(self, child, pos + 1, cost, cl, article, best);
    }
    // A Persian compound the text splits with a space or ZWNJ ("علی اف") read as one solid word.
    // Not in Arabic, which writes a name's parts apart or together in the dictionary itself
    // ("عبد الله" / "عبدالله"): there two short words joined were only ever another name, never
    // the one meant ("عن أن" read as Annan, "إلى من" as اليمن).
    if (persian && pos + 1 < end && span.joins[pos - first] &&
        tokens[pos].kind == TokenKind::kWord && tokens[pos + 1].kind == TokenKind::kWord) {
      uint32_t id = joined_key(pos);
      int32_t child = id == KeyTable::kNone ? -1 : edges.Find(node, id);
      if (child >= 0) {
        const NodeFirst::Choice& choice = node_firsts_[child].by[persian][first_article];
        if (choice.has && pos + 2 > best.end) best = {pos + 2, stripped, clitics, choice.target};
        self(self, child, pos + 2, stripped, clitics, first_article, best);
      }
    }
  };
  uint32_t i = first;
  while (i < end) {
    Best best;
    walk(walk, 0, i, 0, 0, false, best);
    if (best.end > i && best.target.kind == MentionKind::kNonActor) {
      i = best.end;  // "مسقط رأس": its words are no actor
    } else if (best.end > i) {
      ActorMention m;
      m.first_token = i;
      m.end_token = best.end;
      m.target = best.target;
      m.first_clitics = best.clitics;
      m.stripped = best.stripped;
      out.push_back(m);
      i = best.end;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace rasad
