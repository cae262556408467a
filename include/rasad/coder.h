// The event coder: sentences in, coded events out. It compiles the lexicon's actors and event
// patterns once (tries over token keys) and then codes sentences with no shared mutable state, so
// one Coder serves every thread.
//
// For each sentence: actor mentions are found (actors.h) and resolved to actor codes — an agent
// joined with the country beside it ("وزير الخارجية الروسي" → RUSGOV), a person to the office held
// on the event's date (tenures), a capital to its government unless it is only a destination or a
// place; event patterns are found (verbs and event nouns, with Persian light verbs conjugated and
// "..." gaps); source and target come from the pattern's slots, word order (Arabic VSO/SVO, Persian
// SOV) and the prepositions the pattern names; coordinated actors yield one event per pair; the
// date is the sentence's own (time.h) or the article's; the place is a gazetteer name after في /
// در. Negation, intent/future and reported speech are flagged. An event without a source or a
// target is not emitted (explain shows it as partial).
#ifndef RASAD_CODER_H_
#define RASAD_CODER_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rasad/actors.h"
#include "rasad/lexicon.h"
#include "rasad/pipeline.h"

namespace rasad {

// An actor as coded: "RUSGOV", with its country, the words that named it and an English label.
struct ResolvedActor {
  uint32_t first_token = 0, end_token = 0;  // tokens of the mention (agent, adjective, name…)
  std::string code, country, name, label;
  bool place_only = false;          // a place, not an actor (a city; a capital after في/در)
  std::string prep;                 // the preposition that introduces it (key), "" when none
  bool joined_to_previous = false;  // "و" + this actor follows the previous one
  bool capital = false;             // a capital standing for its government ("موسكو ترى")
  bool doer = false;  // introduced as the doer of a passive ("من قبل", "على يد", "توسط", "از سوی")
  // A nationality adjective with no agent ("الغارات الروسية", "حملات سعودی"): only the doer of the
  // event noun it follows, never a party otherwise.
  bool adjective_only = false;
  MentionKind kind = MentionKind::kCountry;  // what named it: an agent with its state is kAgent
  // For a reference ("هذا البلد", "البلدين", "وی"): the actor it stands for and where that was
  // named ("سوئد, sentence 2"); empty for an actor named outright.
  std::string antecedent;
};

// One pattern match in a sentence, with what was decided about it (for explain).
struct PatternMatch {
  uint32_t first_token = 0, end_token = 0;  // the trigger's tokens
  size_t pattern = 0;                       // index into Lexicon::patterns
  bool negated = false, intent = false;
  std::vector<size_t> sources, targets;  // indexes into the sentence's actors
  std::string why;                       // how source and target were chosen, or why not
};

struct SentenceAnalysis {
  std::vector<ActorMention> mentions;
  std::vector<ResolvedActor> actors;
  std::vector<PatternMatch> matches;
  std::vector<Event> events;
};

class Coder;
class WordMemo;
struct SentenceReadings;

// What an article's earlier sentences named, for the references of a later one ("هذا البلد",
// "البلدين", "وی") and for a person's last name used alone ("معصوم" after "فؤاد معصوم"). It keeps
// each sentence's actors named outright — never its references, so no chain of guesses builds up
// — and the people it names in full, worked out the first time a later sentence needs them, so
// that an article without references or last names costs nothing. One per article, used on one
// thread.
class Discourse {
 public:
  // How many coded sentences back a reference looks.
  static constexpr uint32_t kWindow = 4;
  Discourse(const Coder& coder, const AnalyzedArticle& article);
  ~Discourse();
  struct Earlier {
    uint32_t index;                           // the sentence's index in the article
    const std::vector<ResolvedActor>* named;  // its actors named outright, in text order
  };
  // The coded sentences before sentence `index`, at most kWindow of them, nearest first.
  std::vector<Earlier> Before(uint32_t index);
  // Whether the article's coded sentences before sentence `index` name person `person` (an index
  // into Lexicon::people) in full, and the nearest such sentence's index.
  std::optional<uint32_t> NamedInFull(uint32_t index, uint32_t person);

