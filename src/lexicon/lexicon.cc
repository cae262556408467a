#include "rasad/lexicon.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace rasad {
namespace {

constexpr size_t kMaxErrors = 50;  // errors listed per load, as ForEachTsvRow does

std::string_view Trim(std::string_view s) { return TrimSpaces(s); }

bool IsUpperCode(std::string_view s, size_t min, size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// CAMEO-style actor codes: three capitals, then capitals or digits (RUSGOV, IGOG20, IGOP5P1).
bool IsActorCode(std::string_view s) {
  if (s.size() < 3 || s.size() > 15) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'A' && c <= 'Z') || (i >= 3 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

bool IsCameoCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 4) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  int root = (s[0] - '0') * 10 + (s[1] - '0');
  return root >= 1 && root <= 20;
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every entry needs at least one alias to be matched by; an empty list is a mistake.
Status NeedAliases(const std::vector<std::string>& a, const std::vector<std::string>& b,
                   const char* what) {
  if (a.empty() && b.empty()) return InvalidArgument(std::string("no ") + what);
  return Status::Ok();
}

StatusOr<Date> ParseOptionalDate(std::string_view s, const char* what) {
  if (s.empty()) return Date();
  auto d = ParseDate(s);
  if (!d.ok()) return InvalidArgument(std::string(what) + ": " + d.status().message());
  return d;
}

bool DateBefore(const Date& a, const Date& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

}  // namespace

std::vector<std::string> SplitAlternatives(std::string_view s) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p <= s.size()) {
    size_t bar = s.find('|', p);
    std::string_view part = Trim(s.substr(p, bar == std::string_view::npos ? bar : bar - p));
    if (!part.empty()) out.emplace_back(part);
    if (bar == std::string_view::npos) break;
    p = bar + 1;
  }
  return out;
}

bool IsRoleCode(std::string_view role) {
  static const std::set<std::string_view> kRoles = {"GOV", "MIL", "COP", "SPY", "LEG",
                                                    "JUD", "OPP", "REB", "MED", "BUS",
                                                    "CVL", "REF", "EDU", "HLH"};
  return kRoles.count(role) > 0;
}

bool IsLightVerb(std::string_view v) {
  static const std::set<std::string_view> kVerbs = {"کردن",  "شدن",    "دادن",    "داشتن", "زدن",
                                                    "گرفتن", "کشیدن",  "نمودن",   "آمدن",  "رفتن",
                                                    "ساختن", "گذاشتن", "انداختن", "گفتن"};
  return kVerbs.count(v) > 0;
}

