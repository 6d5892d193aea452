// Real specs from the TLA+ Examples corpus (`../shared/corpus`, beside the repository), entered
// as a reader would: the module pasted into the editor with its .cfg embedded as a
// `(* --model ... *)` comment, the modules it uses in tabs of their own. The page's verdict and
// counts must be TLC's, as recorded in the spec's manifest.json, and the behavior tree drawn.
// One spec of each kind: PlusCal, plain TLA+ across modules (EXTENDS and INSTANCE), liveness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { artifacts, check, openPlayground, screenshot, setEditorText } from './harness.mjs';

const corpus = fileURLToPath(new URL('../../../shared/corpus/tlaplus-examples/', import.meta.url));
assert.ok(existsSync(corpus), `the corpus is expected beside the repository: ${corpus}`);

/// The model `folder/name.cfg` as the manifest records TLC's run of it (one manifest for each
/// specification, in the folder under `specifications/` that `folder` starts with).
async function tlcResult(folder, name) {
  const spec = folder.split('/')[0];
  const manifest = JSON.parse(await readFile(join(corpus, 'specifications', spec, 'manifest.json'), 'utf8'));
  const path = `specifications/${folder}/${name}.cfg`;
  const model = manifest.modules.flatMap((m) => m.models).find((m) => m.path === path);
  assert.ok(model, `${path} is in the manifest`);
  assert.equal(model.mode, 'exhaustive search', `${path}: TLC searched every state`);
  return model;
}

const read = (folder, file) => readFile(join(corpus, 'specifications', folder, file), 'utf8');

/// The module's text with the model inside it, just before the line that ends the module (the
/// first `====`: text after it, which some corpus modules have, is outside the module).
function withModel(module, cfg) {
  const lines = module.split('\n');
  const end = lines.findIndex((line) => /^={4,}\s*$/.test(line));
  assert.ok(end >= 0, 'the module ends with ====');
  assert.ok(!cfg.includes('*)'), 'the model fits in a comment');
  return [...lines.slice(0, end), '(* --model', cfg.trimEnd(), '*)', ...lines.slice(end)].join('\n');
}

/// The invariants and properties a .cfg names (each the page lists, maybe in parts).
function namedInModel(cfg) {
  const words = cfg
    .replace(/\\\*.*$/gm, '')
    .split(/\s+/)
    .filter(Boolean);
  const keywords = /^(CONSTANTS?|INIT|NEXT|SPECIFICATION|INVARIANTS?|PROPERTY|PROPERTIES|CONSTRAINTS?|ACTION_CONSTRAINTS?|SYMMETRY|VIEW|CHECK_DEADLOCK|ALIAS|POSTCONDITION)$/;
  const names = [];
  let listing = false;
  for (const word of words) {
    if (keywords.test(word)) listing = /^(INVARIANTS?|PROPERTY|PROPERTIES)$/.test(word);
    else if (listing) names.push(word);
  }
  return names;
}

/// Add a tab with the `+`, name it as a reader types it, and paste `text` into it.
async function addTab(page, name, text) {
  await page.click('#add-tab');
  const box = page.locator('.tab-rename');
  await box.fill(name);
  await box.press('Enter');
  await page.locator(`.tab.active[data-tab="${name}.tla"]`).waitFor();
  await setEditorText(page, text);
}

/// The tabs whose `checked` badge is cut off by the edge of the tab's name button.
function clippedBadges(page) {
  return page.locator('.tab .tab-checked').evaluateAll((badges) =>
    badges
      .filter((badge) => badge.getBoundingClientRect().right > badge.closest('.tab-name').getBoundingClientRect().right)
      .map((badge) => badge.closest('.tab').dataset.tab),
  );
}

/// The nodes drawn on two lines whose first line stops inside a word (`@@ 4 :` then `> 0)`).
function splitWords(page) {
  return page.locator('svg.tree .node:has(text.node-data.more)').evaluateAll((nodes) =>
    nodes
      .map((n) => [n.dataset.text, n.querySelector('text.node-data').textContent])
      .filter(([whole, first]) => whole[first.length] !== ' ')
      .map(([whole, first]) => `${first} | ${whole}`),
  );
}

