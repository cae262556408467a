// The dashboard in a real browser: builds a store from the seed articles with `rasad ingest`,
// starts `rasad serve` on a free port, and drives Debian's Chromium (headless, through
// playwright-core; no browser download) through what an analyst does: pick Russia–Azerbaijan,
// read the timeline, hover and click a period, read the Arabic/Persian evidence, open an article.
// Checks the layout at 1366×768 and 1920×1080 and saves a screenshot.
//
//   node tests/browser/dashboard.test.mjs --rasad build/rasad [--corpus ../shared/corpus]
//        [--screenshot docs/dashboard.png] [--chromium /usr/bin/chromium]
//
// Exit codes: 0 passed; 1 failed (also when node modules or Chromium are missing: CI installs
// them with scripts/setup); 77 skipped (no shared corpus).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const rasad = path.resolve(arg('rasad', path.join(root, 'build/rasad')));
const corpus = path.resolve(arg('corpus', path.join(root, '../shared/corpus')));
const screenshot = path.resolve(arg('screenshot', path.join(os.tmpdir(), 'rasad-dashboard.png')));
const chromiumPath = arg('chromium', process.env.CHROMIUM || '/usr/bin/chromium');

let passed = 0;
let failed = 0;
function check(cond, what, detail = '') {
  if (cond) {
    passed++;
    console.log(`  ok   ${what}`);
  } else {
    failed++;
    console.log(`  FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
  return cond;
}
function fatal(message) {
  console.error(`dashboard: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// ---- what the test needs ------------------------------------------------------------------------
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  fatal(`playwright-core is not installed: run \`npm ci\` in ${root} (scripts/setup does)`);
}
if (!fs.existsSync(chromiumPath)) fatal(`no Chromium at ${chromiumPath}: apt-get install chromium (scripts/setup does)`);
if (!fs.existsSync(rasad)) fatal(`no rasad binary at ${rasad}`);
const seeds = path.join(corpus, 'seeds.jsonl');
if (!fs.existsSync(seeds)) {
  console.log(`dashboard: skipped: no shared corpus at ${corpus}`);
  process.exit(77);
}

// ---- a store and a server -----------------------------------------------------------------------
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rasad-dashboard-'));
const db = path.join(work, 'seeds.db');
const ingest = spawnSync(rasad, ['ingest', seeds, '--db', db, '-q'], { encoding: 'utf8' });
if (ingest.status !== 0) fatal(`rasad ingest failed (${ingest.status}): ${ingest.stderr}`);

const server = spawn(rasad, ['serve', '--db', db, '--port', '0', '-q'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('rasad serve printed no URL in 15 s')), 15000);
  readline.createInterface({ input: server.stdout }).once('line', (line) => {
    clearTimeout(timer);
    const m = line.match(/https?:\/\/\S+\//);
    if (m) resolve(m[0]); else reject(new Error(`unexpected first line: ${line}`));
  });
  server.once('exit', (code) => reject(new Error(`rasad serve exited (${code}): ${serverErr}`)));
}).catch((e) => fatal(e.message));
console.log(`dashboard: ${url} (store ${db})`);

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});

async function stopServer() {
  if (server.exitCode !== null) return server.exitCode;
  server.kill('SIGTERM');
  return new Promise((resolve) => server.once('exit', (code) => resolve(code)));
}

