// HTML → article text, and the boilerplate rules shared with plain-text input.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "rasad/ingest.h"
#include "rasad/text.h"
#include "rasad/tsv.h"

namespace rasad {

StatusOr<Boilerplate> Boilerplate::Parse(std::string_view content, const std::string& name) {
  Boilerplate b;
  Status s = ForEachTsvRow(content, name, 2, [&](const TsvRow& r) -> Status {
    std::string key = Key(r.cols[1]);
    if (key.empty()) return InvalidArgument("expected 'kind<TAB>phrase' with a phrase");
    if (r.cols[0] == "line") {
      b.lines_.push_back(std::move(key));
    } else if (r.cols[0] == "tail") {
      b.tails_.push_back(std::move(key));
    } else {
      return InvalidArgument("unknown kind '" + std::string(r.cols[0]) + "' (want line or tail)");
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return b;
}

StatusOr<Boilerplate> Boilerplate::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Boilerplate::LineKind Boilerplate::Classify(std::string_view line) const {
  std::string key = Key(line);
  // Trim punctuation around a phrase: "ربما يعجبك أيضا:" and "| مشاركة |" are the same debris.
  auto is_edge = [](char c) {
    return c == ' ' || c == ':' || c == '|' || c == '-' || c == '.' || c == '>';
  };
  while (!key.empty() && is_edge(key.back())) key.pop_back();
  size_t b = 0;
  while (b < key.size() && is_edge(key[b])) ++b;
  key.erase(0, b);
  if (key.empty()) return LineKind::kDebris;
  // Markup remnants (">).p>", "|", "***") hold fewer than two letters or digits.
  size_t letters = 0;
  for (unsigned char c : key) letters += std::isalnum(c) || (c >= 0xC0);  // 0xC0+: a lead byte
  if (letters < 2) return LineKind::kDebris;
  for (const auto& t : tails_) {
    if (key == t) return LineKind::kTailStart;
  }
  for (const auto& l : lines_) {
    if (key == l) return LineKind::kDebris;
  }
  return LineKind::kContent;
}

namespace {

bool IsDroppedTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return true;
    default:
      return false;
  }
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// Words of a class or id attribute: "post-share_bar" → post, share, bar.
std::vector<std::string> AttrWords(const GumboElement& e) {
  std::vector<std::string> words;
  for (const char* name : {"class", "id", "role"}) {
    const char* v = Attr(e, name);
    if (!v) continue;
    std::string w;
    for (const char* p = v;; ++p) {
      if (*p && std::isalnum(static_cast<unsigned char>(*p))) {
        w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*p))));
      } else {
        if (!w.empty()) words.push_back(w);
        w.clear();
        if (!*p) break;
      }
    }
  }
  return words;
}

bool IsBoilerplateElement(const GumboElement& e) {
  static const char* kWords[] = {
      "menu",       "nav",         "navbar",      "navigation", "share",      "sharing",
      "social",     "related",     "footer",      "sidebar",    "comments",   "comment",
      "breadcrumb", "breadcrumbs", "advert",      "ads",        "banner",     "widget",
      "newsletter", "subscribe",   "popup",       "cookie",     "tags",       "masthead",
      "toolbar",    "pagination",  "recommended", "more",       "navigation", "social-links",
      "print"};
  for (const std::string& w : AttrWords(e)) {
    for (const char* k : kWords) {
      if (w == k) return true;
    }
  }
  const char* role = Attr(e, "role");
  return role && (std::string(role) == "navigation" || std::string(role) == "banner" ||
                  std::string(role) == "complementary" || std::string(role) == "contentinfo");
}

bool IsContentElement(const GumboElement& e) {
  if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) return true;
  const char* itemprop = Attr(e, "itemprop");
  if (itemprop && std::string(itemprop) == "articleBody") return true;
  static const char* kWords[] = {"content", "article", "story", "entry",      "body",
                                 "text",    "post",    "news",  "articlebody"};
  for (const std::string& w : AttrWords(e)) {
    for (const char* k : kWords) {
      if (w == k) return true;
    }
  }
  return false;
}

struct Block {
  std::string text;
  size_t link_chars = 0;
};

void AppendText(const char* s, Block& b, bool in_link) {
  for (const char* p = s; *p; ++p) {
    bool space = std::isspace(static_cast<unsigned char>(*p));
    if (space) {
      if (!b.text.empty() && b.text.back() != ' ') b.text.push_back(' ');
    } else {
      b.text.push_back(*p);
      if (in_link) ++b.link_chars;
    }
  }
}

