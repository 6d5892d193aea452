// How fast the page checks: a spec of specs/bench/ checked in the playground's worker (wasm, one
// thread) in headless Chromium, as a reader would, the page's own statistics read back:
//   cargo xtask build && node tests/bench/check.mjs [spec]      (default: specs/bench/tally3.tla)
// A benchmark, not a test: it prints numbers and asserts nothing.
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const specPath = process.argv[2] ?? join(root, 'specs', 'bench', 'tally3.tla');
const spec = await readFile(specPath, 'utf8');

const server = await startServer(join(root, 'dist'));
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
const page = await context.newPage();
await page.goto(server.url);
await page.locator('.editor .cm-content').waitFor();
await page.evaluate((text) => document.querySelector('.editor').thicketEditor.setText(text), spec);
const started = Date.now();
await page.click('#check');
await page.locator('.summary[data-phase="done"], .summary[data-phase="failed"]').waitFor({ timeout: 600_000 });
const wall = Date.now() - started;
const stats = await page.evaluate(() =>
  Object.fromEntries([...document.querySelectorAll('.stats .stat')].map((s) => [s.querySelector('dt').textContent, s.querySelector('dd').textContent])),
);
console.log(`${specPath}: ${JSON.stringify(stats)}; wall time from Check to the tree drawn ${(wall / 1000).toFixed(1)} s`);
await browser.close();
await server.close();
