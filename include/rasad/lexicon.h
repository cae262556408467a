// The lexicon: every dictionary, gazetteer, code table and pattern list under data/, parsed and
// validated. Loading reports each bad line as "file:line: message" (all of them, up to a cap), so a
// dictionary maintainer sees every mistake at once. A loaded Lexicon is immutable and may be shared
// by all threads; the matchers (actors, events) are compiled from it.
#ifndef RASAD_LEXICON_H_
#define RASAD_LEXICON_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rasad/article.h"
#include "rasad/status.h"
#include "rasad/tsv.h"

namespace rasad {

// "a|b| c" → {"a", "b", "c"}: trimmed, empty alternatives dropped.
std::vector<std::string> SplitAlternatives(std::string_view s);

struct CountryEntry {
  std::string code, name_en;
  std::vector<std::string> names_ar, names_fa, adjectives_ar, adjectives_fa;
  std::string capital_en;
  std::vector<std::string> capital_ar, capital_fa;
  size_t line = 0;
};

struct OrganizationEntry {
  std::string code, name_en;
  std::vector<std::string> aliases_ar, aliases_fa, aliases_en;
  size_t line = 0;
};

struct PersonEntry {
  std::string id, name_en;
  std::vector<std::string> aliases_ar, aliases_fa;
  size_t line = 0;
};

struct TenureEntry {
  std::string person_id, actor_code, office_en;
  Date start, end;  // end empty: still in office
  size_t line = 0;
};

struct AgentEntry {
  std::string role;  // GOV, MIL, …
  Lang lang = Lang::kUnknown;
  std::string phrase, label_en;
  size_t line = 0;
};

// A word that points back to an actor named before it ("هذا البلد", "البلدين", "وی"); the coder
// resolves it from the sentence so far and the article's earlier sentences.
enum class ReferenceKind : uint8_t {
  kThisCountry,    // "this country": the nearest state named before
  kBothCountries,  // "the two countries / sides": the two nearest different parties named before
  kSpeaker,        // "he / she" as a subject: the nearest person or office holder named before
  kThisGroup,  // "the organization / the coalition": the nearest of some organizations named before
};
const char* ReferenceKindName(ReferenceKind kind);
// Whether the organization `code` is one a this_group reference lists as `listed` ("YEMHTI", or
// "IMG*" for every code that begins IMG).
bool ListedCodeMatches(std::string_view listed, std::string_view code);

struct ReferenceEntry {
  ReferenceKind kind = ReferenceKind::kThisCountry;
  Lang lang = Lang::kUnknown;
  std::string phrase;
  // A role the phrase names with the states ("الوزيرين": the two states' GOV), or empty.
  std::string role;
  // this_group: the organization codes it may stand for ("IMG*": every code that begins so).
  std::vector<std::string> codes;
  size_t line = 0;
};

// A phrase that holds an actor's name and names no actor ("مسقط رأس": birthplace, not Muscat). The
// actor matcher reads it as a whole, so that its words are not taken for the actor, and drops it.
struct NonActorEntry {
  Lang lang = Lang::kUnknown;
  std::string phrase;
  std::string why;  // what the phrase means, for the maintainer
  size_t line = 0;
};

struct PlaceEntry {
  std::string name_en, country, kind;
  std::vector<std::string> aliases_ar, aliases_fa;
  size_t line = 0;
};

struct CameoEntry {
  std::string code, label_en;
  double goldstein = 0;
  int quad = 0;
  std::string plover;
  size_t line = 0;
};

struct PatternEntry {
  std::string code;
  Lang lang = Lang::kUnknown;
  bool noun = false;                  // form: noun (else verb)
  std::vector<std::string> triggers;  // alternatives, as written
  std::vector<std::string> target_preps;
  bool target_obj = false;  // the target may be the direct object
  bool passive = false, symmetric = false;
  size_t line = 0;
};

// The role codes of data/README.md.
bool IsRoleCode(std::string_view role);

// The Persian light verbs a pattern may name as `+verb`.
bool IsLightVerb(std::string_view infinitive);

struct Lexicon {
  std::vector<CountryEntry> countries;
  std::vector<OrganizationEntry> organizations;
  std::vector<PersonEntry> people;
  std::vector<TenureEntry> tenures;
  std::vector<AgentEntry> agents;
  std::vector<ReferenceEntry> references;
  std::vector<NonActorEntry> non_actors;
  std::vector<PlaceEntry> places;
  std::vector<CameoEntry> codes;
  std::vector<PatternEntry> patterns;
  std::map<std::string, size_t> code_index;  // CAMEO code → index in `codes`

  // Loads every file under `data_dir` (layout in data/README.md) and checks the references between
  // them (a tenure's person exists, a pattern's code is in the CAMEO table, a place's country is a
  // known state).
  static StatusOr<Lexicon> Load(const std::string& data_dir);

  // Parsers for each file's content; `name` is used in messages. Exposed for tests.
  Status ParseCountries(std::string_view content, const std::string& name);
  Status ParseOrganizations(std::string_view content, const std::string& name);
  Status ParsePeople(std::string_view content, const std::string& name);
  Status ParseTenures(std::string_view content, const std::string& name);
  Status ParseAgents(std::string_view content, const std::string& name);
  Status ParseReferences(std::string_view content, const std::string& name);
  Status ParseNonActors(std::string_view content, const std::string& name);
  Status ParsePlaces(std::string_view content, const std::string& name);
  Status ParseCodes(std::string_view content, const std::string& name);
  Status ParsePatterns(std::string_view content, const std::string& name, Lang lang);
  // Cross-file checks, after all files are parsed.
  Status CheckReferences(const std::string& data_dir) const;
};

}  // namespace rasad

#endif  // RASAD_LEXICON_H_
