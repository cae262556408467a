#include "rasad/pipeline.h"

#include <thread>

#include "src/base/clock.h"

namespace rasad {

Pipeline::Pipeline(const Boilerplate* boilerplate, const EventCoder* coder, PipelineOptions options)
    : boilerplate_(boilerplate), coder_(coder), options_(options) {}

void Pipeline::Analyze(const Article& article, AnalyzedArticle* out, StageTimes* times) const {
  out->article = &article;
  out->skip_reason.clear();
  out->sentences.clear();
  out->events.clear();
  uint64_t t0 = NowNs();
  if (article.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    out->skip_reason = "empty text";
    out->text.Analyze(std::string_view());
    times->language_ns += NowNs() - t0;
    return;
  }
  // Cues are counted once per paragraph and serve both the article's and the paragraphs' language.
  std::vector<ParagraphCues> cues = CountParagraphCues(article.text, options_.language);
  out->language = DetectLanguage(article.text, options_.language, &cues);
  Lang lang = out->language.lang;
  if (!out->language.reliable && lang != article.lang_hint &&
      (article.lang_hint == Lang::kArabic || article.lang_hint == Lang::kPersian) &&
      (lang == Lang::kArabic || lang == Lang::kPersian || lang == Lang::kUnknown)) {
    lang = article.lang_hint;  // too little text to tell: trust the feed
    out->language.lang = lang;
    out->language.method = "feed";
  }
  if (lang != Lang::kArabic && lang != Lang::kPersian) {
    out->skip_reason = std::string("language: ") + (lang == Lang::kOther ? "other" : "unknown");
    out->text.Analyze(std::string_view());
    uint64_t t1 = NowNs();
    times->language_ns += t1 - t0;
    return;
  }
  std::vector<ParagraphLanguage> paragraphs =
      DetectParagraphLanguages(article.text, lang, options_.language, &cues);
  uint64_t t1 = NowNs();
  times->language_ns += t1 - t0;

  out->text.Tokenize(article.text);
  uint64_t t1b = NowNs();
  times->text_ns += t1b - t1;
  t1 = t1b;
  out->text.SplitSentences(options_.max_sentence_tokens);
  // Debris lines (boilerplate) and the tail after a "related articles" heading are not coded.
  std::string_view text = article.text;
  size_t tail_from = text.size() + 1;
  std::vector<std::pair<uint32_t, uint32_t>> debris_lines;
  if (boilerplate_ != nullptr) {
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      // Only short lines can be boilerplate; skip the costly key for paragraphs of prose.
      if (nl - start < 160) {
        auto kind = boilerplate_->Classify(text.substr(start, nl - start));
        if (kind == Boilerplate::LineKind::kTailStart) {
          tail_from = start;
          break;
        }
        if (kind == Boilerplate::LineKind::kDebris) {
          debris_lines.emplace_back(static_cast<uint32_t>(start), static_cast<uint32_t>(nl));
        }
      }
      start = nl + 1;
    }
  }
  size_t para = 0, debris = 0;
  uint32_t index = 0;
  for (const Sentence& s : out->text.sentences()) {
    SentenceInfo info;
    info.span = s;
    while (para + 1 < paragraphs.size() && paragraphs[para].end < s.begin) ++para;
    info.lang = paragraphs.empty() ? lang : paragraphs[para].lang;
    while (debris < debris_lines.size() && debris_lines[debris].second < s.begin) ++debris;
    info.debris = s.begin >= tail_from ||
                  (debris < debris_lines.size() && debris_lines[debris].first <= s.begin &&
                   s.end <= debris_lines[debris].second);
    info.index = index++;
    out->sentences.push_back(info);
  }
  uint64_t t2 = NowNs();
  times->segment_ns += t2 - t1;
  if (out->sentences.empty()) {
    out->skip_reason = "no sentences";  // only punctuation, numbers or markup
    return;
  }
  if (coder_ != nullptr) {
    coder_->Code(out);
    times->coding_ns += NowNs() - t2;
  }
}

void AppendOutput(const AnalyzedArticle& a, OutputKind kind, std::string& out) {
  const Article& art = *a.article;
  switch (kind) {
    case OutputKind::kEvents:
      for (const Event& e : a.events) {
        AppendEventJson(e, out);
        out.push_back('\n');
      }
      return;
    case OutputKind::kEventsTsv:
      for (const Event& e : a.events) AppendEventTsv(e, out);
      return;
    case OutputKind::kSentences:
    case OutputKind::kTokens:
      break;
  }
  const TokenizedText& t = a.text;
  for (const SentenceInfo& s : a.sentences) {
    out.append("{\"article_id\":");
    AppendJsonString(art.id, out);
    out.append(",\"sentence\":").append(std::to_string(s.index));
    out.append(",\"lang\":\"").append(LangCode(s.lang)).append("\"");
    out.append(",\"span\":[")
        .append(std::to_string(s.span.begin))
        .append(",")
        .append(std::to_string(s.span.end))
        .append("]");
    if (s.debris) out.append(",\"debris\":true");
    if (kind == OutputKind::kSentences) {
      out.append(",\"tokens\":").append(std::to_string(s.span.end_token - s.span.first_token));
      out.append(",\"text\":");
      AppendJsonString(t.text().substr(s.span.begin, s.span.end - s.span.begin), out);
    } else {
      out.append(",\"tokens\":[");
      for (uint32_t k = s.span.first_token; k < s.span.end_token; ++k) {
        const Token& tok = t.tokens()[k];
        if (k > s.span.first_token) out.push_back(',');
        out.append("{\"text\":");
        AppendJsonString(t.surface(tok), out);
        out.append(",\"key\":");
        AppendJsonString(t.key(tok), out);
        out.append(",\"kind\":\"").append(TokenKindName(tok.kind)).append("\"");
        out.append(",\"span\":[")
            .append(std::to_string(tok.begin))
            .append(",")
            .append(std::to_string(tok.end))
            .append("]");
        if (tok.kind == TokenKind::kWord) {
          auto cands = CliticCandidates(t.key(tok), s.lang);
          if (cands.size() > 1) {
            out.append(",\"candidates\":[");
            for (size_t c = 1; c < cands.size(); ++c) {
              if (c > 1) out.push_back(',');
              out.append("{\"key\":");
              AppendJsonString(cands[c].key, out);
              out.append(",\"clitics\":");
              AppendJsonString(DescribeClitics(cands[c]), out);
              out.push_back('}');
            }
            out.push_back(']');
          }
        }
        out.push_back('}');
      }
      out.push_back(']');
    }
    out.append("}\n");
  }
}