// Collects the text of `node` into blocks, one per block-level element.
void Collect(const GumboNode* node, std::vector<Block>& blocks, bool in_link) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
    AppendText(node->v.text.text, blocks.back(), in_link);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  if (IsDroppedTag(e.tag) || IsBoilerplateElement(e)) return;
  bool block = IsBlockTag(e.tag);
  if (block && !blocks.back().text.empty()) blocks.emplace_back();
  bool link = in_link || e.tag == GUMBO_TAG_A;
  for (unsigned i = 0; i < e.children.length; ++i) {
    Collect(static_cast<const GumboNode*>(e.children.data[i]), blocks, link);
  }
  if (block && !blocks.back().text.empty()) blocks.emplace_back();
}

size_t TextSize(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEXT) {
    size_t n = 0;
    for (const char* p = node->v.text.text; *p; ++p)
      n += !std::isspace(static_cast<unsigned char>(*p));
    return n;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return 0;
  const GumboElement& e = node->v.element;
  if (IsDroppedTag(e.tag) || IsBoilerplateElement(e) || e.tag == GUMBO_TAG_A) return 0;
  size_t n = 0;
  for (unsigned i = 0; i < e.children.length; ++i) {
    n += TextSize(static_cast<const GumboNode*>(e.children.data[i]));
  }
  return n;
}

// The content element with the most text; the body when none is marked as content.
const GumboNode* FindContent(const GumboNode* node, const GumboNode* best, size_t* best_size) {
  if (node->type != GUMBO_NODE_ELEMENT) return best;
  const GumboElement& e = node->v.element;
  if (IsDroppedTag(e.tag) || IsBoilerplateElement(e)) return best;
  if (IsContentElement(e)) {
    size_t n = TextSize(node);
    if (n > *best_size) {
      *best_size = n;
      best = node;
    }
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    best = FindContent(static_cast<const GumboNode*>(e.children.data[i]), best, best_size);
  }
  return best;
}

const GumboNode* FindTag(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == tag) return node;
  for (unsigned i = 0; i < node->v.element.children.length; ++i) {
    const GumboNode* f =
        FindTag(static_cast<const GumboNode*>(node->v.element.children.data[i]), tag);
    if (f) return f;
  }
  return nullptr;
}

void ReadMeta(const GumboNode* node, HtmlPage& page) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  if (e.tag == GUMBO_TAG_META) {
    const char* key = Attr(e, "property");
    if (!key) key = Attr(e, "name");
    if (!key) key = Attr(e, "itemprop");
    const char* content = Attr(e, "content");
    if (key && content) {
      std::string k(key);
      if (k == "og:title" && page.title.empty()) page.title = content;
      if (k == "og:url" && page.url.empty()) page.url = content;
      if (k == "og:site_name") page.site = content;
      if ((k == "article:published_time" || k == "date" || k == "datePublished" ||
           k == "pubdate") &&
          page.date.empty()) {
        auto d = ParseDate(content);
        if (d.ok()) page.date = *d;
      }
    }
  } else if (e.tag == GUMBO_TAG_LINK) {
    const char* rel = Attr(e, "rel");
    const char* href = Attr(e, "href");
    if (rel && href && std::string(rel) == "canonical") page.url = href;
  } else if (e.tag == GUMBO_TAG_TITLE && page.title.empty() && e.children.length > 0) {
    const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
    if (t->type == GUMBO_NODE_TEXT) page.title = t->v.text.text;
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    ReadMeta(static_cast<const GumboNode*>(e.children.data[i]), page);
  }
}

}  // namespace

HtmlPage ExtractHtml(std::string_view html, const Boilerplate& boilerplate) {
  HtmlPage page;
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  ReadMeta(out->root, page);
  size_t best_size = 0;
  const GumboNode* content = FindContent(out->root, nullptr, &best_size);
  if (content == nullptr) content = FindTag(out->root, GUMBO_TAG_BODY);
  if (content == nullptr) content = out->root;
  std::vector<Block> blocks(1);
  Collect(content, blocks, false);
  for (const Block& b : blocks) {
    std::string_view t = b.text;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t.empty()) continue;
    // Link lists (menus, "read also" boxes) are mostly link text and short.
    if (b.link_chars * 10 > t.size() * 6 && t.size() < 400) continue;
    Boilerplate::LineKind kind = boilerplate.Classify(t);
    if (kind == Boilerplate::LineKind::kTailStart) break;
    if (kind == Boilerplate::LineKind::kDebris) continue;
    if (!page.text.empty()) page.text.push_back('\n');
    page.text.append(t);
  }
  while (!page.title.empty() && std::isspace(static_cast<unsigned char>(page.title.back())))
    page.title.pop_back();
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return page;
}

}  // namespace rasad
