// The playground's weight and time to interactive, on the built dist/ served from 127.0.0.1:
//   cargo xtask build && node tests/bench/page.mjs [runs]
// Weight: every file the page loads (wasm, JS, CSS, HTML), gzipped at level 9 as a server would
// send it. Time to interactive: from navigation to the first moment the editor takes typing and
// Check works (the app's wasm is running), in a fresh browser context each run (nothing cached),
// median of the runs. A benchmark, not a test: it prints numbers and asserts nothing.
import { readdir, readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const runs = Number(process.argv[2] ?? 7);

const kinds = { '.wasm': 'wasm', '.js': 'JS', '.css': 'CSS', '.html': 'HTML' };
const totals = {};
const rows = [];
for (const name of await readdir(dist)) {
  const path = join(dist, name);
  if (!(await stat(path)).isFile()) continue;
  const kind = kinds[extname(name)];
  if (!kind) continue;
  const raw = await readFile(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  rows.push({ name, raw: raw.length, gz });
  totals[kind] = (totals[kind] ?? 0) + gz;
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
for (const r of rows.sort((a, b) => b.gz - a.gz)) console.log(`${r.name.padEnd(44)} ${kb(r.raw).padStart(8)} raw ${kb(r.gz).padStart(8)} gzipped`);
const total = Object.values(totals).reduce((a, b) => a + b, 0);
console.log(`gzipped: ${Object.entries(totals).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}; total ${(total / 1024 / 1024).toFixed(2)} MB`);

const server = await startServer(dist);
const browser = await launch();
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => {
    const editor = document.querySelector('.editor .cm-content');
    const check = document.querySelector('#check');
    return editor?.getAttribute('contenteditable') === 'true' && check && !check.disabled;
  }, null, { polling: 'raf', timeout: 30_000 });
  times.push(await page.evaluate(() => performance.now()));
  await context.close();
}
await browser.close();
await server.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`time to interactive: median ${median.toFixed(0)} ms over ${runs} cold loads (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})`);