try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });

  await page.goto(url);
  await page.waitForSelector('body[data-timeline="ready"]', { timeout: 20000 });
  check(await page.evaluate(() => typeof window.Chart === 'function'), 'Chart.js loaded from the embedded assets');
  check((await page.locator('#dyads li[data-a]').count()) > 0, 'top dyads listed');
  check((await page.locator('#actors li[data-code]').count()) > 0, 'top actors listed');

  // ---- pick Russia–Azerbaijan with the actor selectors ----
  const ready = () => page.waitForFunction(() => document.body.dataset.timeline === 'ready' && document.body.dataset.events === 'ready');
  await page.selectOption('#actor-a', 'RUS');
  await ready();
  await page.selectOption('#actor-b', 'AZE');
  await ready();
  const title = await page.textContent('#dyad-title');
  check(title === 'Russia – Azerbaijan', 'the dyad is Russia – Azerbaijan', title);
  check(await page.locator('#dyads li.active[data-a="AZE"][data-b="RUS"]').count() === 1, 'the dyad is marked in the top-dyads panel');

  // ---- the timeline has data ----
  const bars = await page.evaluate(() => {
    const c = window.rasad.chart;
    const out = {};
    c.data.labels.forEach((label, i) => {
      out[label] = c.data.datasets.slice(0, 4).map((d) => Math.abs(d.data[i]));
    });
    return out;
  });
  for (const year of ['2008', '2023', '2024', '2025']) {
    const q = bars[year] || [0, 0, 0, 0];
    check(q.reduce((a, b) => a + b, 0) > 0, `a bar for ${year}`, JSON.stringify(q));
  }
  check(bars['2025'] && bars['2025'][2] + bars['2025'][3] > 0, '2025 shows conflict (below the axis)');
  check(bars['2015'] && bars['2015'].every((x) => x === 0), 'empty years are shown as gaps');
  const inked = await page.evaluate(() => {
    const canvas = document.getElementById('timeline');
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 200 || data[i + 2] < 200)) n++;
    return n;
  });
  check(inked > 2000, 'the chart is drawn on the canvas', `${inked} coloured pixels`);

  // ---- hover a period: its top events in the tooltip ----
  async function barPoint(label) {
    const p = await page.evaluate((label) => {
      const c = window.rasad.chart;
      const i = c.data.labels.indexOf(label);
      const el = c.getDatasetMeta(0).data[i];
      return { x: el.x, y: Math.min(el.y, el.base) + 3 };
    }, label);
    const box = await page.locator('#timeline').boundingBox();
    return { x: box.x + p.x, y: box.y + p.y };
  }
  const p2024 = await barPoint('2024');
  await page.mouse.move(p2024.x, p2024.y);
  await page.waitForSelector('#tooltip:not([hidden])', { timeout: 5000 });
  const tip = await page.textContent('#tooltip');
  check(tip.startsWith('2024'), 'the tooltip is for 2024', tip.slice(0, 60));
  check(/→/.test(tip) && /\(0\d\d\)/.test(tip), 'the tooltip lists top events with their codes', tip.slice(0, 200));

  // ---- click the period: its events, with the evidence highlighted right-to-left ----
  await page.mouse.click(p2024.x, p2024.y);
  await page.waitForFunction(() => document.getElementById('events-title').textContent === 'Events in 2024' && document.body.dataset.events === 'ready');
  const events = page.locator('#events li.event');
  const n = await events.count();
  check(n > 0, 'clicking 2024 lists its events', `${n}`);
  const first = events.first();
  const headline = await first.locator('.headline').textContent();
  check(/→ .+: .+ \(\d{3,4}\)/.test(headline) && /Goldstein [+−]?\d/.test(headline), 'events read in English words with code and Goldstein', headline);
  const dates = await page.$$eval('#events li.event .meta', (els) => els.map((e) => e.textContent.slice(0, 4)));
  check(dates.every((d) => d === '2024'), 'every listed event is from 2024', dates.join(','));
  const sentence = first.locator('p.sentence');
  check((await sentence.getAttribute('dir')) === 'rtl', 'the sentence is right-to-left');
  const mark = await sentence.locator('mark').textContent();
  check(/[\u0600-\u06FF]{2,}/.test(mark || ''), 'the evidence is highlighted in the Arabic/Persian sentence', mark);
  const font = await sentence.evaluate((e) => getComputedStyle(e).fontFamily);
  check(font.startsWith('Vazirmatn'), 'the sentence uses the Arabic/Persian font stack', font);
  check(await page.evaluate(() => document.fonts.check('17px Vazirmatn', 'روسيا')), 'the Vazirmatn font is loaded');
  check(await page.locator('#events li.event .sentence mark').count() >= n, 'every listed event has its evidence highlighted');

  // ---- the article behind an event ----
  await first.locator('button.link').click();
  await page.waitForSelector('#article-dialog[open]');
  const marks = await page.locator('#article-text mark').count();
  check(marks > 0, 'the article opens with its events\u2019 spans highlighted', `${marks} marks`);
  check((await page.locator('#article-events li.event').count()) > 0, 'the article lists its events');
  await page.click('#article-close');

  // ---- filters ----
  await page.click('#lang button[data-value="fa"]');
  await ready();
  const faLangs = await page.$$eval('#events .sentence', (els) => els.map((e) => e.lang));
  check(faLangs.length > 0 && faLangs.every((l) => l === 'fa'), 'the Persian filter shows Persian evidence only', faLangs.join(','));
  await page.click('#lang button[data-value=""]');
  await ready();
  await page.selectOption('#code', '04');
  await ready();
  const codes = await page.$$eval('#events .headline .code', (els) => els.map((e) => e.textContent));
  check(codes.length > 0 && codes.every((c) => c.startsWith('(04')), 'the event-type filter keeps consultations (04) only', codes.join(' '));
  await page.selectOption('#code', '');
  await ready();

  // ---- layout at two laptop sizes ----
  for (const [w, h] of [[1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(400);
    const layout = await page.evaluate(() => {
      const r = (sel) => document.querySelector(sel).getBoundingClientRect();
      const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      const pairs = [['.brand', '.search'], ['.search', '.stats'], ['.brand', '.stats'], ['.sidebar', '.main'],
        ['.summary', '.chart-card'], ['.chart-card', '.events-card'], ['#dyad-title', '#chips']];
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        overlaps: pairs.filter(([a, b]) => overlap(r(a), r(b))).map((p) => p.join(' / ')),
        chart: r('#timeline').height,
      };
    });
    check(layout.overflow <= 0, `${w}×${h}: no horizontal scrolling`, `${layout.overflow}px too wide`);
    check(layout.overlaps.length === 0, `${w}×${h}: no overlapping panels`, layout.overlaps.join(', '));
    check(layout.chart >= 200, `${w}×${h}: the chart is tall enough`, `${layout.chart}px`);
  }

  // ---- the screenshot: 2024 selected ----
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const again = await barPoint('2024');
  await page.mouse.click(again.x, again.y);
  await page.waitForFunction(() => document.getElementById('events-title').textContent === 'Events in 2024' && document.body.dataset.events === 'ready');
  await page.evaluate(() => window.scrollTo(0, 0));
  const p2008 = await barPoint('2008');  // its tooltip falls on empty years
  await page.mouse.move(p2008.x, p2008.y);
  await page.waitForSelector('#tooltip:not([hidden])', { timeout: 5000 });
  await page.waitForTimeout(300);
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`dashboard: screenshot ${screenshot}`);

  check(problems.length === 0, 'no page errors, console errors or failed requests', problems.join('; '));
} catch (e) {
  check(false, 'the browser session', e.stack || String(e));
} finally {
  await browser.close();
  const code = await stopServer();
  check(code === 0, 'rasad serve stops cleanly on SIGTERM', `exit ${code}`);
  fs.rmSync(work, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
