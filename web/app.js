// rasad dashboard: a plain ES module over the JSON API of `rasad serve`, drawing with Chart.js
// (the global `Chart`, from /vendor/chart.umd.min.js, embedded from npm at build time).
// All text from the store is put into the page with textContent, never as HTML.

const QUADS = [
  { q: 1, name: 'verbal cooperation', short: 'Verbal coop.', color: '#6aa9d8', sign: 1 },
  { q: 2, name: 'material cooperation', short: 'Material coop.', color: '#2f9e77', sign: 1 },
  { q: 3, name: 'verbal conflict', short: 'Verbal conflict', color: '#f59f4a', sign: -1 },
  { q: 4, name: 'material conflict', short: 'Material conflict', color: '#d9480f', sign: -1 },
];
const LANGS = { ar: 'Arabic', fa: 'Persian' };
const PAGE = 25;
const fmt = new Intl.NumberFormat('en');

const state = {
  a: '', b: '', directed: false, by: 'year', line: 'goldstein',
  lang: '', code: '', from: '', to: '', negated: false,
  period: '', q: '',
};
let periods = [];   // the timeline on screen, gaps filled
let chart = null;
let eventsShown = 0;
let countries = new Map();  // code → name, for the selects
let generation = 0;         // drops answers to superseded requests

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'style') e.style.cssText = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// ---- API --------------------------------------------------------------------------------------

async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== '' && v !== undefined && v !== null && v !== false) qs.set(k, v === true ? '1' : v);
  }
  const url = path + (qs.toString() ? '?' + qs : '');
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`${res.status} ${res.statusText} from ${path}`);
  }
  if (!res.ok) throw new Error(body.error || `${res.status} from ${path}`);
  return body;
}

function filterParams() {
  return {
    lang: state.lang, code: state.code, from: state.from, to: state.to, negated: state.negated,
  };
}

function dyadParams() {
  return { a: state.a, b: state.a ? state.b : '', directed: state.a && state.b && state.directed };
}

function showError(err) {
  const t = $('toast');
  t.textContent = String(err.message || err);
  t.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { t.hidden = true; }, 6000);
  console.error(err);
}

// ---- formatting -------------------------------------------------------------------------------

const signed = (x, digits = 1) => (x > 0 ? '+' : x < 0 ? '−' : '') + Math.abs(x).toFixed(digits);

function actorName(code) {
  if (!code) return '';
  return countries.get(code) || code;
}

function dyadTitle() {
  if (!state.a) return 'All events';
  const a = actorName(state.a);
  if (!state.b) return `${a} — all partners`;
  return state.directed ? `${a} → ${actorName(state.b)}` : `${a} – ${actorName(state.b)}`;
}

