// Specs of several modules: two modules one after the other in one text, the same spec in two
// tabs (a tab added and named, checked, kept across a reload, shared by a link), and an error
// in a module's tab marked in that tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { check, editorText, env, openPlayground, screenshot, setEditorText, verdict } from './harness.mjs';
import { watchErrors } from './browser.mjs';

const counter = [
  '---- MODULE Counter ----',
  'EXTENDS Naturals',
  'CONSTANT N',
  'VARIABLE x',
  'Init == x = 0',
  "Next == x < N /\\ x' = x + 1",
  'Done == x = N',
  '====',
  '',
].join('\n');

// Two counters as instances of one module: both done is reached after 5 steps.
const mc = [
  '---- MODULE MC ----',
  'EXTENDS Naturals',
  'VARIABLES a, b',
  'A == INSTANCE Counter WITH x <- a, N <- 2',
  'B == INSTANCE Counter WITH x <- b, N <- 3',
  'Init == A!Init /\\ B!Init',
  'Next == (A!Next /\\ UNCHANGED b) \\/ (B!Next /\\ UNCHANGED a)',
  'Inv == ~(A!Done /\\ B!Done)',
  '(* --model',
  'INIT Init',
  'NEXT Next',
  'INVARIANT Inv',
  '*)',
  '====',
  '',
].join('\n');

async function tabNames(page) {
  return page.locator('.tab').evaluateAll((tabs) => tabs.map((t) => t.dataset.tab));
}

/// The verdict, the counts and the tree a check ends with, to compare two checks.
async function outcome(page) {
  await check(page);
  const tree = page.locator('svg.tree');
  await tree.waitFor();
  return {
    inv: await verdict(page, 'Inv'),
    // Distinct states, states generated, depth (not the time).
    stats: (await page.locator('.summary .stat dd').allInnerTexts()).slice(0, 3),
    nodes: await tree.locator('.node').count(),
    counterexample: await tree.locator('.node.cx').count(),
  };
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

let oneText;
let twoTabLink;

test('two modules one after the other in one text: the last is checked, with its verdict and tree', async () => {
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, counter + mc);
  await page.locator('.tab.main[data-tab="MC.tla"]').waitFor();
  oneText = await outcome(page);
  assert.equal(oneText.inv, 'violated');
  assert.equal(oneText.counterexample, 6, 'the shortest counterexample has 6 states');
  assert.ok(oneText.nodes > 6, `${oneText.nodes} nodes`);
  await screenshot(page, 'modules-one-text');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same spec in two tabs checks the same, is kept across a reload, and a link brings both tabs', async () => {
  const { page, errors, context } = await openPlayground({ colorScheme: 'light' });
  await setEditorText(page, mc);
  await addTab(page, 'Counter', counter);
  assert.deepEqual(await tabNames(page), ['MC.tla', 'Counter.tla']);
  assert.equal(await page.locator('.tab.main .tab-checked').count(), 1, 'the main tab is marked as the one checked');
  const twoTabs = await outcome(page);
  assert.deepEqual(twoTabs, oneText ?? twoTabs);
  assert.equal(twoTabs.inv, 'violated');
  await screenshot(page, 'modules-two-tabs-light');

  // Autosaved: both tabs come back.
  await page.reload();
  await page.locator('.editor .cm-content').waitFor();
  assert.deepEqual(await tabNames(page), ['MC.tla', 'Counter.tla']);
  await page.click('.tab[data-tab="Counter.tla"] .tab-name');
  assert.equal(await editorText(page), counter);

  await page.click('#share-menu');
  await page.click('#copy-link');
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /#v2\.[A-Za-z0-9_-]+$/);
  twoTabLink = link;
  assert.deepEqual(errors, []);
  await context.close();

  const context2 = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: 'dark' });
  const reader = await context2.newPage();
  const readerErrors = watchErrors(reader);
  await reader.goto(link);
  await reader.locator('.editor .cm-content').waitFor();
  assert.deepEqual(await tabNames(reader), ['MC.tla', 'Counter.tla']);
  assert.equal(await editorText(reader), mc);
  assert.deepEqual(await outcome(reader), twoTabs);
  await reader.click('.tab[data-tab="Counter.tla"] .tab-name');
  assert.equal(await editorText(reader), counter);
  await screenshot(reader, 'modules-link-opened-dark');
  assert.deepEqual(readerErrors, []);
  await context2.close();
});