void BatchStats::AddArticleCounts(const BatchStats& o) {
  articles_read += o.articles_read;
  articles_coded += o.articles_coded;
  articles_skipped += o.articles_skipped;
  sentences += o.sentences;
  tokens += o.tokens;
  events += o.events;
  text_bytes += o.text_bytes;
  for (const auto& [k, v] : o.by_lang) by_lang[k] += v;
  for (const auto& [k, v] : o.skip_reasons) skip_reasons[k] += v;
}

BatchStats RunBatch(ArticleReader& reader, const Pipeline& pipeline, const BatchOptions& options,
                    const std::function<void(const std::string&)>& write,
                    const std::function<void(const IngestProblem&)>& on_problem,
                    const std::function<void(const BatchStats&)>& on_progress) {
  BatchStats stats;
  const int threads = options.threads < 1 ? 1 : options.threads;
  const size_t chunk = options.chunk_articles < 1 ? 1 : options.chunk_articles;
  // Articles go to the workers a chunk at a time. With one thread everything runs on the calling
  // thread; with more, the calling thread reads (decompresses, parses) the next chunk while the
  // workers code this one, so that reading is not a serial section between chunks.
  struct Chunk {
    std::vector<Article> articles;
    std::vector<std::string> outputs;
    size_t n = 0;
  };
  Chunk buffers[2];
  for (Chunk& b : buffers) {
    b.articles.resize(chunk);
    b.outputs.resize(chunk);
  }
  // One slot per worker, and one more for the calling thread, which joins the workers once it has
  // read the next chunk (instead of waiting for the slowest of them).
  const int slots = threads == 1 ? 1 : threads + 1;
  std::vector<AnalyzedArticle> analyzed(slots);
  std::vector<IngestProblem> problems;
  std::vector<StageTimes> times(slots);
  std::vector<BatchStats> partial(slots);

  // Fills `c`; returns false when the input is exhausted.
  auto read_chunk = [&](Chunk& c) {
    bool more = true;
    c.n = 0;
    uint64_t r0 = NowNs();
    while (c.n < chunk) {
      problems.clear();
      more = reader.Next(&c.articles[c.n], &problems);
      for (const auto& p : problems) {
        if (p.skipped) {
          ++stats.problems_skipped;
        } else {
          ++stats.warnings;
        }
        on_problem(p);
      }
      if (!more) break;
      ++c.n;
    }
    stats.read_ns += NowNs() - r0;
    return more;
  };
  // Codes the articles of `c` that worker `w` claims from `next`.
  auto work = [&](Chunk& c, std::atomic<size_t>& next, int w) {
    AnalyzedArticle& a = analyzed[w];
    BatchStats& ps = partial[w];
    for (size_t i = next++; i < c.n; i = next++) {
      pipeline.Analyze(c.articles[i], &a, &times[w]);
      uint64_t o0 = NowNs();
      c.outputs[i].clear();
      ++ps.articles_read;
      ps.text_bytes += c.articles[i].text.size();
      if (!a.skip_reason.empty()) {
        ++ps.articles_skipped;
        ++ps.skip_reasons[a.skip_reason];
      } else {
        ++ps.articles_coded;
        ++ps.by_lang[LangCode(a.language.lang)];
        ps.sentences += a.sentences.size();
        ps.tokens += a.text.tokens().size();
        ps.events += a.events.size();
        AppendOutput(a, options.output, c.outputs[i]);
      }
      times[w].output_ns += NowNs() - o0;
    }
  };
  // Writes the outputs of `c` in input order and adds up the workers' counts.
  auto finish = [&](Chunk& c) {
    for (size_t i = 0; i < c.n; ++i) {
      if (!c.outputs[i].empty()) write(c.outputs[i]);
    }
    for (auto& ps : partial) {
      stats.AddArticleCounts(ps);
      ps = BatchStats();
    }
    on_progress(stats);
  };

  Chunk* current = &buffers[0];
  Chunk* following = &buffers[1];
  bool more = read_chunk(*current);
  while (current->n > 0) {
    std::atomic<size_t> next{0};
    following->n = 0;
    if (threads == 1) {
      work(*current, next, 0);
      finish(*current);
      if (more) more = read_chunk(*following);
    } else {
      std::vector<std::thread> pool;
      for (int w = 0; w < threads; ++w) {
        pool.emplace_back([&, w] { work(*current, next, w); });
      }
      if (more) more = read_chunk(*following);
      work(*current, next, threads);
      for (auto& th : pool) th.join();
      finish(*current);
    }
    std::swap(current, following);
  }
  for (const auto& t : times) stats.times.Add(t);
  return stats;
}

}  // namespace rasad