// "Russia government → Azerbaijan: Make a visit (042)"
function headline(ev) {
  return el('div', { class: 'headline' },
    `${ev.source_actor || ev.source} → ${ev.target_actor || ev.target}: ${ev.label || 'Event'} `,
    el('span', { class: 'code', text: `(${ev.code})` }),
    el('span', { class: 'badges' },
      el('span', { class: `badge q${ev.quad}`, text: ev.quad_name || QUADS[ev.quad - 1]?.name }),
      el('span', { class: 'badge gs', text: `Goldstein ${signed(ev.goldstein)}` }),
      ev.negated && el('span', { class: 'badge flag', text: 'negated', title: 'The sentence says it did not happen' }),
      ev.intent && el('span', { class: 'badge flag', text: 'intent', title: 'Planned, promised or threatened' }),
      ev.reported && el('span', { class: 'badge flag', text: 'reported', title: 'Reported speech' }),
      ev.mentions > 1 && el('span', { class: 'badge', text: `${ev.mentions} mentions` })));
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

// Splits `text` at byte ranges `spans` ([[b, e], …], bytes of UTF-8) into text and <mark> nodes.
function highlighted(text, spans) {
  const bytes = utf8.encode(text);
  const merged = [];
  for (const [b, e] of spans.filter((s) => s && s[1] > s[0] && s[1] <= bytes.length).sort((x, y) => x[0] - y[0])) {
    if (merged.length && b <= merged.at(-1)[1]) merged.at(-1)[1] = Math.max(merged.at(-1)[1], e);
    else merged.push([b, e]);
  }
  const out = [];
  let at = 0;
  for (const [b, e] of merged) {
    if (b > at) out.push(utf8d.decode(bytes.slice(at, b)));
    out.push(el('mark', { text: utf8d.decode(bytes.slice(b, e)) }));
    at = e;
  }
  if (at < bytes.length) out.push(utf8d.decode(bytes.slice(at)));
  return out;
}

// Who, as the sentence names them: "Vladimir Putin (Russia, president) [بوتين] → Azerbaijan [باكو]".
function actorsLine(ev) {
  const side = (label, name, actor) => {
    const out = [label || actor || '—'];
    if (name) out.push(' ', el('span', { class: 'orig', dir: 'rtl', lang: ev.lang, text: name }));
    return out;
  };
  if (!ev.source_name && !ev.target_name && !ev.source_label && !ev.target_label) return null;
  return el('div', { class: 'actors' },
    el('span', { class: 'k', text: 'As told: ' }),
    ...side(ev.source_label, ev.source_name, ev.source_actor), ' → ',
    ...side(ev.target_label, ev.target_name, ev.target_actor));
}

function renderEvent(ev, { article = true } = {}) {
  const meta = [ev.date || 'undated', LANGS[ev.lang] || ev.lang];
  if (ev.outlet) meta.push(ev.outlet);
  if (ev.place) meta.push(ev.place);
  const metaNode = el('div', { class: 'meta' }, meta.join(' · '));
  if (article && ev.article_id) {
    metaNode.append(' · ', el('button', {
      type: 'button', class: 'link', text: 'Read the article',
      onclick: () => openArticle(ev.article_id),
    }));
  }
  return el('li', { class: 'event', 'data-quad': ev.quad, 'data-id': ev.id },
    headline(ev),
    metaNode,
    actorsLine(ev),
    el('p', { class: 'sentence', dir: 'rtl', lang: ev.lang || 'ar' },
      ...highlighted(ev.text || '', ev.highlight ? [ev.highlight] : [])));
}

// ---- state in the URL -------------------------------------------------------------------------

function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  for (const k of ['a', 'b', 'lang', 'code', 'from', 'to', 'period', 'q']) state[k] = h.get(k) || '';
  state.directed = h.get('directed') === '1';
  state.negated = h.get('negated') === '1';
  state.by = h.get('by') === 'month' ? 'month' : 'year';
  state.line = h.get('line') === 'net' ? 'net' : 'goldstein';
  return h.has('a') || h.has('q');
}

function writeHash() {
  const h = new URLSearchParams();
  for (const k of ['a', 'b', 'lang', 'code', 'from', 'to', 'period', 'q']) if (state[k]) h.set(k, state[k]);
  if (state.directed) h.set('directed', '1');
  if (state.negated) h.set('negated', '1');
  if (state.by !== 'year') h.set('by', state.by);
  if (state.line !== 'goldstein') h.set('line', state.line);
  history.replaceState(null, '', '#' + h.toString());
}

function syncControls() {
  ensureOption($('actor-a'), state.a);
  ensureOption($('actor-b'), state.b);
  $('actor-a').value = state.a;
  $('actor-b').value = state.b;
  $('directed').checked = state.directed;
  $('directed').disabled = !state.b;
  $('negated').checked = state.negated;
  ensureOption($('code'), state.code);
  $('code').value = state.code;
  $('from').value = state.from;
  $('to').value = state.to;
  $('search-input').value = state.q;
  for (const [id, key] of [['lang', 'lang'], ['by', 'by'], ['line', 'line']]) {
    for (const b of $(id).querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.value === state[key]));
  }
}

function ensureOption(select, value) {
  if (!value || [...select.options].some((o) => o.value === value)) return;
  select.append(el('option', { value, text: `${actorName(value) === value ? value : actorName(value)} (${value})` }));
}

// ---- timeline ---------------------------------------------------------------------------------

const emptyPoint = (period) => ({ period, events: 0, quad: [0, 0, 0, 0], goldstein_sum: 0, goldstein_mean: 0, net_cooperation: 0, top: [] });

// Adds the periods with no events between the first and the last, so gaps show as gaps.
function fillGaps(points, by) {
  if (points.length < 2) return points;
  const re = by === 'year' ? /^\d{4}$/ : by === 'month' ? /^\d{4}-\d{2}$/ : null;
  if (!re || !points.every((p) => re.test(p.period))) return points;
  const have = new Map(points.map((p) => [p.period, p]));
  const out = [];
  if (by === 'year') {
    for (let y = +points[0].period; y <= +points.at(-1).period; y++) out.push(have.get(String(y)) || emptyPoint(String(y)));
  } else {
    let [y, m] = points[0].period.split('-').map(Number);
    const [ye, me] = points.at(-1).period.split('-').map(Number);
    while (y < ye || (y === ye && m <= me)) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push(have.get(key) || emptyPoint(key));
      if (++m > 12) { m = 1; y++; }
    }
  }
  return out;
}

