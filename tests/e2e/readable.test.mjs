// The behavior tree reads at once on specs with more than a counter's variables: a node says
// what its step changed, no two states of one depth read alike, an edge names the process and
// the action, the reader chooses the variables (remembered, kept in links), the tree fills the
// window, and the verdict is on the page before the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { check, openPlayground, screenshot } from './harness.mjs';

/// Every node drawn: its depth, distinct state, and what it says (both lines).
function drawnNodes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg.tree .node')].map((n) => ({
      depth: Number(n.dataset.depth),
      state: n.dataset.state,
      main: n.dataset.text,
      text: `${n.dataset.text} | ${n.dataset.context ?? ''}`,
      shown: [...n.querySelectorAll('text.node-data, text.node-pc')].map((t) => t.textContent).join(' | '),
    })),
  );
}

/// Nodes of one depth with different states but the same words.
function lookAlikes(nodes) {
  const byText = new Map();
  for (const n of nodes) {
    const key = `${n.depth}: ${n.text}`;
    if (!byText.has(key)) byText.set(key, new Set());
    byText.get(key).add(n.state);
  }
  return [...byText].filter(([, states]) => states.size > 1).map(([key]) => key);
}

function edgeNames(page) {
  return page.evaluate(() => [...document.querySelectorAll('svg.tree .edge')].map((e) => e.dataset.step));
}

async function openExample(page, name) {
  await page.selectOption('#example', { label: name });
  await check(page);
  await page.locator('svg.tree .node').first().waitFor();
}

test('Two phase: nodes say what changed, distinct states read apart, edges name the process', async () => {
  const { page, errors, context } = await openPlayground();
  await openExample(page, 'Two phase');
  const nodes = await drawnNodes(page);
  assert.ok(nodes.length > 50, `${nodes.length} nodes`);
  assert.deepEqual(lookAlikes(nodes), []);
  const texts = nodes.map((n) => n.text);
  assert.ok(texts.some((t) => t.startsWith('rmState[r2] = "prepared"')), texts.slice(0, 8).join('\n'));
  assert.ok(texts.some((t) => t.includes('msgs ∪ {[rm |-> "r1", type |-> "prepared"]}')));
  const edges = await edgeNames(page);
  assert.ok(edges.includes('r1: Vote') && edges.includes('r2: Vote'), edges.slice(0, 8).join(', '));
  assert.ok(edges.includes('tm: Collect'), edges.join(', '));
  // The root and the start of the tree are in view at a readable zoom.
  const zoom = Number((await page.locator('.zoom-level').innerText()).replace('%', ''));
  assert.ok(zoom >= 80, `opens at ${zoom}%`);
  await page.locator('svg.tree .node[data-depth="1"]').first().waitFor();
  assert.ok(await inView(page, 'svg.tree .node[data-depth="1"]'), 'the root is in view');
  await screenshot(page, 'tree-two-phase');
  assert.deepEqual(errors, []);
  await context.close();
});

/// Whether the first element matching `selector` is inside the tree's viewport.
function inView(page, selector) {
  return page.evaluate((selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    const view = document.querySelector('.tree-scroll').getBoundingClientRect();
    return box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom;
  }, selector);
}

