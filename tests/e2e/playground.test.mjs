// The learner's first journey: open the page, find the counter, Check, see AllPositiveGets
// violated and its shortest counterexample lit up in the behavior tree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import { startServer } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'dist');
const artifacts = join(here, 'artifacts');

let server;
let browser;

before(async () => {
  await mkdir(artifacts, { recursive: true });
  server = await startServer(dist);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('checking the counter shows AllPositiveGets violated and highlights its counterexample', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(server.url);

  const editor = page.locator('.editor');
  await editor.waitFor();
  assert.match(await editorText(page), /---- MODULE counter ----/);

  await page.click('#check');
  const summary = page.locator('.summary[data-phase="done"], .summary[data-phase="failed"]');
  await summary.waitFor({ timeout: 60_000 });
  if ((await summary.getAttribute('data-phase')) !== 'done') {
    await page.screenshot({ path: join(artifacts, 'counter-failed.png'), fullPage: true });
    assert.fail(`the check did not finish: ${await summary.innerText()}`);
  }

  const verdict = (name) => page.locator(`.property[data-property="${name}"]`).getAttribute('data-verdict');
  assert.equal(await verdict('AllPositiveGets'), 'violated');
  assert.equal(await verdict('NoNegativeGets'), 'holds');

  // The tree is drawn, and the shortest counterexample (Init, then the steps Idle and Get) is
  // highlighted: its nodes and edges carry the highlight class.
  const tree = page.locator('svg.tree');
  await tree.waitFor();
  await page.screenshot({ path: join(artifacts, 'counter-checked.png'), fullPage: true });
  const cxNodes = tree.locator('.node.cx');
  assert.equal(await cxNodes.count(), 3, 'Init, Idle and Get states are on the counterexample');
  const depths = await cxNodes.evaluateAll((nodes) => nodes.map((n) => Number(n.dataset.depth)).sort());
  assert.deepEqual(depths, [1, 2, 3]);
  const cxLabels = await tree.locator('.edge.cx').evaluateAll((edges) => edges.map((e) => e.dataset.label));
  assert.deepEqual(cxLabels.sort(), ['Get', 'Idle']);
  const stroke = await tree.locator('.edge.cx path').first().evaluate((p) => getComputedStyle(p).stroke);
  assert.equal(stroke, 'rgb(217, 72, 15)', 'the counterexample is drawn in the highlight colour');
  assert.ok((await tree.locator('.node').count()) > 10, 'the tree shows more than the counterexample');

  // The end of the counterexample is selected, and its state shows ret = 0.
  const panel = page.locator('.state-panel');
  await panel.locator('th', { hasText: 'ret' }).waitFor();
  assert.match(await panel.innerText(), /ret\s+0/);

  // Clicking another node shows its state.
  await tree.locator('.node[data-depth="1"]').click();
  assert.match(await panel.innerText(), /state at depth 1/i);

  assert.deepEqual(errors, []);
  await page.close();
});

async function editorText(page) {
  return page.evaluate(() => {
    const cm = document.querySelector('.editor .cm-content');
    if (cm) return cm.innerText;
    return document.querySelector('.editor textarea')?.value ?? '';
  });
}