function lineValue(p) {
  if (!p.events) return null;
  return state.line === 'net' ? p.net_cooperation : p.goldstein_mean;
}

function drawChart() {
  const labels = periods.map((p) => p.period);
  const sel = labels.indexOf(state.period);
  const faded = (color) => color + '55';
  const datasets = QUADS.map((q, i) => ({
    type: 'bar',
    label: q.name,
    data: periods.map((p) => q.sign * p.quad[i]),
    backgroundColor: periods.map((_, j) => (sel >= 0 && j !== sel ? faded(q.color) : q.color)),
    borderWidth: 0,
    borderRadius: 2,
    stack: 'events',
    yAxisID: 'y',
    order: 2,
    maxBarThickness: 56,
  }));
  const lineLabel = state.line === 'net' ? 'net cooperation' : 'Goldstein mean';
  datasets.push({
    type: 'line',
    label: lineLabel,
    data: periods.map(lineValue),
    yAxisID: 'y2',
    borderColor: '#1d2433',
    backgroundColor: '#1d2433',
    borderWidth: 2,
    pointRadius: periods.length > 60 ? 0 : 3,
    pointHoverRadius: 5,
    spanGaps: true,
    // Dashed across periods without events: the line there joins, it does not measure.
    segment: { borderDash: (ctx) => (ctx.p0.skip || ctx.p1.skip || ctx.p1DataIndex - ctx.p0DataIndex > 1 ? [4, 4] : undefined) },
    tension: 0,
    order: 1,
  });
  const maxUp = Math.max(1, ...periods.map((p) => p.quad[0] + p.quad[1]));
  const maxDown = Math.max(1, ...periods.map((p) => p.quad[2] + p.quad[3]));
  const y2 = state.line === 'net' ? 1 : 10;
  // Zero in the middle, a round extent with room above the tallest bar.
  const want = Math.max(maxUp, maxDown) * 1.1;
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000].find((s) => want / s <= 5) || 10 ** Math.ceil(Math.log10(want / 5));
  const ext = Math.ceil(want / step) * step;
  const config = {
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 250 },
      interaction: { mode: 'index', intersect: false },
      layout: { padding: { top: 4, right: 4 } },
      scales: {
        x: {
          stacked: true,
          grid: { display: false },
          ticks: { color: '#4a5468', maxRotation: 0, autoSkip: true, autoSkipPadding: 10, font: { family: 'Inter, system-ui, sans-serif', size: 11.5 } },
        },
        y: {
          stacked: true,
          min: -ext,
          max: ext,
          grid: { color: (c) => (c.tick.value === 0 ? '#8a94a6' : '#eceff4'), lineWidth: (c) => (c.tick.value === 0 ? 1.5 : 1) },
          ticks: { color: '#4a5468', stepSize: step, callback: (v) => Math.abs(v), font: { size: 11 } },
          title: { display: true, text: 'events  (conflict ↓  cooperation ↑)', color: '#7a8496', font: { size: 11.5 } },
        },
        y2: {
          position: 'right',
          min: -y2,
          max: y2,
          grid: { drawOnChartArea: false },
          ticks: { color: '#4a5468', font: { size: 11 }, callback: (v) => (state.line === 'net' ? v.toFixed(1) : v) },
          title: { display: true, text: lineLabel, color: '#7a8496', font: { size: 11.5 } },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: { enabled: false, external: renderTooltip },
      },
      onClick: (evt) => {
        const hits = chart.getElementsAtEventForMode(evt, 'index', { intersect: false }, false);
        if (!hits.length) return;
        const p = periods[hits[0].index];
        if (!p || !p.events) return;
        selectPeriod(state.period === p.period ? '' : p.period);
      },
    },
  };
  if (chart) {
    chart.data = config.data;
    chart.options = config.options;
    chart.update();
  } else {
    chart = new Chart($('timeline'), config);
  }
  $('chart-empty').hidden = periods.some((p) => p.events > 0);
}

function renderLegend() {
  const items = QUADS.map((q) => el('span', {}, el('i', { style: `background:${q.color}` }), q.name));
  items.push(el('span', {}, el('i', { class: 'line' }), state.line === 'net' ? 'net cooperation index (right axis)' : 'mean Goldstein score (right axis)'));
  $('legend').replaceChildren(...items);
}