test('the widget shows both tabs of a link and checks them together', async () => {
  assert.ok(twoTabLink, 'the test before made the link');
  const context = await env.browser.newContext({ viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(twoTabLink.replace('/#', '/?embed#'));
  await page.locator('.editor .cm-content').waitFor();
  assert.deepEqual(await tabNames(page), ['MC.tla', 'Counter.tla']);
  assert.equal((await outcome(page)).inv, 'violated');
  // Its way out to the full page keeps both files.
  const out = await page.locator('#open-in-thicket').getAttribute('href');
  assert.match(out, /#v2\./);
  await screenshot(page, 'modules-widget');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an error inside a module tab is marked in that tab, and the tab says it has errors', async () => {
  const { page, errors, context } = await openPlayground({ colorScheme: 'dark' });
  await setEditorText(page, mc);
  await addTab(page, 'Counter', counter.replace('x + 1', 'y + 1'));
  const tab = page.locator('.tab.has-errors[data-tab="Counter.tla"]');
  await tab.waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('.tab.main.has-errors').count(), 0, 'the main tab has no error');
  // (Reported once for each instance of the module.)
  const problem = page.locator('.diagnostic.error[data-file="Counter.tla"]').first();
  await problem.waitFor();
  assert.match(await problem.getAttribute('data-location'), /^Counter\.tla 6:/);
  // The marker is in the module's tab, under the line that is wrong.
  const marker = page.locator('.editor .cm-lintRange-error').first();
  await marker.waitFor();
  const line = await marker.evaluate((el) => el.closest('.cm-line').textContent);
  assert.match(line, /^Next == /);
  await screenshot(page, 'modules-error-in-tab-dark');

  // The main tab shows no marker: the error is not in its text.
  await page.click('.tab.main .tab-name');
  await page.locator('.editor .cm-content', { hasText: 'MODULE MC' }).waitFor();
  assert.equal(await page.locator('.editor .cm-lintRange-error').count(), 0);

  // Fixed, the tab is clear again.
  await page.click('.tab[data-tab="Counter.tla"] .tab-name');
  await setEditorText(page, counter);
  await tab.waitFor({ state: 'detached', timeout: 20_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a module tab is renamed by a double-click, and its menu makes it the one checked', async () => {
  const { page, errors, context } = await openPlayground();
  await setEditorText(page, mc);
  await addTab(page, 'Counter', counter);
  await page.dblclick('.tab[data-tab="Counter.tla"] .tab-name');
  await page.locator('.tab-rename').fill('Counting.tla');
  await page.locator('.tab-rename').press('Enter');
  await page.locator('.tab.active[data-tab="Counting.tla"]').waitFor();
  // A name no module could have is refused: the tab keeps its name.
  await page.dblclick('.tab[data-tab="Counting.tla"] .tab-name');
  await page.locator('.tab-rename').fill('not a name');
  await page.locator('.tab-rename').press('Enter');
  assert.deepEqual(await tabNames(page), ['MC.tla', 'Counting.tla']);

  await page.click('#tab-menu');
  await screenshot(page, 'modules-tab-menu');
  await page.click('#check-this-tab');
  // The main tab is named after the module it holds.
  await page.locator('.tab.main.active[data-tab="Counter.tla"]').waitFor();
  assert.deepEqual(await tabNames(page), ['Counter.tla', 'MC.tla']);
  assert.equal(await editorText(page), counter);
  assert.deepEqual(errors, []);
  await context.close();
});
