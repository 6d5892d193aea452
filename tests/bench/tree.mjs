// How long a check takes to show its verdict and draw its tree, and how long the page's main
// thread is blocked meanwhile, on the built dist/ served from 127.0.0.1, in headless Chromium:
//   cargo xtask build && node tests/bench/tree.mjs [--json out.json]
// For each spec (three examples, and a tree of about 20,000 nodes): from the click on Check to
// the verdict shown (`.summary[data-phase="done"]`), to the tree drawn (its first node in the
// DOM and its node count no longer changing), and the main thread's long tasks (over 50 ms, as
// the browser reports them) in that time: the longest, and how many took over 100 ms. A time
// "shown" or "drawn" is the start of the second frame after the DOM changed: the change has
// been laid out and painted by then. Each spec runs three times, each in a fresh page whose
// checker worker has started (and parsed the spec); the numbers are the medians. A benchmark,
// not a test: it prints numbers and asserts nothing.
import { readFile, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonPath = jsonAt >= 0 ? args[jsonAt + 1] : null;
if (jsonAt >= 0 && !jsonPath) throw new Error('usage: node tests/bench/tree.mjs [--json out.json]');
const RUNS = 3;
// The tree's node count must stay the same this long before the tree counts as drawn.
const STABLE_MS = 1000;

const wide = await readFile(join(root, 'tests', 'e2e', 'fixtures', 'interleavings.tla'), 'utf8');
// `open` brings a fresh page to the spec, ready to check.
const specs = [
  { name: 'Counter', open: (page) => loadExample(page, 'Counter') },
  { name: 'Wire', open: (page) => loadExample(page, 'Wire') },
  { name: 'Two phase', open: (page) => loadExample(page, 'Two phase') },
  {
    // Five workers, three steps each, to depth 7: about 19,500 nodes, as tests/e2e/tree.test.mjs
    // draws it (only the rows near the view are in the DOM).
    name: 'interleavings, depth 7',
    open: async (page) => {
      await page.evaluate((text) => document.querySelector('.editor').thicketEditor.setText(text), wide);
      await page.selectOption('#depth', '7');
    },
  },
];

/// Open an example from the gallery (the counter is the one shown at first).
async function loadExample(page, label) {
  if ((await page.locator('#example option:checked').innerText()) !== label) {
    await page.selectOption('#example', { label });
  }
}

/// Watch the page from now on: the click on Check, the summary of the next run done, the tree's
/// node count as it changes, and the long tasks. Times are the page's `performance.now()`.
function watch(page) {
  return page.evaluate(() => {
    const afterPaint = (set) => requestAnimationFrame(() => requestAnimationFrame(() => set(performance.now())));
    const run = Number(document.querySelector('.summary')?.dataset.run ?? 0) + 1;
    const b = (window.bench = { clicked: null, done: null, doneInDom: null, nodes: null, changed: null, drawn: null, longTasks: [] });
    document.addEventListener('click', (e) => {
      if (b.clicked === null && e.target.closest?.('#check')) b.clicked = performance.now();
    }, true);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    const look = () => {
      if (b.clicked === null) return;
      if (b.doneInDom === null && document.querySelector(`.summary[data-run="${run}"][data-phase="done"]`)) {
        b.doneInDom = performance.now();
        afterPaint((t) => (b.done = t));
      }
      const tree = document.querySelector('svg.tree');
      if (tree?.querySelector('.node') && tree.dataset.nodes !== b.nodes) {
        const change = (b.changed = performance.now());
        b.nodes = tree.dataset.nodes;
        afterPaint((t) => {
          if (b.changed === change) b.drawn = t;
        });
      }
    };
    new MutationObserver(look).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-phase', 'data-run', 'data-nodes'],
    });
  });
}

async function measure(browser, server, spec) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The page starts its worker on load (to parse the text); its wasm loaded, it is ready.
  const worker = page.waitForEvent('worker', { timeout: 30_000 });
  const wasm = page.waitForResponse((r) => r.url().endsWith('/worker_bg.wasm'), { timeout: 30_000 });
  await page.goto(server.url);
  await page.locator('.editor .cm-content').waitFor();
  await worker;
  await (await wasm).finished();
  await spec.open(page);
  // The spec's own parse (after a pause in typing) is answered.
  await page.waitForTimeout(1000);

  await watch(page);
  await page.click('#check');
  await page.waitForFunction(
    (stable) => {
      const b = window.bench;
      return b.done !== null && b.drawn !== null && performance.now() - b.changed > stable;
    },
    STABLE_MS,
    { timeout: 180_000, polling: 100 },
  );
  const b = await page.evaluate(() => window.bench);
  if (errors.length) throw new Error(`${spec.name}: ${errors.join('; ')}`);
  const inPeriod = b.longTasks.filter((t) => t.start + t.duration >= b.clicked && t.start <= b.drawn);
  const result = {
    nodes: Number(b.nodes),
    nodesInDom: await page.locator('svg.tree .node').count(),
    svgElements: await page.locator('svg.tree *').count(),
    verdictMs: b.done - b.clicked,
    treeMs: b.drawn - b.clicked,
    longestTaskMs: Math.max(0, ...inPeriod.map((t) => t.duration)),
    tasksOver100: inPeriod.filter((t) => t.duration > 100).length,
    longTasks: inPeriod.map((t) => ({ atMs: t.start - b.clicked, durationMs: t.duration })),
  };
  await context.close();
  return result;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer(join(root, 'dist'));
const browser = await launch();
const chromium = browser.version();
const results = [];
try {
  for (const spec of specs) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, server, spec));
    const of = (key) => median(runs.map((r) => r[key]));
    results.push({
      spec: spec.name,
      nodes: of('nodes'),
      nodesInDom: of('nodesInDom'),
      svgElements: of('svgElements'),
      median: {
        verdictMs: of('verdictMs'),
        treeMs: of('treeMs'),
        longestTaskMs: of('longestTaskMs'),
        tasksOver100: of('tasksOver100'),
      },
      runs,
    });
    process.stderr.write(`${spec.name}: done\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

const ms = (n) => `${n.toFixed(0)} ms`;
const header = ['spec', 'nodes', 'in DOM', 'Check → verdict', 'Check → tree drawn', 'longest task', 'tasks > 100 ms'];
const rows = results.map((r) => [
  r.spec,
  r.nodes.toLocaleString('en'),
  r.nodesInDom.toLocaleString('en'),
  ms(r.median.verdictMs),
  ms(r.median.treeMs),
  ms(r.median.longestTaskMs),
  String(r.median.tasksOver100),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`median of ${RUNS} runs, headless Chromium ${chromium}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

if (jsonPath) {
  const out = { chromium, runs: RUNS, date: new Date().toISOString(), results };
  await writeFile(jsonPath, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`written to ${jsonPath}`);
}