function renderTooltip({ chart: c, tooltip }) {
  const box = $('tooltip');
  if (!tooltip || tooltip.opacity === 0 || !tooltip.dataPoints?.length) {
    box.hidden = true;
    return;
  }
  const p = periods[tooltip.dataPoints[0].dataIndex];
  if (!p) { box.hidden = true; return; }
  const rows = [el('div', { class: 't-title', text: `${p.period} · ${fmt.format(p.events)} event${p.events === 1 ? '' : 's'}` })];
  if (p.events) {
    QUADS.forEach((q, i) => {
      if (p.quad[i]) rows.push(el('div', { class: 't-row' }, el('span', {}, el('i', { style: `background:${q.color}` }), q.name), el('b', { text: p.quad[i] })));
    });
    rows.push(el('div', { class: 't-row' }, el('span', { text: 'Goldstein mean / sum' }), el('b', { text: `${signed(p.goldstein_mean)} / ${signed(p.goldstein_sum)}` })));
    rows.push(el('div', { class: 't-row' }, el('span', { text: 'Net cooperation' }), el('b', { text: signed(p.net_cooperation, 2) })));
    if (p.top?.length) {
      rows.push(el('div', { class: 't-sep' }));
      for (const ev of p.top) {
        rows.push(el('div', { class: 't-ev' },
          el('span', { class: 't-date', text: ev.date || 'undated' }),
          el('b', { text: `${ev.source_actor || ev.source} → ${ev.target_actor || ev.target}` }),
          `: ${ev.label} (${ev.code}), ${signed(ev.goldstein)}${ev.negated ? ', negated' : ''}`));
      }
      rows.push(el('div', { class: 't-ev muted', text: 'Click to list this period’s events' }));
    }
  }
  box.replaceChildren(...rows);
  box.hidden = false;
  const area = c.chartArea;
  const w = box.offsetWidth, h = box.offsetHeight;
  let x = tooltip.caretX + 16;
  if (x + w > c.width - 4) x = tooltip.caretX - w - 16;
  x = Math.max(4, x);
  const y = Math.max(0, Math.min(area.top + 4, c.height - h));
  box.style.left = `${x}px`;
  box.style.top = `${y}px`;
}

function renderSummary(t) {
  $('dyad-title').textContent = dyadTitle();
  const span = periods.length ? `${periods[0].period} – ${periods.at(-1).period}` : 'no events';
  const f = [];
  if (state.lang) f.push(`${LANGS[state.lang]} press`);
  if (state.code) f.push(`event type ${state.code}`);
  if (state.from || state.to) f.push(`${state.from || '…'} to ${state.to || '…'}`);
  $('dyad-sub').textContent = [span, ...f].join(' · ');
  const coop = t.quad[0] + t.quad[1], conf = t.quad[2] + t.quad[3];
  const pct = (n) => (t.events ? Math.round((100 * n) / t.events) + '%' : '—');
  const chip = (v, k, cls = '') => el('div', { class: `chip ${cls}` }, el('div', { class: 'v', text: v }), el('div', { class: 'k', text: k }));
  $('chips').replaceChildren(
    chip(fmt.format(t.events), 'events'),
    chip(pct(coop), 'cooperation', 'coop'),
    chip(pct(conf), 'conflict', 'conf'),
    chip(t.events ? signed(t.goldstein_mean) : '—', 'mean Goldstein'),
    chip(t.events ? signed(t.net_cooperation, 2) : '—', 'net cooperation'));
  $('chart-title').textContent = `Cooperation and conflict by ${state.by}`;
}

async function loadTimeline(gen) {
  document.body.dataset.timeline = 'loading';
  const t = await api('/api/timeline', { ...dyadParams(), ...filterParams(), by: state.by, top: 3 });
  if (gen !== generation) return;
  periods = fillGaps(t.periods, state.by);
  if (state.period && !periods.some((p) => p.period === state.period && p.events)) state.period = '';
  renderSummary(t.totals);
  renderLegend();
  drawChart();
  document.body.dataset.timeline = 'ready';
}

// ---- events list ------------------------------------------------------------------------------

function eventsQuery() {
  const p = { ...filterParams() };
  if (state.q) {
    p.q = state.q;
  } else {
    Object.assign(p, { actor: state.a, b: state.a ? state.b : '', directed: state.a && state.b && state.directed });
  }
  if (state.period) { p.from = state.period; p.to = state.period; }
  return p;
}

