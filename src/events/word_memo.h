// How words read against a coder's dictionaries (trigger stems, actor keys), remembered per worker
// thread from one article to the next. Running text repeats its words (in SaudiNewsNet the 16,000
// most frequent of 262,000 distinct words make 83 % of the tokens, 64,000 make 95 %): a word
// found here costs one look-up in a cache line instead of its clitic analysis and a look-up of
// every candidate stem. What is remembered is a pure function of the word, so the memo never
// changes what is coded.
//
// It is a fixed table of 64-byte slots, one slot per hash value (a newer word takes the slot of an
// older one), small enough to stay in the processor's cache: a table of every word seen was
// slower than no memo at all, as each look-up then went to main memory. Words with a longer key or
// more readings than a slot holds are not remembered. Internal to the coder.
#ifndef RASAD_SRC_EVENTS_WORD_MEMO_H_
#define RASAD_SRC_EVENTS_WORD_MEMO_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "rasad/actors.h"
#include "rasad/pipeline.h"
#include "src/base/key_table.h"

namespace rasad {

// One reading of a token for trigger look-up: the id of its key in the pattern index (kNone when
// no trigger has it) and the clitics taken off.
struct TriggerReading {
  uint32_t key;
  uint8_t clitics;
};

// How the tokens of a sentence read: for triggers (those of token first + k are
// triggers[trigger_at[k] .. trigger_at[k + 1])) and for actors.
struct SentenceReadings {
  std::vector<TriggerReading> triggers;
  std::vector<uint32_t> trigger_at;
  SpanReadings actors;
};

class WordMemo final : public CoderScratch {
 public:
  static constexpr size_t kSlots = size_t{1} << 16;

  // `owner` is the coder whose dictionaries the readings refer to.
  explicit WordMemo(const void* owner) : owner_(owner), slots_(kSlots) {}
  const void* owner() const { return owner_; }

  // Appends the trigger and actor readings of (key, word, lang) to `triggers` and `actors` and
  // returns whether the word may begin a compound (SpanReadings::joins). On a miss,
  // `read(triggers, actors)` appends them to the (empty) vectors it is given and returns that flag.
  // `hash` is Hash(key, word, lang), which a caller may compute ahead to Prefetch() the slot.
  template <class Read>
  bool Get(std::string_view key, bool word, Lang lang, uint64_t hash, Read&& read,
           std::vector<TriggerReading>& triggers, std::vector<ActorReading>& actors) {
    const uint8_t tag = Tag(word, lang);
    Slot* slot = nullptr;
    if (key.size() <= kMaxKey) {
      slot = &slots_[hash & (kSlots - 1)];
      if (slot->length == key.size() && slot->tag == tag &&
          std::memcmp(slot->key, key.data(), key.size()) == 0) {
        for (uint8_t i = 0; i < slot->trigger_count; ++i)
          triggers.push_back({slot->trigger_keys[i], slot->trigger_clitics[i]});
        for (uint8_t i = 0; i < slot->actor_count; ++i) actors.push_back(slot->actors[i]);
        return slot->may_join;
      }
    }
    new_triggers_.clear();
    new_actors_.clear();
    const bool may_join = read(new_triggers_, new_actors_);
    triggers.insert(triggers.end(), new_triggers_.begin(), new_triggers_.end());
    actors.insert(actors.end(), new_actors_.begin(), new_actors_.end());
    if (slot != nullptr && new_triggers_.size() <= kMaxTriggers &&
        new_actors_.size() <= kMaxActors) {
      slot->length = static_cast<uint8_t>(key.size());
      slot->tag = tag;
      slot->may_join = may_join;
      std::memcpy(slot->key, key.data(), key.size());
      slot->trigger_count = static_cast<uint8_t>(new_triggers_.size());
      for (size_t i = 0; i < new_triggers_.size(); ++i) {
        slot->trigger_keys[i] = new_triggers_[i].key;
        slot->trigger_clitics[i] = new_triggers_[i].clitics;
      }
      slot->actor_count = static_cast<uint8_t>(new_actors_.size());
      for (size_t i = 0; i < new_actors_.size(); ++i) slot->actors[i] = new_actors_[i];
    }
    return may_join;
  }

  static uint64_t Hash(std::string_view key, bool word, Lang lang) {
    return HashKeyBytes(key) ^ (uint64_t{Tag(word, lang)} * 0x9E3779B97F4A7C15ULL);
  }
  // Starts loading the slot of `hash` into the cache: the slots of a sentence's words are asked for
  // all at once, so that their loads from memory overlap instead of coming one after the other.
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (kSlots - 1)]); }

 private:
  static uint8_t Tag(bool word, Lang lang) {
    return static_cast<uint8_t>((static_cast<unsigned>(lang) << 1) | (word ? 1 : 0));
  }
  static constexpr size_t kMaxKey = 19, kMaxTriggers = 3, kMaxActors = 2;
  struct alignas(64) Slot {
    uint8_t length = UINT8_MAX;  // of the key; UINT8_MAX: empty
    uint8_t tag = 0;             // language and word-ness, part of the memo's key
    uint8_t trigger_count = 0, actor_count = 0;
    bool may_join = false;
    char key[kMaxKey];
    uint32_t trigger_keys[kMaxTriggers];
    uint8_t trigger_clitics[kMaxTriggers];
    ActorReading actors[kMaxActors];
  };
  static_assert(sizeof(Slot) == 64, "one cache line a slot");

  const void* owner_;
  std::vector<Slot> slots_;
  std::vector<TriggerReading> new_triggers_;
  std::vector<ActorReading> new_actors_;
};

}  // namespace rasad

#endif  // RASAD_SRC_EVENTS_WORD_MEMO_H_
