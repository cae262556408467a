// Actor look-up: every alias of every state, capital, nationality adjective, organization, person,
// state agent and place, compiled once into a trie over token keys, then matched against sentences.
//
// Matching is longest-first at each token. Each token may be matched through its clitic candidates
// (text.h), and a definite article is ignored inside phrases, so "وبالحكومة الروسية" finds the
// phrase "الحكومة" and the adjective "روسي(ة)"; the whole word is always preferred to a stripped
// one. A compiled ActorDictionary is immutable and shared by all threads.
#ifndef RASAD_ACTORS_H_
#define RASAD_ACTORS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "rasad/lexicon.h"
#include "rasad/text.h"

namespace rasad {

enum class MentionKind : uint8_t {
  kCountry,       // a state's name: روسيا
  kCapital,       // a capital used as a metonym or a place: موسكو
  kAdjective,     // a nationality adjective: الروسي
  kOrganization,  // IGOs, groups, named state institutions
  kPerson,
  kAgent,  // a role phrase to combine with a country: وزير الخارجية
  kPlace,  // a city or region from the gazetteer
  kReference,  // a word pointing back to an actor named before: هذا البلد، البلدين، وی
  kNonActor,  // a phrase that holds an actor's name and names none (non_actors.tsv): never output
};

const char* MentionKindName(MentionKind kind);

// What an alias names: the kind and the index of the entry in the Lexicon's vector for that kind.
struct AliasTarget {
  MentionKind kind;
  uint32_t entry;
};

struct ActorMention {
  uint32_t first_token = 0;  // token range [first_token, end_token) in the TokenizedText
  uint32_t end_token = 0;
  AliasTarget target;
  uint8_t first_clitics = 0;  // kClitic* flags stripped from the first token (e.g. a ل preposition)
  uint16_t stripped = 0;      // how many tokens matched through a stripped candidate (0 = exact)
  // A person's last name alone ("معصوم"), taken for the person because the article named them in
  // full before ("فؤاد معصوم"). Found by the coder (coder.h), never by the dictionary.
  bool surname = false;
};

// One way to read a token against the dictionary: the id of a stored key (only keys on some edge
// of the trie are kept) and the clitics stripped to get it (none when `exact`).
struct ActorReading {
  uint32_t key;
  int32_t root_child;  // the trie node under the root for this key, or -1 (asked once per word)
  uint8_t clitics;
  bool exact;
  bool article;  // the word carries the definite article (stripped as a clitic or from the key)
};

// The readings of the tokens [first, end) of a sentence: those of token first + k are
// readings[offsets[k] .. offsets[k + 1]); joins[k] is 1 when token first + k may begin a compound
// the text writes apart (its key begins some stored key). See ActorDictionary::ReadToken.
struct SpanReadings {
  std::vector<ActorReading> readings;
  std::vector<uint32_t> offsets;
  std::vector<uint8_t> joins;
};

class ActorDictionary {
 public:
  // Compiles every alias of `lexicon` (which must outlive the dictionary).
  static std::unique_ptr<ActorDictionary> Build(const Lexicon& lexicon);

  // Mentions in tokens [first, end) of `text`, left to right, longest first, not overlapping.
  // `lang` selects the aliases and the clitic inventory.
  std::vector<ActorMention> FindMentions(const TokenizedText& text, uint32_t first, uint32_t end,
                                         Lang lang) const;
  // The same with the tokens' readings given (ReadToken of each token, in order): a caller that
  // has seen a word before need not analyse it again.
  std::vector<ActorMention> FindMentions(const TokenizedText& text, uint32_t first, uint32_t end,
                                         Lang lang, const SpanReadings& readings) const;

  // How one token reads: appends to `out` the whole key if stored, then (for a word) its clitic
  // candidates whose stems are stored, each stem once; returns whether the key may begin a
  // compound written apart ("علی" of "علی اف"). A pure function of (key, word, lang).
  bool ReadToken(std::string_view key, bool word, Lang lang, std::vector<ActorReading>& out) const;

  const Lexicon& lexicon() const { return lexicon_; }
  size_t alias_count() const { return alias_count_; }
  size_t node_count() const { return nodes_.size(); }

  // The key form a phrase token is stored under: its key, with a leading ال removed when at least
  // two letters remain. Used for the dictionary and the text alike.
  static std::string StoredKey(std::string_view key);
  // The same, as a view into `key`.
  static std::string_view StoredKeyView(std::string_view key);

  ~ActorDictionary();

 private:
  explicit ActorDictionary(const Lexicon& lexicon);
  void Add(std::string_view phrase, Lang lang, AliasTarget target);
  void AddKeys(const std::vector<std::string>& keys, Lang lang, AliasTarget target,
               bool first_article);

  // Whether an alias reaching a node began with a word written with the article, without it, or
  // both (one entry per target).
  static constexpr uint8_t kWithArticle = 1, kWithoutArticle = 2;
  struct NodeTarget {
    AliasTarget target;
    uint8_t forms;  // kWithArticle | kWithoutArticle
  };
  struct Node {
    std::vector<NodeTarget> targets_ar, targets_fa;
  };
  // What the matcher asks of a node, in a flat array of its own (node_firsts_, built after the last
  // alias): the target in each language for a first word written with the article and without it.
  // A name does not take the article, so a person whose aliases here all begin without it is no
  // target for a word with it ("الكاميرون" is Cameroon, not Cameron); a word without it prefers a
  // person whose alias is written so ("كاميرون" is Cameron).
  struct NodeFirst {
    struct Choice {
      AliasTarget target{};
      bool has = false;
    };
    Choice by[2][2];  // [Persian][first word with the article]
  };
  // The trie's edges: token keys interned to ids, and (parent node, key id) → child node; both
  // flat hash tables (src/base/key_table.h).
  struct Index;
  const Lexicon& lexicon_;
  std::vector<Node> nodes_{1};  // node 0 is the root
  std::vector<NodeFirst> node_firsts_;
  std::vector<bool> persian_keys_;  // by key id, while building: the key is in a Persian alias
  std::unique_ptr<Index> index_;
  size_t alias_count_ = 0;
};

}  // namespace rasad

#endif  // RASAD_ACTORS_H_