async function loadEvents(gen, append = false) {
  document.body.dataset.events = 'loading';
  if (!append) eventsShown = 0;
  const path = state.q ? '/api/search' : '/api/events';
  const r = await api(path, { ...eventsQuery(), limit: PAGE, offset: eventsShown });
  if (gen !== generation) return;
  const list = $('events');
  const items = r.events.map((ev) => renderEvent(ev));
  if (append) list.append(...items); else list.replaceChildren(...items);
  eventsShown += r.events.length;
  if (!append && !r.events.length) list.replaceChildren(el('li', { class: 'placeholder', text: 'No events match.' }));
  let title;
  if (state.q) title = `Evidence matching “${state.q}”`;
  else title = state.period ? `Events in ${state.period}` : 'Events';
  $('events-title').textContent = title;
  $('events-count').textContent = r.total ? `${fmt.format(Math.min(eventsShown, r.total))} of ${fmt.format(r.total)}` : '';
  $('more').hidden = eventsShown >= r.total;
  $('clear-period').hidden = !state.period && !state.q;
  $('clear-period').textContent = state.q ? 'Back to the dyad' : 'Show all periods';
  document.body.dataset.events = 'ready';
}

// ---- side panels ------------------------------------------------------------------------------

function quadBar(quad) {
  const total = quad.reduce((x, y) => x + y, 0) || 1;
  return el('div', { class: 'bar', 'aria-hidden': 'true' },
    QUADS.map((q, i) => (quad[i] ? el('span', { style: `width:${(100 * quad[i]) / total}%;background:${q.color}` }) : null)));
}

function activate(li, fn) {
  li.tabIndex = 0;
  li.addEventListener('click', fn);
  li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fn(); } });
  return li;
}

async function loadPanels(gen) {
  const [d, a] = await Promise.all([
    api('/api/dyads', { ...filterParams(), limit: 12 }),
    api('/api/actors', { ...filterParams(), limit: 12 }),
  ]);
  if (gen !== generation) return;
  const dyads = d.dyads.map((x) => {
    const active = (state.a === x.a && state.b === x.b) || (state.a === x.b && state.b === x.a);
    return activate(el('li', { class: active ? 'active' : '', 'data-a': x.a, 'data-b': x.b, title: `${x.a_name} – ${x.b_name}: ${x.events} events, mean Goldstein ${signed(x.goldstein_mean)}` },
      el('span', { class: 'name', text: x.a === x.b ? `${x.a_name || x.a} (internal)` : `${x.a_name || x.a} – ${x.b_name || x.b}` }),
      el('span', { class: 'count', text: fmt.format(x.events) }),
      quadBar(x.quad)), () => {
      Object.assign(state, { a: x.a, b: x.b, directed: false, period: '', q: '' });
      refresh();
    });
  });
  $('dyads').replaceChildren(...(dyads.length ? dyads : [el('li', { class: 'placeholder', text: 'No dyads.' })]));
  const actors = a.actors.map((x) => activate(el('li', {
    class: state.a === x.code && !state.b ? 'active' : '', 'data-code': x.code,
    title: `${x.name} (${x.code})${x.label && x.label !== x.name ? ', mostly ' + x.label : ''}: ${x.as_source} as source, ${x.as_target} as target`,
  },
    el('span', { class: 'name', text: `${x.name}` }),
    el('span', { class: 'count', text: fmt.format(x.events) })), () => {
    Object.assign(state, { a: x.code, b: '', directed: false, period: '', q: '' });
    refresh();
  }));
  $('actors').replaceChildren(...(actors.length ? actors : [el('li', { class: 'placeholder', text: 'No actors.' })]));
}

// ---- article dialog ---------------------------------------------------------------------------

async function openArticle(id) {
  try {
    const a = await api(`/api/articles/${encodeURIComponent(id)}`);
    $('article-title').textContent = a.title || a.id;
    $('article-title').dir = 'auto';
    $('article-meta').textContent = [a.date, a.outlet, a.id].filter(Boolean).join(' · ');
    if (a.url) {
      $('article-meta').append(' · ', el('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', text: 'source' }));
    }
    const text = $('article-text');
    text.lang = a.events[0]?.lang || 'ar';
    text.replaceChildren(...highlighted(a.text, a.events.map((e) => e.span)));
    $('article-events').replaceChildren(...a.events.map((e) => renderEvent(e, { article: false })));
    $('article-dialog').showModal();
    text.querySelector('mark')?.scrollIntoView({ block: 'center' });
  } catch (err) {
    showError(err);
  }
}