const count = (text) => Number(text.replaceAll(',', ''));

/// Enter `folder/main.tla` with its model and its `modules` in tabs, check it, and compare
/// with TLC's recorded run; the screenshot is `corpus-<shot>`.
async function checkCorpusSpec({ folder, main, modules = [], shot }) {
  const tlc = await tlcResult(folder, main);
  const cfg = await read(folder, `${main}.cfg`);
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, withModel(await read(folder, `${main}.tla`), cfg));
  await page.locator(`.tab.main[data-tab="${main}.tla"]`).waitFor();
  for (const module of modules) await addTab(page, module, await read(folder, `${module}.tla`));
  assert.deepEqual(await clippedBadges(page), [], 'the main tab says, in full, that it is the one checked');

  await check(page);
  await screenshot(page, `corpus-${shot}`);
  assert.equal(tlc.result, 'success', 'TLC found no error');
  assert.equal(await page.locator('.summary .status').getAttribute('class'), 'status ok');
  const verdicts = await page.locator('.summary .property').evaluateAll((ps) =>
    ps.map((p) => ({ name: p.dataset.property, verdict: p.dataset.verdict, kind: p.querySelector('.property-kind').textContent })),
  );
  assert.deepEqual(verdicts.filter((p) => p.verdict !== 'holds'), [], 'every property holds, as TLC found');
  const listed = new Set(verdicts.map((p) => p.name));
  for (const name of namedInModel(cfg)) assert.ok(listed.has(name), `${name} is checked: ${[...listed]}`);

  const [distinct, generated, depth] = (await page.locator('.summary .stat dd').allInnerTexts()).slice(0, 3).map(count);
  assert.deepEqual(
    { distinct, generated, depth },
    { distinct: tlc.distinctStates, generated: tlc.totalStates, depth: tlc.stateDepth },
    "the counts are TLC's",
  );

  const tree = page.locator('svg.tree');
  await tree.locator('.node').first().waitFor();
  const nodes = Number(await tree.getAttribute('data-nodes'));
  assert.ok(nodes > 1, `the tree shows ${nodes} nodes`);
  assert.ok((await tree.locator('.node[data-depth="2"]').count()) > 0, 'the tree goes past the initial states');
  assert.deepEqual(await splitWords(page), [], 'a node on two lines breaks between words');
  const card = page.locator('.tree-card');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(artifacts, `corpus-${shot}-tree.png`) });
  assert.deepEqual(errors, []);
  await context.close();
  return verdicts;
}

/// The kind the page gives each of `names`.
const kinds = (verdicts, names) => names.map((name) => verdicts.find((p) => p.name === name)?.kind);

test('PlusCal: TeachingConcurrency/Simple checks as TLC does, and its tree is drawn', async () => {
  await checkCorpusSpec({ folder: 'TeachingConcurrency', main: 'Simple', shot: 'pluscal' });
});

test('TLA+ across modules: MCAlternatingBit (EXTENDS AlternatingBit, INSTANCE ABCorrectness) in three tabs', async () => {
  const verdicts = await checkCorpusSpec({
    folder: 'SpecifyingSystems/TLC',
    main: 'MCAlternatingBit',
    modules: ['AlternatingBit', 'ABCorrectness'],
    shot: 'instance',
  });
  // ABCSpec is the instantiated module's specification (the refinement), checked over behaviors.
  assert.deepEqual(kinds(verdicts, ['ABTypeInv', 'ABCSpec']), ['invariant', 'temporal property']);
});

test('liveness: SimpleAllocator, its fairness and three liveness properties, holds as TLC found', async () => {
  const verdicts = await checkCorpusSpec({ folder: 'allocator', main: 'SimpleAllocator', shot: 'liveness' });
  const liveness = ['ClientsWillReturn', 'ClientsWillObtain', 'InfOftenSatisfied'];
  assert.deepEqual(kinds(verdicts, liveness), liveness.map(() => 'temporal property'));
});
