// Flat, open-addressing hash tables for the matchers' hot loops: interned token keys (string →
// dense id) and trie edges ((node, key id) → child). Built once, then only read, so they may be
// shared by all threads. Internal to the library.
#ifndef RASAD_SRC_BASE_KEY_TABLE_H_
#define RASAD_SRC_BASE_KEY_TABLE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace rasad {

// A fast, non-cryptographic hash of a short byte string (token keys are a few dozen bytes).
inline uint64_t HashKeyBytes(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xFF51AFD7ED558CCDULL);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last 1-7 bytes without a variable-length copy: two overlapping 4-byte loads, or three
    // single bytes (the length is already mixed in).
    uint64_t w;
    if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      w = (static_cast<uint64_t>(a) << 32) | b;
    } else {
      w = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
          (static_cast<uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) |
          static_cast<unsigned char>(p[n - 1]);
    }
    h = (h ^ w) * 0x94D049BB133111EBULL;
    h ^= h >> 32;
  }
  h *= 0xD6E8FEB86659FD93ULL;
  h ^= h >> 32;
  return h;
}

inline uint64_t HashU64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

// Interned strings: each distinct string added gets the next id (0, 1, 2, …).
class KeyTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The id of `key`, adding it when new.
  uint32_t Intern(std::string_view key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = HashKeyBytes(key);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.id == kNone) {
        s.id = static_cast<uint32_t>(offsets_.size());
        s.hash = h;
        offsets_.push_back(static_cast<uint32_t>(arena_.size()));
        lengths_.push_back(static_cast<uint32_t>(key.size()));
        arena_.append(key);
        ++size_;
        if (size_ > filter_.size() * 4) RebuildFilter();  // at least 16 bits a key
        filter_[(h >> 32) & (filter_.size() - 1)] |= FilterBits(h);
        return s.id;
      }
      if (s.hash == h && Get(s.id) == key) return s.id;
    }
  }

  // The id of `key`, or kNone.
  uint32_t Find(std::string_view key) const { return Find(key, HashKeyBytes(key)); }
  uint32_t Find(std::string_view key, uint64_t h) const {
    if (size_ == 0) return kNone;
    // Most look-ups are of keys that are not there (a word of running text against a
    // dictionary): a small Bloom filter, which stays in cache, answers those.
    const uint64_t bits = FilterBits(h);
    if ((filter_[(h >> 32) & (filter_.size() - 1)] & bits) != bits) return kNone;
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id == kNone) return kNone;
      if (s.hash == h && Get(s.id) == key) return s.id;
    }
  }

  std::string_view Get(uint32_t id) const {
    return std::string_view(arena_).substr(offsets_[id], lengths_[id]);
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const {
    return slots_.capacity() * sizeof(Slot) + arena_.capacity() + offsets_.capacity() * 8 +
           filter_.capacity() * 8;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = kNone;
  };
  // Two bits of one 64-bit block, both from the hash's low bits (the block from its high bits).
  static uint64_t FilterBits(uint64_t h) {
    return (uint64_t{1} << (h & 63)) | (uint64_t{1} << ((h >> 6) & 63));
  }
  void RebuildFilter() {
    filter_.assign(filter_.size() * 2, 0);
    for (const Slot& s : slots_) {
      if (s.id != kNone) filter_[(s.hash >> 32) & (filter_.size() - 1)] |= FilterBits(s.hash);
    }
  }
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(64, 0);
  void Grow() {
    std::vector<Slot> old(slots_.empty() ? 64 : slots_.size() * 2);
    old.swap(slots_);
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == kNone) continue;
      size_t i = s.hash & mask;
      while (slots_[i].id != kNone) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::string arena_;
  std::vector<uint32_t> offsets_, lengths_;
  size_t size_ = 0;
};

// A set of keys, looked up by hash: most words asked about are not in it, and the filter in front
// of the table answers those.
class KeySet {
 public:
  void Add(std::string_view key) { table_.Intern(key); }
  bool Has(std::string_view key) const { return table_.Find(key) != KeyTable::kNone; }

 private:
  KeyTable table_;
};

// (parent node, key id) → child node.
class EdgeTable {
 public:
  static constexpr int32_t kNone = -1;

  // The child under (node, key), or kNone.
  int32_t Find(int32_t node, uint32_t key) const {
    if (size_ == 0) return kNone;
    const uint64_t k = Pack(node, key);
    size_t mask = slots_.size() - 1;
    for (size_t i = HashU64(k) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.child == kNone) return kNone;
      if (s.key == k) return s.child;
    }
  }
  // Sets the child under (node, key); it must not be there yet.
  void Insert(int32_t node, uint32_t key, int32_t child) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Place(Pack(node, key), child);
    ++size_;
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t key = 0;
    int32_t child = kNone;
  };
  static uint64_t Pack(int32_t node, uint32_t key) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(node)) << 32) | key;
  }
  void Place(uint64_t k, int32_t child) {
    size_t mask = slots_.size() - 1;
    size_t i = HashU64(k) & mask;
    while (slots_[i].child != kNone) i = (i + 1) & mask;
    slots_[i] = {k, child};
  }
  void Grow() {
    std::vector<Slot> old(slots_.empty() ? 64 : slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.child != kNone) Place(s.key, s.child);
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace rasad

#endif  // RASAD_SRC_BASE_KEY_TABLE_H_