// ---- wiring -----------------------------------------------------------------------------------

function selectPeriod(period) {
  state.period = period;
  writeHash();
  drawChart();
  const gen = ++generation;
  loadEvents(gen).catch(showError);
  // Bring the list into view when it is below the fold.
  const head = $('events-title').getBoundingClientRect();
  if (period && head.top > window.innerHeight - 120) $('events-title').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function refresh() {
  writeHash();
  syncControls();
  const gen = ++generation;
  try {
    await Promise.all([loadTimeline(gen), loadEvents(gen), loadPanels(gen)]);
  } catch (err) {
    showError(err);
    document.body.dataset.timeline = 'error';
  }
}

function segmented(id, key, after) {
  $(id).addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    state[key] = b.dataset.value;
    after();
  });
}

function wire() {
  $('actor-a').addEventListener('change', (e) => { state.a = e.target.value; if (state.a === state.b) state.b = ''; state.period = ''; state.q = ''; refresh(); });
  $('actor-b').addEventListener('change', (e) => { state.b = e.target.value; state.period = ''; state.q = ''; refresh(); });
  $('swap').addEventListener('click', () => { if (!state.b) return; [state.a, state.b] = [state.b, state.a]; refresh(); });
  $('directed').addEventListener('change', (e) => { state.directed = e.target.checked; state.period = ''; refresh(); });
  $('negated').addEventListener('change', (e) => { state.negated = e.target.checked; refresh(); });
  $('code').addEventListener('change', (e) => { state.code = e.target.value; state.period = ''; refresh(); });
  for (const id of ['from', 'to']) {
    $(id).addEventListener('change', (e) => {
      if (!e.target.checkValidity()) { showError(new Error('Dates are YYYY, YYYY-MM or YYYY-MM-DD')); return; }
      state[id] = e.target.value.trim();
      state.period = '';
      refresh();
    });
  }
  segmented('lang', 'lang', () => { state.period = ''; refresh(); });
  segmented('by', 'by', () => { state.period = ''; refresh(); });
  segmented('line', 'line', () => { syncControls(); writeHash(); renderLegend(); drawChart(); });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.q = $('search-input').value.trim();
    state.period = '';
    refresh();
  });
  $('clear-period').addEventListener('click', () => {
    if (state.q) { state.q = ''; refresh(); } else selectPeriod('');
  });
  $('more').addEventListener('click', () => loadEvents(generation, true).catch(showError));
  $('article-close').addEventListener('click', () => $('article-dialog').close());
  $('article-dialog').addEventListener('click', (e) => { if (e.target === e.currentTarget) e.currentTarget.close(); });
  $('timeline').addEventListener('mouseleave', () => { $('tooltip').hidden = true; });
}

async function init() {
  if (window.Chart) {
    Chart.defaults.font.family = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
  }
  wire();
  const fromHash = readHash();
  try {
    const [stats, codes, actors, dyads] = await Promise.all([
      api('/api/stats'), api('/api/codes'), api('/api/actors', { level: 'country', limit: 500 }), api('/api/dyads', { limit: 1 }),
    ]);
    const range = stats.first ? ` · ${stats.first}–${stats.last}` : '';
    $('stats').replaceChildren(el('b', { text: fmt.format(stats.events) }), ' events · ',
      `Arabic ${fmt.format(stats.languages.ar || 0)} · Persian ${fmt.format(stats.languages.fa || 0)}${range}`);
    for (const r of codes.roots) $('code').append(el('option', { value: r.code, text: `${r.code} ${r.label}` }));
    countries = new Map(actors.actors.map((x) => [x.code, x.name || x.code]));
    const opt = (x) => el('option', { value: x.code, text: `${x.name || x.code} (${x.code}) · ${fmt.format(x.events)}` });
    $('actor-a').replaceChildren(el('option', { value: '', text: '— all actors —' }), ...actors.actors.map(opt));
    $('actor-b').replaceChildren(el('option', { value: '', text: '— anyone —' }), ...actors.actors.map(opt));
    if (!fromHash && dyads.dyads.length) {
      state.a = dyads.dyads[0].a;
      state.b = dyads.dyads[0].b;
    }
  } catch (err) {
    showError(err);
  }
  await refresh();
  window.addEventListener('hashchange', () => { readHash(); refresh(); });
}

// For tests and for the curious: the chart and the state.
window.rasad = { state, get chart() { return chart; }, get periods() { return periods; } };
init();