Status Lexicon::ParseCountries(std::string_view content, const std::string& name) {
  std::set<std::string> seen;
  for (const auto& c : countries) seen.insert(c.code);
  return ForEachTsvRow(content, name, 9, [&](const TsvRow& r) -> Status {
    CountryEntry e;
    e.code = r.cols[0];
    if (!IsUpperCode(e.code, 3, 3))
      return InvalidArgument("country code must be 3 capital letters: '" + e.code + "'");
    if (!seen.insert(e.code).second) return InvalidArgument("duplicate country code " + e.code);
    e.name_en = r.cols[1];
    if (e.name_en.empty()) return InvalidArgument("empty English name");
    e.names_ar = SplitAlternatives(r.cols[2]);
    e.names_fa = SplitAlternatives(r.cols[3]);
    e.adjectives_ar = SplitAlternatives(r.cols[4]);
    e.adjectives_fa = SplitAlternatives(r.cols[5]);
    e.capital_en = r.cols[6];
    e.capital_ar = SplitAlternatives(r.cols[7]);
    e.capital_fa = SplitAlternatives(r.cols[8]);
    Status s = NeedAliases(e.names_ar, e.names_fa, "Arabic or Persian name");
    if (!s.ok()) return s;
    e.line = r.line;
    countries.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::ParseOrganizations(std::string_view content, const std::string& name) {
  std::set<std::string> seen;
  for (const auto& o : organizations) seen.insert(o.code);
  return ForEachTsvRow(content, name, 5, [&](const TsvRow& r) -> Status {
    OrganizationEntry e;
    e.code = r.cols[0];
    if (!IsActorCode(e.code)) {
      return InvalidArgument(
          "organization code must be 3 capital letters then 2-12 capitals or digits: '" + e.code +
          "'");
    }
    if (!seen.insert(e.code).second)
      return InvalidArgument("duplicate organization code " + e.code);
    e.name_en = r.cols[1];
    e.aliases_ar = SplitAlternatives(r.cols[2]);
    e.aliases_fa = SplitAlternatives(r.cols[3]);
    e.aliases_en = SplitAlternatives(r.cols[4]);
    Status s = NeedAliases(e.aliases_ar, e.aliases_fa, "Arabic or Persian alias");
    if (!s.ok()) return s;
    e.line = r.line;
    organizations.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::ParsePeople(std::string_view content, const std::string& name) {
  std::set<std::string> seen;
  for (const auto& p : people) seen.insert(p.id);
  return ForEachTsvRow(content, name, 4, [&](const TsvRow& r) -> Status {
    PersonEntry e;
    e.id = r.cols[0];
    if (e.id.empty()) return InvalidArgument("empty person id");
    for (char c : e.id) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return InvalidArgument("person id must be lower-case ascii, digits and _: '" + e.id + "'");
      }
    }
    if (!seen.insert(e.id).second) return InvalidArgument("duplicate person id " + e.id);
    e.name_en = r.cols[1];
    e.aliases_ar = SplitAlternatives(r.cols[2]);
    e.aliases_fa = SplitAlternatives(r.cols[3]);
    Status s = NeedAliases(e.aliases_ar, e.aliases_fa, "Arabic or Persian alias");
    if (!s.ok()) return s;
    e.line = r.line;
    people.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::ParseTenures(std::string_view content, const std::string& name) {
  return ForEachTsvRow(content, name, 5, [&](const TsvRow& r) -> Status {
    TenureEntry e;
    e.person_id = r.cols[0];
    e.actor_code = r.cols[1];
    e.office_en = r.cols[2];
    if (e.person_id.empty()) return InvalidArgument("empty person id");
    if (!IsActorCode(e.actor_code)) return InvalidArgument("bad actor code '" + e.actor_code + "'");
    if (e.office_en.empty()) return InvalidArgument("empty office");
    auto start = ParseOptionalDate(r.cols[3], "start");
    if (!start.ok()) return start.status();
    if (start->empty()) return InvalidArgument("empty start date");
    auto end = ParseOptionalDate(r.cols[4], "end");
    if (!end.ok()) return end.status();
    e.start = *start;
    e.end = *end;
    if (!e.end.empty() && DateBefore(e.end, e.start)) return InvalidArgument("end is before start");
    e.line = r.line;
    tenures.push_back(std::move(e));
    return Status::Ok();
  });
}

namespace {

// The language column of a dictionary row: ar or fa.
Status ArabicOrPersian(std::string_view col, Lang* lang) {
  *lang = LangFromCode(col);
  if (*lang == Lang::kArabic || *lang == Lang::kPersian) return Status::Ok();
  return InvalidArgument("lang must be ar or fa, not '" + std::string(col) + "'");
}

}  // namespace

Status Lexicon::ParseAgents(std::string_view content, const std::string& name) {
  return ForEachTsvRow(content, name, 4, [&](const TsvRow& r) -> Status {
    AgentEntry e;
    e.role = r.cols[0];
    if (!IsRoleCode(e.role)) return InvalidArgument("unknown role '" + e.role + "'");
    if (Status s = ArabicOrPersian(r.cols[1], &e.lang); !s.ok()) return s;
    e.phrase = r.cols[2];
    if (e.phrase.empty()) return InvalidArgument("empty phrase");
    e.label_en = r.cols[3];
    e.line = r.line;
    agents.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::ParseNonActors(std::string_view content, const std::string& name) {
  return ForEachTsvRow(content, name, 3, [&](const TsvRow& r) -> Status {
    NonActorEntry e;
    if (Status s = ArabicOrPersian(r.cols[0], &e.lang); !s.ok()) return s;
    e.phrase = r.cols[1];
    if (e.phrase.find(' ') == std::string::npos)
      return InvalidArgument("'" + e.phrase +
                             "' is one word: a phrase of two words or more (a lone word that names "
                             "no actor is removed from the dictionary instead)");
    e.why = r.cols[2];
    if (e.why.empty()) return InvalidArgument("say what the phrase means (third column)");
    e.line = r.line;
    non_actors.push_back(std::move(e));
    return Status::Ok();
  });
}

const char* ReferenceKindName(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kThisCountry:
      return "this_country";
    case ReferenceKind::kBothCountries:
      return "both_countries";
    case ReferenceKind::kSpeaker:
      return "speaker";
    case ReferenceKind::kThisGroup:
      return "this_group";
  }
  return "?";
}

bool ListedCodeMatches(std::string_view listed, std::string_view code) {
  if (listed.ends_with('*')) return code.starts_with(listed.substr(0, listed.size() - 1));
  return code == listed;
}

Status Lexicon::ParseReferences(std::string_view content, const std::string& name) {
  return ForEachTsvRow(content, name, 4, [&](const TsvRow& r) -> Status {
    ReferenceEntry e;
    bool known = false;
    for (ReferenceKind k : {ReferenceKind::kThisCountry, ReferenceKind::kBothCountries,
                            ReferenceKind::kSpeaker, ReferenceKind::kThisGroup}) {
      if (r.cols[0] == ReferenceKindName(k)) {
        e.kind = k;
        known = true;
      }
    }
    if (!known) {
      return InvalidArgument("unknown reference kind '" + std::string(r.cols[0]) +
                             "' (want this_country, both_countries, speaker or this_group)");
    }
    if (Status s = ArabicOrPersian(r.cols[1], &e.lang); !s.ok()) return s;
    e.phrase = r.cols[2];
    if (e.phrase.empty()) return InvalidArgument("empty phrase");
    if (e.kind == ReferenceKind::kThisGroup) {
      // The fourth column lists the organization codes the phrase may stand for.
      if (r.cols[3].empty())
        return InvalidArgument("this_group needs the codes it may stand for (e.g. IMG*|YEMHTI)");
      for (const std::string& code_s : SplitAlternatives(r.cols[3])) {
        std::string_view code = code_s;
        std::string_view stem = code.ends_with('*') ? code.substr(0, code.size() - 1) : code;
        bool letters = !stem.empty() && stem.size() <= 9;
        for (char ch : stem) letters &= ch >= 'A' && ch <= 'Z';
        if (!letters)
          return InvalidArgument("bad organization code '" + std::string(code) +
                                 "' (capital letters, a trailing * for every code so begun)");
        e.codes.emplace_back(code);
      }
      e.line = r.line;
      references.push_back(std::move(e));
      return Status::Ok();
    }
    e.role = r.cols[3];
    if (!e.role.empty() && !IsRoleCode(e.role))
      return InvalidArgument("unknown role '" + e.role + "'");
    if (!e.role.empty() && e.kind == ReferenceKind::kSpeaker)
      return InvalidArgument("a speaker takes the role of whom it stands for; give none");
    e.line = r.line;
    references.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::ParsePlaces(std::string_view content, const std::string& name) {
  std::set<std::string> seen;
  for (const auto& p : places) seen.insert(p.name_en);
  return ForEachTsvRow(content, name, 5, [&](const TsvRow& r) -> Status {
    PlaceEntry e;
    e.name_en = r.cols[0];
    e.country = r.cols[1];
    e.kind = r.cols[2];
    if (e.name_en.empty()) return InvalidArgument("empty place name");
    if (!seen.insert(e.name_en).second) return InvalidArgument("duplicate place " + e.name_en);
    if (!IsUpperCode(e.country, 3, 3))
      return InvalidArgument("bad country code '" + e.country + "'");
    if (e.kind != "capital" && e.kind != "city" && e.kind != "region") {
      return InvalidArgument("kind must be capital, city or region, not '" + e.kind + "'");
    }
    e.aliases_ar = SplitAlternatives(r.cols[3]);
    e.aliases_fa = SplitAlternatives(r.cols[4]);
    e.line = r.line;
    places.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::ParseCodes(std::string_view content, const std::string& name) {
  static const std::set<std::string_view> kPlover = {
      "AGREE",  "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",      "RETREAT", "REQUEST",
      "ACCUSE", "REJECT",  "THREATEN", "PROTEST", "SANCTION",  "MOBILIZE", "COERCE",  "ASSAULT"};
  return ForEachTsvRow(content, name, 5, [&](const TsvRow& r) -> Status {
    CameoEntry e;
    e.code = r.cols[0];
    if (!IsCameoCode(e.code)) return InvalidArgument("bad CAMEO code '" + e.code + "'");
    if (code_index.count(e.code)) return InvalidArgument("duplicate code " + e.code);
    e.label_en = r.cols[1];
    if (e.label_en.empty()) return InvalidArgument("empty label");
    char* end = nullptr;
    std::string g(r.cols[2]);
    e.goldstein = std::strtod(g.c_str(), &end);
    if (g.empty() || *end != '\0' || e.goldstein < -10 || e.goldstein > 10) {
      return InvalidArgument("goldstein must be a number from -10 to 10, not '" + g + "'");
    }
    if (r.cols[3].size() != 1 || r.cols[3][0] < '1' || r.cols[3][0] > '4') {
      return InvalidArgument("quad must be 1, 2, 3 or 4");
    }
    e.quad = r.cols[3][0] - '0';
    e.plover = r.cols[4];
    if (!kPlover.count(e.plover)) return InvalidArgument("unknown PLOVER type '" + e.plover + "'");
    e.line = r.line;
    code_index[e.code] = codes.size();
    codes.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::ParsePatterns(std::string_view content, const std::string& name, Lang lang) {
  return ForEachTsvRow(content, name, 5, [&](const TsvRow& r) -> Status {
    PatternEntry e;
    e.lang = lang;
    e.code = r.cols[0];
    if (!IsCameoCode(e.code)) return InvalidArgument("bad CAMEO code '" + e.code + "'");
    if (r.cols[1] == "noun") {
      e.noun = true;
    } else if (r.cols[1] != "verb") {
      return InvalidArgument("form must be verb or noun, not '" + std::string(r.cols[1]) + "'");
    }
    e.triggers = SplitAlternatives(r.cols[2]);
    if (e.triggers.empty()) return InvalidArgument("no trigger");
    for (const std::string& t : e.triggers) {
      size_t p = 0;
      while ((p = t.find('+', p)) != std::string::npos) {
        size_t end = t.find(' ', p);
        std::string_view verb =
            std::string_view(t).substr(p + 1, end == std::string::npos ? end : end - p - 1);
        if (lang != Lang::kPersian || !IsLightVerb(verb)) {
          return InvalidArgument("'+" + std::string(verb) + "' is not a known Persian light verb");
        }
        p = p + 1;
      }
      if (t.rfind("...", 0) == 0 || (t.size() >= 3 && t.compare(t.size() - 3, 3, "...") == 0)) {
        return InvalidArgument("a trigger cannot start or end with '...': '" + t + "'");
      }
    }
    std::string_view target = r.cols[3];
    if (target.empty()) return InvalidArgument("empty target column (use - for none)");
    if (target != "-") {
      for (std::string& t : SplitAlternatives(target)) {
        if (t == "obj") {
          e.target_obj = true;
        } else {
          e.target_preps.push_back(std::move(t));
        }
      }
    }
    std::string flags(r.cols[4]);
    size_t p = 0;
    while (p < flags.size()) {
      size_t comma = flags.find(',', p);
      std::string f(Trim(std::string_view(flags).substr(
          p, comma == std::string::npos ? std::string::npos : comma - p)));
      if (f == "passive") {
        e.passive = true;
      } else if (f == "symmetric") {
        e.symmetric = true;
      } else if (!f.empty()) {
        return InvalidArgument("unknown flag '" + f + "' (want passive, symmetric)");
      }
      if (comma == std::string::npos) break;
      p = comma + 1;
    }
    e.line = r.line;
    patterns.push_back(std::move(e));
    return Status::Ok();
  });
}

Status Lexicon::CheckReferences(const std::string& data_dir) const {
  std::vector<std::string> errors;
  std::set<std::string> people_ids, states;
  for (const auto& p : people) people_ids.insert(p.id);
  for (const auto& c : countries) states.insert(c.code);
  for (const auto& t : tenures) {
    if (!people_ids.count(t.person_id)) {
      errors.push_back(data_dir + "/actors/tenures.tsv:" + std::to_string(t.line) +
                       ": unknown person '" + t.person_id + "'");
    }
  }
  for (const auto& pl : places) {
    if (!states.count(pl.country)) {
      errors.push_back(data_dir + "/places/gazetteer.tsv:" + std::to_string(pl.line) +
                       ": unknown country '" + pl.country + "'");
    }
  }
  for (const auto& p : patterns) {
    if (!code_index.count(p.code)) {
      errors.push_back(data_dir + "/events/patterns_" + LangCode(p.lang) + ".tsv:" +
                       std::to_string(p.line) + ": code " + p.code + " is not in cameo/codes.tsv");
    }
  }
  // A group reference stands for organizations of organizations.tsv: each code it lists is one,
  // or begins one.
  for (const auto& r : references) {
    for (const std::string& code : r.codes) {
      bool found = false;
      for (const auto& o : organizations) found |= ListedCodeMatches(code, o.code);
      if (!found) {
        errors.push_back(data_dir + "/actors/references.tsv:" + std::to_string(r.line) +
                         ": no organization has the code " + code);
      }
    }
  }
  for (const auto& c : codes) {
    if (c.code.size() > 2 && !code_index.count(c.code.substr(0, 2))) {
      errors.push_back(data_dir + "/cameo/codes.tsv:" + std::to_string(c.line) + ": root " +
                       c.code.substr(0, 2) + " is missing");
    }
  }
  if (errors.empty()) return Status::Ok();
  std::string msg;
  for (size_t i = 0; i < errors.size() && i < kMaxErrors; ++i) msg += (i ? "\n" : "") + errors[i];
  if (errors.size() > kMaxErrors)
    msg += "\n… and " + std::to_string(errors.size() - kMaxErrors) + " more";
  return InvalidArgument(msg);
}

StatusOr<Lexicon> Lexicon::Load(const std::string& data_dir) {
  Lexicon lex;
  struct File {
    const char* path;
    std::function<Status(Lexicon&, std::string_view, const std::string&)> parse;
  };
  const File files[] = {
      {"cameo/codes.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) { return l.ParseCodes(c, n); }},
      {"actors/countries.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) { return l.ParseCountries(c, n); }},
      {"actors/organizations.tsv", [](Lexicon& l, std::string_view c,
                                      const std::string& n) { return l.ParseOrganizations(c, n); }},
      {"actors/people.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) { return l.ParsePeople(c, n); }},
      {"actors/tenures.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) { return l.ParseTenures(c, n); }},
      {"actors/agents.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) { return l.ParseAgents(c, n); }},
      {"actors/references.tsv", [](Lexicon& l, std::string_view c,
                                   const std::string& n) { return l.ParseReferences(c, n); }},
      {"actors/non_actors.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) { return l.ParseNonActors(c, n); }},
      {"places/gazetteer.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) { return l.ParsePlaces(c, n); }},
      {"events/patterns_ar.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) {
         return l.ParsePatterns(c, n, Lang::kArabic);
       }},
      {"events/patterns_fa.tsv",
       [](Lexicon& l, std::string_view c, const std::string& n) {
         return l.ParsePatterns(c, n, Lang::kPersian);
       }},
  };
  std::string errors;
  for (const File& f : files) {
    std::string path = data_dir + "/" + f.path;
    auto content = ReadFile(path);
    Status s = content.ok() ? f.parse(lex, *content, path) : content.status();
    if (!s.ok()) errors += (errors.empty() ? "" : "\n") + s.message();
  }
  if (!errors.empty()) return InvalidArgument(errors);
  Status refs = lex.CheckReferences(data_dir);
  if (!refs.ok()) return refs;
  return lex;
}

}  // namespace rasad