test('Wire: the counterexample names each transfer, and the reader chooses the variables', async () => {
  const { page, errors, context } = await openPlayground();
  await openExample(page, 'Wire');
  // The counterexample's cards: which transfer moved and what it changed.
  const cards = await page.locator('.trace-step').evaluateAll((steps) =>
    steps.map((s) => `${s.querySelector('.trace-label').textContent} / ${s.querySelector('.trace-state').textContent}`));
  assert.equal(cards.at(-1), '2: Withdraw / acct[alice] = -1', cards.join('\n'));
  assert.ok(cards.some((c) => c.startsWith('1: Withdraw / acct[alice] = ')), cards.join('\n'));
  const nodes = await drawnNodes(page);
  assert.deepEqual(lookAlikes(nodes), []);
  const edges = await edgeNames(page);
  assert.ok(edges.includes('1: CheckBalance') && edges.includes('2: Withdraw'), edges.slice(0, 8).join(', '));

  // Show only acct: nodes say nothing of amnt but what tells them apart.
  await page.click('#var-chooser summary');
  for (const v of ['amnt', 'from', 'to']) {
    await page.locator(`#var-chooser [data-var="${v}"] input`).uncheck();
  }
  assert.match(await page.locator('#var-chooser summary').innerText(), /1 of 5/);
  const acctOnly = await drawnNodes(page);
  const described = acctOnly.filter((n) => n.depth > 1).map((n) => n.main);
  // A step that changes acct says how; one that does not shows acct's value, marked unchanged.
  assert.ok(described.every((t) => t.startsWith('acct[') || t.startsWith('acct = ')), described.join('\n'));
  assert.ok(described.some((t) => t.startsWith('acct[')), described.join('\n'));
  assert.deepEqual(lookAlikes(acctOnly), []);
  await screenshot(page, 'tree-wire-acct-only');

  // Remembered across a reload, and kept in a share link.
  await page.reload();
  await page.locator('.editor .cm-content').waitFor();
  await check(page);
  await page.locator('svg.tree .node').first().waitFor();
  assert.match(await page.locator('#var-chooser summary').innerText(), /1 of 5/);
  await page.click('#share-menu');
  await page.click('#copy-link');
  const link = await page.locator('#share-link').inputValue();
  const fresh = await openPlayground();
  // Only the fragment differs from the page it is on: load it as a reader opening it would.
  await fresh.page.goto(link);
  await fresh.page.reload();
  await fresh.page.locator('svg.tree .node').first().waitFor();
  assert.match(await fresh.page.locator('#var-chooser summary').innerText(), /1 of 5/);
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();

  assert.deepEqual(errors, []);
  await context.close();
});

test('the counter: each depth reads apart; the tree fills the window and Esc brings it back', async () => {
  const { page, errors, context } = await openPlayground();
  await check(page);
  await page.locator('svg.tree .node').first().waitFor();
  assert.deepEqual(lookAlikes(await drawnNodes(page)), []);
  const edges = await edgeNames(page);
  assert.ok(edges.includes('get()') && edges.includes('-> 0'), edges.join(', '));

  const before = await page.locator('.tree-scroll').boundingBox();
  await page.click('#tree-full');
  await page.locator('.explorer.full').waitFor();
  const full = await page.locator('.tree-scroll').boundingBox();
  assert.ok(full.width > before.width + 100 && full.height > before.height + 100, `${JSON.stringify(before)} → ${JSON.stringify(full)}`);
  await screenshot(page, 'tree-full-window');
  await page.keyboard.press('Escape');
  await page.locator('.explorer:not(.full)').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the verdict is on the page before the tree is drawn', async () => {
  const { page, errors, context } = await openPlayground();
  await page.selectOption('#example', { label: 'Wire' });
  await page.selectOption('#depth', '8');
  await page.evaluate(() => {
    window.seen = {};
    const watch = new MutationObserver(() => {
      const now = performance.now();
      if (!window.seen.verdict && document.querySelector('.property[data-verdict="violated"]')) window.seen.verdict = now;
      if (!window.seen.tree && document.querySelector('svg.tree .node')) window.seen.tree = now;
    });
    watch.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  await check(page);
  await page.locator('svg.tree .node').first().waitFor();
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.verdict && seen.tree, JSON.stringify(seen));
  assert.ok(seen.verdict < seen.tree, `verdict at ${seen.verdict} ms, tree at ${seen.tree} ms`);
  console.log(`verdict ${Math.round(seen.tree - seen.verdict)} ms before the tree`);
  assert.deepEqual(errors, []);
  await context.close();
});