 private:
  const Coder& coder_;
  const AnalyzedArticle& article_;
  std::vector<std::unique_ptr<std::vector<ResolvedActor>>> named_;  // by sentence index
  // (sentence index, person) for each person named in full, in text order, for the sentences
  // before scanned_.
  std::vector<std::pair<uint32_t, uint32_t>> in_full_;
  uint32_t scanned_ = 0;
};

class Coder : public EventCoder {
 public:
  // Loads `data_dir` (see Lexicon::Load) and compiles the matchers.
  static StatusOr<std::unique_ptr<Coder>> Load(const std::string& data_dir);
  // Compiles the matchers of an already loaded lexicon.
  explicit Coder(Lexicon lexicon);
  ~Coder() override;

  void Code(AnalyzedArticle* article) const override;

  // Codes one sentence of an analysed article, keeping every intermediate decision. With
  // `stop_early` (the batch path) a sentence without an actor or a trigger is left as soon as that
  // is known, with its analysis incomplete: it cannot yield an event. The events are the same.
  // With `times`, the time spent in the actor matcher and the date finder is added to it (for the
  // benchmark's per-stage figures; the rest of the call is the patterns' and the events').
  struct StageTimes {
    uint64_t actors_ns = 0, dates_ns = 0;
  };
  // With `discourse`, references resolve to actors of the article's earlier sentences too;
  // without it, only to actors named before them in the same sentence.
  SentenceAnalysis AnalyzeSentence(const AnalyzedArticle& article, const SentenceInfo& sentence,
                                   bool stop_early = false, StageTimes* times = nullptr,
                                   Discourse* discourse = nullptr) const;

  // The actors a sentence names outright (its references left out), as AnalyzeSentence resolves
  // them: what Discourse keeps of each sentence.
  std::vector<ResolvedActor> NamedActors(const AnalyzedArticle& article,
                                         const SentenceInfo& sentence,
                                         Discourse* discourse = nullptr) const;
  // The people a sentence names in full (a name of two words or more that a bare last name may
  // later stand for), as indexes into Lexicon::people: what Discourse keeps for last names.
  std::vector<uint32_t> PeopleNamedInFull(const AnalyzedArticle& article,
                                          const SentenceInfo& sentence) const;

  // Gives `article` (a worker's, reused from one article to the next) this coder's memo of how
  // words read against its dictionaries, unless it has it (see CoderScratch in pipeline.h). Code()
  // does this itself; a caller of AnalyzeSentence may, to code as fast. Results are the same.
  void AttachScratch(AnalyzedArticle* article) const;

  const Lexicon& lexicon() const { return lexicon_; }

 private:
  struct PatternIndex;
  Lexicon lexicon_;
  // Indexes into lexicon_.tenures by person id, in file order: a person's offices without a scan
  // of every tenure (which grows with the dictionary).
  std::unordered_map<std::string, std::vector<size_t>> tenures_by_person_;
  std::unique_ptr<ActorDictionary> actors_;
  std::unique_ptr<PatternIndex> patterns_;
  struct LastNames;
  std::unique_ptr<LastNames> last_names_;
  // The sentence's actor mentions: the dictionary's, and last names of people named in full
  // before them in the sentence or (with `discourse`) in the article. `readings`: the sentence's
  // actor readings when the caller has them (else they are read here).
  std::vector<ActorMention> Mentions(const AnalyzedArticle& article, const SentenceInfo& sentence,
                                     Discourse* discourse,
                                     const SpanReadings* readings = nullptr) const;
  // This coder's memo of word readings in the article's scratch, or null.
  WordMemo* Memo(const AnalyzedArticle& article) const;
  // How the sentence's tokens read, for triggers and for actors, through the memo (one look-up
  // per token for both).
  void ReadSentence(const AnalyzedArticle& article, const SentenceInfo& sentence,
                    SentenceReadings* out) const;
};

}  // namespace rasad

#endif  // RASAD_CODER_H_
